import KhabarCore
import KhabarKB
import KhabarTestSupport
import Testing
@testable import KhabarLink

@Suite struct CandidateTests {
  /// The ref of the single entity of `marked`.
  func ref(_ marked: String) throws -> String {
    let (links, _) = try MarkedText(marked).link()
    return links.items[0].ref
  }

  @Test func articleVariantsMeet() throws {
    #expect(try ref("في [بوكمال|LOC]") == "gn.174448")
    #expect(try ref("في [قائم|LOC]") == "gn.92138")
    #expect(try ref("إلى [البوكمال|LOC]") == "gn.174448")
  }

  @Test func aProcliticLeftOnTheSpanIsDropped() throws {
    #expect(try ref("بين القائم [والبوكمال|LOC]") == "gn.174448")
    #expect(try ref("في [بالعراق|LOC]") == "wd.Q796")
  }

  @Test func lamLamFormIsTheArticle() throws {
    // للبوكمال: the tagger's span drops the preposition ل and keeps the article's ل.
    #expect(try ref("وصولاً ل[لبوكمال|LOC]") == "gn.174448")
    // A name that really begins with ل stays itself.
    #expect(try ref("إلى [لبنان|LOC]") == "wd.Q822")
  }

  @Test func morphsMarkTheArticleLam() throws {
    let m = MarkedText("وصولاً ل[لبوكمال|LOC]")
    let (links, _) = try LinkTestKB.linker.link(text: m.scalars, entities: m.entities, articleLams: [m.entities[0].start])
    #expect(links.items[0].ref == "gn.174448")
  }

  @Test func classifierAndNisbaAreDropped() throws {
    #expect(try ref("في [مدينة القائم|LOC]") == "gn.92138")
    #expect(try ref("في [دير الزور السورية|LOC]") == "gn.170794")
    #expect(try ref("مقاتلي [حزب الله اللبناني|ORG]") == "kh.org.hezbollah")
  }

  @Test func aNisbaAloneIsNotItsCountry() throws {
    // الحدود العراقية is "the Iraqi border", not Iraq.
    let r = try ref("عند [الحدود العراقية|LOC]")
    #expect(r != "wd.Q796")
    #expect(r.hasPrefix("nil.place."))
  }
}

@Suite struct ContextTests {
  @Test func anAdministrativeHeadNamesTheDivision() throws {
    let (links, _) = try MarkedText("استعادت محافظة [دير الزور|LOC] ثم مدينة [دير الزور|LOC] وب[دير الزور|LOC]").link()
    #expect(links.items.map(\.ref) == ["wd.Q232387", "gn.170794", "gn.170794"])
    let (clitic, _) = try MarkedText("في بمحافظة [دير الزور|LOC]").link()
    #expect(clitic.items[0].ref == "wd.Q232387")
  }

  @Test func aBareInstitutionTakesTheNearestNationalityInItsSentence() throws {
    let (iraqi, _) = try MarkedText("وأرسلت القوات العراقية، وفق بيان صادر عن [وزارة الدفاع|ORG].").link()
    #expect(iraqi.items[0].ref == "kh.org.iraqi-ministry-of-defence")
    // The nationality of an earlier sentence does not reach it.
    let (none, _) = try MarkedText("قالت القوات العراقية كذا. وقال بيان [وزارة الدفاع|ORG]").link()
    #expect(none.items[0].method == "nil")
  }

  @Test func aNationalityIsNotAShortForm() throws {
    let (links, _) = try MarkedText("قالت [وزارة الدفاع السورية|ORG] ... ثم القوات العراقية وبيان [وزارة الدفاع|ORG]").link()
    #expect(links.items[0].ref == "kh.org.syrian-ministry-of-defence")
    #expect(links.items[1].ref == "kh.org.iraqi-ministry-of-defence")
    #expect(links.items[1].method == "kb")
  }

  @Test func anOrganisationWithoutItsTanzeem() throws {
    let (links, _) = try MarkedText("منبثق من [القاعدة|ORG]").link()
    #expect(links.items[0].ref == "kh.org.al-qaeda")
  }
}

@Suite struct TaggerErrorTests {
  static let kb = KnowledgeBase(entries: LinkTestKB.entries.filter { $0.id != "kh.person.bashar-al-assad" } + [
    KBEntry(id: "gn.2505530", type: "place", en: "Béchar", ar: ["بشار"], population: 165_241, country: "DZ", feature: "PPLA"),
    KBEntry(id: "kh.person.bashar-al-assad", type: "person", en: "Bashar al-Assad", ar: ["بشار الأسد", "الأسد", "بشار"]),
    KBEntry(id: "kh.org.abu-al-fadl-al-abbas-forces", type: "org", en: "Abu al-Fadl al-Abbas Forces", ar: ["قوات أبو الفضل العباس"]),
    KBEntry(id: "kh.person.basim-al-awadi", type: "person", en: "Basim al-Awadi", ar: ["بسام العوادي"]),
    KBEntry(id: "kh.person.ali-khamenei", type: "person", en: "Ali Khamenei", ar: ["علي خامنئي"]),
  ])
  static let linker = Linker(kb: kb)

  @Test func aPersonsNameTaggedAsAPlaceFollowsTheFullName() throws {
    let (links, _) = try MarkedText("قال [بشار الأسد|PER] ... ثم قوات [بشار|LOC]").link(Self.linker)
    #expect(links.items[1].ref == "kh.person.bashar-al-assad")
    #expect(links.items[1].method == "coref")
    #expect(links.items[1].cert < 0.7)
  }

  @Test func anotherNameOfTheSameRecordOutweighsAForeignHomonym() throws {
    // The tagger found only الأسد (the person) and tagged بشار as a place.
    let (links, _) = try MarkedText("في [سوريا|LOC] و[العراق|LOC] دعم [الأسد|PER] ثم قوات [بشار|LOC]").link(Self.linker)
    #expect(links.items[3].ref == "kh.person.bashar-al-assad")
    // Without that other name the place stays a place.
    let (alone, _) = try MarkedText("وصل إلى [بشار|LOC] في الجزائر").link(Self.linker)
    #expect(alone.items[0].ref == "gn.2505530")
  }

  @Test func aGroupHeadLeftOutsideTheSpan() throws {
    let (links, _) = try MarkedText("أصدرت قوات [أبو الفضل العباس|PER] دعوة").link(Self.linker)
    #expect(links.items[0].ref == "kh.org.abu-al-fadl-al-abbas-forces")
  }

  @Test func aPlaceHeadLeftOutsideTheSpan() throws {
    let kb = KnowledgeBase(entries: LinkTestKB.entries + [
      KBEntry(id: "kh.place.ain-al-asad-air-base", type: "place", en: "Ain al-Asad Air Base", ar: ["عين الأسد"],
              geo: [33.8, 42.44], country: "IQ", feature: "AIRB"),
    ])
    let (links, _) = try MarkedText("قاعدة عين [الأسد|PER] في الأنبار، وقال [بشار الأسد|PER]").link(Linker(kb: kb))
    #expect(links.items[0].ref == "kh.place.ain-al-asad-air-base")
    #expect(links.items[1].ref == "kh.person.bashar-al-assad")
  }

  @Test func aFirstLetterTakenForAProclitic() throws {
    let (links, _) = try MarkedText("الناطق ب[سام العوادي|PER] قال").link(Self.linker)
    #expect(links.items[0].ref == "kh.person.basim-al-awadi")
  }

  @Test func aCommonFirstNameAloneNamesNobody() throws {
    let (links, _) = try MarkedText("كتائب الإمام [علي|PER]").link(Self.linker)
    #expect(links.items[0].method == "nil")
  }
}

@Suite struct DisambiguationTests {
  @Test func typeDecidesBetweenRiverAndChannel() throws {
    let (links, _) = try MarkedText("شرق [الفرات|LOC] وقالت قناة [الفرات|ORG]").link()
    #expect(links.items.map(\.ref) == ["kh.place.euphrates", "kh.org.al-furat-tv"])
  }

  @Test func populationDecidesWithoutContext() throws {
    let (links, _) = try MarkedText("وصل إلى [طرابلس|LOC] أمس").link()
    #expect(links.items[0].ref == "gn.2210247")
  }

  @Test func theArticlesCountryDecides() throws {
    let (links, _) = try MarkedText("في شمال [لبنان|LOC] وصل إلى [طرابلس|LOC] أمس").link()
    #expect(links.items[1].ref == "gn.266826")
  }

  @Test func aNameSharedByAStateAndItsCapitalStillVotesForTheCountry() throws {
    let kb = KnowledgeBase(entries: [
      KBEntry(id: "gn.285570", type: "place", en: "Kuwait", ar: ["الكويت"], country: "KW", feature: "PCLI"),
      KBEntry(id: "gn.285787", type: "place", en: "Kuwait City", ar: ["الكويت"], population: 60_000, country: "KW", feature: "PPLC"),
      KBEntry(id: "gn.172955", type: "place", en: "Raqqa", ar: ["الرقة"], population: 531_952, country: "SY", feature: "PPLA"),
      KBEntry(id: "gn.285728", type: "place", en: "Ar Riqqah", ar: ["الرقة"], population: 50_000, country: "KW", feature: "PPL"),
    ])
    let (links, _) = try MarkedText("في [الرقة|LOC] جنوب [الكويت|LOC]").link(Linker(kb: kb))
    #expect(links.items.map(\.ref) == ["gn.285728", "gn.285570"])
    let (alone, _) = try MarkedText("في [الرقة|LOC]").link(Linker(kb: kb))
    #expect(alone.items[0].ref == "gn.172955")
  }

  @Test func aCountryTaggedAsOrganisationIsStillTheCountry() throws {
    let (links, _) = try MarkedText("وأعلنت [العراق|ORG] أنها").link()
    #expect(links.items[0].ref == "wd.Q796")
    #expect(links.items[0].method == "kb")
  }

  @Test func certaintyIsLowerWhenAmbiguous() throws {
    let (plain, _) = try MarkedText("في [القائم|LOC]").link()
    let (ambiguous, _) = try MarkedText("في [طرابلس|LOC]").link()
    #expect(plain.items[0].cert > ambiguous.items[0].cert)
    #expect(ambiguous.items[0].cert > 0 && plain.items[0].cert <= 0.99)
  }
}

@Suite struct CoreferenceTests {
  @Test func familyAndFirstNameFollowTheFullName() throws {
    let (links, _) = try MarkedText("قال الرئيس [بشار الأسد|PER] إن ... ثم أضاف [الأسد|PER] و[بشار|PER]").link()
    #expect(links.items.map(\.ref) == Array(repeating: "kh.person.bashar-al-assad", count: 3))
    #expect(links.items.map(\.method) == ["kb", "coref", "coref"])
    #expect(links.items[1].cert < links.items[0].cert)
  }

  @Test func theFullNameInTheArticleDecides() throws {
    let (links, _) = try MarkedText("حكم [حافظ الأسد|PER] طويلاً، ثم مات [الأسد|PER]").link()
    #expect(links.items[1].ref == "kh.person.hafez-al-assad")
  }

  @Test func aFullNameLaterInTheArticleCountsToo() throws {
    let (links, _) = try MarkedText("قوات [الأسد|PER] ... الرئيس [حافظ الأسد|PER]").link()
    #expect(links.items[0].ref == "kh.person.hafez-al-assad")
  }

  @Test func shortOrganisationNames() throws {
    let (links, _) = try MarkedText("أعلن [الحشد الشعبي|ORG] ... بين [الحشد|ORG] والجيش").link()
    #expect(links.items[1].ref == "kh.org.popular-mobilization-forces")
    #expect(links.items[1].method == "coref")
  }

  @Test func theOrganisationAnaphorNeedsANamedOrganisationBefore() throws {
    let (links, _) = try MarkedText("هزيمة [تنظيم الدولة|ORG] ... وخسر [التنظيم|ORG] المدينة").link()
    #expect(links.items[1].ref == links.items[0].ref)
    #expect(links.items[1].method == "coref")
    let (alone, _) = try MarkedText("وخسر [التنظيم|ORG] المدينة ثم [تنظيم الدولة|ORG]").link()
    #expect(alone.items[0].method == "nil")
    #expect(alone.items[0].ref != alone.items[1].ref)
  }

  @Test func corefCanBeSwitchedOff() throws {
    let linker = Linker(kb: KnowledgeBase(entries: LinkTestKB.entries), coref: false)
    let (links, _) = try MarkedText("[حافظ الأسد|PER] ثم [الأسد|PER]").link(linker)
    #expect(links.items[1].method != "coref")
  }
}

@Suite struct NilTests {
  @Test func sameUnknownNameSameIdInAnyDocumentAndOrder() throws {
    let (a, _) = try MarkedText("قال [مصطفى حكمت|PER] إن [عكاشات|LOC] سقطت").link()
    let (b, _) = try MarkedText("في [عكاشات|LOC] التقى [القائم|LOC] و[مصطفى حكمت|PER]").link()
    #expect(a.items[0].ref == b.items[2].ref)
    #expect(a.items[1].ref == b.items[0].ref)
    #expect(a.items[0].method == "nil")
  }

  @Test func theIdFollowsTheConvention() throws {
    let (links, _) = try MarkedText("في [الركبان|LOC]").link()
    let expected = "nil.place." + SHA256.hex(Array("place|ركبان".utf8)).prefix(12)
    #expect(links.items[0].ref == expected)
    // The same name without the article and with other spellings (أ/ا, ة/ه, diacritics) meets it.
    #expect(NilID.make(type: "place", name: "رُكبان") == expected)
    // The gold set's nil ids (data/gold/README.md) are this function's.
    #expect(NilID.make(type: "person", name: "مصطفى حكمت العراقي") == "nil.person.36edf793be86")
  }

  @Test func typeIsPartOfTheId() throws {
    #expect(NilID.make(type: "person", name: "عسكر") != NilID.make(type: "place", name: "عسكر"))
  }

  @Test func nilRecordsKeepTheNamesMet() throws {
    let (links, records) = try MarkedText("[تنظيم الدولة|ORG] ثم [التنظيم|ORG] ثم [تنظيم الدولة|ORG]").link()
    let record = try #require(records.records[links.items[0].ref])
    #expect(record.type == "org")
    #expect(record.ar == ["تنظيم الدولة", "التنظيم"])
  }
}

@Suite struct RecordTests {
  @Test func everyRefHasARecordAndPlacesHaveCoordinates() throws {
    let m = MarkedText("بين [القائم|LOC] و[البوكمال|LOC] قرب [الحدود العراقية|LOC] قال [الأسد|PER] و[بشار الأسد|PER] و[الحشد|ORG]")
    let (links, records) = try m.link()
    #expect(links.items.count == m.entities.count)
    #expect(links.items.map(\.entity) == Array(0..<m.entities.count))
    for l in links.items {
      let record = try #require(records.records[l.ref], "no record for \(l.ref)")
      if l.method != "nil" && record.type == "place" { #expect(record.geo?.count == 2) }
    }
    #expect(records.records["gn.92138"]?.geo == [34.39251, 40.98945])
    #expect(Set(records.records.keys) == Set(links.items.map(\.ref)))
  }

  @Test func linkingIsDeterministic() throws {
    let m = MarkedText("في [طرابلس|LOC] و[لبنان|LOC] قال [الأسد|PER] عن [عكاشات|LOC]")
    let first = try m.link(), second = try m.link()
    #expect(first.0 == second.0)
    #expect(first.1 == second.1)
  }

  @Test func badSpansAreErrorsNotTraps() {
    let linker = LinkTestKB.linker
    #expect(throws: LinkError.self) {
      try linker.link(text: Array("abc".unicodeScalars.map(\.value)),
                      entities: [Entities.Item(start: 2, end: 9, type: "LOC", cert: 1, source: "model")])
    }
    #expect(throws: LinkError.self) {
      try linker.link(text: [0x61], entities: [Entities.Item(start: 1, end: 0, type: "LOC", cert: 1, source: "model")])
    }
  }

  @Test func punctuationOnlyEntitiesGetANilLink() throws {
    let (links, records) = try MarkedText("قال [«»|ORG] شيئاً").link()
    #expect(links.items.count == 1)
    #expect(records.records[links.items[0].ref] != nil)
  }
}

@Suite struct LargeDocumentTests {
  /// Many short names in one record: coreference is indexed, not a scan per mention.
  @Test func manyMentionsInOneDocument() throws {
    var marked = ""
    for k in 0..<3000 {
      marked += k % 3 == 0 ? "قال [بشار الأسد|PER] " : k % 3 == 1 ? "ثم [الأسد|PER] " : "مع [الحشد|ORG] و[الحشد الشعبي|ORG] "
    }
    let m = MarkedText(marked)
    let (links, records) = try m.link()
    #expect(links.items.count == m.entities.count)
    #expect(links.items.filter { $0.method == "coref" }.count == 2000)
    #expect(records.records.count == 2)
  }
}

@Suite struct RandomInputTests {
  /// Random spans over random Arabic, Latin, punctuation and diacritics: never
  /// traps, one link per entity, every ref has a record. Prints its seed.
  @Test func randomEntitiesNeverTrap() throws {
    let seed: UInt64 = 0x5EED_1234
    var rng = SeededRandom(seed: seed)
    let pieces = ["ال", "قائم", "بو", "كمال", " ", "،", "«", "»", "ّ", "ً", "ـ", "ل", "و", "محافظة ", "العراقية", "X", ".", "\n",
                  "بشار", "الأسد", "تنظيم", "التنظيم", "الحشد", "دير الزور", "وزارة الدفاع", "\u{200F}", "٣"]
    let types = ["PER", "LOC", "ORG", "MISC", "", "per"]
    for round in 0..<300 {
      var text = ""
      for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
      let scalars = text.unicodeScalars.map(\.value)
      var items: [Entities.Item] = []
      if !scalars.isEmpty {
        for _ in 0..<Int(rng.next() % 8) {
          let a = Int(rng.next() % UInt64(scalars.count)), b = Int(rng.next() % UInt64(scalars.count))
          let lo = min(a, b), hi = max(a, b) + 1
          items.append(Entities.Item(start: lo, end: hi, type: types[Int(rng.next() % UInt64(types.count))], cert: 1, source: "t"))
        }
      }
      let (links, records) = try LinkTestKB.linker.link(text: scalars, entities: items)
      #expect(links.items.count == items.count, "seed \(seed) round \(round)")
      for l in links.items { #expect(records.records[l.ref] != nil, "seed \(seed) round \(round): \(l.ref)") }
    }
  }
}

@Suite struct CompletionTests {
  static let kb = KnowledgeBase(entries: LinkTestKB.entries.filter { !$0.id.hasSuffix("ministry-of-defence") } + [
    KBEntry(id: "kh.org.iraqi-ministry-of-defence", type: "org", en: "Iraqi Ministry of Defence",
            ar: ["وزارة الدفاع العراقية"], country: "IQ"),
    KBEntry(id: "kh.org.syrian-ministry-of-defence", type: "org", en: "Syrian Ministry of Defence",
            ar: ["وزارة الدفاع السورية"], country: "SY"),
  ])

  @Test func aBareInstitutionTakesTheArticlesCountry() throws {
    let linker = Linker(kb: Self.kb)
    let m = MarkedText("وصلت القوات إلى [القائم|LOC] في [العراق|LOC]. وقال المتحدث باسم [وزارة الدفاع|ORG] إن")
    let (links, _) = try linker.link(text: m.scalars, entities: m.entities)
    #expect(links.items[2].ref == "kh.org.iraqi-ministry-of-defence")
    let s = MarkedText("في [دير الزور|LOC] شرق [سوريا|LOC]. وقال بيان [وزارة الدفاع|ORG]")
    #expect(try linker.link(text: s.scalars, entities: s.entities).0.items[2].ref == "kh.org.syrian-ministry-of-defence")
  }

  @Test func aNationalityRightAfterTheNameIsItsOwn() throws {
    // The tagger's span stops before العراقية / التركية: the institution is that country's or none other.
    let linker = Linker(kb: Self.kb)
    let iraqi = MarkedText("في [سوريا|LOC] قالت [وزارة الدفاع|ORG] العراقية إن")
    #expect(try linker.link(text: iraqi.scalars, entities: iraqi.entities).0.items[1].ref
      == "kh.org.iraqi-ministry-of-defence")
    let turkish = MarkedText("في [سوريا|LOC] قالت [وزارة الدفاع|ORG] التركية إن")
    #expect(try linker.link(text: turkish.scalars, entities: turkish.entities).0.items[1].method == "nil")
  }

  @Test func anotherNameInBracketsChoosesTheCompletion() throws {
    let linker = Linker(kb: KnowledgeBase(entries: LinkTestKB.entries.filter { !$0.id.hasSuffix("ministry-of-defence") } + [
      KBEntry(id: "kh.org.syrian-ministry-of-defence", type: "org", en: "Syrian Ministry of Defence",
              ar: ["وزارة الدفاع السورية"], country: "SY"),
      KBEntry(id: "kh.org.united-states-department-of-defense", type: "org", en: "United States Department of Defense",
              ar: ["وزارة الدفاع الأمريكية", "البنتاغون"], country: "US"),
    ]))
    // An article about Syria: «(البنتاغون)» says which ministry, not the article's country.
    for marked in ["في [سوريا|LOC] قال مسؤولون إن [وزارة الدفاع|ORG] (البنتاغون) تدرس",
                   "في [سوريا|LOC] أعلنت [وزارة الدفاع|ORG] \"البنتاغون\" أن"] {
      let m = MarkedText(marked)
      #expect(try linker.link(text: m.scalars, entities: m.entities).0.items[1].ref
        == "kh.org.united-states-department-of-defense")
    }
    let plain = MarkedText("في [سوريا|LOC] قال مسؤولون إن [وزارة الدفاع|ORG] تدرس")
    #expect(try linker.link(text: plain.scalars, entities: plain.entities).0.items[1].ref
      == "kh.org.syrian-ministry-of-defence")
  }

  @Test func aBareInstitutionTakesOnlyTheCountryTheArticleNamesMost() throws {
    // Only Iraq's ministry is known; an article about Syria that names Iraq once leaves the ministry unlinked.
    let linker = Linker(kb: KnowledgeBase(entries: LinkTestKB.entries.filter { !$0.id.hasSuffix("ministry-of-defence") } + [
      KBEntry(id: "kh.org.iraqi-ministry-of-defence", type: "org", en: "Iraqi Ministry of Defence",
              ar: ["وزارة الدفاع العراقية"], country: "IQ"),
    ]))
    let syria = MarkedText("في [سوريا|LOC] و[سوريا|LOC] وقرب [العراق|LOC]. وقال بيان [وزارة الدفاع|ORG]")
    #expect(try linker.link(text: syria.scalars, entities: syria.entities).0.items[3].method == "nil")
    let iraq = MarkedText("في [العراق|LOC] و[العراق|LOC] وقرب [سوريا|LOC]. وقال بيان [وزارة الدفاع|ORG]")
    #expect(try linker.link(text: iraq.scalars, entities: iraq.entities).0.items[3].ref
      == "kh.org.iraqi-ministry-of-defence")
  }

  @Test func withoutCountriesABareInstitutionStaysUnlinked() throws {
    let m = MarkedText("وقال بيان [وزارة الدفاع|ORG] إن")
    let (links, _) = try Linker(kb: Self.kb).link(text: m.scalars, entities: m.entities)
    #expect(links.items[0].method == "nil")
  }

  @Test func aTrailingDescriptiveAdjectiveIsDropped() throws {
    let m = MarkedText("مقاتلو [الحشد الشعبي الشيعي|ORG] في")
    let (links, _) = try LinkTestKB.linker.link(text: m.scalars, entities: m.entities)
    #expect(links.items[0].ref == "kh.org.popular-mobilization-forces")
  }
}
