import KhabarSegment
import Testing

@Suite struct CliticSegmenterTests {
  @Test func conjunctionArticleStem() {
    #expect(parts("والبوكمال") == "و|ال|بوكمال")
    #expect(roles("والبوكمال") == "pas")
  }

  @Test func lamLamIsPrepositionPlusArticle() {
    #expect(parts("للعربي") == "ل|ل|عربي")
    #expect(roles("للعربي") == "pas")
  }

  @Test func namesAndFunctionWordsStayWhole() {
    for word in ["بغداد", "بيروت", "لبنان", "كان", "بين", "فيلق", "ولاية"] {
      #expect(parts(word) == word, "\(word)")
      #expect(roles(word) == "x", "\(word)")
    }
  }

  @Test func proclitics() {
    #expect(parts("وقالت") == "و|قالت")
    #expect(parts("بالعراق") == "ب|ال|عراق")
    #expect(parts("وسيتم") == "و|س|يتم")
    #expect(parts("لأوباما") == "ل|أوباما")
  }

  @Test func enclitics() {
    #expect(parts("كتابهم") == "كتاب|هم")
    #expect(roles("كتابهم") == "se")
    #expect(parts("حكومته") == "حكومت|ه")
    #expect(parts("عليه") == "علي|ه")
    #expect(parts("وأكدوا") == "و|أكدوا")
  }

  @Test func prepositionWithPronoun() {
    #expect(parts("له") == "ل|ه")
    #expect(roles("ولهم") == "pse")
  }

  @Test func articleExceptions() {
    #expect(parts("الذي") == "الذي")
    #expect(parts("الله") == "الله")
    #expect(parts("اليوم") == "ال|يوم")
  }

  @Test func diacriticsStayWithTheirLetter() {
    #expect(parts("وَقَالَتْ") == "وَ|قَالَتْ")
  }

  @Test func nonWordsAreWhole() {
    #expect(roles("2017") == "x")
    #expect(roles("Reuters") == "x")
  }
}
