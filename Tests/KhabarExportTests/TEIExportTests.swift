import Foundation
import KhabarCore
import KhabarExport
import KhabarTestSupport
import Testing

/// What each fixture record should look like as text: the sentences and
/// blocks, with XML-illegal characters replaced as the exporter does.
private func expectedSentences(_ d: Document) throws -> [String] {
  let text = Array(XMLText.sanitized(try d.requireText()).unicodeScalars)
  // Sentences are clipped to blocks (a sentence never crosses a block element).
  var pieces: [String] = []
  for block in try d.require(Blocks.self).spans {
    for s in try d.require(Sentences.self).spans where s.overlaps(block) {
      let clipped = s.clamped(to: block)
      pieces.append(String(String.UnicodeScalarView(text[clipped])))
    }
  }
  return pieces
}

private func expectedBlocks(_ d: Document) throws -> [String] {
  let text = Array(XMLText.sanitized(try d.requireText()).unicodeScalars)
  return try d.require(Blocks.self).spans.map { String(String.UnicodeScalarView(text[$0])) }
}

@Suite struct TEIExportTests {
  static let documents = [Fixtures.full(), Fixtures.plain(), Fixtures.awkwardBlocks(), Fixtures.headOnly()]

  @Test(arguments: documents)
  func bothFlavoursAreValidTEI(_ d: Document) throws {
    let files = try TEIExporter.export(d)
    #expect(try TEISchema.errors(files.analysis) == [])
    #expect(try TEISchema.errors(files.reading) == [])
  }

  @Test(arguments: documents)
  func everyPointerResolvesAndIdsAreUnique(_ d: Document) throws {
    let files = try TEIExporter.export(d)
    for bytes in [files.analysis, files.reading] {
      let root = try XMLElement.parse(bytes)
      #expect(TEIChecks.danglingPointers(root) == [])
      #expect(TEIChecks.ids(root).duplicates == [])
    }
  }

  @Test(arguments: documents)
  func tokensRebuildTheCleanedText(_ d: Document) throws {
    let files = try TEIExporter.export(d)
    let analysis = try XMLElement.parse(files.analysis)
    let sentences = TEIChecks.sentences(analysis)
    let expected = try expectedSentences(d)
    #expect(sentences.map(\.textContent) == expected)
    // The fixtures put exactly one space between tokens, so @join alone must
    // also give the text back.
    #expect(sentences.map(TEIChecks.rebuildFromTokens) == expected)
    let blocks = try expectedBlocks(d)
    #expect(TEIChecks.blocks(analysis).prefix(blocks.count).map(\.textContent) == blocks)
    let reading = try XMLElement.parse(files.reading)
    #expect(TEIChecks.blocks(reading).prefix(blocks.count).map(\.textContent) == blocks)
    #expect(reading.descendants().allSatisfy { $0.name != "w" && $0.name != "s" && $0.name != "pc" })
  }

  @Test func sameInputGivesTheSameBytes() throws {
    let a = try TEIExporter.export(Fixtures.full())
    let b = try TEIExporter.export(Fixtures.full())
    #expect(a.analysis == b.analysis)
    #expect(a.reading == b.reading)
    // A round trip through JSON Lines changes nothing either.
    let again = try Document(jsonLine: Fixtures.full().jsonLine())
    #expect(try TEIExporter.export(again).analysis == a.analysis)
  }

  @Test func annotationsNestOrAreDroppedAndCounted() throws {
    let files = try TEIExporter.export(Fixtures.full())
    // "الله دخلت" overlaps كتائب حزب الله; "هـ . و" crosses a sentence.
    #expect(files.analysisDrops == DropCounts(empty: 0, crossing: 1, overlapping: 1))
    let root = try XMLElement.parse(files.analysis)
    let outer = root.descendants().first { $0[attribute: "ref"] == "#wd.Q1739293" }
    #expect(outer?.elements.contains { $0.name == "orgName" && $0[attribute: "ref"] == "#wd.Q41053" } == true)
    #expect(!root.descendants().contains { $0.name == "name" && $0.textContent.contains("دخلت") })
  }

  @Test func clitcsAreOwnTokensAndNamesWrapWholeTokens() throws {
    let root = try XMLElement.parse(try TEIExporter.export(Fixtures.full()).analysis)
    let head = try #require(TEIChecks.blocks(root).first)
    let words = head.descendants().filter { $0.name == "w" }
    #expect(words.map(\.textContent) == ["اشتباكات", "قرب", "القائم", "و", "البوكمال"])
    #expect(words[3][attribute: "join"] == "right")
    let enclitic = root.descendants().first { $0.name == "w" && $0.textContent == "ها" }
    #expect(enclitic?[attribute: "join"] == "left")
    let place = TEIChecks.blocks(root).flatMap { $0.descendants() }.filter { $0.name == "placeName" && $0.textContent == "البوكمال" }
    #expect(place.count == 2 && place.allSatisfy { $0.elements.map(\.name) == ["w"] })
    #expect(root[attribute: "xml:id"] == "d000_9549ff9fa15f7dea")
    #expect(words[0][attribute: "xml:id"] == "d000_9549ff9fa15f7dea.w1")
  }

  @Test func hijriDateMeasureAndStandOff() throws {
    let root = try XMLElement.parse(try TEIExporter.export(Fixtures.full()).analysis)
    let hijri = try #require(root.descendants().first { $0.name == "date" && $0[attribute: "when-custom"] != nil })
    #expect(hijri[attribute: "when-custom"] == "1445-09-21")
    #expect(hijri[attribute: "when"] == "2024-03-31")
    #expect(hijri[attribute: "calendar"] == "#d000_9549ff9fa15f7dea.hijri")
    let measure = try #require(root.descendants().first { $0.name == "measure" })
    #expect(measure[attribute: "quantity"] == "30" && measure[attribute: "unit"] == "km")
    let place = try #require(root.descendants().first { $0.name == "place" && $0[attribute: "xml:id"] == "wd.Q1530" })
    #expect(place.first("location")?.first("geo")?.textContent == "34.3686 41.0944")
    #expect(place.elements.filter { $0.name == "idno" }.map(\.textContent)
      == ["98182", "Q1530", "https://sws.geonames.org/98182/", "http://www.wikidata.org/entity/Q1530"])
    let apps = root.descendants().filter { $0.name == "application" }
    #expect(apps.map { $0[attribute: "version"] ?? "" } == ["1.0.0", "1.2.0", "0.9.0", "1.0.0", "1.0.0"])
    #expect(!String(decoding: try TEIExporter.export(Fixtures.full()).analysis, as: UTF8.self).contains("T0"))
  }

  @Test func readingFlavourPointsAtAuthorities() throws {
    let root = try XMLElement.parse(try TEIExporter.export(Fixtures.full()).reading)
    let refs = root.descendants().compactMap { $0.name.hasSuffix("Name") || $0.name == "name" ? $0[attribute: "ref"] : nil }
    #expect(refs.contains("http://www.wikidata.org/entity/Q1530"))
    #expect(refs.contains("#nil.person.abu-ali-al-saadi"))
    let persons = root.descendants().filter { $0.name == "person" }.map { $0[attribute: "xml:id"] }
    #expect(persons == ["nil.person.abu-ali-al-saadi"])
  }

  @Test func missingLayersAreClearErrors() throws {
    var d = Fixtures.plain()
    d.layers["morphs"] = nil
    #expect(throws: RecordError.missingLayer("morphs")) { try TEIExporter.export(d) }
  }
}

extension Document: CustomTestStringConvertible {
  public var testDescription: String { id }
}

@Suite struct LayoutEdgeTests {
  @Test func namesOutsideSentencesStillShowInTheReadingFlavour() throws {
    let files = try TEIExporter.export(Fixtures.awkwardBlocks())
    let reading = try XMLElement.parse(files.reading)
    #expect(reading.descendants().contains { $0.name == "placeName" && $0.textContent == "دمشق" })
    let analysis = try XMLElement.parse(files.analysis)
    #expect(!analysis.descendants().contains { $0.name == "placeName" })
    #expect(files.analysisDrops.crossing == 1)
    // Blocks that cannot stand where they are become ab with their kind.
    let kinds = TEIChecks.blocks(analysis).map { $0.name + ($0[attribute: "type"].map { "/" + $0 } ?? "") }
    #expect(kinds == ["p", "ab/byline", "ab/title", "p", "dateline"])
  }

  @Test func emptyTextGivesAValidDocument() throws {
    var d = Document(id: "empty", source: .init(path: "e.txt", sha256: "0", bytes: 0), text: "")
    d.set(Blocks())
    d.set(Sentences())
    d.set(Tokens())
    d.set(Morphs())
    let files = try TEIExporter.export(d)
    #expect(try TEISchema.errors(files.analysis) == [])
    #expect(try TEISchema.errors(files.reading) == [])
  }

  @Test func inconsistentLayersNeverTrapAndStayValid() throws {
    // Spans out of bounds, overlapping, reversed; morphs that do not tile.
    var d = Fixtures.plain(id: "broken")
    d.set(Tokens(spansFlat: [0, 3, 2, 5, 9, 4, 20, 9999], kinds: "wwww"))
    d.set(Morphs(spansFlat: [0, 1, 1, 2, 500, 501], roles: "psx"))
    d.set(Entities(items: [.init(start: -5, end: 2, type: "PER", cert: 2, source: "x"),
                           .init(start: 3, end: 100_000, type: "LOC", cert: -1, source: "x")]))
    d.set(Links(items: [.init(entity: 7, ref: "nowhere", cert: 1, method: "kb")]))
    d.set(Dates(items: [.init(start: 0, end: 3, when: "2024-02-30", cert: 1), .init(start: 0, end: 3, when: "٢٠٢٤", cert: 1)]))
    d.set(Measures(items: [.init(start: 0, end: 3, quantity: "ثلاثون", unit: "a b")]))
    let files = try TEIExporter.export(d)
    #expect(try TEISchema.errors(files.analysis) == [])
    #expect(try TEISchema.errors(files.reading) == [])
    #expect(TEIChecks.danglingPointers(try XMLElement.parse(files.analysis)) == [])
  }
}

extension Tokens {
  init(spansFlat: [Int], kinds: String) {
    self.init()
    spans = Spans(flat: spansFlat)
    self.kinds = Array(kinds.utf8)
  }
}

extension Morphs {
  init(spansFlat: [Int], roles: String) {
    self.init()
    spans = Spans(flat: spansFlat)
    self.roles = Array(roles.utf8)
  }
}
