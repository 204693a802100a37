import KhabarCore

/// The whole `khabar-train` run: word classes, name list, model selection on
/// a dev split carved from train, then the final model on all of train.
public enum NERTraining {
  public struct Options: Sendable {
    public var trainPath: String
    public var newsArchive: String?
    public var geonamesCities: String?
    public var dataDirectory: String
    public var maxEpochs = 20
    public var devFraction = 0.1
    public var slotBits = 20
    public var seed: UInt64 = 4
    public var reuseClusters = false
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
      let classes = clusterer.learn(log: log)
      var out = ""
      for c in classes {
        out += String(String.UnicodeScalarView(c.word.compactMap(Unicode.Scalar.init)))
        out += "\t\(c.coarse)\t\(c.fine)\n"
      }
      try FileIO.writeAtomically(Array(out.utf8), to: clustersPath)
      log("clusters: wrote \(classes.count) words to \(clustersPath)")
    }
    let names = try GazetteerBuilder.build(dataDirectory: o.dataDirectory, geonamesCities: o.geonamesCities, log: log)
    try FileIO.writeAtomically(Array(names.map { $0 + "\n" }.joined().utf8), to: "\(o.dataDirectory)/\(NERTagger.Files.names)")
    log("names: wrote \(names.count) names")

    let lexicon = try NERTagger.loadLexicon(dataDirectory: o.dataDirectory)
    let extractor = FeatureExtractor(lexicon: lexicon, slotBits: o.slotBits)
    let sentences = try LabeledCorpus.read(path: o.trainPath)
    let examples = sentences.map {
      PerceptronTrainer.Example(slots: extractor.extract(NERSentence(words: $0.words)), labels: $0.labels)
    }
    let devCount = Int(Double(examples.count) * o.devFraction)
    let trainPart = Array(examples.prefix(examples.count - devCount)), dev = Array(examples.suffix(devCount))
    log("train: \(trainPart.count) sentences for selection, \(dev.count) dev sentences (the last \(Int(o.devFraction * 100))% of train)")

    let trainer = PerceptronTrainer(slotBits: o.slotBits, seed: o.seed)
    var scores: [NERScore] = []
    var scales: [Float] = []
    _ = trainer.train(trainPart, epochs: o.maxEpochs) { epoch, model in
      let (score, scale) = evaluate(model, dev)
      scores.append(score)
      scales.append(scale)
      let f = score.prf()
      log("epoch \(epoch): dev P \(fmt(f.precision)) R \(fmt(f.recall)) F1 \(fmt(f.f1))")
    }
    let bestIndex = scores.indices.max { scores[$0].prf().f1 < scores[$1].prf().f1 } ?? 0
    let bestEpochs = bestIndex + 1
    log("best: \(bestEpochs) epochs, dev F1 \(fmt(scores[bestIndex].prf().f1)); retraining on all of train")

    var final = trainer.train(examples, epochs: bestEpochs)
    final.certScale = scales[bestIndex]
    let modelPath = "\(o.dataDirectory)/\(NERTagger.Files.model)"
    let bytes = final.serialized()
    try FileIO.writeAtomically(bytes, to: modelPath)
    log("model: wrote \(bytes.count) bytes to \(modelPath)")
    try FileIO.writeAtomically(summary(o, bestEpochs, scores[bestIndex], scores, trainPart.count, dev.count),
                               to: "\(o.dataDirectory)/\(NERTagger.Files.summary)")
  }

  /// Dev score, and the certainty scale: half the median score gap of tokens inside predicted entities.
  static func evaluate(_ model: LinearChainModel, _ dev: [PerceptronTrainer.Example]) -> (NERScore, Float) {
    var score = NERScore()
    var gaps: [Float] = []
    for ex in dev {
      let n = ex.labels.count
      let (labels, g) = model.decode(model.emissions(ex.slots, tokenCount: n), tokenCount: n, withGaps: true)
      score.add(gold: ex.labels, predicted: labels)
      for t in 0..<n where labels[t] != 0 { gaps.append(g[t]) }
    }
    gaps.sort()
    let median = gaps.isEmpty ? 1 : gaps[gaps.count / 2]
    return (score, max(median / 2, 1e-3))
  }

  static func summary(_ o: Options, _ epochs: Int, _ best: NERScore, _ all: [NERScore], _ trainCount: Int, _ devCount: Int)
    -> [UInt8]
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
    w.key("devF1ByEpoch")
    w.beginArray()
    for s in all { w.double((s.prf().f1 * 100).rounded() / 100) }
    w.endArray()
    w.key("epochs"); w.int(epochs)
    w.key("featureVersion"); w.int(Int(LinearChainModel.featureVersion))
    w.key("note"); w.string("dev = the last 10% of ANERcorp CAMeL train sentences; the selection model saw only the first 90%; the committed model is retrained on all of train with the selected epoch count. Values are [precision, recall, F1] in percent.")
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
