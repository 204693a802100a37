import KhabarCore
import KhabarKB
import Testing
@testable import KhabarTag

/// The knowledge-base matcher of the tag stage on hand-made sentences.
@Suite struct KBNameMatcherTests {
  static let kb = KnowledgeBase(entries: [
    KBEntry(id: "gn.92138", type: "place", en: "Al Qa'im", ar: ["القائم"], population: 150_000, country: "IQ"),
    KBEntry(id: "kh.place.al-qaim-border-crossing", type: "place", en: "Al-Qaim border crossing",
            ar: ["معبر القائم", "معبر القائم الحدودي"]),
    KBEntry(id: "gn.2505530", type: "place", en: "Béchar", ar: ["بشار"], population: 165_241, country: "DZ",
            feature: "PPLA"),
    KBEntry(id: "kh.person.bashar-al-assad", type: "person", en: "Bashar al-Assad",
            ar: ["بشار الأسد", "الأسد", "بشار"]),
    KBEntry(id: "kh.org.government-of-syria", type: "org", en: "Government of Syria", ar: ["نظام الأسد"]),
    KBEntry(id: "kh.org.iraqi-ministry-of-defence", type: "org", en: "Iraqi Ministry of Defence",
            ar: ["وزارة الدفاع العراقية"], country: "IQ"),
    KBEntry(id: "kh.org.the-new-arab", type: "org", en: "The New Arab", ar: ["العربي الجديد"]),
    KBEntry(id: "kh.org.al-binaa", type: "org", en: "Al-Binaa", ar: ["البناء", "صحيفة البناء", "جريدة البناء"]),
    KBEntry(id: "kh.org.newsweek", type: "org", en: "Newsweek", ar: ["نيوزويك", "مجلة نيوزويك"]),
    KBEntry(id: "kh.org.x-social-network", type: "org", en: "X social network", ar: ["إكس", "X"]),
    KBEntry(id: "kh.org.syrian-democratic-forces", type: "org", en: "Syrian Democratic Forces",
            ar: ["قوات سوريا الديمقراطية"]),
    KBEntry(id: "wd.Q858", type: "place", en: "Syria", ar: ["سوريا"], country: "SY", feature: "PCLI"),
    KBEntry(id: "gn.124665", type: "place", en: "Mashhad", ar: ["مشهد"], population: 2_307_177, country: "IR"),
    KBEntry(id: "gn.96309", type: "place", en: "Haditha", ar: ["حديثة"], country: "IQ", feature: "PPLA2"),
    KBEntry(id: "gn.2210554", type: "place", en: "Sirte", ar: ["سرت"], country: "LY", feature: "PPLA"),
  ])
  static let matcher = KBNameMatcher(kb)

  /// Matches in `marked` (`MarkedWords`, one sentence). Nested matches are added inside every match of two
  /// or more words, as the tag stage does.
  func found(_ marked: String) -> [String] {
    let m = MarkedWords(marked)
    let sentence = NERSentence(text: m.text, tokenRanges: (0..<m.tokens.count).map { m.tokens[$0] })
    let outer = Self.matcher.matches(sentence: sentence, text: m.text, tokens: m.tokens, offset: 0,
                                     firstStem: m.firstStem)
    var all = outer
    for f in outer where f.span.end - f.span.start > 1 {
      all += Self.matcher.innerMatches(of: f.span.start..<f.span.end, sentence: sentence, text: m.text,
                                       tokens: m.tokens, offset: 0, firstStem: m.firstStem)
    }
    return all.map { f in
      let words = (f.span.start..<f.span.end).map { t in
        String(String.UnicodeScalarView(m.text[(t == f.span.start ? m.firstStem[t] : m.tokens[t].lowerBound)..<m.tokens[t].upperBound]))
      }
      return words.joined(separator: " ") + "|" + NERLabels.types[f.span.type]
    }
  }

  @Test func aNameInsideADescriptiveNameIsNested() {
    #expect(found("افتتاح معبر القائم الحدودي بين") == ["معبر القائم الحدودي|LOC", "القائم|LOC"])
    #expect(found("قرب و+معبر القائم") == ["معبر القائم|LOC", "القائم|LOC"])
    #expect(found("انهيار نظام الأسد يوم") == ["نظام الأسد|ORG", "الأسد|PER"])
  }

  @Test func aNameThatOnlyContainsAnotherIsNotNested() {
    // سوريا in قوات سوريا الديمقراطية is part of the name, not introduced by a container word.
    #expect(found("قالت قوات سوريا الديمقراطية إن") == ["قوات سوريا الديمقراطية|ORG"])
  }

  @Test func anInstitutionWithoutItsNationalityIsAnOrganisation() {
    #expect(found("باسم وزارة الدفاع يحيى") == ["وزارة الدفاع|ORG"])
    #expect(found("باسم وزارة الدفاع العراقية يحيى") == ["وزارة الدفاع العراقية|ORG"])
    #expect(found("وزارة الصحة") == [])
  }

  @Test func aLamLamFormFindsTheArticle() {
    #expect(found("قال ل+لعربي الجديد إن") == ["لعربي الجديد|ORG"])
    // Without the preposition ل the form is not an article's.
    #expect(found("قال لعربي الجديد إن") == [])
  }

  @Test func aOneLetterPlatformOnlyAfterACue() {
    #expect(found("كتب على X أن") == ["X|ORG"])
    #expect(found("النقطة X أن") == [])
  }

  @Test func aMediumsTitleThatIsACommonWordIsMatchedOnlyInQuotes() {
    // The seed's «البناء» (the daily Al-Binaa); unquoted, البناء is "the construction".
    #expect(found("قيادي لـ « البناء » إن") == ["البناء|ORG"])
    #expect(found("أعمال البناء على قدم") == [])
    #expect(found("قالت صحيفة البناء إن") == ["صحيفة البناء|ORG"])
    // A title that is not a definite Arabic word is matched anywhere.
    #expect(found("ذكرت نيوزويك أن") == ["نيوزويك|ORG"])
  }

  @Test func aOneWordCityThatIsAlsoAPersonsNameIsThePerson() {
    #expect(found("تطرد قوات بشار و+المجموعات") == ["بشار|PER"])
    #expect(found("دعم روسيا ل+بشار الأسد") == ["بشار الأسد|PER"])
  }

  @Test func aOneWordNameWrittenAsACommonWordIsNotMatched() {
    // Tanween marks an indefinite noun: «مشهدٌ» "a scene"; the bare word is the city.
    #expect(found("مشهدٌ ما كان") == [])
    #expect(found("زار مشهد أمس") == ["مشهد|LOC"])
    // ك "like" before the stem: «كسرت» "she broke"; other proclitics keep the city.
    #expect(found("ما ك+سرت القوات") == [])
    #expect(found("في و+سرت الليبية") == ["سرت|LOC"])
    // A final ه where the name ends in ة is the pronoun «ـه»: «حديثه» "his talk", not Haditha.
    #expect(found("في حديثه على") == [])
    #expect(found("مدينة حديثة غرب") == ["حديثة|LOC"])
  }
}
