import Foundation
import KhabarCore
import KhabarStage
import KhabarTestSupport
import Testing

@testable import KhabarClean

/// Golden files: each `Tests/Fixtures/clean/<case>.in.jsonl` is cleaned (with
/// `<case>.options.json` when present) and compared byte for byte with
/// `<case>.out.jsonl`. `RECORD_GOLDEN=1` rewrites the expected files.
@Suite struct GoldenTests {
  static let directory = "\(TestPaths.fixtures)/clean"

  static let cases: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return files.filter { $0.hasSuffix(".in.jsonl") }.map { String($0.dropLast(".in.jsonl".count)) }.sorted()
  }()

  @Test func everyDefectHasAGoldenCase() {
    for name in ["seeds", "presentation-forms", "tatweel", "invisibles", "persian-letters", "controls", "line-breaks",
                 "whitespace", "nfc", "punctuation", "quotes", "structure", "dates", "empty", "options-off"] {
      #expect(Self.cases.contains(name), "missing golden case \(name)")
    }
  }

  @Test(arguments: cases) func golden(_ name: String) throws {
    let input = try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name).in.jsonl"))
    var user: [String: JSONValue] = [:]
    let optionsPath = "\(Self.directory)/\(name).options.json"
    if FileManager.default.fileExists(atPath: optionsPath) {
      user = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: optionsPath)))).objectValue ?? [:]
    }
    let options = try StageOptions(user: user, defaults: CleanStage.defaultOptions, stage: CleanStage.name)
    let stage = try CleanStage(options: options, environment: StageEnvironment(dataDirectory: "", artifactsDirectory: nil))
    var output: [UInt8] = []
    for line in input.split(separator: 0x0A) where !line.isEmpty {
      var document = try Document(jsonLine: Array(line))
      try stage.process(&document)
      output += document.jsonLine()
      output.append(0x0A)
    }
    try expectGolden(output, path: "\(Self.directory)/\(name).out.jsonl")
  }
}

/// Compares `actual` with the file at `path`; records it (and fails) when the
/// file is missing or `RECORD_GOLDEN=1`.
func expectGolden(_ actual: [UInt8], path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
  if record || !FileManager.default.fileExists(atPath: path) {
    try Data(actual).write(to: URL(fileURLWithPath: path))
    Issue.record("recorded new baseline: \(path)", sourceLocation: sourceLocation)
    return
  }
  let expected = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  if expected != actual {
    let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
    Issue.record(
      "output differs from \(path) at line \(line + 1) (RECORD_GOLDEN=1 re-records)\nexpected: \(line < e.count ? String(e[line].prefix(600)) : "<end>")\nactual:   \(line < a.count ? String(a[line].prefix(600)) : "<end>")",
      sourceLocation: sourceLocation)
  }
}
