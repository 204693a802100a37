import Foundation
import KhabarCore
import KhabarTestSupport
import Testing
@testable import KhabarLink

/// The stage's output on a small hand-written article is byte-identical to
/// `Tests/Fixtures/link/article.out.jsonl` (regenerate with
/// `KHABAR_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff).
@Suite struct GoldenTests {
  @Test func articleOutputIsStable() throws {
    let dir = "\(TestPaths.fixtures)/link"
    let input = try FileIO.read("\(dir)/article.in.jsonl").filter { $0 != 0x0A }
    var doc = try Document(jsonLine: input)
    try LinkStage(linker: LinkTestKB.linker).process(&doc)
    var actual = doc.jsonLine()
    actual.append(0x0A)
    let path = "\(dir)/article.out.jsonl"
    if ProcessInfo.processInfo.environment["KHABAR_UPDATE_GOLDEN"] != nil {
      try FileIO.writeAtomically(actual, to: path)
    }
    let expected = try FileIO.read(path)
    #expect(actual == expected, "link output changed; diff it against \(path)")
  }
}
