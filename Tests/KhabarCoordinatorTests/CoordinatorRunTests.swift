import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarCoordinator

/// A scratch project for end-to-end runs of the built `khabar` with the fake
/// stages of Tests/Fixtures/pipeline/bin (bash scripts, so these tests do not
/// depend on the real stages).
struct FakeProject {
  let root: String
  var fakeBin: String { "\(TestPaths.fixtures)/pipeline/bin" }
  var log: String { "\(root)/stage.log" }

  init(files: [String: String]) throws {
    root = try makeTemporaryDirectory()
    for (rel, text) in files { try FileIO.writeAtomically(Array(text.utf8), to: "\(root)/in/\(rel)") }
    try writeConfig()
  }

  func writeConfig(tagOptions: String = "{}", extra: String = "", stages: String? = nil) throws {
    let chain = stages ?? """
      {"name":"clean","executable":"fake-clean"},{"name":"segment","executable":"fake-segment"},
      {"name":"tag","executable":"fake-tag","options":\(tagOptions)},
      {"name":"link","executable":"fake-link"},{"name":"export","executable":"fake-export"}
      """
    let json = """
      {"version":1,"input":"in","output":"out","jobs":2,"binDir":"\(fakeBin)",\(extra)
       "stages":[\(chain)],
       "register":{"executable":"fake-register"}}
      """
    try FileIO.writeAtomically(Array(json.utf8), to: "\(root)/pipeline.json")
  }

  @discardableResult
  func khabar(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    var env = environment
    env["FAKE_LOG"] = log
    return try runTool("khabar", arguments, environment: env, cwd: root)
  }

  /// "stage count" lines the fake stages logged since the last call.
  func takeLog() -> [String] {
    let text = (try? FileIO.read(log)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    FileIO.remove(log)
    return text.split(separator: "\n").map(String.init)
  }

  /// Every file under out/ (relative path → bytes), without hidden lock files,
  /// the per-run failure lists, key journals (named per shard; see `journalLines`)
  /// and the cache of stage descriptions.
  func outputs(_ folder: String = "out") -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    func visit(_ dir: String, _ rel: String) {
      for name in (try? FileIO.list(dir)) ?? []
      where !name.hasPrefix(".lock") && !name.hasPrefix(".hash-cache") && !name.hasPrefix("failed") && !name.hasPrefix(".keys") && !name.hasPrefix(".stage-descriptions") {
        let path = "\(dir)/\(name)", r = rel.isEmpty ? name : "\(rel)/\(name)"
        if FileIO.isDirectory(path) { visit(path, r) } else { out[r] = try? FileIO.read(path) }
      }
    }
    visit("\(root)/\(folder)", "")
    return out
  }

  /// The lines of every key journal of one stage, sorted.
  func journalLines(_ stage: String, _ folder: String = "out") -> [String] {
    let dir = "\(root)/\(folder)/work/\(stage)"
    return ((try? FileIO.list(dir)) ?? []).filter { $0.hasPrefix(".keys") }.flatMap { name in
      String(decoding: (try? FileIO.read("\(dir)/\(name)")) ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
    }.sorted()
  }

  /// The journals' step records without their machine-local part (the
  /// signatures of the files as committed, which differ between two runs).
  func stepRecords(_ stage: String, _ folder: String = "out") -> [String] {
    journalLines(stage, folder).compactMap { line -> String? in
      guard var record = StepKey.parse(Array(line.utf8)) else { return nil }
      record.outputCheck = 0
      record.artifactChecks = [:]
      return String(decoding: record.jsonLine, as: UTF8.self)
    }.sorted()
  }

  /// True when the journal of `stage` vouches for the output of `id`: its
  /// newest line records the file's hash with the file's present signature.
  func journalVouches(_ stage: String, _ id: String) -> Bool {
    let path = "\(root)/out/work/\(stage)/\(id).jsonl"
    guard let line = journalLines(stage).last(where: { $0.contains("\"id\":\"\(id)\"") }),
      let record = StepKey.parse(Array(line.utf8)), let bytes = try? FileIO.read(path)
    else { return false }
    return record.outputCheck != 0 && record.outputCheck == FileSignature.check(of: path)
      && record.output == SHA256.hex(bytes)
  }

  func temporaries() -> [String] { WorkLayout(out: "\(root)/out").temporaries() }

  /// Waits (up to 20 s) until a running coordinator has started a stage
  /// process: its scratch folder holds a chunk folder.
  func waitForStageWork() {
    for _ in 0..<400 {
      let work = "\(root)/out/work"
      for name in (try? FileIO.list(work)) ?? [] where name.hasPrefix(".tmp-run-") {
        if !((try? FileIO.list("\(work)/\(name)")) ?? []).isEmpty { return }
      }
      usleep(50_000)
    }
  }

  func remove() { WorkLayout.removeTree(root) }
}

/// How many records a stage processed according to the fake stages' log.
func records(_ log: [String], _ stage: String) -> Int {
  log.filter { $0.hasPrefix("\(stage) ") }.compactMap { Int($0.dropFirst(stage.count + 1)) }.reduce(0, +)
}

let articles = [
  "a.txt": "first article", "b.txt": "second BAD article", "sub/c.txt": "third CRASH article",
  "sub/a.txt": "same stem", "مجلد/خبر جديد.txt": "عربي", "empty.txt": "", "d.txt": "fourth", "e.txt": "fifth",
]

@Suite(.serialized) struct CoordinatorRunTests {
  @Test func failureIsolationExitCodesAndNoTemporaries() throws {
    let p = try FakeProject(files: articles)
    defer { p.remove() }
    let r = try p.khabar(["run"])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("in/b.txt: tag: record contains BAD"))
    #expect(r.stderr.contains("in/sub/c.txt: link: fake-link was killed by signal 11 (SIGSEGV)"))
    #expect(r.stderr.contains("2 inputs share the name \"a\""))
    let out = p.outputs()
    // The good files went all the way through, the bad ones stopped where they failed.
    for id in ["d", "e", "empty", "خبر جديد"] {
      #expect(out["tei/\(id).xml"] != nil, "missing TEI of \(id)")
      #expect(out["work/export/\(id).jsonl"] != nil)
    }
    #expect(out["work/tag/b.jsonl"] == nil && out["work/segment/b.jsonl"] != nil)
    #expect(out["work/link/c.jsonl"] == nil && out["work/tag/c.jsonl"] != nil)
    let register = String(decoding: out["tei/corpus-register.xml"] ?? [], as: UTF8.self)
    #expect(register.contains("<item>d</item>") && !register.contains("<item>b</item>"))
    #expect(p.temporaries().isEmpty)
    let failed = String(decoding: (try? FileIO.read("\(p.root)/out/work/failed.jsonl")) ?? [], as: UTF8.self)
    #expect(failed.split(separator: "\n").count == 2)
    // Options reach the stage; the record keeps its layers in order.
    let e = String(decoding: out["work/export/e.jsonl"] ?? [], as: UTF8.self)
    #expect(e.hasSuffix(#""L_clean":"ok","L_segment":"ok","L_tag":"ok","L_link":"ok","L_export":"ok"}"# + "\n"))
    #expect(e.hasPrefix(#"{"id":"e","raw":"fifth","schema":1,"source":{"bytes":5,"path":"in/e.txt","sha256":""#))
  }

  @Test func invalidUTF8FailsOnlyThatFileNamingTheOffset() throws {
    let p = try FakeProject(files: ["ok.txt": "fine"])
    defer { p.remove() }
    try FileIO.writeAtomically([0x61, 0x62, 0xFF, 0x63], to: "\(p.root)/in/bin.txt")
    try FileIO.writeAtomically([0x61, 0x00, 0x01, 0x62], to: "\(p.root)/in/nul.txt")  // valid UTF-8
    let r = try p.khabar(["run", "--input", "./in/"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("khabar: error: in/bin.txt: input: not valid UTF-8 at byte offset 2"))
    #expect(p.outputs()["tei/ok.xml"] != nil)
    let nul = String(decoding: p.outputs()["work/clean/nul.jsonl"] ?? [], as: UTF8.self)
    #expect(nul.contains(#""raw":"a\u0000\u0001b""#), "\(nul)")
  }

  @Test func identicalOutputsForAnyJobsAndChunkSize() throws {
    let p = try FakeProject(files: articles)
    defer { p.remove() }
    try p.khabar(["run", "--jobs", "1", "--chunk-size", "100", "--out", "out1"])
    try p.khabar(["run", "--jobs", "2", "--chunk-size", "1", "--out", "out2"])
    try p.khabar(["run", "--jobs", "3", "--chunk-size", "2", "--out", "out3"])
    let one = p.outputs("out1")
    #expect(one.count > 30)
    #expect(one == p.outputs("out2"))
    #expect(one == p.outputs("out3"))
  }

  @Test func aSecondRunDoesNoStageWork() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two BAD", "c.txt": "three"])
    defer { p.remove() }
    #expect(try p.khabar(["run"]).status == 1)
    let before = p.outputs()
    #expect(!p.takeLog().isEmpty)
    let r = try p.khabar(["run"])
    #expect(r.status == 1, "the rejected file is still reported")
    #expect(r.stderr.contains("record contains BAD (input unchanged"))
    #expect(p.takeLog() == [], "no stage and no register ran")
    #expect(r.stderr.contains("register: up to date"))
    #expect(p.outputs() == before)
  }

  @Test func changesRerunExactlyWhatDependsOnThem() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two", "c.txt": "three"])
    defer { p.remove() }
    #expect(try p.khabar(["run"]).status == 0)
    _ = p.takeLog()

    // One input changes: every stage runs for that file only, then the register.
    try FileIO.writeAtomically(Array("two, edited".utf8), to: "\(p.root)/in/b.txt")
    #expect(try p.khabar(["run"]).status == 0)
    // (With more than one job the register may start before the last export: compared without order.)
    #expect(p.takeLog().sorted() == ["clean 1", "export 1", "link 1", "register 3", "segment 1", "tag 1"])

    // Options of tag change: tag and everything after it, for every file.
    try p.writeConfig(tagOptions: #"{"marker":"m2"}"#)
    #expect(try p.khabar(["run"]).status == 0)
    let log = p.takeLog()
    #expect(!log.contains { $0.hasPrefix("clean") || $0.hasPrefix("segment") })
    #expect(records(log, "tag") == 3)
    #expect(String(decoding: p.outputs()["work/tag/a.jsonl"] ?? [], as: UTF8.self).contains(#""L_tag":"m2""#))

    // A new stage version: that stage reruns; the next one only if the
    // output changed (the fake link writes the same bytes: early cut-off).
    #expect(try p.khabar(["run"], environment: ["FAKE_LINK_VERSION": "2.0"]).status == 0)
    let log2 = p.takeLog()
    #expect(records(log2, "link") == 3)
    #expect(log2.allSatisfy { $0.hasPrefix("link ") })

    // An output edited by hand is noticed by its content hash.
    try FileIO.writeAtomically(Array("{}\n".utf8), to: "\(p.root)/out/work/export/c.jsonl")
    #expect(try p.khabar(["run"], environment: ["FAKE_LINK_VERSION": "2.0"]).status == 0)
    #expect(p.takeLog() == ["export 1"])

    // A deleted TEI file is rebuilt.
    FileIO.remove("\(p.root)/out/tei/a.xml")
    #expect(try p.khabar(["run"], environment: ["FAKE_LINK_VERSION": "2.0"]).status == 0)
    #expect(p.takeLog() == ["export 1"])
    #expect(FileIO.exists("\(p.root)/out/tei/a.xml"))
  }

  @Test func touchedFilesAreHashedAgainNotRerunAndEditsAreSeen() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two"])
    defer { p.remove() }
    #expect(try p.khabar(["run"]).status == 0)
    _ = p.takeLog()
    let cachePath = "\(p.root)/out/work/.hash-cache"
    let input = "\(p.root)/in/a.txt", output = "\(p.root)/out/work/clean/a.jsonl"
    let outputSHA = SHA256.hex(try FileIO.read(output))
    // The coordinator names files as it reached them, relative to the project here.
    func vouched(_ path: String, salt: String = "") -> String? {
      guard let entry = HashCache(path: cachePath).recorded(path), let now = FileSignature.of("\(p.root)/\(path)"),
            entry.vouches(for: now, salt: salt) else { return nil }
      return entry.sha
    }
    // A stage's output is vouched for by its journal line (hash and signature as committed), not the hash cache.
    #expect(p.journalVouches("clean", "a"))
    #expect(vouched("out/work/clean/a.jsonl") == nil)
    // The register's files are in the hash cache, so an immediate second run reads none of them (they grow with the corpus).
    let registerFile = "out/tei/corpus-register.xml"
    #expect(vouched(registerFile) == SHA256.hex(try FileIO.read("\(p.root)/\(registerFile)")))
    #expect(vouched("in/a.txt", salt: "record 1 a|") != nil)
    #expect(vouched("in/a.txt") == nil, "the salt is part of what was hashed")

    // Same contents, new times: the cache no longer vouches, the files are hashed, nothing runs,
    // and the new signatures are recorded.
    usleep(20_000)
    for path in [input, output] {
      let bytes = try FileIO.read(path)
      try FileIO.writeAtomically(bytes, to: path)
    }
    #expect(!p.journalVouches("clean", "a"))
    #expect(try p.khabar(["run"]).status == 0)
    #expect(p.takeLog() == [])
    #expect(vouched("out/work/clean/a.jsonl") == outputSHA, "hashed again, and the hash cache remembers it")

    // A damaged cache costs only hashing.
    try FileIO.writeAtomically(Array("garbage\n\t\t\n".utf8), to: cachePath)
    #expect(try p.khabar(["run"]).status == 0)
    #expect(p.takeLog() == [])
    #expect(vouched("out/work/clean/a.jsonl") == outputSHA)

    // An edit of the same size, with the old modification time put back, is still seen (the change time moved).
    let other = "\(p.root)/in/b.txt"
    var st = stat()
    stat(other, &st)
    try FileIO.writeAtomically(Array("TWO".utf8), to: other)
    var times = [st.st_atim, st.st_mtim]
    utimensat(AT_FDCWD, other, &times, 0)
    #expect(try p.khabar(["run"]).status == 0)
    #expect(records(p.takeLog(), "clean") == 1)
  }

  @Test func onlyAndForce() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two"])
    defer { p.remove() }
    // --only tag before anything exists: missing upstream is an error per file.
    let early = try p.khabar(["run", "--only", "tag"])
    #expect(early.status == 1)
    #expect(early.stderr.contains("no output of the segment stage"))
    #expect(try p.khabar(["run"]).status == 0)
    _ = p.takeLog()
    // --only tag (up to date): nothing; --force: exactly tag, for every file, no register.
    #expect(try p.khabar(["run", "--only", "tag"]).status == 0)
    #expect(p.takeLog() == [])
    let r = try p.khabar(["run", "--only", "tag", "--force"])
    #expect(r.status == 0)
    #expect(p.takeLog().allSatisfy { $0.hasPrefix("tag") })
    #expect(r.stderr.contains("register: skipped (--only tag)"))
    #expect(try p.khabar(["run", "--only", "nope"]).status == 64)
    // --force without --only: everything again.
    #expect(try p.khabar(["run", "--force"]).status == 0)
    let log = p.takeLog()
    #expect(["clean", "segment", "tag", "link", "export", "register"].allSatisfy { s in log.contains { $0.hasPrefix(s) } })
    #expect(try p.khabar(["run", "--force", "--no-register"]).status == 0)
    #expect(!p.takeLog().contains { $0.hasPrefix("register") })
  }

  @Test func aStageThatCannotStartStopsTheRunOnce() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two", "c.txt": "three", "d.txt": "four"])
    defer { p.remove() }
    let r = try p.khabar(["run", "--chunk-size", "1", "--jobs", "1"], environment: ["FAKE_EXIT_SEGMENT": "78"])
    #expect(r.status == 78)
    #expect(r.stderr.contains("stage segment cannot run: fake-segment exited with status 78: khabar-segment: error: cannot start"))
    #expect(r.stderr.components(separatedBy: "cannot start").count == 2, "reported once, not per file: \(r.stderr)")
    #expect(records(p.takeLog(), "segment") == 0)
    #expect(p.temporaries().isEmpty)
    // Fixed: the run continues from the finished clean outputs.
    #expect(try p.khabar(["run"]).status == 0)
    #expect(records(p.takeLog(), "segment") == 4)
  }

  @Test func aRemovedInputLeavesTheRegisterButKeepsItsFiles() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two"])
    defer { p.remove() }
    #expect(try p.khabar(["run"]).status == 0)
    FileIO.remove("\(p.root)/in/a.txt")
    #expect(try p.khabar(["run"]).status == 0)
    let register = String(decoding: p.outputs()["tei/corpus-register.xml"] ?? [], as: UTF8.self)
    #expect(register.contains("<item>b</item>") && !register.contains("<item>a</item>"))
    #expect(FileIO.exists("\(p.root)/out/tei/a.xml"), "outputs of removed inputs are left alone")
  }

  @Test func shardsPlusRegisterEqualOneRun() throws {
    let p = try FakeProject(files: articles)
    defer { p.remove() }
    try p.khabar(["run", "--out", "whole"])
    for i in 0..<3 {
      let r = try p.khabar(["run", "--shard", "\(i)/3"])
      #expect(r.stderr.contains("skipped (shard \(i)/3)"))
    }
    #expect(try p.khabar(["register"]).status == 0)
    #expect(p.outputs() == p.outputs("whole"))
    // Up to date now; --force rebuilds it from the same inputs (it had skipped: "no input has an up-to-date output").
    let built = p.takeLog().filter { $0.hasPrefix("register") }.suffix(1)  // the whole run's, then this one
    #expect(built.count == 1)
    let again = try p.khabar(["register"])
    #expect(again.stderr.contains("register: up to date") && p.takeLog() == [])
    let forced = try p.khabar(["register", "--force"])
    #expect(forced.status == 0 && forced.stderr.contains("register: ran on"), "\(forced.stderr)")
    #expect(p.takeLog() == Array(built))
    #expect(p.outputs() == p.outputs("whole"))
    for stage in ["clean", "segment", "tag", "link", "export"] {
      #expect(p.stepRecords(stage) == p.stepRecords(stage, "whole"), "the shards' keys of \(stage) are not the whole run's")
      #expect(!p.stepRecords(stage).isEmpty)
      #expect(p.journalLines(stage).allSatisfy { StepKey.parse(Array($0.utf8))?.outputCheck ?? 0 != 0 })
    }
    #expect(try p.khabar(["run", "--shard", "3/3"]).status == 64)
  }

  @Test func configErrorsExit78BeforeAnyWork() throws {
    let p = try FakeProject(files: ["a.txt": "one"])
    defer { p.remove() }
    try p.writeConfig(stages: """
      {"name":"clean","executable":"fake-clean"},{"name":"segment","executable":"fake-segment"},
      {"name":"tag","executable":"fake-tag"},{"name":"export","executable":"fake-export"},
      {"name":"link","executable":"fake-link"}
      """)
    let r = try p.khabar(["run"])
    #expect(r.status == 78)
    #expect(r.stderr.contains("pipeline.json: stages[3] (export) requires links"))
    #expect(r.stderr.contains("links is provided by link, which must come before export"))
    #expect(p.takeLog() == [])
    #expect(!FileIO.exists("\(p.root)/out"))
    try p.writeConfig(tagOptions: #"{"colour":"red"}"#)
    let r2 = try p.khabar(["check"])
    #expect(r2.status == 78)
    #expect(r2.stderr.contains("stages[2].options.colour: stage tag has no option \"colour\" (known: marker, threshold)"))
    try p.writeConfig(stages: #"{"name":"clean","executable":"/bin/false"},{"name":"link","executable":"fake-link"}"#)
    let r3 = try p.khabar(["run"])
    #expect(r3.status == 78)
    #expect(r3.stderr.contains("pipeline.json: stages[0]: /bin/false --describe exited with status 1"))
    try p.writeConfig(stages: #"{"name":"clean","executable":"fake-cleen"},{"name":"link","executable":"fake-link"}"#)
    let r4 = try p.khabar(["run"])
    #expect(r4.status == 78)
    #expect(r4.stderr.contains("stages[0].executable: executable \(p.fakeBin)/fake-cleen does not exist"))
    #expect(p.takeLog() == [])
    try p.writeConfig()
    #expect(try p.khabar(["check"]).status == 0)
    #expect(try p.khabar(["run", "--input", "nothing-here"]).status == 66)
  }

  @Test func killedRunThenRerunIsIdenticalAndClean() throws {
    let p = try FakeProject(files: articles)
    defer { p.remove() }
    try p.khabar(["run", "--out", "whole"])
    // Start a slow run, kill -9 the coordinator while its stages run.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(TestPaths.binaries)/khabar")
    process.arguments = ["run", "--quiet", "--chunk-size", "2"]
    process.currentDirectoryURL = URL(fileURLWithPath: p.root)
    var env = ProcessInfo.processInfo.environment
    env["FAKE_SLEEP"] = "0.4"
    process.environment = env
    process.standardError = FileHandle.nullDevice
    try process.run()
    p.waitForStageWork()
    usleep(300_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let rerun = try p.khabar(["run"])
    #expect(rerun.status == 1)
    #expect(p.temporaries().isEmpty)
    #expect(p.outputs() == p.outputs("whole"))
  }

  @Test func interruptForwardsAndExits130() throws {
    let p = try FakeProject(files: ["a.txt": "one", "b.txt": "two"])
    defer { p.remove() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(TestPaths.binaries)/khabar")
    process.arguments = ["run", "--quiet"]
    process.currentDirectoryURL = URL(fileURLWithPath: p.root)
    var env = ProcessInfo.processInfo.environment
    env["FAKE_SLEEP"] = "30"
    process.environment = env
    process.standardError = FileHandle.nullDevice
    let started = Date()
    try process.run()
    p.waitForStageWork()
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    #expect(Date().timeIntervalSince(started) < 25, "children were stopped, not waited for (they sleep 30 s)")
    #expect(p.temporaries().isEmpty)
  }
}
