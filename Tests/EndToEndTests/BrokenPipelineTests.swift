import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// A broken or contradictory pipeline.json, and stage executables that are
/// missing or crash: a clear message naming the culprit, no trap, no
/// temporary file left, and every record the broken part did not touch still
/// produced.
@Suite(.serialized) struct BrokenPipelineTests {
  static let stages = ["clean", "segment", "tag", "link", "export"]

  static func stageList(_ names: [String], options: String = "{}") -> String {
    names.map { "{\"name\": \"\($0)\", \"options\": \(options)}" }.joined(separator: ", ")
  }

  /// Writes a small input folder and a pipeline.json (binDir = `binDir`) and runs the coordinator.
  static func runPipeline(config: String, inputs: [String: String] = ["a.txt": "وصلت القوات إلى بغداد.\n"])
    throws -> (root: String, out: String, result: ProcessResult)
  {
    let root = try makeTemporaryDirectory()
    try FileManager.default.createDirectory(atPath: "\(root)/in", withIntermediateDirectories: true)
    for (name, text) in inputs {
      try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/in/\(name)"))
    }
    try Data(config.utf8).write(to: URL(fileURLWithPath: "\(root)/pipeline.json"))
    let result = try runTool("khabar", ["run", "--config", "\(root)/pipeline.json", "--input", "\(root)/in",
                                        "--out", "\(root)/out", "--jobs", "2", "--no-register", "--quiet"], cwd: TestPaths.repoRoot)
    return (root, "\(root)/out", result)
  }

  static func temporaries(under dir: String) -> [String] {
    let all = FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
    return all.filter { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") || $0.hasSuffix(".tmp") }
  }

  static let binDir = "\"binDir\": \"\(TestPaths.binaries)\", \"data\": \"\(TestPaths.data)\""

  @Test(arguments: [
    ("bad JSON", "{\"stages\": [", "pipeline.json"),
    ("unknown key", "{\(binDir), \"stagez\": [], \"stages\": [\(stageList(stages))]}", "stagez"),
    ("link before tag", "{\(binDir), \"stages\": [\(stageList(["clean", "segment", "link", "tag", "export"]))]}", "link"),
    ("duplicate stage", "{\(binDir), \"stages\": [\(stageList(["clean", "clean", "segment"]))]}", "clean"),
    ("unknown option", "{\(binDir), \"stages\": [{\"name\": \"clean\", \"options\": {\"noSuchOption\": 1}}]}", "noSuchOption"),
    ("missing executable", "{\(binDir), \"stages\": [{\"name\": \"clean\", \"executable\": \"/nonexistent/khabar-clean\"}]}", "/nonexistent/khabar-clean"),
    ("no stages", "{\(binDir), \"stages\": []}", "stages"),
  ])
  func brokenConfigIsRefusedWithAClearMessage(name: String, config: String, named: String) throws {
    let (_, out, result) = try Self.runPipeline(config: config)
    #expect(![0, 1].contains(result.status) && result.status < 128 && result.status != 11 && result.status != 6,
            "\(name): exit \(result.status)")
    #expect(result.stderr.contains(named), "\(name): the message does not name \(named): \(result.stderr)")
    #expect(result.stderr.contains("pipeline.json") || name == "missing executable",
            "\(name): the message does not name the configuration file: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "\(out)/tei"), "\(name): outputs were written")
    #expect(Self.temporaries(under: out).isEmpty)
  }

  /// A bin folder of symlinks to the real executables, with `stage` replaced by a
  /// script that kills itself with SIGSEGV when its input holds the marker.
  static func binDirWithCrashing(_ stage: String) throws -> String {
    let dir = try makeTemporaryDirectory()
    for name in stages.map({ "khabar-\($0)" }) + ["khabar-register"] {
      try FileManager.default.createSymbolicLink(atPath: "\(dir)/\(name)", withDestinationPath: "\(TestPaths.binaries)/\(name)")
    }
    let script = "\(dir)/khabar-\(stage)"
    try FileManager.default.removeItem(atPath: script)
    let body = """
      #!/bin/sh
      if [ -f "$1" ] && grep -q CRASHME "$1"; then kill -SEGV $$; fi
      exec "\(TestPaths.binaries)/khabar-\(stage)" "$@"

      """
    try Data(body.utf8).write(to: URL(fileURLWithPath: script))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
    return dir
  }

  /// The short chain export accepts (export needs no entities): fast enough for `make test`.
  static let shortChain = ["clean", "segment", "export"]

  @Test(arguments: ["clean", "segment"])
  func crashingStageLosesOnlyTheRecordItCrashedOn(stage: String) throws {
    let bin = try Self.binDirWithCrashing(stage)
    let config = "{\"binDir\": \"\(bin)\", \"data\": \"\(TestPaths.data)\", \"stages\": [\(Self.stageList(Self.shortChain))]}"
    var inputs: [String: String] = ["crash.txt": "قال الوزير CRASHME في بغداد.\n"]
    for i in 0..<6 { inputs["ok\(i).txt"] = "وصلت القوات إلى الموصل يوم \(i).\n" }
    let (_, out, result) = try Self.runPipeline(config: config, inputs: inputs)
    #expect(result.status == 1, "a failed file should give exit 1, not \(result.status): \(result.stderr)")
    #expect(result.stderr.contains("crash.txt") || result.stderr.contains("crash"),
            "the message does not name the file: \(result.stderr)")
    #expect(result.stderr.contains("khabar-\(stage)") || result.stderr.contains(stage),
            "the message does not name the stage: \(result.stderr)")
    let tei = (try? FileManager.default.contentsOfDirectory(atPath: "\(out)/tei")) ?? []
    for i in 0..<6 { #expect(tei.contains("ok\(i).xml"), "ok\(i) was lost with the crashing record: \(tei.sorted())") }
    #expect(!tei.contains("crash.xml"))
    #expect(Self.temporaries(under: out).isEmpty, "left behind: \(Self.temporaries(under: out))")
  }

  @Test func missingStageExecutableIsNamed() throws {
    let bin = try Self.binDirWithCrashing("segment")
    try FileManager.default.removeItem(atPath: "\(bin)/khabar-export")
    let config = "{\"binDir\": \"\(bin)\", \"data\": \"\(TestPaths.data)\", \"stages\": [\(Self.stageList(Self.shortChain))]}"
    let (_, out, result) = try Self.runPipeline(config: config)
    #expect(result.status != 0 && result.status != 11, "exit \(result.status)")
    #expect(result.stderr.contains("khabar-export"), "the missing executable is not named: \(result.stderr)")
    #expect(Self.temporaries(under: out).isEmpty)
  }
}
