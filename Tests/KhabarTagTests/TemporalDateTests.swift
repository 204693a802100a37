import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarTag

private typealias D = TemporalTestText.FoundDate

private func dates(_ text: String, articleDate: String? = nil) -> [D] {
  TemporalTestText.dates(text, articleDate: articleDate)
}

@Suite("Temporal: Gregorian dates")
struct TemporalGregorianTests {
  @Test("month names of both naming systems, with spelling variants", arguments: [
    ("في يناير", "يناير", "--01"), ("في فبراير", "فبراير", "--02"), ("في آذار", "آذار", "--03"),
    ("في أبريل", "أبريل", "--04"), ("في إبريل", "إبريل", "--04"), ("في ابريل", "ابريل", "--04"),
    ("في نيسان", "نيسان", "--04"), ("في مايو", "مايو", "--05"), ("في أيار", "أيار", "--05"),
    ("في يونيو", "يونيو", "--06"), ("في يونيه", "يونيه", "--06"), ("في حزيران", "حزيران", "--06"),
    ("في يوليو", "يوليو", "--07"), ("في يوليه", "يوليه", "--07"), ("في تموز", "تموز", "--07"),
    ("في أغسطس", "أغسطس", "--08"), ("في آب", "آب", "--08"), ("في سبتمبر", "سبتمبر", "--09"),
    ("في أيلول", "أيلول", "--09"), ("في أكتوبر", "أكتوبر", "--10"), ("في اكتوبر", "اكتوبر", "--10"),
    ("في تشرين الأول", "تشرين الأول", "--10"), ("في نوفمبر", "نوفمبر", "--11"),
    ("في تشرين الثاني", "تشرين الثاني", "--11"), ("في ديسمبر", "ديسمبر", "--12"),
    ("في كانون الأول", "كانون الأول", "--12"), ("في كانون الثاني", "كانون الثاني", "--01"),
    ("في شباط", "شباط", "--02"), ("في مارس", "مارس", "--03"),
  ])
  func monthNames(text: String, surface: String, when: String) {
    #expect(dates(text) == [D(surface: surface, when: when)])
  }

  @Test("combined month forms", arguments: [
    ("في نوفمبر/تشرين الثاني 2017، استطاعت", "نوفمبر/تشرين الثاني 2017", "2017-11"),
    ("منذ تشرين الثاني/نوفمبر الماضي", "تشرين الثاني/نوفمبر الماضي", "--11"),
    ("في 6 ديسمبر/كانون الأول، إن", "6 ديسمبر/كانون الأول", "--12-06"),
    ("في 27 تشرين الثاني/نوفمبر، مخاوف", "27 تشرين الثاني/نوفمبر", "--11-27"),
    ("في 2 كانون الأول/ديسمبر، صرح", "2 كانون الأول/ديسمبر", "--12-02"),
    ("في 5 كانون الثاني (يناير) 2020", "5 كانون الثاني (يناير) 2020", "2020-01-05"),
    ("في فبراير شباط. استأجرنا", "فبراير شباط", "--02"),
    ("منذ أكتوبر/تشرين أول عام 1949 ظل", "أكتوبر/تشرين أول عام 1949", "1949-10"),
  ])
  func combinedForms(text: String, surface: String, when: String) {
    #expect(dates(text) == [D(surface: surface, when: when)])
  }

  @Test("a second month of a different number is not merged into the first")
  func differentMonths() {
    #expect(dates("بين نوفمبر/ديسمبر") == [D(surface: "نوفمبر", when: "--11"), D(surface: "ديسمبر", when: "--12")])
  }

  @Test("day-month-year, month-year, day-month")
  func explicitForms() {
    #expect(dates("وقع الهجوم في 27 نوفمبر 2017 شمال") == [D(surface: "27 نوفمبر 2017", when: "2017-11-27")])
    #expect(dates("في أيار 2015 دخل") == [D(surface: "أيار 2015", when: "2015-05")])
    #expect(dates("يوم 30 سبتمبر الماضي بعد") == [D(surface: "30 سبتمبر الماضي", when: "--09-30")])
    #expect(dates("في ديسمبر من عام 2017") == [D(surface: "ديسمبر من عام 2017", when: "2017-12")])
    #expect(dates("في 29 فبراير 2016") == [D(surface: "29 فبراير 2016", when: "2016-02-29")])
  }

  @Test("a day number that cannot be in the month is not a day")
  func impossibleDay() {
    #expect(dates("نحو 31 نوفمبر") == [D(surface: "نوفمبر", when: "--11")])
  }

  @Test("years with a cue", arguments: [
    ("في عام 2014 سيطر", "عام 2014", "2014"), ("إلى العام 2003 عقب", "العام 2003", "2003"),
    ("منذ 2012 لمحاربة", "2012", "2012"), ("منذ عام 2017، ذكروا", "عام 2017", "2017"),
    ("في منتصف عام 2014 عقب", "منتصف عام 2014", "2014"), ("أواخر 2019 بدأت", "أواخر 2019", "2019"),
    ("سنة 1948 هاجر", "سنة 1948", "1948"), ("صدام حسين عام 2003 واحتلال", "عام 2003", "2003"),
    ("في 2003م سقط", "2003م", "2003"), ("صيف 2014 اجتاح", "صيف 2014", "2014"),
  ])
  func cuedYears(text: String, surface: String, when: String) {
    #expect(dates(text) == [D(surface: surface, when: when)])
  }

  @Test("a bare four-digit number without a cue is not a year")
  func bareNumbers() {
    #expect(dates("سجل الفريق 2014 نقطة") == [])
    #expect(dates("رقم 2017 على القائمة") == [])
    #expect(dates("في 2000 جندي") == [])  // a quantity, even after في
    #expect(dates("في 1500 موقع") == [])  // not a plausible year after a bare preposition
  }

  @Test("joined years")
  func joinedYears() {
    #expect(dates("بين عامي 2011 و2014 قتل") == [D(surface: "عامي 2011", when: "2011"), D(surface: "2014", when: "2014")])
    #expect(dates("من 2011 إلى 2014") == [D(surface: "2011", when: "2011"), D(surface: "2014", when: "2014")])
    #expect(dates("في 2011-2014") == [D(surface: "2011", when: "2011"), D(surface: "2014", when: "2014")])
  }

  @Test("numeric dates")
  func numericDates() {
    #expect(dates("بتاريخ 27/11/2017 أعلن") == [D(surface: "27/11/2017", when: "2017-11-27")])
    #expect(dates("بتاريخ 2017-11-27 أعلن") == [D(surface: "2017-11-27", when: "2017-11-27")])
    #expect(dates("بتاريخ 31/11/2017 أعلن") == [])
  }

  @Test("Arabic-Indic and Persian digits")
  func arabicIndicDigits() {
    #expect(dates("في ٢٧ نوفمبر ٢٠١٧") == [D(surface: "٢٧ نوفمبر ٢٠١٧", when: "2017-11-27")])
    #expect(dates("منذ عام ۲۰۱۴") == [D(surface: "عام ۲۰۱۴", when: "2014")])
    #expect(dates("في ٨ كانون الأول/ديسمبر") == [D(surface: "٨ كانون الأول/ديسمبر", when: "--12-08")])
  }

  @Test("a weekday before a written date is one date")
  func weekdayWithDate() {
    #expect(dates("يوم الجمعة 8 ديسمبر 2017 أعلن") == [D(surface: "يوم الجمعة 8 ديسمبر 2017", when: "2017-12-08")])
    #expect(dates("الأحد، 3 آذار") == [D(surface: "الأحد، 3 آذار", when: "--03-03")])
  }

  @Test("ambiguous month names need a cue")
  func ambiguousMonths() {
    #expect(dates("مارس الضغط على الحكومة") == [])
    #expect(dates("وصل آب إلى البيت") == [])
    #expect(dates("خلال مارس") == [D(surface: "مارس", when: "--03")])
    #expect(dates("آب الماضي") == [D(surface: "آب الماضي", when: "--08")])
    #expect(dates("14 آذار") == [D(surface: "14 آذار", when: "--03-14")])
  }

  @Test("ordinal days")
  func ordinalDays() {
    #expect(dates("في الرابع من أذار/مارس ما أثار") == [D(surface: "الرابع من أذار/مارس", when: "--03-04")])
    #expect(dates("في الأول من شباط (فبراير) الماضي") == [D(surface: "الأول من شباط (فبراير) الماضي", when: "--02-01")])
  }

  @Test("a word that starts like a proclitic + month is not a month")
  func notMonths() {
    #expect(dates("ليس من باب المبالغة") == [])
    #expect(dates("يصادف الجمعة الثالثة من شهر مارس") == [D(surface: "شهر مارس", when: "--03")])
  }

  @Test("dates do not cross a line break")
  func lineBreak() {
    #expect(dates("قال في عام\n2014 جاء") == [])
  }
}

@Suite("Temporal: relative dates")
struct TemporalRelativeTests {
  @Test("relative days without an article date have no value", arguments: [
    ("أعلن يوم الجمعة أن", "يوم الجمعة"), ("قال أمس إن", "أمس"), ("بات اليوم إحدى", "اليوم"),
    ("افتتح رسمياً الاثنين، يأتي", "الاثنين"), ("عبر يوم السبت مع", "يوم السبت"),
    ("تمكنوا من السيطرة الشهر الماضي وهي", "الشهر الماضي"), ("في العام المقبل", "العام المقبل"),
    ("هذا العام", "هذا العام"), ("الأسبوع الماضي", "الأسبوع الماضي"), ("أول أمس", "أول أمس"),
    ("يوم أمس", "يوم أمس"), ("الخميس الماضي", "الخميس الماضي"), ("إحداهما بالأمس", "الأمس"),
    ("أعلن أمس الجمعة أن", "أمس الجمعة"), ("يبدأ اليوم السبت دور", "اليوم السبت"),
  ])
  func unresolved(text: String, surface: String) {
    #expect(dates(text) == [D(surface: surface, when: nil)])
  }

  @Test("اليوم of the story is not today")
  func anaphoricToday() {
    #expect(dates("في ذلك اليوم أن") == [])
    #expect(dates("في اليوم نفسه، وشدد") == [])
    #expect(dates("في اليوم التالي") == [])
    #expect(dates("اليوم الأول من المعركة") == [])
    #expect(dates("في مثل هذا اليوم قبل") == [])
    #expect(dates("قناة روسيا اليوم") == [])
    #expect(dates("صحيفة المصري اليوم") == [])
  }

  @Test("weekday names that are not days")
  func weekdayBlockers() {
    #expect(dates("بعد صلاة الجمعة") == [])
    #expect(dates("كلا الاثنين") == [])
  }

  @Test("resolution against the article date", arguments: [
    ("قال أمس إن", "2017-11-03", "2017-11-02"),
    ("قال أول أمس إن", "2017-11-03", "2017-11-01"),
    ("عصار في وقت مبكر غداً السبت قرب", "2018-05-25", "2018-05-26"),
    ("بات اليوم إحدى", "2017-11-03", "2017-11-03"),
    ("يوم الجمعة", "2017-11-05", "2017-11-03"),  // Sunday article → the Friday before
    ("الجمعة", "2017-11-03", "2017-11-03"),  // written on a Friday: that Friday
    ("الجمعة الماضي", "2017-11-03", "2017-10-27"),
    ("الجمعة المقبل", "2017-11-03", "2017-11-10"),
    ("30 سبتمبر الماضي", "2019-10-15", "2019-09-30"),
    ("30 سبتمبر الماضي", "2019-09-15", "2018-09-30"),
    ("يوليو الماضي", "2017-11-05", "2017-07"),
    ("يوليو الماضي", "2017-07-05", "2016-07"),
    ("نوفمبر المقبل", "2017-11-05", "2018-11"),
    ("الشهر الماضي", "2017-01-10", "2016-12"),
    ("الشهر المقبل", "2017-12-10", "2018-01"),
    ("العام الماضي", "2017-11-05", "2016"),
    ("هذا العام", "2017-11-05", "2017"),
    ("6 ديسمبر", "2024-12-10", "2024-12-06"),
    ("في ديسمبر", "2025-01-05", "2024-12"),  // more than four months ahead: last year
    ("في سبتمبر", "2018-05-04", "2018-09"),  // four months ahead: this year
    ("في 27 تشرين الثاني/نوفمبر", "2024-12-10", "2024-11-27"),
    ("2017 نوفمبر/تشرين الثاني", "2025-01-01", "2024-11"),  // a number before a month is not its year
  ])
  func resolved(text: String, articleDate: String, when: String) {
    let found = dates(text, articleDate: articleDate)
    #expect(found.count == 1)
    #expect(found.first?.when == when)
  }

  @Test("after a future verb, an unmarked weekday or month is the next one", arguments: [
    ("الذي سيقام الأربعاء.", "2018-07-08", "2018-07-11"),  // Sunday article
    ("سوف تقام المباراة الأربعاء", "2018-07-08", "2018-07-11"),
    ("ستجرى الانتخابات في سبتمبر", "2018-10-05", "2019-09"),
    ("جرت الانتخابات في سبتمبر", "2018-10-05", "2018-09"),
    ("أقيمت المباراة الأربعاء", "2018-07-08", "2018-07-04"),
    ("سيقام. ثم الأربعاء", "2018-07-08", "2018-07-04"),  // the future verb is in another sentence
  ])
  func futureContext(text: String, articleDate: String, when: String) {
    #expect(dates(text, articleDate: articleDate).map(\.when) == [when])
  }

  @Test("a partial or malformed article date resolves nothing")
  func badArticleDate() {
    for articleDate in ["2017-11", "2017", "", "2017-13-01", "2017-02-30", "garbage", "٢٠١٧-١١-٠٣"] {
      #expect(dates("قال أمس إن", articleDate: articleDate) == [D(surface: "أمس", when: nil)])
    }
    #expect(dates("قال أمس إن", articleDate: "2017-11-03T09:30:00Z") == [D(surface: "أمس", when: "2017-11-02")])
  }

  @Test("certainty is lower for inferred values than for written ones")
  func certainty() {
    let written = TemporalTestText.run("في 27 نوفمبر 2017").raw.0.items
    let inferred = TemporalTestText.run("في 27 نوفمبر", articleDate: "2017-12-01").raw.0.items
    let weakYear = TemporalTestText.run("منذ 2012 لمحاربة").raw.0.items
    let cuedYear = TemporalTestText.run("منذ عام 2012 لمحاربة").raw.0.items
    #expect(written.count == 1 && inferred.count == 1 && weakYear.count == 1 && cuedYear.count == 1)
    if let w = written.first, let i = inferred.first, let weak = weakYear.first, let cued = cuedYear.first {
      #expect(w.cert > i.cert)
      #expect(cued.cert > weak.cert)
      #expect(i.when == "2017-11-27")
    }
  }
}

@Suite("Temporal: proclitics and spans")
struct TemporalSpanTests {
  @Test("attached proclitics are outside the date")
  func procliticsExcluded() {
    #expect(dates("وفي 2017 قال") == [D(surface: "2017", when: "2017")])
    #expect(dates("قبل ونوفمبر 2017") == [D(surface: "نوفمبر 2017", when: "2017-11")])
    #expect(dates("بنوفمبر 2017") == [D(surface: "نوفمبر 2017", when: "2017-11")])
    #expect(dates("لعام 2014") == [D(surface: "عام 2014", when: "2014")])
    // لل = ل proclitic + ل article: the article stays in the span.
    #expect(dates("للعام 2014") == [D(surface: "لعام 2014", when: "2014")])
    #expect(dates("وأمس قال") == [D(surface: "أمس", when: nil)])
  }

  @Test("a word the segmenter over-split is put back together")
  func overSplit() {
    let text = "في فبراير 2018 وفي سبتمبر"
    let (tokens, _) = TemporalTestText.segment(text)
    // في | ف + براير | 2018 | و + في | س + بتمبر
    var morphs = Morphs()
    for (s, e, r) in [(0, 2, "x"), (3, 4, "p"), (4, 9, "s"), (10, 14, "x"), (15, 16, "p"), (16, 18, "s"),
                      (19, 20, "p"), (20, 24, "s")] {
      morphs.spans.append(s, e)
      morphs.roles.append(r.utf8.first ?? 0)
    }
    let (dates, _) = TemporalTagger().annotate(text: text, tokens: tokens, morphs: morphs, articleDate: "2018-10-01")
    let found = dates.items.map { TemporalTestText.surface(text, $0.start, $0.end) + " " + ($0.when ?? "-") }
    #expect(found == ["فبراير 2018 2018-02", "سبتمبر 2018-09"])
  }

  @Test("without morphs a word with an unsplit proclitic is still found, as a whole token")
  func noMorphs() {
    let found = TemporalTestText.run("قبل ونوفمبر 2017", morphs: false).dates
    #expect(found == [D(surface: "ونوفمبر 2017", when: "2017-11")])
    // Marks around the proclitic, and at the very end of the text.
    let marked = TemporalTestText.run("قبل \u{0651}وَنوفمبر 2017 وَ\u{0651}", morphs: false).dates
    #expect(marked == [D(surface: "\u{0651}وَنوفمبر 2017", when: "2017-11")])
  }

  @Test("random texts: spans are sorted, disjoint, on token or morph boundaries; values well formed")
  func randomTexts() {
    let vocabulary = [
      "في", "منذ", "عام", "العام", "2017", "٢٠١٤", "27", "8", "نوفمبر", "/", "تشرين", "الثاني", "كانون", "الأول",
      "ديسمبر", "مارس", "الماضي", "يوم", "الجمعة", "أمس", "اليوم", "نفسه", "الشهر", "هـ", "رمضان", "1445", "ذو",
      "الحجة", "300", "كيلومتر", "ميلًا", "جندي", "ثلاثة", "وعشرون", "آلاف", "%", "،", ".", "\n", "مربع", "واحد",
      "عامين", "في", "المئة", "-", "(", ")", "وفي", "ونوفمبر", "م", "3.5", "مليار", "دولار", "27/11/2017", "عشر",
    ]
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SeededRandom(seed: seed)
    for _ in 0..<300 {
      let count = Int.random(in: 0...25, using: &rng)
      let text = (0..<count).map { _ in vocabulary.randomElement(using: &rng) ?? "" }.joined(separator: " ")
      let (tokens, morphs) = TemporalTestText.segment(text)
      let (dates, measures) = TemporalTagger().annotate(text: text, tokens: tokens, morphs: morphs,
                                                        articleDate: "2020-02-29")
      let starts = Set(morphs.spans.map(\Range<Int>.lowerBound))
      let ends = Set(tokens.spans.map(\Range<Int>.upperBound))
      var previousEnd = 0
      for d in dates.items {
        #expect(starts.contains(d.start) && ends.contains(d.end) && d.start >= previousEnd, "seed \(seed): \(text)")
        previousEnd = d.end
        if let when = d.when { #expect(isW3CDate(when), "seed \(seed): \(when) in \(text)") }
      }
      previousEnd = 0
      for m in measures.items {
        #expect(starts.contains(m.start) && ends.contains(m.end) && m.start >= previousEnd, "seed \(seed): \(text)")
        #expect(Double(m.quantity) != nil && !m.unit.isEmpty, "seed \(seed): \(text)")
        previousEnd = m.end
      }
      // Dates and measures never share a token.
      for d in dates.items {
        #expect(!measures.items.contains { $0.start < d.end && d.start < $0.end }, "seed \(seed): \(text)")
      }
    }
  }

  @Test("random scalar soup: no trap, spans inside the text")
  func scalarSoup() {
    let alphabet = Array("ونفبلسهـمًّ٠١٢٣0123456789.,،/%٪-() \n\u{200F}".unicodeScalars)
      + Array("نوفمبرتشرينالثانيعام".unicodeScalars)
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SeededRandom(seed: seed)
    for _ in 0..<300 {
      var view = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...60, using: &rng) {
        if let u = alphabet.randomElement(using: &rng) { view.append(u) }
      }
      let text = String(view)
      let count = text.unicodeScalars.count
      let useMorphs = Bool.random(using: &rng)
      let (tokens, morphs) = TemporalTestText.segment(text)
      let (dates, measures) = TemporalTagger().annotate(
        text: text, tokens: tokens, morphs: useMorphs ? morphs : nil, articleDate: "2024-02-29")
      for d in dates.items { #expect(0 <= d.start && d.start < d.end && d.end <= count, "seed \(seed)") }
      for m in measures.items { #expect(0 <= m.start && m.start < m.end && m.end <= count, "seed \(seed)") }
    }
  }

  @Test("broken token layers do not trap")
  func brokenTokens() {
    var tokens = Tokens()
    tokens.spans = Spans(flat: [0, 3, 2, 900, 5, 4, 10, 12])
    tokens.kinds = Array("wnwn".utf8)
    var morphs = Morphs()
    morphs.spans = Spans(flat: [0, 1, 7, 3])
    morphs.roles = Array("pa".utf8)
    let text = "في 2017 نوفمبر"
    let (dates, measures) = TemporalTagger().annotate(text: text, tokens: tokens, morphs: morphs, articleDate: nil)
    for d in dates.items { #expect(d.start >= 0 && d.end <= text.unicodeScalars.count && d.start < d.end) }
    for m in measures.items { #expect(m.start >= 0 && m.end <= text.unicodeScalars.count && m.start < m.end) }
    let empty = TemporalTagger().annotate(text: "", tokens: Tokens(), morphs: nil, articleDate: nil)
    #expect(empty.dates.items.isEmpty && empty.measures.items.isEmpty)
  }

  @Test("same input, same output")
  func deterministic() {
    let text = "في نوفمبر/تشرين الثاني 2017 فر نحو 2000 جندي يوم السبت"
    let a = TemporalTestText.run(text, articleDate: "2017-11-20").raw
    let b = TemporalTestText.run(text, articleDate: "2017-11-20").raw
    #expect(a.0 == b.0 && a.1 == b.1)
  }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `--MM`, `--MM-DD` with valid ranges.
func isW3CDate(_ s: String) -> Bool {
  let parts = s.hasPrefix("--") ? Array(s.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false))
    : s.split(separator: "-", omittingEmptySubsequences: false)
  let noYear = s.hasPrefix("--")
  guard !parts.isEmpty, parts.count <= (noYear ? 2 : 3), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else {
    return false
  }
  let numbers = parts.compactMap { Int($0) }
  guard numbers.count == parts.count else { return false }
  var i = 0
  if !noYear {
    guard parts[0].count == 4 else { return false }
    i = 1
  }
  if i < parts.count { guard parts[i].count == 2, (1...12).contains(numbers[i]) else { return false } }
  if i + 1 < parts.count { guard parts[i + 1].count == 2, (1...31).contains(numbers[i + 1]) else { return false } }
  return true
}
