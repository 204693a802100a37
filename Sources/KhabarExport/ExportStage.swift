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

  /// A safe file name for a document id: `[A-Za-z0-9._-]` kept, others `_`.
  public static func fileName(_ id: String) -> String {
    var out = ""
    for u in id.unicodeScalars {
      let v = u.value
      let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
        || (v == 0x2E && !out.isEmpty)
      out.unicodeScalars.append(ok ? u : "_")
    }
    return out.isEmpty ? "_" : out
  }
}
