import Foundation
import KhabarCore
import KhabarExport
import KhabarTestSupport
import Testing

private let jing: String? = ["/usr/bin/jing", "/usr/local/bin/jing"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// A second opinion from jing on every kind of file we produce.
@Suite struct JingTests {
  @Test(.enabled(if: jing != nil, "jing is not installed (apt-get install jing); libxml2 validation still runs"))
  func jingAcceptsBothFlavoursAndTheRegister() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var files: [String] = []
    for d in [Fixtures.full(), Fixtures.plain(), Fixtures.awkwardBlocks(), Fixtures.headOnly(), Fixtures.second()] {
      let out = try TEIExporter.export(d)
      let name = ExportStage.fileName(d.id)
      try FileIO.writeAtomically(out.analysis, to: "\(dir)/tei/\(name).xml")
      try FileIO.writeAtomically(out.reading, to: "\(dir)/tei-reading/\(name).xml")
      files += ["\(dir)/tei/\(name).xml", "\(dir)/tei-reading/\(name).xml"]
    }
    var register = CorpusRegister()
    for d in [Fixtures.full(), Fixtures.second()] { try register.add(d) }
    try FileIO.writeAtomically(try register.teiRegister(), to: "\(dir)/tei/corpus-register.xml")
    files.append("\(dir)/tei/corpus-register.xml")
    let result = try runTool(try #require(jing), [TestPaths.schema] + files)
    let errors = result.stdoutText + result.stderr.split(separator: "\n").filter { !$0.contains("[warning]") }.joined(separator: "\n")
    #expect(result.status == 0, "jing: \(errors)")
  }
}
