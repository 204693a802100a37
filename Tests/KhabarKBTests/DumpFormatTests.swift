import KhabarCore
import KhabarTestSupport
import Testing
@testable import KhabarKB

/// The large-dump path on fixtures in the exact dump formats.
@Suite struct DumpFormatTests {
  static func options(alternateNames: Bool = true, wikidata: Bool = false) -> KBBuildOptions {
    var o = KBFixtures.options()
    o.allCountries = "\(KBFixtures.root)/allCountries-sample.txt"
    o.alternateNames = alternateNames ? "\(KBFixtures.root)/alternateNamesV2-sample.txt" : nil
    o.wikidata = wikidata ? "\(KBFixtures.root)/wikidata-sample.json" : nil
    return o
  }

  @Test func geoNameRowParses() throws {
    let line = Array("90393\tTall ‘Afar\tTall 'Afar\tTal Afar,تلعفر\t36.37611\t42.44972\tP\tPPLA2\tIQ\t\t15\t\t\t\t0\t\t250\tAsia/Baghdad\t2020-01-01".utf8)
    let g = try #require(GeoName(line: line[...]))
    #expect(g.id == 90393 && g.featureCode == "PPLA2" && g.country == "IQ" && g.population == 0)
    #expect(g.latitude == 36.37611 && g.longitude == 42.44972)
    #expect(g.arabicNames == ["تلعفر"])
    #expect(GeoName(line: Array("not\ta\trow".utf8)[...]) == nil)
  }

  @Test func allCountriesWithTaggedArabicNames() throws {
    let kb = try KBFixtures.build(Self.options())
    let talAfar = try #require(kb["gn.90393"])
    // Tagged "ar" names only, the preferred one first; fa/ckb/en and the historic name are left out.
    #expect(talAfar.ar == ["تلعفر", "تل عفر"])
    #expect(talAfar.feature == "PPLA2" && talAfar.population == nil && talAfar.precision == "city")
    // A wanted feature (S.AIRB) with an Arabic name is taken; an unwanted one (S.FRM) is not.
    #expect(kb["gn.900000001"]?.ar == ["قاعدة تجريبية"])
    #expect(kb["gn.900000001"]?.precision == "point")
    #expect(kb["gn.900000002"] == nil)
    // Outside the region, or without an Arabic name: left out.
    #expect(kb["gn.900000003"] == nil)
    #expect(kb["gn.900000004"] == nil)
    // Tagged names reach records from the other GeoNames files (the country Iraq, Albu Kamal).
    #expect(kb["gn.99237"]?.ar.contains("بلاد الرافدين") == true)
    #expect(kb["gn.174448"]?.ar.first == "البوكمال")
  }

  @Test func allCountriesWithoutAlternateNamesUsesTheFilteredColumn() throws {
    let kb = try KBFixtures.build(Self.options(alternateNames: false))
    #expect(kb["gn.90393"]?.ar == ["تلعفر"])  // the Kurdish تەلەعفەر is dropped
    #expect(kb["gn.900000001"] == nil)
  }

  @Test func wikidataEntityParses() throws {
    let bytes = try FileIO.read("\(KBFixtures.root)/wikidata-sample.json")
    var lines: [[UInt8]] = []
    TSV.forEachLine(bytes) { line, _ in lines.append(Array(line)) }
    #expect(try WikidataEntity(line: lines[0]) == nil)  // "["
    let person = try #require(try WikidataEntity(line: lines[1]))
    #expect(person.id == "Q900000011" && person.labelAr == "شخص تجريبي" && person.labelEn == "Test Person")
    #expect(person.aliasesAr == ["التجريبي"] && person.aliasesEn == ["T. Person"])
    #expect(person.instanceOf == ["Q5"] && person.sitelinks == 6)
    let place = try #require(try WikidataEntity(line: lines[3]))
    #expect(place.geonames == 174448 && place.coordinates == [34.45, 40.92])
    let hill = try #require(try WikidataEntity(line: lines[7]))
    #expect(hill.geonames == nil)  // the deprecated P1566 is ignored
    #expect(throws: JSONError.self) { try WikidataEntity(line: Array("{\"id\":\"Q1\",".utf8)) }
  }

  @Test func wikidataDump() throws {
    let kb = try KBFixtures.build(Self.options(wikidata: true))
    #expect(kb["wd.Q900000011"]?.type == "person")
    #expect(kb["wd.Q900000011"]?.ar == ["شخص تجريبي", "التجريبي"])
    #expect(kb["wd.Q900000012"] == nil)  // too few sitelinks
    #expect(kb["wd.Q900000014"]?.type == "org")
    #expect(kb["wd.Q900000015"] == nil)  // outside the region box, no GeoNames link
    #expect(kb["wd.Q900000016"] == nil)  // no Arabic label
    #expect(kb["wd.Q900000017"]?.geo == [34.2, 41.5])
    // P1566 joins the entity to the GeoNames record: one entry, named wd.<QID>, GeoNames facts kept.
    let albu = try #require(kb["wd.Q900000013"])
    #expect(kb["gn.174448"] == nil)
    #expect(albu.ids == ["wikidata": "Q900000013", "geonames": "174448"])
    #expect(albu.geo == [34.45226, 40.91854] && albu.population == 57572)
    #expect(albu.ar.first == "البوكمال" && albu.ar.contains("أبو كمال"))
    #expect(KBCheck.problems(KnowledgeBase(entries: Array(kb.values))).isEmpty)
  }

  @Test func alternateNamesNeedAllCountries() {
    var o = KBFixtures.options()
    o.alternateNames = "\(KBFixtures.root)/alternateNamesV2-sample.txt"
    #expect(throws: KBError.self) { try KBBuilder.build(o) }
  }

  @Test func missingDumpIsAnIOError() {
    var o = KBFixtures.options()
    o.allCountries = "\(KBFixtures.root)/no-such-file.txt"
    #expect(throws: IOError.self) { try KBBuilder.build(o) }
  }
}
