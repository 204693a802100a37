public import KhabarCore
public import KhabarStage

/// The export stage: writes each article as TEI P5 in two flavours,
/// `<artifacts>/tei/<id>.xml` (analysis) and `<artifacts>/tei-reading/<id>.xml`
/// (reading), and records them in the `exports` layer.
public struct ExportStage: Stage {
  public static let name = "export"
  public static let version = "1.0.0"
  public static let summary = "Write TEI P5 (analysis and reading flavours) with libxml2."
  public static let requires = ["text", "blocks", "sentences", "tokens", "morphs"]
  public static let optional = ["entities", "dates", "measures", "links", "records", "marks"]
  public static let provides = [Exports.name]
  public static let defaultOptions: [String: JSONValue] = [:]

  private let artifacts: String

  public init(options: StageOptions, environment: StageEnvironment) throws {
    guard let dir = environment.artifactsDirectory, !dir.isEmpty else {
      throw StageError("export needs --artifacts DIR: the folder that receives tei/<id>.xml and tei-reading/<id>.xml")
    }
    artifacts = dir
  }

  public func process(_ document: inout Document) throws {
    let files = try TEIExporter.export(document)
    let name = Self.fileName(document.id)
    let tei = "tei/\(name).xml", reading = "tei-reading/\(name).xml"
    try FileIO.writeAtomically(files.analysis, to: "\(artifacts)/\(tei)")
    try FileIO.writeAtomically(files.reading, to: "\(artifacts)/\(reading)")
    document.set(Exports(
      tei: tei, teiSha256: SHA256.hex(files.analysis), reading: reading,
      readingSha256: SHA256.hex(files.reading), dropped: files.analysisDrops.total))
  }

  /// The file name for a document id: the id itself (the input file's stem,
  /// Arabic letters and spaces included, so `out/tei/<stem>.xml` is what users
  /// expect), with only what a file system or shell cannot take replaced by
  /// `_`: "/", control characters, and a leading ".".
  public static func fileName(_ id: String) -> String {
    var out = String.UnicodeScalarView()
    for u in id.unicodeScalars {
      let v = u.value
      let bad = v == 0x2F || v < 0x20 || v == 0x7F || (v == 0x2E && out.isEmpty)
      out.append(bad ? "_" : u)
    }
    return out.isEmpty ? "_" : String(out)
  }
}
