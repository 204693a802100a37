public import KhabarCore
public import KhabarStage

/// The `clean` stage: raw article text → cleaned `text`, offset map, meta,
/// and the `blocks`, `removed` and `marks` layers (see `Cleaner`).
public struct CleanStage: Stage {
  public static let name = "clean"
  public static let version = "1.0.0"
  public static let summary =
    "Normalises raw Arabic article text (NFC, presentation forms, tatweel, invisibles, Persian letters), "
    + "repairs scraping artefacts, separates title, byline, dateline, paragraphs and notes, "
    + "and maps the cleaned text back to the raw bytes."
  public static let requires = ["raw"]
  public static let provides = ["text", "offsets", "meta", "blocks", "removed", "marks"]
  public static var defaultOptions: [String: JSONValue] {
    var options: [String: JSONValue] = [:]
    for name in CleanOptions.names { options[name] = .bool(true) }
    return options
  }

  public let cleaner: Cleaner

  public init(options: StageOptions, environment: StageEnvironment) throws {
    cleaner = Cleaner(options: CleanOptions(flags: { options[$0]?.boolValue }))
  }

  public func process(_ document: inout Document) throws {
    guard let raw = document.raw else { throw RecordError.missingField("raw") }
    let cleaned = cleaner.clean(raw)
    document.raw = nil
    document.text = cleaned.text
    document.offsets = cleaned.offsets
    for (key, value) in cleaned.meta { document.meta[key] = value }
    document.set(cleaned.blocks)
    document.set(cleaned.removed)
    document.set(cleaned.marks)
  }
}
