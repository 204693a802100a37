import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// A file larger than `maxDocumentBytes` is processed as parts, each its own
/// document and TEI file: nothing of it is lost (the parts' byte ranges tile
/// the file), every part's TEI is valid and says which part it is, and a
/// second run, at another concurrency, does no work and changes nothing.
@Suite(.serialized) struct OversizeInputTests {
  static let limit = 4096

  /// The seed articles joined until the file is over 20 KB, then one long
  /// line without a line break (cut at a space).
  static let longText: [UInt8] = {
    var text = ""
    let seeds = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.seeds).sorted()) ?? []
    while text.utf8.count < 20_000 {
      for name in seeds where name.hasSuffix(".txt") {
        text += ((try? String(contentsOfFile: "\(TestPaths.seeds)/\(name)", encoding: .utf8)) ?? "") + "\n\n"
      }
      if seeds.isEmpty { text += "قال مسؤول في بغداد إن القوات وصلت إلى القائم.\n\n" }
    }
    text += String(repeating: "وصلت القوات إلى البوكمال ", count: 300) + "\n"
    return Array(text.utf8)
  }()

  static let run: Result<(out: String, config: String, result: ProcessResult), any Error> = Result {
    let root = try makeTemporaryDirectory()
    try FileManager.default.createDirectory(atPath: "\(root)/in", withIntermediateDirectories: true)
    try Data(longText).write(to: URL(fileURLWithPath: "\(root)/in/long.txt"))
    try Data("دخلت القوات مدينة حلب.\n".utf8).write(to: URL(fileURLWithPath: "\(root)/in/short.txt"))
    let repoConfig = try String(contentsOfFile: "\(TestPaths.repoRoot)/pipeline.json", encoding: .utf8)
    let config = "\(root)/pipeline.json"
    try repoConfig.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1, \"maxDocumentBytes\": \(limit),")
      .write(toFile: config, atomically: true, encoding: .utf8)
    let out = "\(root)/out"
    // Not --quiet: the note about the split is a warning.
    let result = try runTool("khabar", ["run", "--config", config, "--input", "\(root)/in", "--out", out,
                                        "--jobs", "2"], cwd: TestPaths.repoRoot)
    return (out, config, result)
  }

  static func teiFiles(_ out: String, _ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "\(out)/\(dir)").filter { $0.hasSuffix(".xml") }.sorted()
  }

  @Test func theFileBecomesPartsThatTileItAndTheUserIsTold() throws {
    let (out, _, result) = try Self.run.get()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("long.txt") && result.stderr.contains("maxDocumentBytes"),
            "no note about the split: \(result.stderr)")
    let parts = try Self.teiFiles(out, "tei").filter { $0.hasPrefix("long.part-") }
    #expect(parts.count >= Self.longText.count / Self.limit, "parts: \(parts)")
    #expect(try Self.teiFiles(out, "tei").contains("short.xml"))
    // The byte ranges the parts' headers give are consecutive and cover the file.
    var next = 0
    for (k, name) in parts.enumerated() {
      let tei = try String(contentsOfFile: "\(out)/tei/\(name)", encoding: .utf8)
      #expect(tei.contains("<biblScope unit=\"part\" from=\"\(k + 1)\" to=\"\(k + 1)\">part \(k + 1) of \(parts.count)</biblScope>"))
      let range = try #require(tei.firstMatch(of: /<biblScope unit="byte" from="(\d+)" to="(\d+)"\/>/), "no byte range in \(name)")
      let from = Int(range.1) ?? -1, to = Int(range.2) ?? -1
      #expect(from == next, "\(name) starts at \(from), not \(next)")
      #expect(to - from + 1 <= Self.limit, "\(name) holds \(to - from + 1) bytes")
      next = to + 1
    }
    #expect(next == Self.longText.count, "the parts end at byte \(next) of \(Self.longText.count)")
  }

  @Test(.enabled(if: hasCommand("jing"), "jing is not installed (apt-get install jing)"))
  func everyPartIsValidTEI() throws {
    let (out, _, _) = try Self.run.get()
    let files = try ["tei", "tei-reading"].flatMap { dir in try Self.teiFiles(out, dir).map { "\(out)/\(dir)/\($0)" } }
    let result = try runTool("/usr/bin/jing", [TestPaths.schema] + files)
    #expect(result.status == 0, "jing: \(result.stdoutText)")
  }

  @Test func aSecondRunAtOneJobDoesNoWorkAndChangesNothing() throws {
    let (out, config, _) = try Self.run.get()
    let before = try stageOutputTimes(under: "\(out)/work")
    let tei = try Self.teiFiles(out, "tei").map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/tei/\($0)")) }
    let input = (out as NSString).deletingLastPathComponent + "/in"
    let again = try runTool("khabar", ["run", "--config", config, "--input", input, "--out", out, "--jobs", "1", "--quiet"],
                            cwd: TestPaths.repoRoot)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try stageOutputTimes(under: "\(out)/work") == before, "a second run rewrote stage outputs")
    #expect(try Self.teiFiles(out, "tei").map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/tei/\($0)")) } == tei)
  }
}
