import KhabarSegment
import Testing

@Suite struct TokenizerTests {
  @Test func wordsAndPunctuation() {
    #expect(tokenStrings("قال الوزير، إن القوات وصلت.") == ["قال", "الوزير", "،", "إن", "القوات", "وصلت", "."])
    #expect(tokenKinds("قال الوزير، إن") == "wwpw")
  }

  @Test func numbers() {
    #expect(tokenStrings("ارتفع 3.5 في 30/9 بنسبة 2,000 و٢٠١٧ و15% و٤٥٪") ==
      ["ارتفع", "3.5", "في", "30/9", "بنسبة", "2,000", "و", "٢٠١٧", "و", "15%", "و", "٤٥٪"])
    #expect(tokenKinds("3.5 30/9 ٢٠١٧ 15% ٤٥٪") == "nnnnn")
    #expect(tokenStrings("عام 2017.") == ["عام", "2017", "."])
  }

  @Test func urlsAndDomains() {
    #expect(tokenStrings("راجع https://www.example.com/a/b?x=1. ثم") == ["راجع", "https://www.example.com/a/b?x=1", ".", "ثم"])
    #expect(tokenKinds("www.bbc.co.uk aljazeera.net العربية.نت") == "uuu")
    #expect(tokenStrings("(http://x.org/a_(b))") == ["(", "http://x.org/a_(b)", ")"])
  }

  @Test func emailHandlesHashtags() {
    #expect(tokenStrings("راسلوا info@example.org أو @AlArabiya_Brk #العراق_ينتفض") ==
      ["راسلوا", "info@example.org", "أو", "@AlArabiya_Brk", "#العراق_ينتفض"])
    #expect(tokenKinds("info@example.org @AlArabiya_Brk #العراق_ينتفض #Iraq") == "ehtt")
  }

  @Test func latinWords() {
    #expect(tokenStrings("قالت Reuters إن al-Qaim و F-16 في U.S. الآن") ==
      ["قالت", "Reuters", "إن", "al-Qaim", "و", "F-16", "في", "U.S.", "الآن"])
  }

  @Test func ellipsisStaysTogether() {
    #expect(tokenStrings("انتظر... ثم… ماذا؟!") == ["انتظر", "...", "ثم", "…", "ماذا", "؟", "!"])
  }

  @Test func diacriticsAndTatweelStayInWord() {
    #expect(tokenStrings("كَتَبَ الـرئيس") == ["كَتَبَ", "الـرئيس"])
  }

  @Test func emojiIsOneSymbol() {
    #expect(tokenStrings("رائع 👍🏽 👨‍👩‍👧 🇮🇶") == ["رائع", "👍🏽", "👨‍👩‍👧", "🇮🇶"])
    #expect(tokenKinds("👍🏽") == "s")
  }
}
