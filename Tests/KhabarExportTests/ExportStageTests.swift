import Foundation
import KhabarCore
import KhabarExport
import KhabarStage
import KhabarTestSupport
import Testing

@Suite struct ExportStageTests {
  @Test func needsAnArtifactsFolder() {
    #expect(throws: StageError.self) {
      _ = try ExportStage(options: StageOptions(defaults: [:]),
                          environment: StageEnvironment(dataDirectory: "data", artifactsDirectory: nil))
    }
  }

  @Test func writesBothFilesAndTheExportsLayer() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let stage = try ExportStage(options: StageOptions(defaults: [:]),
                                environment: StageEnvironment(dataDirectory: "data", artifactsDirectory: dir))
    var d = Fixtures.full()
    try stage.process(&d)
    let exports = try d.require(Exports.self)
    #expect(exports.tei == "tei/000_9549ff9fa15f7dea.xml")
    #expect(exports.reading == "tei-reading/000_9549ff9fa15f7dea.xml")
    #expect(exports.dropped == 2)
    let tei = try FileIO.read("\(dir)/\(exports.tei)")
    let reading = try FileIO.read("\(dir)/\(exports.reading)")
    #expect(SHA256.hex(tei) == exports.teiSha256)
    #expect(SHA256.hex(reading) == exports.readingSha256)
    // Running again gives byte-identical files.
    var again = Fixtures.full()
    try stage.process(&again)
    #expect(try FileIO.read("\(dir)/\(exports.tei)") == tei)
    #expect(try d.require(Exports.self) == again.require(Exports.self))
  }

  @Test func fileNamesAreSafe() {
    #expect(ExportStage.fileName("000_9549ff9fa15f7dea") == "000_9549ff9fa15f7dea")
    #expect(ExportStage.fileName("../a b/ü") == "_._a_b__")
  }

  /// The executable end to end: JSON Lines in, JSON Lines + TEI out.
  @Test func executableRunsAsAFilter() throws {
    let exe = "\(TestPaths.binaries)/khabar-export"
    try #require(FileManager.default.fileExists(atPath: exe), "build khabar-export first (swift build --build-tests)")
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var input = Data(Fixtures.full().jsonLine())
    input.append(0x0A)
    input.append(contentsOf: Fixtures.plain().jsonLine())
    input.append(0x0A)
    let result = try runTool("khabar-export", ["--artifacts", dir], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdoutText.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(FileManager.default.fileExists(atPath: "\(dir)/tei/plain-1.xml"))
    #expect(FileManager.default.fileExists(atPath: "\(dir)/tei-reading/plain-1.xml"))
    let missing = try runTool("khabar-export", [], stdin: input)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("--artifacts"))
  }
}
