import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarCoordinator

@Suite struct StepKeyTests {
  let base = StepKey.compute(stage: "tag", version: "1.0", optionsHash: "aa", inputSHA: "11", dataFingerprint: "d")

  @Test func everyComponentChangesTheKey() {
    let variants = [
      StepKey.compute(stage: "link", version: "1.0", optionsHash: "aa", inputSHA: "11", dataFingerprint: "d"),
      StepKey.compute(stage: "tag", version: "1.1", optionsHash: "aa", inputSHA: "11", dataFingerprint: "d"),
      StepKey.compute(stage: "tag", version: "1.0", optionsHash: "ab", inputSHA: "11", dataFingerprint: "d"),
      StepKey.compute(stage: "tag", version: "1.0", optionsHash: "aa", inputSHA: "12", dataFingerprint: "d"),
      StepKey.compute(stage: "tag", version: "1.0", optionsHash: "aa", inputSHA: "11", dataFingerprint: "e"),
      StepKey.compute(stage: "tag", version: "1.0", optionsHash: "aa", inputSHA: "11", dataFingerprint: "d", build: "b"),
    ]
    for v in variants { #expect(v != base) }
    #expect(Set(variants).count == variants.count)
    #expect(StepKey.compute(stage: "tag", version: "1.0", optionsHash: "aa", inputSHA: "11", dataFingerprint: "d") == base)
  }

  @Test func keyFileRoundTrip() throws {
    let dir = try makeTree([:])
    defer { WorkLayout.removeTree(dir) }
    let key = StepKey(key: base, stage: "tag", version: "1.0", options: "aa", input: "11", output: "22",
                      artifacts: ["tei/a.xml": SHA256.hex([1])])
    try FileIO.writeAtomically(key.jsonLine, to: "\(dir)/a.key")
    #expect(StepKey.read("\(dir)/a.key") == key)
    #expect(StepKey.read("\(dir)/missing.key") == nil)
    #expect(!key.artifactsIntact(out: dir))
    try FileIO.writeAtomically([1], to: "\(dir)/tei/a.xml")
    #expect(key.artifactsIntact(out: dir))
    try FileIO.writeAtomically([2], to: "\(dir)/tei/a.xml")
    #expect(!key.artifactsIntact(out: dir))
  }
}

@Suite struct ShardTests {
  let ids = (0..<1000).map { "article-\($0)" }

  @Test func partitionIsDisjointAndComplete() throws {
    for n in [1, 2, 3, 8] {
      let shards = try (0..<n).map { try Shard(index: $0, count: n) }
      for id in ids { #expect(shards.filter { $0.contains(id) }.count == 1) }
      // Roughly balanced: every shard gets something.
      for s in shards { #expect(ids.filter(s.contains).count > 1000 / n / 2) }
    }
  }

  @Test func assignmentIsStable() throws {
    // Pinned values: a change here breaks resuming sharded runs.
    #expect(Shard.of(id: "article-0", count: 8) == Int(StableHash.fnv1a("article-0") % 8))
    #expect(Shard.of(id: "خبر", count: 4) == Shard.of(id: "خبر", count: 4))
    #expect(StableHash.fnv1a("a") == 0xaf63dc4c8601ec8c)
    #expect(Shard.of(id: "a", count: 7) == Int(0xaf63dc4c8601ec8c as UInt64 % 7))
  }

  @Test func parsing() throws {
    #expect(try Shard(parsing: "0/8") == Shard(index: 0, count: 8))
    #expect(try Shard(parsing: "7/8").index == 7)
    for bad in ["8/8", "-1/8", "1/0", "x", "1/2/3", "1"] {
      do {
        _ = try Shard(parsing: bad)
        Issue.record("accepted \(bad)")
      } catch {
        #expect(error.exitCode == 64)
      }
    }
  }
}

@Suite struct ChunkingTests {
  @Test func rangesCoverEverythingOnce() {
    for count in [0, 1, 5, 100, 1000, 12345] {
      for jobs in [1, 2, 8] {
        for size: Int? in [nil, 1, 7, 256] {
          let ranges = Chunking.ranges(count: count, jobs: jobs, chunkSize: size)
          #expect(Array(ranges.joined()) == Array(0..<count))
          if let size { #expect(ranges.allSatisfy { $0.count <= size }) }
          #expect(ranges.allSatisfy { $0.count <= max(size ?? 0, Chunking.maxChunkSize) })
        }
      }
    }
    // Runs that fit: one chunk per job (a stage process starts once per chunk).
    #expect(Chunking.ranges(count: 5, jobs: 2, chunkSize: nil) == [0..<3, 3..<5])
    #expect(Chunking.ranges(count: 100, jobs: 2, chunkSize: nil).map(\.count) == [50, 50])
    #expect(Chunking.ranges(count: 1000, jobs: 1, chunkSize: nil).map(\.count) == [512, 488])
    #expect(Chunking.ranges(count: 3, jobs: 8, chunkSize: nil).map(\.count) == [1, 1, 1])
    #expect(Chunking.ranges(count: 10_000, jobs: 2, chunkSize: nil).allSatisfy { $0.count == Chunking.maxChunkSize || $0.upperBound == 10_000 })
  }

  @Test func eachJobGetsAboutTheSameInputBytes() {
    // Ten records, the first four large: the two jobs' chunks split where the bytes halve, not the count.
    let bytes = [300, 300, 300, 300, 60, 60, 60, 60, 60, 60]
    #expect(Chunking.ranges(count: 10, jobs: 2, chunkSize: nil, bytes: bytes) == [0..<3, 3..<10])
    // Every part keeps at least one record, even after one record that outweighs the rest.
    #expect(Chunking.ranges(count: 3, jobs: 3, chunkSize: nil, bytes: [1000, 1, 1]) == [0..<1, 1..<2, 2..<3])
    #expect(Chunking.ranges(count: 4, jobs: 2, chunkSize: nil, bytes: [1, 1, 1, 1000]) == [0..<3, 3..<4])
    for count in [1, 2, 7, 100, 1024, 1500] {
      for jobs in [1, 2, 3] {
        let bytes = (0..<count).map { ($0 * 7919) % 1000 }
        let ranges = Chunking.ranges(count: count, jobs: jobs, chunkSize: nil, bytes: bytes)
        #expect(Array(ranges.joined()) == Array(0..<count))
        #expect(ranges.allSatisfy { !$0.isEmpty && $0.count <= Chunking.maxChunkSize })
        if count <= jobs * Chunking.maxChunkSize { #expect(ranges.count >= min(jobs, count)) }
      }
    }
  }

  @Test func indexOfRecordsByID() throws {
    let output = Array("{\"id\":\"a\",\"x\":{\"id\":\"inner\"}}\n\n{\"x\":1,\"id\":\"ب\"}\n{\"id\":\"a\"}".utf8)
    let index = try Chunking.index(output)
    func text(_ p: Chunking.Place) -> String { String(decoding: output[p.offset..<p.offset + p.count], as: UTF8.self) }
    #expect(index["a"]?.map(text) == [#"{"id":"a","x":{"id":"inner"}}"#, #"{"id":"a"}"#])
    #expect(index["ب"]?.map(text) == [#"{"x":1,"id":"ب"}"#])
    #expect(index.count == 2)
    let dir = try makeTree(["out.jsonl": output])
    #expect(try Chunking.index(contentsOf: "\(dir)/out.jsonl") == index)
    #expect(throws: Chunking.SplitError.self) { try Chunking.index(Array("{\"id\":1}\n".utf8)) }
    #expect(throws: Chunking.SplitError.self) { try Chunking.index(Array("{\"id\":\"a\"".utf8)) }
    #expect(throws: Chunking.SplitError.self) { try Chunking.index(Array("{\"x\":1}\n".utf8)) }
  }
}

@Suite struct FileReadingTests {
  @Test func readsWholeFilesOfAnySize() throws {
    var rng = SeededRandom(seed: 7)
    let dir = try makeTree([:])
    defer { WorkLayout.removeTree(dir) }
    for size in [0, 1, 4095, 4096, 4097, 1 << 20, (1 << 20) + 3] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
      try FileIO.writeAtomically(bytes, to: "\(dir)/f")
      #expect(try FileReading.read("\(dir)/f") == bytes, "size \(size)")
    }
    #expect(throws: IOError.self) { try FileReading.read("\(dir)/missing") }
    #expect(throws: IOError.self) { try FileReading.read(dir) }
  }
}

@Suite struct TemporaryCleanupTests {
  @Test func removesOnlyWhatDeadProcessesLeft() throws {
    let out = try makeTree([
      "work/tag/.tmp-2147483000-a.jsonl": [1],  // no such pid (above any pid_max)
      "work/.tmp-run-2147483000-7/tag-1/in.jsonl": [1],
      "work/tag/.tmp-1-b.jsonl": [1],  // pid 1 is alive: another run's file
      "tei/.tmp-2147483000-x.xml": [1],
      "work/tag/a.jsonl": [1],
    ])
    defer { WorkLayout.removeTree(out) }
    let layout = WorkLayout(out: out)
    #expect(layout.temporaries().count == 4)
    #expect(layout.removeStaleTemporaries() == 3)
    #expect(layout.temporaries() == ["\(out)/work/tag/.tmp-1-b.jsonl"])
    #expect(FileIO.exists("\(out)/work/tag/a.jsonl"))
    #expect(WorkLayout.ownerPID(".tmp-run-42-99") == 42)
    #expect(WorkLayout.ownerPID(".tmp-17-x-y") == 17)
    #expect(WorkLayout.ownerPID(".tmp-x") == nil)
  }
}

@Suite struct KeyJournalTests {
  static func key(_ n: Int) -> String { SHA256.hex("key \(n)") }
  static func output(_ n: Int) -> String { SHA256.hex("output \(n)") }

  @Test func entriesSurviveAReloadATornLineAndCompaction() throws {
    let dir = try makeTemporaryDirectory()
    let journal = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    try journal.append(StepKey(id: "a", key: Self.key(1), stage: "tag", output: Self.output(1)))
    try journal.append(StepKey(id: "b", key: Self.key(2), stage: "tag", output: Self.output(2),
                               artifacts: ["tei/b.xml": Self.output(3)]))
    try journal.append(StepKey(id: "a", key: Self.key(4), stage: "tag", output: Self.output(4)))
    // A run killed in the middle of a line.
    let path = "\(dir)/.keys.jsonl"
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"id":"c","key":"#.utf8))
    handle.closeFile()

    let reloaded = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    #expect(reloaded.entry("a", key: Self.key(4))?.output.hex == Self.output(4))
    #expect(reloaded.entry("a", key: Self.key(1)) == nil, "a superseded entry is not current")
    #expect(reloaded.entry("b", key: Self.key(2))?.artifacts.map { "\($0.rel) \($0.sha.hex)" } == ["tei/b.xml \(Self.output(3))"])
    #expect(reloaded.entry("c", key: Self.key(5)) == nil)
    #expect(reloaded.previousArtifacts("b") == ["tei/b.xml"])
    // Appending after the torn line starts a new line.
    try reloaded.append(StepKey(id: "c", key: Self.key(5), stage: "tag", output: Self.output(5)))
    try reloaded.compact()
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix("{") }, "\(lines)")
    #expect(lines.map { $0.contains(#""id":"a""#) } == [true, false, false], "sorted by id, one line each")
    let compacted = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    #expect(compacted.entry("c", key: Self.key(5))?.output.hex == Self.output(5))
    #expect(compacted.entry("a", key: Self.key(4)) != nil)
    // Entries are read back from the file as loaded, also after the run replaced it (compaction renames).
    #expect(reloaded.entry("b", key: Self.key(2))?.output.hex == Self.output(2))
    #expect(reloaded.previousArtifacts("b") == ["tei/b.xml"])
  }

  /// A line records its files' signature codes, which come back with the entry (an older line has none: 0).
  @Test func entriesKeepTheSignaturesTheyVouchWith() throws {
    let dir = try makeTemporaryDirectory()
    let journal = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    try journal.append(StepKey(id: "a", key: Self.key(1), stage: "export", output: Self.output(1),
                               artifacts: ["tei/a.xml": Self.output(2), "tei-reading/a.xml": Self.output(3)],
                               outputCheck: 0xfeed_0000_0000_0001, artifactChecks: ["tei/a.xml": 7, "tei-reading/a.xml": 0xabc]))
    try journal.append(StepKey(id: "b", key: Self.key(4), stage: "export", output: Self.output(4)))
    try journal.compact()
    let reloaded = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    let a = try #require(reloaded.entry("a", key: Self.key(1)))
    #expect(a.outputCheck == 0xfeed_0000_0000_0001)
    #expect(a.artifacts.map { "\($0.rel) \($0.check)" } == ["tei-reading/a.xml 2748", "tei/a.xml 7"])
    #expect(reloaded.entry("b", key: Self.key(4))?.outputCheck == 0)
    #expect(reloaded.entry("a", key: Self.key(4)) == nil, "another id's key")
    let line = try #require(String(decoding: try FileIO.read("\(dir)/.keys.jsonl"), as: UTF8.self).split(separator: "\n").first)
    #expect(StepKey.parse(Array(line.utf8))?.artifactChecks == ["tei/a.xml": 7, "tei-reading/a.xml": 0xabc])
  }

  @Test func anotherShardsJournalIsReadButNotWritten() throws {
    let dir = try makeTemporaryDirectory()
    let shard = KeyJournal(folder: dir, fileName: ".keys-shard-0-of-2.jsonl")
    try shard.append(StepKey(id: "x", key: Self.key(1), stage: "clean", output: Self.output(1)))
    try shard.compact()
    let before = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/.keys-shard-0-of-2.jsonl"))
    let whole = KeyJournal(folder: dir, fileName: ".keys.jsonl")
    #expect(whole.entry("x", key: Self.key(1))?.output.hex == Self.output(1))
    try whole.append(StepKey(id: "y", key: Self.key(2), stage: "clean", output: Self.output(2)))
    try whole.compact()
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/.keys-shard-0-of-2.jsonl")) == before)
    #expect(!FileManager.default.fileExists(atPath: "\(dir)/.keys-shard-1-of-2.jsonl"))
  }
}
