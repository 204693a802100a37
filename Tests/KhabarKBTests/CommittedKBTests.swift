import KhabarCore
import KhabarTestSupport
import Testing
@testable import KhabarKB

/// The committed data/kb/entries.jsonl: it loads, follows the conventions and covers the seed articles.
@Suite struct CommittedKBTests {
  static let kb: KnowledgeBase? = try? KnowledgeBase.load(dataDirectory: TestPaths.data)

  static func ids(_ name: String) -> [String] {
    kb?.candidates(matchKey: ArabicText.matchKey(name)).map(\.id) ?? []
  }

  @Test func loadsWithoutProblems() throws {
    let kb = try KnowledgeBase.load(dataDirectory: TestPaths.data)
    #expect(kb.entries.count > 2000)
    #expect(KBCheck.problems(kb) == [])
    #expect(kb.entries.map(\.id) == kb.entries.map(\.id).sorted())
  }

  static let verified: [(qid: String, en: String, geonames: String?)] = [
    ("Q2429253", "Islamic State of Iraq and the Levant", nil), ("Q41053", "Hezbollah", nil),
    ("Q19610107", "Popular Mobilization Forces", nil), ("Q796", "Iraq", "99237"), ("Q858", "Syria", "163843"),
    ("Q794", "Iran", "130758"), ("Q822", "Lebanon", "272103"), ("Q801", "Israel", "294640"),
    ("Q810", "Jordan", "248816"), ("Q159", "Russia", "2017370"), ("Q30", "United States", "6252001"),
    ("Q889", "Afghanistan", "1149361"), ("Q928", "Philippines", "1694008"), ("Q43", "Turkey", "298795"),
    ("Q61", "Washington, D.C.", "4140963"), ("Q1530", "Baghdad", "98182"), ("Q83317", "Mosul", "99072"),
    ("Q41183", "Aleppo", "170063"), ("Q3766", "Damascus", "170654"),
    ("Q187334", "Al Anbar Governorate", "99592"), ("Q232387", "Deir ez-Zor Governorate", "170792"),
  ]

  @Test(arguments: verified) func verifiedWikidataIDs(qid: String, en: String, geonames: String?) throws {
    let kb = try #require(Self.kb)
    let e = try #require(kb.entry(id: "wd.\(qid)"))
    #expect(e.en == en)
    #expect(e.ids["wikidata"] == qid)
    #expect(e.ids["geonames"] == geonames)
  }

  @Test func onlyVerifiedWikidataIDs() throws {
    let kb = try #require(Self.kb)
    let allowed = Set(Self.verified.map(\.qid))
    let used = Set(kb.entries.compactMap { $0.ids["wikidata"] })
    #expect(used.subtracting(allowed).isEmpty)
  }

  /// Every person, organisation and place named in the five seed articles, as written there (with ال).
  static let seedNames: [(name: String, id: String)] = [
    ("قاسم سليماني", "kh.person.qasem-soleimani"), ("أبو بكر البغدادي", "kh.person.abu-bakr-al-baghdadi"),
    ("بشار الأسد", "kh.person.bashar-al-assad"), ("الأسد", "kh.person.bashar-al-assad"),
    ("بشار", "kh.person.bashar-al-assad"), ("صدام حسين", "kh.person.saddam-hussein"),
    ("صدام", "kh.person.saddam-hussein"), ("برهم صالح", "kh.person.barham-salih"),
    ("مسعود بارزاني", "kh.person.masoud-barzani"), ("السيد نصرالله", "kh.person.hassan-nasrallah"),
    ("جو دانفورد", "kh.person.joseph-dunford"),
    ("يحيى رسول", "kh.person.yahya-rasool"), ("بسام العوادي", "kh.person.basim-al-awadi"),
    ("عبد الأمير الشمري", "kh.person.abdul-amir-al-shammari"), ("حجي عسكر", "kh.person.hajji-askar"),
    ("شيلي كيتلسون", "kh.person.shelly-kittleson"), ("مصطفى حكمت العراقي", "kh.person.mustafa-hikmat-al-iraqi"),
    ("داعش", "wd.Q2429253"), ("تنظيم الدولة", "wd.Q2429253"), ("الدولة الإسلامية", "wd.Q2429253"),
    ("تنظيم الدولة الإسلامية", "wd.Q2429253"), ("دولة الخلافة", "wd.Q2429253"),
    ("الحشد الشعبي", "wd.Q19610107"), ("قوات الحشد الشعبي", "wd.Q19610107"), ("الحشد", "wd.Q19610107"),
    ("حزب الله", "wd.Q41053"), ("فيلق القدس", "kh.org.quds-force"),
    ("الحرس الثوري", "kh.org.islamic-revolutionary-guard-corps"),
    ("الحرس الثوري الإسلامي الإيراني", "kh.org.islamic-revolutionary-guard-corps"),
    ("قوات سوريا الديموقراطية", "kh.org.syrian-democratic-forces"),
    ("قوات سورية الديمقراطيّة", "kh.org.syrian-democratic-forces"),
    ("هيئة تحرير الشام", "kh.org.hayat-tahrir-al-sham"),
    ("قوات أبو الفضل العباس", "kh.org.abu-al-fadl-al-abbas-forces"),
    ("كتائب الإمام علي", "kh.org.kata-ib-al-imam-ali"),
    ("التحالف الدولي", "kh.org.international-coalition-against-isil"),
    ("التحالف الأميركي", "kh.org.international-coalition-against-isil"),
    ("وزارة الدفاع الروسية", "kh.org.russian-ministry-of-defence"),
    ("وزارة الدفاع السورية", "kh.org.syrian-ministry-of-defence"),
    ("البنتاجون", "kh.org.united-states-department-of-defense"),
    ("العربية.نت", "kh.org.al-arabiya-net"), ("العربي الجديد", "kh.org.the-new-arab"),
    ("البناء", "kh.org.al-binaa"), ("نيوزويك", "kh.org.newsweek"), ("شبكة رصد", "kh.org.rassd-news-network"),
    ("وكالة الأنباء الفرنسية", "kh.org.agence-france-presse"), ("تنظيم القاعدة", "kh.org.al-qaeda"),
    ("تنظيم القاعدة في العراق", "kh.org.al-qaeda-in-iraq"), ("الجيش السوري", "kh.org.syrian-arab-army"),
    ("جيش النظام السوري", "kh.org.syrian-arab-army"), ("الجيش العراقي", "kh.org.iraqi-army"),
    ("الجيش الأميركي", "kh.org.united-states-armed-forces"), ("محور المقاومة", "kh.org.axis-of-resistance"),
    ("غيتي", "kh.org.getty-images"), ("حرس الحدود", "kh.org.iraqi-border-guard"),
    ("قوات الأمن العراقية", "kh.org.iraqi-security-forces"), ("النظام السوري", "kh.org.government-of-syria"),
    ("الحكومة العراقية", "kh.org.government-of-iraq"), ("رئاسة الوزراء العراقية", "kh.org.office-of-the-prime-minister-of-iraq"),
    ("السفارة الأميركيّة في بغداد", "kh.org.embassy-of-the-united-states-baghdad"),
    ("فصائل المعارضة", "kh.org.syrian-opposition"), ("قوات المعارضة", "kh.org.syrian-opposition"),
    ("شرق الفرات", "kh.place.east-of-the-euphrates"), ("المثلث الحدودي", "kh.place.iraq-syria-jordan-tri-border-area"),
    ("عملية الفجر 3", "kh.misc.operation-dawn-3"), ("الحرب العالمية الثانية", "kh.misc.world-war-ii"),
    ("الاستفتاء الكردي", "kh.misc.2017-kurdistan-region-independence-referendum"),
    ("القائم", "gn.92138"), ("البوكمال", "gn.174448"), ("بوكمال", "gn.174448"),
    ("دير الزور", "gn.170794"), ("محافظة دير الزور", "wd.Q232387"), ("الأنبار", "wd.Q187334"),
    ("التنف", "kh.place.al-tanf"), ("عكاشات", "kh.place.akashat"), ("تلّعفر", "gn.90393"),
("قضاء تلّعفر", "gn.90392"), ("الكرادة", "kh.place.karrada"),
    ("العبيدي", "kh.place.al-ubaydi"), ("عين الأسد", "kh.place.ain-al-asad-air-base"),
    ("حقل العمر", "kh.place.al-omar-oil-field"), ("الركبان", "gn.11428685"), ("الفرات", "kh.place.euphrates"),
    ("وادي الفرات", "kh.place.euphrates-valley"), ("معبر القائم", "kh.place.al-qaim-border-crossing"),
    ("الموصل", "wd.Q83317"), ("الرقة", "gn.172955"), ("ميادين", "gn.173480"), ("الشرقاط", "gn.91057"),
    ("القامشلي", "gn.173377"), ("حلب", "wd.Q41183"), ("دمشق", "wd.Q3766"), ("بغداد", "wd.Q1530"),
    ("طهران", "gn.112931"), ("بيروت", "gn.276781"), ("واشنطن", "wd.Q61"), ("موسكو", "gn.524901"),
    ("العراق", "wd.Q796"), ("سوريا", "wd.Q858"), ("سورية", "wd.Q858"), ("إيران", "wd.Q794"),
    ("لبنان", "wd.Q822"), ("إسرائيل", "wd.Q801"), ("الأردن", "wd.Q810"), ("روسيا", "wd.Q159"),
    ("أميركا", "wd.Q30"), ("الولايات المتحدة", "wd.Q30"), ("أفغانستان", "wd.Q889"), ("الفلبين", "wd.Q928"),
    ("شمال إفريقيا", "kh.place.north-africa"), ("الشرق الأوسط", "kh.place.middle-east"),
  ]

  /// Other usual spellings of the same entities (not in the seeds).
  static let variants: [(name: String, id: String)] = [
    ("حسن نصر الله", "kh.person.hassan-nasrallah"), ("قسد", "kh.org.syrian-democratic-forces"),
    ("قوات سوريا الديمقراطية", "kh.org.syrian-democratic-forces"),
    ("البنتاغون", "kh.org.united-states-department-of-defense"), ("أبو كمال", "gn.174448"),
    ("تل عفر", "gn.90393"), ("أمريكا", "wd.Q30"), ("تنظيم داعش", "wd.Q2429253"),
    ("الحرس الثوري الإيراني", "kh.org.islamic-revolutionary-guard-corps"),
  ]

  @Test(arguments: seedNames + variants) func seedNameResolves(name: String, id: String) {
    #expect(Self.ids(name).contains(id), "\(name) → \(Self.ids(name))")
  }

  @Test func albuKamalAndAlQaim() throws {
    let kb = try #require(Self.kb)
    for name in ["البوكمال", "أبو كمال", "بوكمال", "البو كمال", "Albu Kamal"] {
      let places = kb.candidates(matchKey: ArabicText.matchKey(name))
      let e = try #require(places.first { $0.id == "gn.174448" }, "\(name)")
      let geo = try #require(e.geo)
      #expect(abs(geo[0] - 34.45) < 0.05 && abs(geo[1] - 40.94) < 0.05)
      #expect(e.country == "SY")
    }
    let qaim = try #require(kb.entry(id: "gn.92138"))
    #expect(qaim.country == "IQ" && qaim.ids["geonames"] == "92138")
    #expect(kb.candidates(matchKey: ArabicText.matchKey("القائم")).map(\.id) == ["gn.92138"])
  }

  @Test func seedArticlesExist() throws {
    let files = try FileIO.list(TestPaths.seeds).filter { $0.hasSuffix(".txt") }
    #expect(files.count == 5)
    // Every seed name listed above occurs in some seed (so the list is about the seeds).
    let texts = try files.map { ArabicText.matchKey(String(decoding: try FileIO.read("\(TestPaths.seeds)/\($0)"), as: UTF8.self)) }
    for (name, _) in Self.seedNames {
      let key = ArabicText.matchKey(name)
      #expect(texts.contains { $0.contains(key) }, "\(name) is not in the seeds")
    }
  }

  @Test func badLinesAreReportedWithTheirNumber() throws {
    let dir = "\(TestPaths.repoRoot)/.build/kb-test-\(UInt32.random(in: 0...UInt32.max))"
    try FileIO.makeDirectories("\(dir)/kb")
    defer { FileIO.remove("\(dir)/kb/entries.jsonl") }
    try FileIO.writeAtomically(Array("{\"ar\":[],\"id\":\"kh.misc.a\",\"type\":\"misc\"}\n{\"ar\":[]}\n".utf8),
                               to: "\(dir)/kb/entries.jsonl")
    #expect(throws: KBError.self) { try KnowledgeBase.load(dataDirectory: dir) }
    do { _ = try KnowledgeBase.load(dataDirectory: dir) } catch { #expect("\(error)".contains("entries.jsonl:2")) }
    try FileIO.writeAtomically(Array("{\"ar\":[],\"id\":\"kh.misc.a\",\"type\":\"misc\"} x\n".utf8), to: "\(dir)/kb/entries.jsonl")
    #expect(throws: KBError.self) { try KnowledgeBase.load(dataDirectory: dir) }
  }
}
