import Foundation
import KhabarCore
@testable import KhabarExport
import KhabarTestSupport
import Testing

/// A register larger than its memory budget is written out in sorted runs and
/// merged: the four files are the same bytes as from one register in memory.
@Suite struct RegisterRunsTests {
  /// Records naming shared entities (one of them with two different records),
  /// under many ids and in a shuffled order.
  static func corpus() -> [Document] {
    var rng = SeededRandom(seed: 20261207)
    let makers: [(String) -> Document] = [{ Fixtures.full(id: $0) }, { Fixtures.second(id: $0) }]
    var docs: [Document] = []
    for k in 0..<40 { docs.append(makers[k % 2](String(format: "%03d_%016d", k % 17, k))) }
    docs += [Fixtures.plain(), Fixtures.awkwardBlocks()]
    return docs.shuffled(using: &rng)
  }

  @Test func anyBudgetGivesTheBytesOfOneRegister() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var lines: [UInt8] = []
    for d in Self.corpus() { lines += d.jsonLine() + [0x0A] }
    try FileIO.writeAtomically(lines, to: "\(dir)/records.jsonl")
    let files = ["tei/corpus-register.xml", "places.geojson", "network.gexf", "entities.csv"]
    func outputs(_ budget: Int, workers: Int) throws -> [[UInt8]] {
      let out = "\(dir)/out-\(budget)-\(workers)"
      try FileIO.makeDirectories("\(dir)/tmp")
      let status = RegisterTool.run(out: out, inputs: ["\(dir)/records.jsonl"], skipInvalid: false, quiet: true,
                                    jobs: workers, budget: budget, temporary: "\(dir)/tmp")
      try #require(status == .ok)
      #expect(try FileIO.list("\(dir)/tmp").isEmpty, "the runs' folder is removed")
      return try files.map { try FileIO.read("\(out)/\($0)") }
    }
    let inMemory = try outputs(1 << 40, workers: 1)
    #expect(inMemory == (try [Self.corpus()].map { docs in
      var r = CorpusRegister()
      for d in docs { try r.add(Document(jsonLine: d.jsonLine())) }
      return [try r.teiRegister(), r.geoJSON(), try r.gexf(), r.csv()]
    }.first))
    // 1 byte: a run per record (42 runs: two merge rounds of at most 32); 6,000: a few records per run.
    for (budget, workers) in [(1, 1), (1, 3), (6_000, 2)] {
      #expect(try outputs(budget, workers: workers) == inMemory, "budget \(budget), \(workers) workers")
    }
  }

  @Test func runsMergeEntitiesAndEdges() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = RegisterRuns(parent: dir)
    defer { runs.remove() }
    var shards: [CorpusRegister] = []
    for docs in [[Fixtures.full()], [Fixtures.second()], [Fixtures.second(id: "002_bbbbbbbbbbbbbbbb")]] {
      var r = CorpusRegister()
      for d in docs { try r.add(Document(jsonLine: d.jsonLine())) }
      r.settle()
      try runs.spill(r)
      shards.append(r)
    }
    var whole = shards[0]
    whole.merge(shards[1])
    whole.merge(shards[2])
    let merged = try runs.merged()
    #expect(merged.articleCount == 3 && merged.entityCount == whole.entityCount && merged.edgeCount == whole.edgeCount)
    var fromRuns: [RegisterEntity] = [], fromMemory: [RegisterEntity] = []
    try merged.forEachEntity { fromRuns.append($0) }
    try whole.forEachEntity { fromMemory.append($0) }
    #expect(fromRuns.map(\.id) == fromMemory.map(\.id))
    #expect(fromRuns.map(\.record) == fromMemory.map(\.record))
    #expect(fromRuns.map(\.variants) == fromMemory.map(\.variants))
    #expect(fromRuns.map(\.mentions) == fromMemory.map(\.mentions))
    #expect(fromRuns.map(\.articles) == fromMemory.map(\.articles))
    let qaim = try #require(fromRuns.first { $0.id == "wd.Q1530" })
    #expect(qaim.articles == ["000_9549ff9fa15f7dea", "001_aaaaaaaaaaaaaaaa", "002_bbbbbbbbbbbbbbbb"])
    var edges: [String] = []
    try merged.forEachEdge { a, b, w in edges.append("\(a) \(b) \(w)") }
    var reference: [String] = []
    try whole.forEachEdge { a, b, w in reference.append("\(a) \(b) \(w)") }
    #expect(edges == reference && edges.contains("wd.Q1367424 wd.Q1530 3"))
  }

  @Test func anUnusableTemporaryFolderIsAClearError() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.writeAtomically(Fixtures.full().jsonLine() + [0x0A], to: "\(dir)/a.jsonl")
    let status = RegisterTool.run(out: "\(dir)/out", inputs: ["\(dir)/a.jsonl"], skipInvalid: false, quiet: true,
                                  budget: 1, temporary: "\(dir)/no/such/folder")
    #expect(status == .ioError)
    #expect(!FileIO.exists("\(dir)/out/entities.csv"))
  }
}
