import KhabarCore
import Testing
@testable import KhabarLink

@Suite struct GoldTests {
  @Test func parsesRowsCommentsAndCoordinates() throws {
    let text = "# file\tsurface\toccurrence\ttype\tid\tlat\tlon\n"
      + "000_x\tالقائم\t2\tplace\tgn.92138\t34.39251\t40.98945\n\n"
      + "000_x\tداعش\t1\torg\tkh.org.islamic-state\t-\t-\n"
    let gold = try GoldMention.parse(text)
    #expect(gold.count == 2)
    #expect(gold[0].occurrence == 2)
    #expect(gold[0].geo?.0 == 34.39251)
    #expect(gold[1].geo == nil)
  }

  @Test func rejectsMalformedRowsWithTheLine() {
    for bad in ["a\tb\t0\tplace\tid\t-\t-", "a\tb\t1\tplace\tid\t-", "a\tb\t1\tplace\tid\t91\t0", "a\tb\tx\tplace\tid\t-\t-"] {
      #expect(throws: GoldError.self) { try GoldMention.parse("# c\n" + bad) }
      do { _ = try GoldMention.parse("# c\n" + bad) } catch { #expect("\(error)".contains("gold:2:")) }
    }
  }

  @Test func occurrencesCountSubstrings() throws {
    let raw = Array("العراقية في العراق ثم العراق".utf8)
    let g = GoldMention(file: "f", surface: "العراق", occurrence: 3, type: "place", id: "wd.Q796", geo: nil)
    let r = try #require(g.byteRange(in: raw))
    #expect(Array(raw[r]) == Array("العراق".utf8))
    #expect(r.lowerBound == Array("العراقية في العراق ثم ".utf8).count)
    var four = g
    four.occurrence = 4
    #expect(four.byteRange(in: raw) == nil)
  }

  @Test func idsMatchThroughAuthorityIdentifiers() {
    let g = GoldMention(file: "f", surface: "بغداد", occurrence: 1, type: "place", id: "gn.98182", geo: nil)
    #expect(g.matches(ref: "gn.98182", record: nil))
    #expect(g.matches(ref: "wd.Q1530", record: AuthorityRecord(type: "place", ar: [], ids: ["geonames": "98182"])))
    #expect(!g.matches(ref: "wd.Q1530", record: AuthorityRecord(type: "place", ar: [], ids: ["geonames": "1"])))
  }

  @Test func distances() {
    #expect(abs(Geo.distanceKm(0, 0, 1, 0) - 111.195) < 0.01)
    let qaimToAlbuKamal = Geo.distanceKm(34.39251, 40.98945, 34.45226, 40.91854)
    #expect(qaimToAlbuKamal > 5 && qaimToAlbuKamal < LinkEvaluation.toleranceKm)
    #expect(Geo.distanceKm(34.39251, 40.98945, 33.34058, 44.40088) > 300)  // al-Qaim–Baghdad
    #expect(Geo.distanceKm(10, 20, 10, 20) == 0)
  }
}

@Suite struct EvaluationTests {
  @Test func scoresFoundRightAndPlaced() throws {
    let m = MarkedText("بين [القائم|LOC] و[طرابلس|LOC] و[الحدود|LOC]")
    var doc = Document(id: "f", source: .init(path: "f.txt", sha256: "0", bytes: 0), text: m.text)
    doc.set(Entities(items: m.entities))
    try LinkStage(linker: LinkTestKB.linker).process(&doc)
    let gold = [
      GoldMention(file: "f", surface: "القائم", occurrence: 1, type: "place", id: "gn.92138", geo: (34.39, 40.99)),
      // Linked to the Libyan Tripoli: wrong record, far away.
      GoldMention(file: "f", surface: "طرابلس", occurrence: 1, type: "place", id: "gn.266826", geo: (34.43, 35.84)),
      GoldMention(file: "f", surface: "بين", occurrence: 1, type: "place", id: "kh.place.x", geo: nil),
    ]
    var e = LinkEvaluation()
    try e.add(document: doc, gold: gold, raw: nil)
    #expect(e.goldCount == 3)
    #expect(e.foundExact == 2)
    #expect(e.linkedRight == 1)
    #expect(e.linkedRightExact == 1)
    #expect(e.placesWithin == 1)
    #expect(e.placesWithGeo.count == 2)
    #expect(e.extraEntities == 1)
    #expect((e.outcomes[1].distanceKm ?? 0) > 1000)
  }

  @Test func goldOffsetsReferToTheRawFileThroughTheOffsetMap() throws {
    // clean removed an ad marker before the text; the gold counts in the raw file.
    let raw = "[ad_1] القائم\nبين القائم والقائم"
    let text = "بين القائم والقائم"
    let rawBytes = Array(raw.utf8)
    let cut = Array("[ad_1] القائم\n".utf8).count
    var doc = Document(id: "f", source: .init(path: "/nonexistent/f.txt", sha256: "0", bytes: rawBytes.count), text: text)
    doc.offsets = OffsetMap(anchors: [0, cut, text.unicodeScalars.count, rawBytes.count])
    let start = Array("بين القائم و".unicodeScalars).count
    doc.set(Entities(items: [Entities.Item(start: start, end: start + 6, type: "LOC", cert: 1, source: "model")]))
    try LinkStage(linker: LinkTestKB.linker).process(&doc)
    let third = GoldMention(file: "f", surface: "القائم", occurrence: 3, type: "place", id: "gn.92138", geo: nil)
    let second = GoldMention(file: "f", surface: "القائم", occurrence: 2, type: "place", id: "gn.92138", geo: nil)
    var e = LinkEvaluation()
    try e.add(document: doc, gold: [second, third], raw: rawBytes)
    #expect(e.outcomes.map(\.found) == [.missed, .exact])
    #expect(e.linkedRight == 1)
  }
}
