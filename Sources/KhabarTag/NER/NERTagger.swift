import KhabarCore

/// Named-entity recogniser: lexicon + features + linear-chain model, loaded once, then read-only.
public final class NERTagger: Sendable {
  /// The first pass: sentence by sentence.
  public let model: CompactChainModel
  /// The second pass, if present: adds what the first pass found elsewhere in the document.
  public let documentModel: CompactChainModel?
  public let extractor: FeatureExtractor

  public init(model: CompactChainModel, documentModel: CompactChainModel? = nil, lexicon: NERLexicon) {
    self.model = model
    self.documentModel = documentModel?.slotBits == model.slotBits ? documentModel : nil
    self.extractor = FeatureExtractor(lexicon: lexicon, slotBits: model.slotBits)
  }

  /// File names inside the data folder.
  public enum Files {
    public static let model = "models/ner.model"
    public static let documentModel = "models/ner-doc.model"
    public static let names = "models/ner-names.tsv"
    public static let autoNames = "models/ner-auto-names.tsv"
    public static let clusters = "clusters/ant-clusters.tsv"
    /// Word classes of clitic-stripped stems (optional).
    public static let stemClusters = "clusters/ant-stem-clusters.tsv"
    public static let summary = "models/ner.json"
    /// The lexicon compiled from `clusters`, `names` and `autoNames` (see `LexiconFile`).
    public static let lexicon = "models/ner-lexicon.bin"
  }

  /// Loads the lexicon that the model was trained with: compiled if that file matches its sources, else parsed.
  public static func loadLexicon(dataDirectory: String) throws -> NERLexicon {
    if let compiled = try LexiconFile.load(dataDirectory: dataDirectory) { return compiled }
    return try loadLexiconSources(dataDirectory: dataDirectory)
  }

  /// Parses the lexicon from its TSV files (clusters, names, automatic names if present).
  public static func loadLexiconSources(dataDirectory: String) throws -> NERLexicon {
    var lexicon = NERLexicon()
    try lexicon.loadClusters(path: "\(dataDirectory)/\(Files.clusters)")
    let stems = "\(dataDirectory)/\(Files.stemClusters)"
    if FileIO.exists(stems) { try lexicon.loadClusters(path: stems, stems: true) }
    try lexicon.loadNames(path: "\(dataDirectory)/\(Files.names)")
    let auto = "\(dataDirectory)/\(Files.autoNames)"
    if FileIO.exists(auto) { try lexicon.loadNames(path: auto, automatic: true) }
    return lexicon
  }

  /// Loads `models/ner.model` with its lexicon from a data folder.
  public static func load(dataDirectory: String) throws -> NERTagger {
    let lexicon = try loadLexicon(dataDirectory: dataDirectory)
    let path = "\(dataDirectory)/\(Files.model)"
    let model = try CompactChainModel(path: path)
    let docPath = "\(dataDirectory)/\(Files.documentModel)"
    let documentModel = FileIO.exists(docPath) ? try CompactChainModel(path: docPath) : nil
    return NERTagger(model: model, documentModel: documentModel, lexicon: lexicon)
  }

  /// An entity found by the model, over token indices, with a confidence in [0, 1).
  public struct Entity: Sendable, Equatable {
    public var span: TokenSpan
    public var cert: Double
  }

  /// The labels of every sentence of one document: the first pass, then (if
  /// the second model is present) the second pass with document memory.
  public func documentLabels(_ sentences: [NERSentence]) -> [[Int]] {
    let (slots, final) = finalPass(sentences)
    return sentences.indices.map { i in
      var labels = final.decode(slots: slots[i], tokenCount: sentences[i].count).labels
      EdgeWords.trim(&labels, sentences[i])
      QuotedPlaces.apply(&labels, sentences[i])
      return labels
    }
  }

  /// The entities of every sentence of one document; each one's confidence
  /// comes from the smallest score gap among its tokens.
  public func documentEntities(_ sentences: [NERSentence]) -> [[Entity]] {
    let (slots, final) = finalPass(sentences)
    return sentences.indices.map { entities(slots[$0], sentence: sentences[$0], model: final) }
  }

  /// Each sentence's feature slots for the last pass and the model that reads
  /// them: the first pass's, or (with the second model) the same slots with
  /// the document memory of the first pass's labels. The features of each
  /// sentence are extracted once: the second pass only changes their
  /// document-memory slots (`FeatureExtractor.withContext`).
  private func finalPass(_ sentences: [NERSentence]) -> (slots: [[Int32]], model: CompactChainModel) {
    let slots = sentences.map { extractor.extract($0) }
    guard let documentModel else { return (slots, model) }
    let first = sentences.indices.map { model.decode(slots: slots[$0], tokenCount: sentences[$0].count).labels }
    let contexts = DocumentMemory.contexts(sentences, firstPass: first)
    return (sentences.indices.map { extractor.withContext(slots[$0], contexts[$0]) }, documentModel)
  }

  /// The entities of one sentence taken alone (first pass only).
  public func entities(_ sentence: NERSentence) -> [Entity] {
    entities(extractor.extract(sentence), sentence: sentence, model: model)
  }

  /// The entities of one sentence from its feature slots, without edge words (`EdgeWords`), with the
  /// quoted names of places (`QuotedPlaces`).
  func entities(_ slots: [Int32], sentence: NERSentence, model: CompactChainModel) -> [Entity] {
    let n = sentence.count
    guard n > 0 else { return [] }
    let decoded = model.decode(slots: slots, tokenCount: n, withGaps: true)
    var labels = decoded.labels
    EdgeWords.trim(&labels, sentence)
    QuotedPlaces.apply(&labels, sentence)
    let gaps = decoded.gaps
    return NERLabels.spans(labels).map { span in
      var gap = Float.infinity
      for t in span.start..<span.end { gap = min(gap, gaps[t]) }
      return Entity(span: span, cert: model.confidence(gap: gap))
    }
  }
}
