import KhabarCore

/// The whole `khabar-train` run: word classes, name list, model selection on
/// a dev split carved from train, then the final model on all of train.
public enum NERTraining {
  public struct Options: Sendable {
    public var trainPath: String
    public var newsArchive: String?
    public var geonamesCities: String?
    public var dataDirectory: String
    public var maxEpochs = 25
    public var devFraction = 0.1
    public var slotBits = 20
    public var seed: UInt64 = 4
    public var reuseClusters = false
    public var dropout = 0.0
    /// Cost-augmented training: see `PerceptronTrainer.margin` and `recallMargin`.
    public var margin: Float = 0
    public var recallMargin: Float = 0
    public var autoNames = true
    /// Also names read off the news by the words that introduce them (`PatternNames`).
    public var patternNames = true
    /// The training objective: "perceptron" (averaged structured perceptron) or "crf" (`CRFTrainer`).
    public var objective = "perceptron"
    /// `CRFTrainer.l2` and `CRFTrainer.learningRate`.
    public var crfL2 = 0.2
    public var crfRate = 0.05
    /// Experiments: stop after model selection (dev scores only; the committed models are not written).
    public var devOnly = false
    /// Also write the dev sentences as `TOKEN GOLD PREDICTED` lines here (error analysis).
    public var devDump: String?
    /// Experiments: take dev from block `devBlock` of 10 instead of the last 10% (0–9; 9 is the usual dev).
    public var devBlock = 9
    public init(trainPath: String, newsArchive: String?, geonamesCities: String?, dataDirectory: String) {
      self.trainPath = trainPath
      self.newsArchive = newsArchive
      self.geonamesCities = geonamesCities
      self.dataDirectory = dataDirectory
    }
  }

  public static func run(_ o: Options, log: (String) -> Void) throws {
    let clustersPath = "\(o.dataDirectory)/\(NERTagger.Files.clusters)"
    try FileIO.makeDirectories("\(o.dataDirectory)/clusters")
    try FileIO.makeDirectories("\(o.dataDirectory)/models")
    if !(o.reuseClusters && FileIO.exists(clustersPath)) {
      guard let archive = o.newsArchive else { throw NERModelError("no --news archive to learn word classes from") }
      var clusterer = WordClusterer()
      try NewsCorpus.forEachLine(archive: archive) { line in
        NewsCorpus.tokenize(line) { clusterer.add($0) }
        clusterer.addBoundary()
      }
      let (words, stems) = clusterer.learn(log: log)
      for (list, path) in [(words, clustersPath), (stems, "\(o.dataDirectory)/\(NERTagger.Files.stemClusters)")] {
        var out = ""
        for c in list {
          out += String(String.UnicodeScalarView(c.form.compactMap(Unicode.Scalar.init)))
          for k in c.classes { out += "\t\(k)" }
          out += "\n"
        }
        try FileIO.writeAtomically(Array(out.utf8), to: path)
        log("clusters: wrote \(list.count) rows to \(path)")
      }
    }
    let names = try GazetteerBuilder.build(dataDirectory: o.dataDirectory, geonamesCities: o.geonamesCities, log: log)
    try FileIO.writeAtomically(Array(names.map { $0 + "\n" }.joined().utf8), to: "\(o.dataDirectory)/\(NERTagger.Files.names)")
    log("names: wrote \(names.count) names")

    let autoPath = "\(o.dataDirectory)/\(NERTagger.Files.autoNames)"
    FileIO.remove(autoPath)
    let baseLexicon = try NERTagger.loadLexicon(dataDirectory: o.dataDirectory)
    var labeled = try LabeledCorpus.read(path: o.trainPath)
    if o.devBlock != 9 {
      // Move block `devBlock` (of 10, counted in whole documents) to the end, where dev is taken from.
      let size = (labeled.count / 10 / documentSize) * documentSize
      let r = (o.devBlock * size)..<((o.devBlock + 1) * size)
      labeled = Array(labeled[..<r.lowerBound]) + Array(labeled[r.upperBound...]) + Array(labeled[r])
    }
    let sentences = labeled.map { NERSentence(words: $0.words) }
    let devCount = Int(Double(sentences.count) * o.devFraction)
    let selection = 0..<(sentences.count - devCount), dev = selection.upperBound..<sentences.count
    func featurize(_ lexicon: NERLexicon) -> [PerceptronTrainer.Example] {
      let extractor = FeatureExtractor(lexicon: lexicon, slotBits: o.slotBits)
      return zip(sentences, labeled).map { PerceptronTrainer.Example(slots: extractor.extract($0), labels: $1.labels) }
    }

    // 0. Automatic names from the news, induced by a plain model: for selection
    //    from the selection part only (so dev stays unseen), for the final model from all of train.
    var selectionLexicon = baseLexicon, finalLexicon = baseLexicon
    var autoLines: [String] = []
    if o.autoNames, let archive = o.newsArchive {
      let news = try AutoNames.sentences(archive: archive)
      let baseExtractor = FeatureExtractor(lexicon: baseLexicon, slotBits: o.slotBits)
      let plain = featurize(baseLexicon)
      let plainTrainer = PerceptronTrainer(extractor: baseExtractor, seed: o.seed, dropout: 0)
      let framed = o.patternNames ? PatternNames.harvest(news: news) : []
      if o.patternNames { log("pattern names: \(framed.count) names follow the words that introduce names") }
      let selectionModel = plainTrainer.train(Array(plain[selection]), epochs: 10)
      let selectionLines = AutoNames.induce(model: selectionModel, extractor: baseExtractor, news: news)
      selectionLexicon.addNames(lines: selectionLines + framed, automatic: true)
      if !o.devOnly {
        let fullModel = plainTrainer.train(plain, epochs: 10)
        autoLines = Array(Set(AutoNames.induce(model: fullModel, extractor: baseExtractor, news: news) + framed)).sorted()
        finalLexicon.addNames(lines: autoLines, automatic: true)
      }
      log("automatic names: \(news.count) news sentences tagged, \(autoLines.count) names kept")
    }

    let extractor = FeatureExtractor(lexicon: selectionLexicon, slotBits: o.slotBits)
    var examples = featurize(selectionLexicon)
    log("train: \(selection.count) sentences for selection, \(dev.count) dev sentences (the last \(Int(o.devFraction * 100))% of train); documents = blocks of \(documentSize) sentences")
    var trainer = makeTrainer(o, extractor)

    // 1. First pass: pick the epoch count on dev.
    let (baseEpochs, baseScore, baseScale, baseOnSelection) = select(
      trainer, Array(examples[selection]), Array(examples[dev]), o.maxEpochs, "first pass", log)

    // 2. Second pass: first-pass labels by jackknife on the selection part, by the selected model on dev.
    let selectionFirst = jackknife(trainer, Array(examples[selection]), epochs: baseEpochs)
    let devFirst = examples[dev].map { baseOnSelection.decode(slots: $0.slots, tokenCount: $0.labels.count).labels }
    let stackedSelection = stacked(extractor, Array(sentences[selection]), selectionFirst, Array(examples[selection]))
    let stackedDev = stacked(extractor, Array(sentences[dev]), devFirst, Array(examples[dev]))
    let (docEpochs, docPlainScore, docScale, docModel) = select(trainer, stackedSelection, stackedDev, o.maxEpochs, "second pass", log)
    // The O bias of the second pass, on dev: steps of 1/8 of the cert scale.
    var docScore = docPlainScore, bias: Float = 0
    for step in 1...8 {
      var m = docModel
      m.outsideBias = Float(step) * docScale / 8
      let (score, _) = evaluate(m, stackedDev)
      log("second pass O bias \(m.outsideBias): dev F1 \(fmt(score.prf().f1))")
      if score.prf().f1 > docScore.prf().f1 {
        docScore = score
        bias = m.outsideBias
      }
    }
    log("second pass: O bias \(bias), dev F1 \(fmt(docScore.prf().f1))")
    for (t, name) in NERLabels.types.enumerated() {
      let f = docScore.prf(t)
      log("dev \(name): P \(fmt(f.precision)) R \(fmt(f.recall)) F1 \(fmt(f.f1))")
    }
    if let path = o.devDump {
      var m = docModel
      m.outsideBias = bias
      var text = ""
      for (i, ex) in zip(dev, stackedDev) {
        let predicted = m.decode(slots: ex.slots, tokenCount: ex.labels.count).labels
        for t in ex.labels.indices {
          text += "\(labeled[i].words[t]) \(NERLabels.tag(of: ex.labels[t])) \(NERLabels.tag(of: predicted[t]))\n"
        }
        text += "\n"
      }
      try FileIO.writeAtomically(Array(text.utf8), to: path)
    }
    if o.devOnly { return }

    // 3. Final models on all of train, with the automatic names induced from all of train.
    if !autoLines.isEmpty {
      try FileIO.writeAtomically(Array(autoLines.map { $0 + "\n" }.joined().utf8), to: autoPath)
    }
    log("lexicon: wrote \(try LexiconFile.write(dataDirectory: o.dataDirectory)) bytes to \(NERTagger.Files.lexicon)")
    let finalExtractor = FeatureExtractor(lexicon: finalLexicon, slotBits: o.slotBits)
    examples = featurize(finalLexicon)
    trainer = makeTrainer(o, finalExtractor)
    log("final: first pass \(baseEpochs) epochs, second pass \(docEpochs) epochs, on all \(examples.count) sentences")
    var base = trainer.train(examples, epochs: baseEpochs)
    base.certScale = baseScale
    let allFirst = jackknife(trainer, examples, epochs: baseEpochs)
    var documentModel = trainer.train(stacked(finalExtractor, sentences, allFirst, examples), epochs: docEpochs)
    documentModel.certScale = docScale
    documentModel.outsideBias = bias
    for (model, file) in [(base, NERTagger.Files.model), (documentModel, NERTagger.Files.documentModel)] {
      let bytes = model.serialized()
      try FileIO.writeAtomically(bytes, to: "\(o.dataDirectory)/\(file)")
      log("model: wrote \(bytes.count) bytes to \(file)")
    }
    try FileIO.writeAtomically(summary(o, baseEpochs, baseScore, docEpochs, bias, docScore, selection.count, dev.count),
                               to: "\(o.dataDirectory)/\(NERTagger.Files.summary)")
  }

  /// Rewrites the model files in the current format (the same weights: a conversion, not training)
  /// and compiles the lexicon from its TSV files.
  public static func convert(dataDirectory: String, log: (String) -> Void) throws {
    for file in [NERTagger.Files.model, NERTagger.Files.documentModel] {
      let path = "\(dataDirectory)/\(file)"
      guard FileIO.exists(path) else { continue }
      let bytes = try CompactChainModel(path: path).fileBytes
      try FileIO.writeAtomically(bytes, to: path)
      log("model: wrote \(bytes.count) bytes to \(file)")
    }
    log("lexicon: wrote \(try LexiconFile.write(dataDirectory: dataDirectory)) bytes to \(NERTagger.Files.lexicon)")
  }

  /// The trainer `o.objective` names, for features from `extractor`.
  static func makeTrainer(_ o: Options, _ extractor: FeatureExtractor) -> any SequenceTrainer {
    if o.objective == "crf" {
      return CRFTrainer(slotBits: extractor.slotBits, seed: o.seed, l2: o.crfL2, learningRate: o.crfRate)
    }
    var trainer = PerceptronTrainer(extractor: extractor, seed: o.seed, dropout: o.dropout)
    trainer.margin = o.margin
    trainer.recallMargin = o.recallMargin
    return trainer
  }

  /// Sentences per pseudo-document when a labeled file has no document breaks (ANERcorp).
  public static let documentSize = 40

  /// Trains `maxEpochs` epochs, scoring dev after each; returns the best epoch count, its score, cert scale and model.
  static func select(_ trainer: some SequenceTrainer, _ train: [PerceptronTrainer.Example], _ dev: [PerceptronTrainer.Example],
                     _ maxEpochs: Int, _ name: String, _ log: (String) -> Void)
    -> (Int, NERScore, Float, LinearChainModel)
  {
    var best: (Int, NERScore, Float, LinearChainModel)?
    _ = trainer.train(train, epochs: maxEpochs) { epoch, model in
      let (score, scale) = evaluate(model, dev)
      let f = score.prf()
      log("\(name) epoch \(epoch): dev P \(fmt(f.precision)) R \(fmt(f.recall)) F1 \(fmt(f.f1))")
      if best.map({ f.f1 > $0.1.prf().f1 }) ?? true { best = (epoch, score, scale, model) }
    }
    let chosen = best ?? (1, NERScore(), 1, LinearChainModel(slotBits: trainer.slotBits))
    log("\(name): best \(chosen.0) epochs, dev F1 \(fmt(chosen.1.prf().f1))")
    return chosen
  }

  /// First-pass labels of every example from models that did not see its block (5 folds over document blocks).
  static func jackknife(_ trainer: some SequenceTrainer, _ examples: [PerceptronTrainer.Example], epochs: Int) -> [[Int]] {
    let folds = 5
    var labels = [[Int]](repeating: [], count: examples.count)
    for fold in 0..<folds {
      let inFold = { (i: Int) in (i / documentSize) % folds == fold }
      let model = trainer.train(examples.indices.filter { !inFold($0) }.map { examples[$0] }, epochs: epochs)
      for i in examples.indices where inFold(i) {
        let n = examples[i].labels.count
        labels[i] = model.decode(slots: examples[i].slots, tokenCount: n).labels
      }
    }
    return labels
  }

  /// Second-pass examples: features with document memory over blocks of `documentSize` sentences.
  static func stacked(_ extractor: FeatureExtractor, _ sentences: [NERSentence], _ firstPass: [[Int]],
                      _ examples: [PerceptronTrainer.Example]) -> [PerceptronTrainer.Example]
  {
    var out: [PerceptronTrainer.Example] = []
    for start in stride(from: 0, to: sentences.count, by: documentSize) {
      let r = start..<min(start + documentSize, sentences.count)
      let contexts = DocumentMemory.contexts(Array(sentences[r]), firstPass: Array(firstPass[r]))
      for (i, c) in zip(r, contexts) {
        out.append(PerceptronTrainer.Example(slots: extractor.extract(sentences[i], context: c), labels: examples[i].labels))
      }
    }
    return out
  }

  /// Dev score, and the certainty scale: half the median score gap of tokens inside predicted entities.
  static func evaluate(_ model: LinearChainModel, _ dev: [PerceptronTrainer.Example]) -> (NERScore, Float) {
    var score = NERScore()
    var gaps: [Float] = []
    for ex in dev {
      let n = ex.labels.count
      let (labels, g) = model.decode(slots: ex.slots, tokenCount: n, withGaps: true)
      score.add(gold: ex.labels, predicted: labels)
      for t in 0..<n where labels[t] != 0 { gaps.append(g[t]) }
    }
    gaps.sort()
    let median = gaps.isEmpty ? 1 : gaps[gaps.count / 2]
    return (score, max(median / 2, 1e-3))
  }

  static func summary(_ o: Options, _ epochs: Int, _ first: NERScore, _ docEpochs: Int, _ bias: Float, _ best: NERScore,
                      _ trainCount: Int, _ devCount: Int) -> [UInt8]
  {
    var w = JSONWriter()
    w.beginObject()
    w.key("dev")
    w.beginObject()
    for (t, name) in NERLabels.types.enumerated() {
      w.key(name); w.doubleArray(best.prf(t))
    }
    w.key("micro"); w.doubleArray(best.prf())
    w.key("sentences"); w.int(devCount)
    w.endObject()
    w.key("devFirstPass"); w.doubleArray(first.prf())
    w.key("documentSize"); w.int(documentSize)
    w.key("dropout"); w.double(o.dropout)
    w.key("epochs"); w.int(epochs)
    w.key("epochsSecondPass"); w.int(docEpochs)
    w.key("outsideBias"); w.double(Double(bias))
    w.key("featureVersion"); w.int(Int(LinearChainModel.featureVersion))
    w.key("note"); w.string("dev = the last 10% of ANERcorp CAMeL train sentences; the selection model saw only the first 90%; dev is scored with the second pass (document memory over blocks of documentSize sentences); the committed models are retrained on all of train with the selected epoch counts. Values are [precision, recall, F1] in percent.")
    w.key("seed"); w.int(Int(o.seed))
    w.key("selectionSentences"); w.int(trainCount)
    w.key("slotBits"); w.int(o.slotBits)
    w.endObject()
    var bytes = w.bytes
    bytes.append(0x0A)
    return bytes
  }

  static func fmt(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return String(r)
  }
}

extension JSONWriter {
  mutating func doubleArray(_ v: (precision: Double, recall: Double, f1: Double)) {
    beginArray()
    for x in [v.precision, v.recall, v.f1] { double((x * 100).rounded() / 100) }
    endArray()
  }
}
