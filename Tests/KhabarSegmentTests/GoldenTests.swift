import Foundation
import KhabarCore
import KhabarSegment
import KhabarStage
import KhabarTestSupport
import Testing

/// `Tests/Fixtures/segment/*.in.jsonl` → `*.out.jsonl`, byte for byte.
/// The inputs look like clean's output for the seeds (text + one paragraph
/// block per line). `RECORD_GOLDEN=1` re-records the outputs.
@Suite struct GoldenTests {
  static var folder: String { "\(TestPaths.fixtures)/segment" }

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".in.jsonl") }.sorted()
  }

  @Test func fixturesExist() {
    #expect(Self.cases.count >= 5)
  }

  @Test(arguments: GoldenTests.cases)
  func golden(_ name: String) throws {
    let stage = try SegmentStage(options: StageOptions(defaults: [:]),
                                 environment: StageEnvironment(dataDirectory: TestPaths.data, artifactsDirectory: nil))
    let input = try FileIO.read("\(Self.folder)/\(name)")
    var output: [UInt8] = []
    for line in input.split(separator: 0x0A) {
      var doc = try Document(jsonLine: Array(line))
      try stage.process(&doc)
      output += doc.jsonLine()
      output.append(0x0A)
    }
    let outPath = "\(Self.folder)/\(name.dropLast(".in.jsonl".count)).out.jsonl"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try FileIO.writeAtomically(output, to: outPath)
    }
    let expected = try FileIO.read(outPath)
    #expect(output == expected, "\(name) differs from its golden output; RECORD_GOLDEN=1 re-records it")
  }

  /// Writes the inputs from the seeds (run with RECORD_GOLDEN=1 when seeds change).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"))
  func recordInputs() throws {
    try FileIO.makeDirectories(Self.folder)
    for file in try FileIO.list(TestPaths.seeds).filter({ $0.hasSuffix(".txt") }).sorted() {
      let raw = String(decoding: try FileIO.read("\(TestPaths.seeds)/\(file)"), as: UTF8.self)
      let lines = raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      let text = lines.joined(separator: "\n")
      var doc = inputRecord(id: String(file.dropLast(4)), raw: raw, path: "seeds/\(file)")
      doc.text = text
      var blocks = Blocks()
      var offset = 0
      for line in lines {
        let n = line.unicodeScalars.count
        blocks.spans.append(offset, offset + n)
        blocks.kinds.append("paragraph")
        offset += n + 1
      }
      doc.set(blocks)
      doc.raw = nil
      var bytes = doc.jsonLine()
      bytes.append(0x0A)
      try FileIO.writeAtomically(bytes, to: "\(Self.folder)/\(file.dropLast(4)).in.jsonl")
    }
  }
}
