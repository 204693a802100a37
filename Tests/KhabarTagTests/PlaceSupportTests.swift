import KhabarCore
import KhabarKB
import Testing
@testable import KhabarTag

/// One-word places of the knowledge base that share their name with a common word are kept only where
/// the document uses the word as a place, and never as an adjective after a definite noun.
@Suite struct PlaceSupportTests {
  static let kb = KnowledgeBase(entries: [
    KBEntry(id: "gn.267008", type: "place", en: "Tyre", ar: ["صور"], country: "LB", feature: "PPLA2"),
    KBEntry(id: "gn.292913", type: "place", en: "Al Ain", ar: ["العين"], population: 846_747, country: "AE",
            feature: "PPL"),
    KBEntry(id: "gn.292968", type: "place", en: "Abu Dhabi", ar: ["أبوظبي"], country: "AE", feature: "PPLC"),
    KBEntry(id: "gn.98112", type: "place", en: "Balad", ar: ["بلد"], country: "IQ", feature: "PPLA2"),
    KBEntry(id: "gn.170654", type: "place", en: "Damascus", ar: ["دمشق"], country: "SY", feature: "PPLC"),
    KBEntry(id: "gn.102358", type: "place", en: "Saudi Arabia", ar: ["السعودية"], country: "SA", feature: "PCLI"),
    KBEntry(id: "kh.place.al-qaim", type: "place", en: "Al-Qa'im", ar: ["القائم"], country: "IQ"),
  ])
  static let matcher = KBNameMatcher(kb)
  static let place = NERLabels.types.firstIndex(of: "LOC")!

  /// The knowledge base's places kept in `marked` (`MarkedWords`); `modelPlaces` are the token indices the
  /// model found as one-word places.
  func kept(_ marked: String, modelPlaces: [Int] = []) -> [String] {
    let m = MarkedWords(marked)
    let kb = m.sentences.map { r in
      Self.matcher.matches(sentence: NERSentence(text: m.text, tokenRanges: r.map { m.tokens[$0] }), text: m.text,
                           tokens: m.tokens, offset: r.lowerBound, firstStem: m.firstStem)
    }
    let model = m.sentences.map { r in
      modelPlaces.filter(r.contains).map {
        EntitySpans.Found(span: TokenSpan(start: $0, end: $0 + 1, type: Self.place), cert: 0.9, source: "model")
      }
    }
    let supported = PlaceSupport.supported(kb: kb, model: model, text: m.text, tokens: m.tokens,
                                           firstStem: m.firstStem)
    return supported.flatMap { $0 }.map { m.surface($0.span) }
  }

  @Test func aCommonWordIsNotAPlaceWithoutSupport() {
    #expect(kept("رفعوا صور الأطفال") == [])
    #expect(kept("لصحة العين والقلب") == [])
  }

  @Test func aWordThatIntroducesAPlaceSupportsIt() {
    #expect(kept("قصف مدينة صور أمس") == ["صور"])
    #expect(kept("وصل الوفد إلى صور") == ["صور"])
    #expect(kept("في جنوب صور") == ["صور"])
  }

  @Test func aWordAnnexedToWhatFollowsItIsACommonNoun() {
    // A preposition does not make a place of a word followed by a definite noun or a name.
    #expect(kept("نشرت في صور الأطفال") == [])
    #expect(kept("نشرت في صور دمشق") == ["دمشق"])
    // An adjective of relation or a word of time may follow a place.
    #expect(kept("قصف في صور اللبنانية") == ["صور"])
    #expect(kept("قصف في صور الخميس") == ["صور"])
    // A place noun needs no such check.
    #expect(kept("قصف مدينة صور القديمة") == ["صور"])
  }

  @Test func aWordTheDocumentWritesWithTheArticleOrAPossessiveIsACommonNoun() {
    // The seed's «في بلد ليس بلدها» ("in a country not hers"): no place after the preposition.
    #expect(kept("تقاتل في بلد ليس بلدها") == [])
    #expect(kept("عاش في بلد يحب البلد") == [])
    #expect(kept("نشرت في صور ثم حذفت صورهم") == [])
    // Without those forms the preposition makes a place; a place noun always does.
    #expect(kept("قصف في بلد شمال العاصمة") == ["بلد"])
    #expect(kept("قصف مدينة صور ونشرت صورهم") == ["صور"])
  }

  @Test func supportHoldsForTheWholeDocument() {
    // One use as a place makes every use of the word a place in the same document.
    #expect(kept("رفعوا صور القتلى | وصلوا إلى صور") == ["صور", "صور"])
  }

  @Test func aPlaceJoinedByWawToAStrongPlaceIsSupported() {
    #expect(kept("زار أبوظبي و+العين") == ["أبوظبي", "العين"])
    #expect(kept("زار العين و+أبوظبي") == ["العين", "أبوظبي"])
  }

  @Test func theModelsPlaceSupportsTheWord() {
    #expect(kept("رفعوا صور القتلى | ضربت صور", modelPlaces: [4]) == ["صور", "صور"])
  }

  @Test func countriesAndCuratedPlacesNeedNoSupport() {
    #expect(kept("زارت السعودية أمس") == ["السعودية"])
    #expect(kept("سيطرت القوات على القائم") == ["القائم"])
  }

  @Test func aDefiniteNameAfterADefiniteWordIsAnAdjective() {
    #expect(kept("أعلنت القيادة السعودية أن") == [])
    #expect(kept("وصل إلى العاصمة السعودية الرياض") == [])
    // A proclitic, or a noun without the article, leaves the name a place.
    #expect(kept("القضية و+السعودية") == ["السعودية"])
    #expect(kept("قيادة السعودية") == ["السعودية"])
  }
}
