import KhabarCore
import KhabarKB
import KhabarStage
import KhabarTestSupport
import Testing
@testable import KhabarLink

@Suite struct LinkStageTests {
  func document(_ m: MarkedText) -> Document {
    var doc = Document(id: "t1", source: .init(path: "t1.txt", sha256: "0", bytes: 0), text: m.text)
    doc.set(Entities(items: m.entities))
    return doc
  }

  @Test func addsLinksAndRecordsAndKeepsOtherLayers() throws {
    let m = MarkedText("افتتح معبر [القائم|LOC] بين [سوريا|LOC] و[العراق|LOC] قرب [عكاشات|LOC]")
    var doc = document(m)
    doc.set(Dates(items: []))
    let before = doc.layers["dates"]
    try LinkStage(linker: LinkTestKB.linker).process(&doc)
    let links = try doc.require(Links.self)
    let records = try doc.require(Records.self)
    #expect(links.items.map(\.ref).prefix(3) == ["gn.92138", "wd.Q858", "wd.Q796"])
    #expect(links.items[3].method == "nil")
    #expect(records.records["gn.92138"]?.en == "Al Qa'im")
    #expect(doc.layers["dates"] == before)
    // The record round-trips through JSON Lines.
    let again = try Document(jsonLine: doc.jsonLine())
    #expect(try again.require(Links.self) == links)
    #expect(try again.require(Records.self) == records)
  }

  @Test func usesTheMorphsArticle() throws {
    let m = MarkedText("وصولاً ل[لبوكمال|LOC]")
    var doc = document(m)
    var morphs = Morphs()
    morphs.spans.append(7, 8); morphs.roles.append(UInt8(ascii: "p"))
    morphs.spans.append(8, 9); morphs.roles.append(UInt8(ascii: "a"))
    morphs.spans.append(9, 15); morphs.roles.append(UInt8(ascii: "s"))
    doc.set(morphs)
    try LinkStage(linker: LinkTestKB.linker).process(&doc)
    #expect(try doc.require(Links.self).items[0].ref == "gn.174448")
  }

  @Test func badEntitySpanIsAStageError() throws {
    var doc = Document(id: "t", source: .init(path: "t.txt", sha256: "0", bytes: 0), text: "قصير")
    doc.set(Entities(items: [Entities.Item(start: 0, end: 50, type: "LOC", cert: 1, source: "model")]))
    #expect(throws: StageError.self) { try LinkStage(linker: LinkTestKB.linker).process(&doc) }
  }

  @Test func loadsTheKnowledgeBaseFromTheDataFolder() throws {
    let dir = try makeTemporaryDirectory()
    try FileIO.makeDirectories("\(dir)/kb")
    var lines: [UInt8] = []
    for e in LinkTestKB.entries {
      var w = JSONWriter()
      e.write(to: &w)
      lines.append(contentsOf: w.bytes)
      lines.append(0x0A)
    }
    try FileIO.writeAtomically(lines, to: "\(dir)/kb/entries.jsonl")
    let stage = try LinkStage(options: StageOptions(defaults: LinkStage.defaultOptions),
                              environment: StageEnvironment(dataDirectory: dir, artifactsDirectory: nil))
    var doc = document(MarkedText("في [البوكمال|LOC]"))
    try stage.process(&doc)
    #expect(try doc.require(Links.self).items[0].ref == "gn.174448")
    #expect(throws: (any Error).self) {
      _ = try LinkStage(options: StageOptions(defaults: LinkStage.defaultOptions),
                        environment: StageEnvironment(dataDirectory: "\(dir)/missing", artifactsDirectory: nil))
    }
  }
}
