import Foundation
import KhabarCore
import KhabarExport
import KhabarTestSupport
import Testing

extension Fixtures {
  /// A second article sharing entities with `full`, with a conflicting copy
  /// of one record and a name containing a comma and a quote.
  static func second(id: String = "001_aaaaaaaaaaaaaaaa") -> Document {
    var f = ArticleFixture()
    f.block("paragraph", ["زار قاسم سليماني ال+قائم .", "ثم عاد إلى بغداد، \"العاصمة\" ."])
    f.entity("قاسم سليماني", "PER", ref: "wd.Q1367424", record: soleimani)
    f.entity("القائم", "LOC", ref: "wd.Q1530", record: qaim)
    f.entity("بغداد، \"العاصمة\"", "LOC", ref: "gn.98182x",
             record: AuthorityRecord(type: "place", ar: ["بغداد، \"العاصمة\""], en: "Baghdad, \"capital\"",
                                     ids: ["geonames": "98182"], geo: [33.3406, 44.4009]))
    return f.document(id: id)
  }
}

@Suite struct RegisterTests {
  static func build(_ docs: [Document]) throws -> CorpusRegister {
    var r = CorpusRegister()
    for d in docs { try r.add(Document(jsonLine: d.jsonLine())) }
    return r
  }

  static func outputs(_ r: CorpusRegister) throws -> [[UInt8]] {
    [try r.teiRegister(), r.geoJSON(), try r.gexf(), r.csv()]
  }

  @Test func sameBytesWhateverTheOrderOrSharding() throws {
    let docs = [Fixtures.full(), Fixtures.second(), Fixtures.plain(), Fixtures.awkwardBlocks()]
    let reference = try Self.outputs(Self.build(docs))
    var rng = SeededRandom(seed: 20261122)
    for _ in 0..<5 {
      #expect(try Self.outputs(Self.build(docs.shuffled(using: &rng))) == reference)
    }
    var sharded = try Self.build([docs[3], docs[1]])
    sharded.merge(try Self.build([docs[2], docs[0]]))
    #expect(try Self.outputs(sharded) == reference)
  }

  @Test func countsMentionsVariantsArticlesAndEdges() throws {
    let r = try Self.build([Fixtures.full(), Fixtures.second()])
    let qaim = try #require(r.entity("wd.Q1530"))
    #expect(qaim.mentions == 5)
    #expect(r.sortedArticles("wd.Q1530") == ["000_9549ff9fa15f7dea", "001_aaaaaaaaaaaaaaaa"])
    #expect(r.arabicNames("wd.Q1012580") == ["البوكمال", "أبو كمال"])
    // Soleimani and al-Qa'im share a sentence in both articles.
    let edge = r.edges.first { $0.source == "wd.Q1367424" && $0.target == "wd.Q1530" }
    #expect(edge?.weight == 2)
    #expect(r.articleCount == 2)
  }

  @Test func registerTEIIsValidAndPointsAtArticles() throws {
    let r = try Self.build([Fixtures.full(), Fixtures.second()])
    let bytes = try r.teiRegister()
    #expect(try TEISchema.errors(bytes) == [])
    let root = try XMLElement.parse(bytes)
    #expect(TEIChecks.ids(root).duplicates == [])
    let place = try #require(root.descendants().first { $0[attribute: "xml:id"] == "wd.Q1530" })
    let targets = place.descendants().compactMap { $0.name == "ptr" ? $0[attribute: "target"] : nil }
    #expect(targets == ["000_9549ff9fa15f7dea.xml", "001_aaaaaaaaaaaaaaaa.xml"])
    #expect(place.descendants().first { $0.name == "num" }?[attribute: "value"] == "5")
  }

  @Test func geoJSONGEXFAndCSVParseBack() throws {
    let r = try Self.build([Fixtures.full(), Fixtures.second()])
    let geo = try JSONValue.parse(r.geoJSON())
    #expect(geo["type"]?.stringValue == "FeatureCollection")
    let features = try #require(geo["features"]?.arrayValue)
    #expect(features.count == 3)
    let qaim = try #require(features.first { $0["id"]?.stringValue == "wd.Q1530" })
    let coordinates = qaim["geometry"]?["coordinates"]?.arrayValue?.compactMap(\.doubleValue)
    #expect(coordinates == [41.0944, 34.3686])  // [lon, lat]
    #expect(qaim["properties"]?["mentions"]?.intValue == 5)
    #expect(qaim["properties"]?["geonames"]?.stringValue == "98182")

    let gexf = try XMLElement.parse(try r.gexf())
    #expect(gexf.name == "gexf" && gexf.namespace == "http://gexf.net/1.3" && gexf[attribute: "version"] == "1.3")
    let graph = try #require(gexf.first("graph"))
    #expect(graph[attribute: "defaultedgetype"] == "undirected")
    let nodes = graph.first("nodes")?.elements ?? []
    #expect(nodes.count == r.entityCount)
    let nodeIDs = Set(nodes.compactMap { $0[attribute: "id"] })
    let edges = graph.first("edges")?.elements ?? []
    #expect(!edges.isEmpty)
    #expect(edges.allSatisfy { nodeIDs.contains($0[attribute: "source"] ?? "") && nodeIDs.contains($0[attribute: "target"] ?? "") })

    let rows = try Self.parseCSV(String(decoding: r.csv(), as: UTF8.self))
    #expect(rows.first == ["id", "type", "name_ar", "names_ar", "name_en", "wikidata", "geonames", "lat", "lon", "mentions", "articles"])
    #expect(rows.count == r.entityCount + 1)
    #expect(rows.allSatisfy { $0.count == 11 })
    let baghdad = try #require(rows.first { $0[0] == "gn.98182x" })
    #expect(baghdad[2] == "بغداد، \"العاصمة\"" && baghdad[4] == "Baghdad, \"capital\"")
  }

  /// A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes).
  static func parseCSV(_ text: String) throws -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, i = text.unicodeScalars.startIndex
    let s = text.unicodeScalars
    while i < s.endIndex {
      let c = s[i]
      if quoted {
        if c == "\"" {
          let n = s.index(after: i)
          if n < s.endIndex && s[n] == "\"" { field.unicodeScalars.append("\""); i = n } else { quoted = false }
        } else { field.unicodeScalars.append(c) }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field); field = ""
      } else if c == "\r" {
        let n = s.index(after: i)
        guard n < s.endIndex, s[n] == "\n" else { throw CSVError() }
        row.append(field); rows.append(row); row = []; field = ""; i = n
      } else if c == "\n" {
        throw CSVError()
      } else { field.unicodeScalars.append(c) }
      i = s.index(after: i)
    }
    guard field.isEmpty, row.isEmpty else { throw CSVError() }
    return rows
  }
  struct CSVError: Error {}

  @Test func commandWritesTheFourFiles() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var lines: [UInt8] = []
    for d in [Fixtures.full(), Fixtures.second()] { lines += d.jsonLine() + [0x0A] }
    try FileIO.makeDirectories("\(dir)/in")
    try FileIO.writeAtomically(lines, to: "\(dir)/in/a.jsonl")
    #expect(RegisterTool.run(out: "\(dir)/out", inputs: ["\(dir)/in"], skipInvalid: false, quiet: true) == .ok)
    for f in ["tei/corpus-register.xml", "places.geojson", "network.gexf", "entities.csv"] {
      #expect(FileIO.exists("\(dir)/out/\(f)"), "\(f)")
    }
    try FileIO.writeAtomically(lines + Array("{not json\n".utf8), to: "\(dir)/bad.jsonl")
    #expect(RegisterTool.run(out: "\(dir)/out2", inputs: ["\(dir)/bad.jsonl"], skipInvalid: false, quiet: true) == .dataError)
    #expect(!FileIO.exists("\(dir)/out2/entities.csv"))
    #expect(RegisterTool.run(out: "\(dir)/out3", inputs: ["\(dir)/nope.jsonl"], skipInvalid: false, quiet: true) == .noInput)
  }

  /// A list file names the inputs (one per line, or NUL-ended with `--null`, as the
  /// coordinator passes them); a folder's hidden files (the coordinator's
  /// `.keys.jsonl`) are not records.
  @Test func inputsFromAListAndFoldersWithHiddenFiles() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.makeDirectories("\(dir)/in")
    try FileIO.writeAtomically(Fixtures.full().jsonLine() + [0x0A], to: "\(dir)/in/a b.jsonl")
    try FileIO.writeAtomically(Fixtures.second().jsonLine() + [0x0A], to: "\(dir)/in/c.jsonl")
    try FileIO.writeAtomically(Array("{\"key\":\"not a record\"}\n".utf8), to: "\(dir)/in/.keys.jsonl")
    let reference = try Self.build([Fixtures.full(), Fixtures.second()]).csv()
    #expect(RegisterTool.run(out: "\(dir)/o1", inputs: ["\(dir)/in"], skipInvalid: false, quiet: true) == .ok)
    #expect(try FileIO.read("\(dir)/o1/entities.csv") == reference)
    try FileIO.writeAtomically(Array("\(dir)/in/a b.jsonl\r\n\n\(dir)/in/c.jsonl\n".utf8), to: "\(dir)/lines.list")
    #expect(RegisterTool.run(out: "\(dir)/o2", inputs: [], filesFrom: "\(dir)/lines.list", skipInvalid: false, quiet: true) == .ok)
    #expect(try FileIO.read("\(dir)/o2/entities.csv") == reference)
    try FileIO.writeAtomically(Array("\(dir)/in/c.jsonl\0\(dir)/in/a b.jsonl\0".utf8), to: "\(dir)/nul.list")
    #expect(RegisterTool.run(out: "\(dir)/o3", inputs: [], filesFrom: "\(dir)/nul.list", nul: true, skipInvalid: false, quiet: true) == .ok)
    #expect(try FileIO.read("\(dir)/o3/entities.csv") == reference)
    // Read as lines, a NUL-separated list is refused (a path cannot hold NUL; open() would cut it there).
    #expect(RegisterTool.run(out: "\(dir)/o4", inputs: [], filesFrom: "\(dir)/nul.list", skipInvalid: false, quiet: true) == .dataError)
    #expect(!FileIO.exists("\(dir)/o4/entities.csv"))
    try FileIO.writeAtomically([], to: "\(dir)/empty.list")
    #expect(RegisterTool.run(out: "\(dir)/o5", inputs: [], filesFrom: "\(dir)/empty.list", skipInvalid: false, quiet: true) == .noInput)
    #expect(RegisterTool.run(out: "\(dir)/o6", inputs: [], filesFrom: "\(dir)/missing.list", skipInvalid: false, quiet: true) == .noInput)
  }

  /// Several parsing threads give the register, the warnings (in file order)
  /// and the first error of one reader, across batches.
  @Test func parallelReadingEqualsOneReader() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let makers: [(String) -> Document] = [{ Fixtures.full(id: $0) }, { Fixtures.second(id: $0) }]
    var files: [String] = []
    for f in 0..<3 {
      var lines: [UInt8] = []
      for k in 0..<(RegisterTool.batchSize + 7) {
        if k % 41 == 5 { lines += Array("{broken \(f) \(k)\n".utf8) }
        lines += makers[k % 2](String(format: "%03d_%016d", f, k)).jsonLine() + [0x0A]
      }
      files.append("\(dir)/\(f).jsonl")
      try FileIO.writeAtomically(lines, to: files[f])
    }
    var serialWarnings: [String] = [], parallelWarnings: [String] = []
    let serial = try RegisterTool.read(files, skipInvalid: true, workers: 1) { serialWarnings.append($0) }
    let parallel = try RegisterTool.read(files, skipInvalid: true, workers: 3) { parallelWarnings.append($0) }
    #expect(serialWarnings.count == 6 && serialWarnings == parallelWarnings)
    #expect(serial.articleCount == 3 * (RegisterTool.batchSize + 7))
    #expect(try Self.outputs(parallel) == Self.outputs(serial))
    for workers in [1, 2] {
      #expect {
        _ = try RegisterTool.read(files, workers: workers)
      } throws: { error in
        (error as? RegisterTool.Failure)?.description.hasPrefix("\(files[0]):6: ") == true
      }
    }
  }

  /// The executable reads standard input and gives the same files as the library.
  @Test func executableReadsStandardInput() throws {
    let exe = "\(TestPaths.binaries)/khabar-register"
    try #require(FileManager.default.fileExists(atPath: exe), "build khabar-register first (swift build --build-tests)")
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var lines: [UInt8] = []
    for d in [Fixtures.second(), Fixtures.full()] { lines += d.jsonLine() + [0x0A] }
    let result = try runTool("khabar-register", ["--out", dir, "-q", "-"], stdin: Data(lines))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let r = try Self.build([Fixtures.full(), Fixtures.second()])
    #expect(try FileIO.read("\(dir)/entities.csv") == r.csv())
    #expect(try FileIO.read("\(dir)/network.gexf") == r.gexf())
    let usage = try runTool("khabar-register", [])
    #expect(usage.status == 64)
  }
}
