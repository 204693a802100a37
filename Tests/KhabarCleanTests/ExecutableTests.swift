import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// The built `khabar-clean` executable, end to end.
@Suite struct ExecutableTests {
  @Test func malformedLineExits65NamingInputAndLine() throws {
    let good = "{\"id\":\"a\",\"raw\":\"خبر\",\"schema\":1,\"source\":{\"bytes\":6,\"path\":\"a.txt\",\"sha256\":\"\"}}\n"
    let result = try runTool("khabar-clean", ["-"], stdin: Data((good + "{\"id\": \"x\", oops}\n").utf8))
    #expect(result.status == 65)
    #expect(result.stderr.contains("<stdin>:2"), "stderr: \(result.stderr)")
  }

  @Test func describePrintsJSON() throws {
    let result = try runTool("khabar-clean", ["--describe"])
    #expect(result.status == 0)
    let info = try JSONValue.parse(Array(result.stdout))
    #expect(info["name"]?.stringValue == "clean")
    #expect(info["requires"]?.arrayValue == [.string("raw")])
    #expect(info["options"]?["tatweel"] == .bool(true))
  }

  @Test func cleansTheSeedsAndRejectsUnknownOptions() throws {
    let input = try Data(contentsOf: URL(fileURLWithPath: "\(TestPaths.fixtures)/clean/seeds.in.jsonl"))
    let result = try runTool("khabar-clean", ["-"], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdoutText.split(separator: "\n")
    #expect(lines.count == 5)
    for line in lines {
      let doc = try Document(jsonLine: Array(line.utf8))
      #expect(doc.raw == nil && doc.text != nil && doc.offsets != nil)
      #expect(doc.provenance.last?.stage == "clean")
    }
    let bad = try runTool("khabar-clean", ["--options", "{\"tatwel\": false}", "-"], stdin: input)
    #expect(bad.status == 78)
    #expect(bad.stderr.contains("tatwel"))
  }
}
