import Foundation
import KhabarCore
import KhabarTestSupport
import Testing
@testable import KhabarKB

/// The builder on the small fixtures in Tests/Fixtures/kb.
@Suite struct KBBuilderTests {
  /// Regenerate the golden file (then review the diff):
  /// `khabar-kb build --geonames Tests/Fixtures/kb/geonames --curated Tests/Fixtures/kb/curated
  ///  --iso-codes Tests/Fixtures/kb/iso --countries IQ,SY,IR --out /tmp/kb && cp /tmp/kb/entries.jsonl
  ///  Tests/Fixtures/kb/expected-entries.jsonl`
  @Test func matchesGoldenFile() throws {
    let entries = try KBBuilder.build(KBFixtures.options()).entries
    let expected = String(decoding: try FileIO.read("\(KBFixtures.root)/expected-entries.jsonl"), as: UTF8.self)
    #expect(KBFixtures.jsonl(entries) == expected)
  }

  @Test func deterministic() throws {
    let a = KBFixtures.jsonl(try KBBuilder.build(KBFixtures.options()).entries)
    let b = KBFixtures.jsonl(try KBBuilder.build(KBFixtures.options()).entries)
    #expect(a == b)
  }

  @Test func idsFollowTheConvention() throws {
    let kb = try KBFixtures.build(KBFixtures.options())
    // Verified Wikidata id → wd., GeoNames id kept in ids.
    #expect(kb["wd.Q1530"]?.ids == ["wikidata": "Q1530", "geonames": "98182"])
    #expect(kb["gn.98182"] == nil)
    #expect(kb["wd.Q187334"]?.en == "Al Anbar Governorate")
    // GeoNames only → gn.
    #expect(kb["gn.174448"]?.ids == ["geonames": "174448"])
    // Neither → kh.<type>.<slug>.
    #expect(kb["kh.place.al-tanf"]?.geo == [33.505, 38.618])
    #expect(kb["kh.person.qasem-soleimani"]?.type == "person")
    #expect(kb["kh.org.quds-force"]?.ar == ["فيلق القدس"])
    #expect(kb["wd.Q41053"]?.type == "org")
    #expect(KBCheck.problems(KnowledgeBase(entries: Array(kb.values))).isEmpty)
  }

  @Test func curatedNamesComeFirstAndGeoNamesFactsStay() throws {
    let kb = try KBFixtures.build(KBFixtures.options())
    let albu = try #require(kb["gn.174448"])
    #expect(albu.ar == ["البوكمال", "بوكمال", "أبو كمال", "البو كمال"])
    #expect(albu.en == "Albu Kamal")
    #expect(albu.country == "SY")
    #expect(albu.feature == "PPLA2")
    #expect(albu.population == 57572)
    #expect(albu.precision == "city")
    #expect(albu.geo == [34.45226, 40.91854])
  }

  @Test func persianKurdishAndUrduFormsAreDropped() throws {
    let kb = try KBFixtures.build(KBFixtures.options(curated: false))
    let mosul = try #require(kb["gn.99072"])
    #expect(mosul.ar == ["الموصل", "موصل", "موصول"])  // موسڵ, مووسڵ (Kurdish) and mwsڵ dropped
    let tehran = try #require(kb["gn.112931"])
    #expect(!tehran.ar.contains("تہران"))  // Urdu ہ
    #expect(tehran.ar.contains("طهران"))
    // The curated table drops the Persian spellings the letter filter cannot see.
    let curatedTehran = try #require(try KBFixtures.build(KBFixtures.options())["gn.112931"])
    #expect(curatedTehran.ar == ["طهران"])
  }

  @Test func placeSelection() throws {
    let kb = try KBFixtures.build(KBFixtures.options(curated: false))
    #expect(kb["gn.447022"] == nil)  // in the region but no Arabic name
    #expect(kb["gn.2967245"] == nil)  // Arabic name but outside the region and small
    let washington = try #require(kb["gn.4140963"])  // a capital: kept without Arabic names
    #expect(washington.ar.isEmpty && washington.feature == "PPLC")
    // admin1 regions without a curated Arabic name are left out.
    #expect(kb["gn.99592"] == nil)
  }

  @Test func countriesFromCountryInfoAndIsoCodes() throws {
    let kb = try KBFixtures.build(KBFixtures.options())
    let iraq = try #require(kb["gn.99237"])
    #expect(iraq.ar == ["العراق", "جمهوريّة العراق"])
    #expect(iraq.capital == "wd.Q1530")
    #expect(iraq.neighbours == ["SY", "SA", "IR", "JO", "TR", "KW"])
    #expect(iraq.precision == "country" && iraq.feature == "PCLI" && iraq.population == 38433600)
    // countryInfo.txt has no coordinates: the point is the centre of the country's cities in the fixture
    // (close together, so near their plain mean), and a country with one city sits on it.
    let iraqCities = try KBFixtures.cities(country: "IQ")
    let iraqGeo = try #require(iraq.geo)
    #expect(iraqCities.count >= 2)
    #expect(abs(iraqGeo[0] - iraqCities.map(\.latitude).reduce(0, +) / Double(iraqCities.count)) < 0.05)
    #expect(abs(iraqGeo[1] - iraqCities.map(\.longitude).reduce(0, +) / Double(iraqCities.count)) < 0.05)
    let tehran = try #require(try KBFixtures.cities(country: "IR").first)
    #expect(kb["gn.130758"]?.geo == [(tehran.latitude * 10_000).rounded() / 10_000,
                                    (tehran.longitude * 10_000).rounded() / 10_000])
    // "إيران، الجمهوريّة الإسلاميّة الإيرانيّة" splits at the Arabic comma.
    #expect(kb["gn.130758"]?.ar == ["إيران", "الجمهوريّة الإسلاميّة الإيرانيّة"])
    let syria = try #require(kb["wd.Q858"])
    #expect(syria.ar == ["سوريا", "سورية", "الجمهوريّة العربيّة السّوريّة"])
  }

  @Test func curatedErrorsNameTheLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-kb-\(UUID().uuidString)").path
    try FileIO.makeDirectories(dir)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.writeAtomically(Array("type\ten\tar\tlat\nplace\tX\tس\tabc\n".utf8), to: "\(dir)/bad.tsv")
    var o = KBBuildOptions()
    o.curatedDirectory = dir
    #expect(throws: KBError.self) { try KBBuilder.build(o) }
    do {
      _ = try KBBuilder.build(o)
    } catch {
      #expect("\(error)".contains("bad.tsv:2"))
    }
    try FileIO.writeAtomically(Array("type\ten\tnope\nplace\tX\tس\n".utf8), to: "\(dir)/bad.tsv")
    #expect(throws: KBError.self) { try KBBuilder.build(o) }
  }

  @Test func commonWordsFromCuratedAreNotTakenFromGeoNames() throws {
    #expect(try KBFixtures.build(KBFixtures.options())["gn.92138"]?.ar == ["القائم", "مركز قضاء القائم"])
    #expect(try KBFixtures.build(KBFixtures.options(curated: false))["gn.92138"]?.ar == ["القائم", "حصيبة", "مركز قضاء القائم"])
  }

  @Test func slug() {
    #expect(KBSlug.slug("Qasem Soleimani") == "qasem-soleimani")
    #expect(KBSlug.slug("  Kata'ib al-Imam Ali!! ") == "kata-ib-al-imam-ali")
    #expect(KBSlug.slug("Al Arabiya.net") == "al-arabiya-net")
  }

  @Test func moCatalogReadsBothByteOrders() throws {
    let path = "\(KBFixtures.root)/iso/locale/ar/LC_MESSAGES/iso_3166-1.mo"
    let bytes = try FileIO.read(path)
    let catalog = try MOCatalog(bytes: bytes, path: path)
    #expect(catalog.translations["Iraq"] == "العراق")
    #expect(catalog.translations.count == 6)
    #expect(throws: KBError.self) { try MOCatalog(bytes: Array(bytes.prefix(30)), path: path) }
    #expect(throws: KBError.self) { try MOCatalog(bytes: [1, 2, 3, 4, 5, 6, 7, 8], path: path) }
  }

  @Test func arabicNameFilter() {
    #expect(ArabicNames.isArabicName("الرُّكبان"))
    #expect(ArabicNames.isArabicName("أبو كمال"))
    #expect(!ArabicNames.isArabicName("موسڵ"))
    #expect(!ArabicNames.isArabicName("کرمانشاه"))
    #expect(!ArabicNames.isArabicName("تل‌عفر"))  // ZWNJ
    #expect(!ArabicNames.isArabicName("mwsڵ"))
    #expect(!ArabicNames.isArabicName("ب"))
  }

  @Test func countryCentreIsTakenOnTheSphere() throws {
    func city(_ lat: Double, _ lon: Double) -> GeoName {
      GeoName(line: ArraySlice("1\tX\tX\t\t\(lat)\t\(lon)\tP\tPPL\tFJ\t\t01\t\t\t\t0\t\t\t\t".utf8))!
    }
    var centre = CountryCentre()
    #expect(centre.point == nil)  // no cities, no point
    // Two cities either side of the 180th meridian: the centre is on it, not at longitude 0.
    centre.add(city(-17, 179))
    centre.add(city(-18, -179))
    let p = try #require(centre.point)
    #expect(abs(p[0] + 17.5) < 0.01 && abs(abs(p[1]) - 180) < 0.01)
    // Cities on opposite sides of the globe cancel out: there is no centre to draw.
    var apart = CountryCentre()
    apart.add(city(0, 0))
    apart.add(city(0, 180))
    #expect(apart.point == nil)
  }
}
