import Foundation
import KhabarCore
import KhabarExport
import KhabarTestSupport
import Testing

/// Golden files under Tests/Fixtures/export: the fixture records as JSON
/// Lines (also the benchmark input) and their TEI. Regenerate after an
/// intended change with `KHABAR_UPDATE_GOLDEN=1 swift test --filter GoldenTests`
/// and review the diff.
@Suite struct GoldenTests {
  static let folder = "\(TestPaths.fixtures)/export"
  static let update = ProcessInfo.processInfo.environment["KHABAR_UPDATE_GOLDEN"] == "1"
  static let documents = [Fixtures.full(), Fixtures.second(), Fixtures.plain(), Fixtures.awkwardBlocks(),
                          Fixtures.headOnly(), Fixtures.long()]

  private func check(_ bytes: [UInt8], _ name: String) throws {
    let path = "\(Self.folder)/\(name)"
    if Self.update { try FileIO.writeAtomically(bytes, to: path) }
    let golden = try FileIO.read(path)
    guard golden != bytes else { return }
    let a = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let b = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    Issue.record("\(name) differs from the golden file at line \(line + 1) (KHABAR_UPDATE_GOLDEN=1 to regenerate)")
  }

  @Test func recordsMatchGolden() throws {
    var lines: [UInt8] = []
    for d in Self.documents { lines += d.jsonLine() + [0x0A] }
    try check(lines, "articles.jsonl")
  }

  @Test func teiMatchesGolden() throws {
    for d in [Fixtures.full(), Fixtures.awkwardBlocks()] {
      let files = try TEIExporter.export(d)
      let name = ExportStage.fileName(d.id)
      try check(files.analysis, "tei/\(name).xml")
      try check(files.reading, "tei-reading/\(name).xml")
    }
  }

  @Test func registerMatchesGolden() throws {
    var r = CorpusRegister()
    for d in Self.documents { try r.add(d) }
    try check(try r.teiRegister(), "register/tei/corpus-register.xml")
    try check(r.geoJSON(), "register/places.geojson")
    try check(try r.gexf(), "register/network.gexf")
    try check(r.csv(), "register/entities.csv")
  }

  @Test func longArticleIsValid() throws {
    let files = try TEIExporter.export(Fixtures.long())
    #expect(try TEISchema.errors(files.analysis) == [])
    #expect(try TEISchema.errors(files.reading) == [])
    let root = try XMLElement.parse(files.analysis)
    #expect(root.descendants().filter { $0.name == "w" || $0.name == "pc" }.count > 550)
  }
}
