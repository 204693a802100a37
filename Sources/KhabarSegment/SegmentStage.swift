public import KhabarCore
public import KhabarStage

/// The `segment` stage: sentences, orthographic tokens and clitic parts.
///
/// Loads the word statistics (`<data>/segment/words.tsv`) once, in `init`.
public struct SegmentStage: Stage {
  public static let name = "segment"
  public static let version = "1.0.0"
  public static let summary = "Split the cleaned text into sentences, tokens and clitic parts (و|ال|بوكمال)."
  public static let requires = ["text", "blocks"]
  public static let provides = ["sentences", "tokens", "morphs"]
  public static let defaultOptions: [String: JSONValue] = [:]

  /// The statistics file, relative to the data folder.
  public static let statisticsFile = "segment/words.tsv"

  public let segmenter: Segmenter

  public init(options: StageOptions, environment: StageEnvironment) throws {
    let frequencies = try WordFrequencies.load("\(environment.dataDirectory)/\(Self.statisticsFile)")
    segmenter = Segmenter(clitics: CliticSegmenter(frequencies: frequencies))
  }

  public func process(_ document: inout Document) throws {
    let text = try document.requireText()
    let blocks = try document.require(Blocks.self)
    let scalars = scalarValues(of: text)
    let result = try segmenter.segment(scalars, blocks: blocks.spans)
    document.set(result.sentences)
    document.set(result.tokens)
    document.set(result.morphs)
  }
}
