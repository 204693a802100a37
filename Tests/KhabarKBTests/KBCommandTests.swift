import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// The `khabar-kb` executable, run as a user runs it.
@Suite struct KBCommandTests {
  static func tempDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-kb-\(UUID().uuidString)").path
    try FileIO.makeDirectories(dir)
    return dir
  }

  static func buildArguments(out: String, curated: String = "\(KBFixtures.root)/curated") -> [String] {
    ["build", "--geonames", "\(KBFixtures.root)/geonames", "--curated", curated,
     "--iso-codes", "\(KBFixtures.root)/iso", "--countries", "IQ,SY,IR", "--out", out]
  }

  @Test func buildWritesEntriesAndReadme() throws {
    let out = try Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try runTool("khabar-kb", Self.buildArguments(out: out))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("wrote 15 entries"))
    let entries = try FileIO.read("\(out)/entries.jsonl")
    #expect(entries == (try FileIO.read("\(KBFixtures.root)/expected-entries.jsonl")))
    let readme = String(decoding: try FileIO.read("\(out)/README.md"), as: UTF8.self)
    #expect(readme.contains("15 entries"))
    #expect(readme.contains("CC BY 4.0"))

    let check = try runTool("khabar-kb", ["check", "--data", FileIO.dirname(of: out) + "/" + "nonexistent"])
    #expect(check.status == 66)
    #expect(check.stderr.contains("entries.jsonl"))
  }

  @Test func missingInputIsExit66() throws {
    let out = try Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try runTool("khabar-kb", ["build", "--geonames", "/nonexistent/geonames", "--iso-codes", "none", "--out", out])
    #expect(r.status == 66)
    #expect(r.stderr.contains("/nonexistent/geonames/countryInfo.txt"))
    #expect(!FileIO.exists("\(out)/entries.jsonl"))
  }

  @Test func badCuratedTableIsExit65() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.writeAtomically(Array("type\ten\tar\nplanet\tMars\tالمريخ\n".utf8), to: "\(dir)/bad.tsv")
    let r = try runTool("khabar-kb", Self.buildArguments(out: "\(dir)/out", curated: dir))
    #expect(r.status == 65)
    #expect(r.stderr.contains("bad.tsv:2"))
    #expect(r.stderr.contains("type must be"))
  }

  @Test func wikidataDumpFromStandardInput() throws {
    let out = try Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let dump = Data(try FileIO.read("\(KBFixtures.root)/wikidata-sample.json"))
    let r = try runTool("khabar-kb", Self.buildArguments(out: out) + ["--wikidata", "-"], stdin: dump)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("wikidata dump: 7 entities read; taken 1 persons, 1 organisations, 2 places"))
    let entries = String(decoding: try FileIO.read("\(out)/entries.jsonl"), as: UTF8.self)
    #expect(entries.contains("\"id\":\"wd.Q900000013\""))
  }

  @Test func lookupPrintsMatchingEntries() throws {
    let r = try runTool("khabar-kb", ["lookup", "--data", TestPaths.data, "البُوكمال"])
    #expect(r.status == 0)
    #expect(r.stdoutText.contains("\"id\":\"gn.174448\""))
  }
}
