import KhabarCore
@testable import KhabarTag

/// A deliberately simple segmenter for the temporal tests, so they do not
/// depend on the real one: letter runs are words, digit runs (with `.`, `,`,
/// `/`, `٫`, `٬` between digits and a trailing `%`) are numbers, Latin runs
/// are `l`, every other non-space scalar is punctuation. A leading و ف ب ل
/// (or two of them, or لل) is split off as a proclitic when the rest is a
/// month, a temporal word or a number word.
enum TemporalTestText {
  static let splittable: Set<String> = {
    let words = """
      يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار
      حزيران تموز آب أيلول تشرين محرم صفر رمضان أمس الأمس اليوم الجمعة السبت الأحد الاثنين عام العام سنة الشهر في منذ
      عشرون ثلاثون خمسون مئة المئة عشر
      """
    return Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { ArabicText.matchKey($0) })
  }()

  static func segment(_ text: String) -> (Tokens, Morphs) {
    let s = Array(text.unicodeScalars)
    var tokens = Tokens()
    var morphs = Morphs()
    var i = 0
    func isLetter(_ v: UInt32) -> Bool {
      ArabicText.isArabicLetter(v) || ArabicText.isDiacritic(v) || ArabicText.isTatweel(v)
    }
    func isDigit(_ k: Int) -> Bool { k < s.count && ArabicText.digitValue(s[k].value) != nil }
    func isLatin(_ v: UInt32) -> Bool { (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
    while i < s.count {
      let v = s[i].value
      let start = i
      if v == 0x20 || v == 0x0A || v == 0x09 || v == 0xA0 {
        i += 1
        continue
      }
      if isLetter(v) {
        while i < s.count && isLetter(s[i].value) { i += 1 }
        tokens.spans.append(start, i)
        tokens.kinds.append(UInt8(ascii: "w"))
        splitWord(s, start..<i, &morphs)
        continue
      }
      let kind: Character
      if isDigit(i) {
        while isDigit(i) || (i < s.count && [0x2E, 0x2C, 0x2F, 0x066B, 0x066C].contains(s[i].value) && isDigit(i + 1)) {
          i += 1
        }
        if i < s.count && (s[i].value == 0x25 || s[i].value == 0x066A) { i += 1 }
        kind = "n"
      } else if isLatin(v) {
        while i < s.count && isLatin(s[i].value) { i += 1 }
        kind = "l"
      } else {
        i += 1
        kind = "p"
      }
      tokens.spans.append(start, i)
      tokens.kinds.append(kind.asciiValue ?? 0)
      morphs.spans.append(start, i)
      morphs.roles.append(UInt8(ascii: "x"))
    }
    return (tokens, morphs)
  }

  /// Verbs whose future prefix سـ the test segmenter splits off.
  static let futureVerbs: Set<String> = ["سيقام", "ستجري", "ستعقد"]

  private static func splitWord(_ s: [Unicode.Scalar], _ range: Range<Int>, _ morphs: inout Morphs) {
    if futureVerbs.contains(ArabicText.matchKey(s, range)) {
      morphs.spans.append(range.lowerBound, range.lowerBound + 1)
      morphs.roles.append(UInt8(ascii: "p"))
      morphs.spans.append(range.lowerBound + 1, range.upperBound)
      morphs.roles.append(UInt8(ascii: "s"))
      return
    }
    let proclitics: Set<UInt32> = [0x0648, 0x0641, 0x0628, 0x0644]
    for count in 1...2 where range.count > count + 1 {
      let head = (range.lowerBound..<(range.lowerBound + count)).map { s[$0].value }
      guard head.allSatisfy(proclitics.contains) else { break }
      let rest = (range.lowerBound + count)..<range.upperBound
      let restKey = ArabicText.matchKey(s, rest)
      let isNumber = restKey.unicodeScalars.first.map { ArabicText.digitValue($0.value) != nil } ?? false
      // لل + word: ل proclitic, ل article, stem.
      if head == [0x0644, 0x0644], splittable.contains("ال" + ArabicText.matchKey(s, rest)) {
        morphs.spans.append(range.lowerBound, range.lowerBound + 1)
        morphs.roles.append(UInt8(ascii: "p"))
        morphs.spans.append(range.lowerBound + 1, range.lowerBound + 2)
        morphs.roles.append(UInt8(ascii: "a"))
        morphs.spans.append(rest.lowerBound, rest.upperBound)
        morphs.roles.append(UInt8(ascii: "s"))
        return
      }
      // A stem keeps at least three letters, except the prepositions في and من.
      if (splittable.contains(restKey) && (rest.count >= 3 || restKey == "في" || restKey == "من")) || isNumber {
        for k in range.lowerBound..<(range.lowerBound + count) {
          morphs.spans.append(k, k + 1)
          morphs.roles.append(UInt8(ascii: "p"))
        }
        morphs.spans.append(rest.lowerBound, rest.upperBound)
        morphs.roles.append(UInt8(ascii: "s"))
        return
      }
    }
    morphs.spans.append(range.lowerBound, range.upperBound)
    morphs.roles.append(UInt8(ascii: "x"))
  }

  /// A found date as the tests compare it.
  struct FoundDate: Equatable, CustomStringConvertible {
    var surface: String
    var when: String?
    var calendar: String? = nil
    var whenCustom: String? = nil
    var description: String {
      "\(surface) → \(when ?? "-")" + (calendar.map { " [\($0) \(whenCustom ?? "-")]" } ?? "")
    }
  }

  struct FoundMeasure: Equatable, CustomStringConvertible {
    var surface: String
    var quantity: String
    var unit: String
    var description: String { "\(surface) → \(quantity) \(unit)" }
  }

  static func surface(_ text: String, _ start: Int, _ end: Int) -> String {
    let s = Array(text.unicodeScalars)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s[start..<end])
    return String(view)
  }

  static func run(_ text: String, articleDate: String? = nil, morphs useMorphs: Bool = true)
    -> (dates: [FoundDate], measures: [FoundMeasure], raw: (Dates, Measures))
  {
    let (tokens, morphs) = segment(text)
    let (dates, measures) = TemporalTagger().annotate(
      text: text, tokens: tokens, morphs: useMorphs ? morphs : nil, articleDate: articleDate)
    let d = dates.items.map {
      FoundDate(surface: surface(text, $0.start, $0.end), when: $0.when, calendar: $0.calendar, whenCustom: $0.whenCustom)
    }
    let m = measures.items.map {
      FoundMeasure(surface: surface(text, $0.start, $0.end), quantity: $0.quantity, unit: $0.unit)
    }
    return (d, m, (dates, measures))
  }

  static func dates(_ text: String, articleDate: String? = nil) -> [FoundDate] {
    run(text, articleDate: articleDate).dates
  }

  static func measures(_ text: String) -> [FoundMeasure] { run(text).measures }
}
