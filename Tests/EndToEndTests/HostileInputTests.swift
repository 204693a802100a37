import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// The small hostile-input cases (`make torture` runs the large ones): every
/// bad file gets a clear message naming it, nothing crashes, no partial or
/// temporary file is left, every other file is still produced, and every TEI
/// produced is valid.
@Suite(.serialized) struct HostileInputTests {
  static let cases: [(name: String, bytes: [UInt8])] = [
    ("invalid-utf8.txt", Array("خبر عن ".utf8) + [0xC3, 0x28, 0xFF] + Array(" بغداد".utf8)),
    ("empty.txt", []),
    ("nul-and-controls.txt", Array("بغداد\u{0000} تعلن\u{0001}\u{0008} أن\u{000B} دمشق\u{FFFE}.\n".utf8)),
    ("binary.txt", (0..<512).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }.filter { $0 < 0x80 }),
    ("crlf-bom.txt", [0xEF, 0xBB, 0xBF] + Array("عنوان الخبر\r\n\r\nقال الرئيس في بغداد إن القوات وصلت.\r\n".utf8)),
    ("bidi-zwj.txt", Array("\u{200F}وصلت\u{200D} القوات\u{202B} إلى\u{2066} البوكمال\u{2069} أمس.\u{200E}\n".utf8)),
    ("markup.txt", Array("قال إن <b>القائم</b> & البوكمال ]]> -- مدينتان <!-- لا --> \"حدوديتان\".\n".utf8)),
    ("name with spaces.txt", Array("وصل وزير الداخلية إلى الموصل يوم الأحد.\n".utf8)),
    ("خبر عاجل.txt", Array("أعلنت وزارة الدفاع الروسية أن موسكو ستواصل دعم دمشق.\n".utf8)),
    ("a/same.txt", Array("دخلت القوات مدينة حلب.\n".utf8)),
    ("b/same.txt", Array("غادرت القوات مدينة حمص.\n".utf8)),
  ]

  static let run: Result<(out: String, result: ProcessResult), any Error> = Result {
    let root = try makeTemporaryDirectory()
    let input = "\(root)/in"
    for c in cases {
      let path = "\(input)/\(c.name)"
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(c.bytes).write(to: URL(fileURLWithPath: path))
    }
    let out = "\(root)/out"
    let result = try runTool("khabar", ["run", "--config", "\(TestPaths.repoRoot)/pipeline.json",
                                        "--input", input, "--out", out, "--jobs", "2", "--quiet"],
                             cwd: TestPaths.repoRoot)
    return (out, result)
  }

  @Test func badFileIsNamedAndTheOthersAreProduced() throws {
    let (out, result) = try Self.run.get()
    #expect(result.status == 1, "exit status should say a file failed: \(result.status)")
    #expect(result.stderr.contains("invalid-utf8.txt"), "the bad file is not named: \(result.stderr)")
    let tei = try FileManager.default.contentsOfDirectory(atPath: "\(out)/tei").filter { $0.hasSuffix(".xml") }
    // Every file but the invalid one, plus the corpus register.
    #expect(tei.count == Self.cases.count - 1 + 1, "TEI files: \(tei.sorted())")
    #expect(!tei.contains { $0.hasPrefix("invalid-utf8") })
    #expect(tei.contains("name with spaces.xml"))
    #expect(tei.contains("خبر عاجل.xml"))
    #expect(tei.filter { $0.hasPrefix("same") }.count == 2, "same stem in two folders must give two files")
  }

  @Test func noTemporaryOrPartialFileRemains() throws {
    let (out, _) = try Self.run.get()
    let all = FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? []
    let temps = all.filter { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") || $0.hasSuffix(".tmp") }
    #expect(temps.isEmpty, "left behind: \(temps)")
  }

  @Test(.enabled(if: hasCommand("jing"), "jing is not installed (apt-get install jing)"))
  func everyProducedTEIIsValid() throws {
    let (out, _) = try Self.run.get()
    let files = try ["tei", "tei-reading"].flatMap { dir in
      try FileManager.default.contentsOfDirectory(atPath: "\(out)/\(dir)").filter { $0.hasSuffix(".xml") }
        .map { "\(out)/\(dir)/\($0)" }
    }
    let result = try runTool("/usr/bin/jing", [TestPaths.schema] + files)
    #expect(result.status == 0, "jing: \(result.stdoutText)")
  }

  @Test func rebuildingTheCleanTextFromTEITokensIsExact() throws {
    let (out, _) = try Self.run.get()
    // The markup case: XML-special characters survive as text.
    let tei = try String(contentsOfFile: "\(out)/tei-reading/markup.xml", encoding: .utf8)
    #expect(tei.contains("&lt;b&gt;"))
    #expect(tei.contains("&amp;"))
    #expect(tei.contains("]]&gt;"))
  }

  @Test func malformedAndHostileLinesIntoEveryStage() throws {
    let lines: [String] = [
      "not json at all",
      "{\"id\":\"x\",\"schema\":1,\"source\":{\"path\":\"p\"},\"raw\":\"\\ud800\"}",
      "{\"id\":\"x\",\"schema\":99,\"source\":{\"path\":\"p\"},\"raw\":\"\"}",
      "[1,2,3]",
      "{\"id\":\"x\",\"schema\":1,\"source\":{\"path\":\"p\"},\"text\":\"abc\",\"offsets\":[0,0,9,9]}",
      "{\"id\":\"x\",\"schema\":1,\"source\":{\"path\":\"p\"},\"raw\":\"" + String(repeating: "ب", count: 1 << 20) + "\"",
    ]
    for stage in ["khabar-clean", "khabar-segment", "khabar-tag", "khabar-link", "khabar-export"] {
      for line in lines {
        let result = try runTool(stage, ["-", "--artifacts", try makeTemporaryDirectory()],
                                 stdin: Data((line + "\n").utf8))
        #expect(result.status == 65, "\(stage) on \(line.prefix(60)): exit \(result.status) \(result.stderr.prefix(300))")
        #expect(result.stderr.contains("<stdin>:1"), "\(stage): message does not name the input line")
      }
      // Invalid UTF-8 inside the JSON line.
      let bytes = Array("{\"id\":\"x\",\"schema\":1,\"source\":{\"path\":\"p\"},\"raw\":\"".utf8) + [0xFF] + Array("\"}\n".utf8)
      let result = try runTool(stage, ["-", "--artifacts", try makeTemporaryDirectory()], stdin: Data(bytes))
      #expect(result.status == 65)
      #expect(result.stderr.contains("UTF-8"))
    }
  }
}
