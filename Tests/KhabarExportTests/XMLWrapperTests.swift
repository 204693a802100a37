import KhabarExport
import KhabarTestSupport
import Testing

@Suite struct XMLWrapperTests {
  @Test func illegalCharactersAreReplacedOneForOne() {
    let s = "a\u{0}b\u{1}c\u{B}d\u{FFFE}e\u{FFFF}f\tg\nh\ri🚀"
    let clean = XMLText.sanitized(s)
    #expect(clean == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\tg\nh\ri🚀")
    #expect(clean.unicodeScalars.count == s.unicodeScalars.count)
    #expect(XMLText.sanitized("عَلِيّ <&> ]]> --") == "عَلِيّ <&> ]]> --")
  }

  @Test func ncNames() {
    #expect(XMLText.isNCName("wd.Q1530"))
    #expect(XMLText.isNCName("kh.person.qasem-soleimani"))
    #expect(!XMLText.isNCName("000_9549ff9fa15f7dea"))
    #expect(!XMLText.isNCName("a b"))
    #expect(!XMLText.isNCName(""))
    #expect(XMLText.ncName("000_9549ff9fa15f7dea", prefix: "d") == "d000_9549ff9fa15f7dea")
    let odd = XMLText.ncName("a b", prefix: "x")
    #expect(XMLText.isNCName(odd) && odd != XMLText.ncName("a:b", prefix: "x"))
  }

  @Test func decimals() {
    #expect(XMLText.decimal(34.3686, decimals: 6) == "34.3686")
    #expect(XMLText.decimal(-0.00001, decimals: 6) == "-0.00001")
    #expect(XMLText.decimal(2, decimals: 4) == "2")
    #expect(XMLText.cert(0.97) == "0.97")
    #expect(XMLText.cert(1.5) == "1")
    #expect(XMLText.cert(.nan) == "0")
  }

  @Test func malformedXMLBecomesASwiftErrorWithALine() throws {
    let bytes = Array("<a>\n<b>&bad;</b>\n</a>".utf8)
    do {
      _ = try XMLElement.parse(bytes)
      Issue.record("expected an error")
    } catch let e as XMLErrors {
      #expect(e.errors.contains { $0.line == 2 })
    }
    #expect(throws: XMLErrors.self) { _ = try XMLElement.parse(Array("<a><b></a>".utf8)) }
    #expect(throws: XMLErrors.self) { _ = try XMLElement.parse([]) }
  }

  @Test func invalidDocumentsAreReported() throws {
    let bad = Array("""
      <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>\
      <publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>\
      <text><body><persName>x</persName></body></text></TEI>
      """.utf8)
    let errors = try TEISchema.errors(bad)
    #expect(!errors.isEmpty)
  }
}

@Suite struct CertFormatTests {
  @Test func certAgreesWithDecimal() {
    var rng = SeededRandom(seed: 7)
    for _ in 0..<2000 {
      let x = Double.random(in: -0.2...1.2, using: &rng)
      #expect(XMLText.cert(x) == XMLText.decimal(min(1, max(0, x)), decimals: 4), "seed 7, x = \(x)")
    }
    #expect(XMLText.cert(0.05) == "0.05")
    #expect(XMLText.cert(0.00004) == "0")
    #expect(XMLText.cert(0.99996) == "1")
  }
}
