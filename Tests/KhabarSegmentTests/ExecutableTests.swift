import Foundation
import KhabarTestSupport
import Testing

/// The `khabar-segment` executable as the coordinator runs it.
@Suite struct ExecutableTests {
  static var available: Bool { FileManager.default.fileExists(atPath: "\(TestPaths.binaries)/khabar-segment") }

  @Test(.enabled(if: ExecutableTests.available, "needs the built khabar-segment"))
  func segmentsAFixture() throws {
    let input = try Data(contentsOf: URL(fileURLWithPath: "\(TestPaths.fixtures)/segment/000_9549ff9fa15f7dea.in.jsonl"))
    let result = try runTool("khabar-segment", ["--data", TestPaths.data], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText.contains("\"morphs\":{\"roles\":"))
    #expect(result.stdoutText.contains("{\"options\":\"44136fa355b3678a\",\"stage\":\"segment\",\"version\":\"1.0.0\"}"))
  }

  @Test(.enabled(if: ExecutableTests.available, "needs the built khabar-segment"))
  func recordWithoutBlocksIsBadData() throws {
    let line = #"{"id":"x","schema":1,"source":{"path":"a","sha256":"","bytes":0},"text":"نص"}"# + "\n"
    let result = try runTool("khabar-segment", ["--data", TestPaths.data], stdin: Data(line.utf8))
    #expect(result.status == 65)
    #expect(result.stderr.contains("missing layer \"blocks\""))
  }

  @Test(.enabled(if: ExecutableTests.available, "needs the built khabar-segment"))
  func missingStatisticsIsAConfigurationError() throws {
    let result = try runTool("khabar-segment", ["--data", "/nonexistent"], stdin: Data())
    #expect(result.status == 78)
    #expect(result.stderr.contains("make segment-stats"))
  }
}
