import KhabarCore

/// Named-entity recogniser: lexicon + features + linear-chain model, loaded once, then read-only.
public final class NERTagger: Sendable {
  public let model: LinearChainModel
  public let extractor: FeatureExtractor

  public init(model: LinearChainModel, lexicon: NERLexicon) {
    self.model = model
    self.extractor = FeatureExtractor(lexicon: lexicon, slotBits: model.slotBits)
  }

  /// File names inside the data folder.
  public enum Files {
    public static let model = "models/ner.model"
    public static let names = "models/ner-names.tsv"
    public static let clusters = "clusters/ant-clusters.tsv"
    public static let summary = "models/ner.json"
  }

  /// Loads the lexicon that the model was trained with (clusters and names).
  public static func loadLexicon(dataDirectory: String) throws -> NERLexicon {
    var lexicon = NERLexicon()
    try lexicon.loadClusters(path: "\(dataDirectory)/\(Files.clusters)")
    try lexicon.loadNames(path: "\(dataDirectory)/\(Files.names)")
    return lexicon
  }

  /// Loads `models/ner.model` with its lexicon from a data folder.
  public static func load(dataDirectory: String) throws -> NERTagger {
    let lexicon = try loadLexicon(dataDirectory: dataDirectory)
    let path = "\(dataDirectory)/\(Files.model)"
    let model = try LinearChainModel(serialized: try FileIO.read(path), path: path)
    return NERTagger(model: model, lexicon: lexicon)
  }

  /// The label of every token.
  public func labels(_ sentence: NERSentence) -> [Int] {
    let slots = extractor.extract(sentence)
    return model.decode(model.emissions(slots, tokenCount: sentence.count), tokenCount: sentence.count)
  }

  /// An entity found by the model, over token indices, with a confidence in [0, 1).
  public struct Entity: Sendable, Equatable {
    public var span: TokenSpan
    public var cert: Double
  }

  /// The entities of a sentence; each one's confidence comes from the
  /// smallest score gap among its tokens.
  public func entities(_ sentence: NERSentence) -> [Entity] {
    let n = sentence.count
    guard n > 0 else { return [] }
    let slots = extractor.extract(sentence)
    let (labels, gaps) = model.decode(model.emissions(slots, tokenCount: n), tokenCount: n, withGaps: true)
    return NERLabels.spans(labels).map { span in
      var gap = Float.infinity
      for t in span.start..<span.end { gap = min(gap, gaps[t]) }
      return Entity(span: span, cert: model.confidence(gap: gap))
    }
  }
}
