import KhabarCore

/// Finds the structure of a cleaned article from its lines: the title, a
/// byline under it, a dateline opening the first paragraph, and the notes at
/// the end (author bio, social handle, source line, photo credits).
///
/// Works on the first and last few lines only, so its cost does not grow
/// with the article. Every line is one block; a dateline is split from its
/// paragraph (the space after its dash becomes the line break).
struct Structure {
  enum Kind: String {
    case title, byline, dateline, paragraph, credit, bio, handle, source, caption
  }

  struct Result {
    var kinds: [Kind]
    var meta: [String: String] = [:]
    /// Index of the line whose opening dateline ends at `datelineLength` scalars.
    var datelineLine: Int?
    var datelineLength = 0
  }

  /// No line longer than this (in scalars) is a title, byline, date or note.
  static let longestLine = 1_000

  /// Classifies `count` lines; `line(k)` gives the scalars of line k (asked
  /// only for the first and last few lines).
  static func analyse(count: Int, line: (Int) -> [UInt32]) -> Result {
    var result = Result(kinds: Array(repeating: .paragraph, count: count))
    guard count > 0 else { return result }
    var body = 0
    let first = line(0)
    if count >= 2, isTitle(first) {
      result.kinds[0] = .title
      result.meta["title"] = string(first)
      body = 1
      if let author = byline(line(1)) {
        result.kinds[1] = .byline
        result.meta["author"] = author
        body = 2
      }
    }
    // A line stating the article's date, under the title or at the very end.
    if body < count - 1, let date = DateLine.isoDate(line(body)) {
      result.kinds[body] = .dateline
      result.meta["date"] = date
      body += 1
    } else if count - 1 > body, let date = DateLine.isoDate(line(count - 1)) {
      result.kinds[count - 1] = .dateline
      result.meta["date"] = date
    }
    // Notes at the end, read backwards until the first ordinary paragraph.
    var notesFrom = count
    if result.meta["date"] != nil, result.kinds[count - 1] == .dateline { notesFrom -= 1 }
    while notesFrom - 1 > body, count - notesFrom < 12, let kind = note(line(notesFrom - 1)) {
      notesFrom -= 1
      result.kinds[notesFrom] = kind
    }
    if body < notesFrom, let (place, length) = dateline(line(body)) {
      result.datelineLine = body
      result.datelineLength = length
      result.meta["dateline"] = place
    }
    return result
  }

  // MARK: - Title and byline

  static func isTitle(_ s: [UInt32]) -> Bool {
    guard s.count <= 200, let last = s.last else { return false }
    if last == 0x2E || last == 0x3A || last == 0x060C || last == 0x2C || last == 0x061B { return false }
    let words = wordCount(s)
    return words >= 2 && words <= 25 && s.contains(where: ScalarClass.isLetter)
  }

  private static let bylinePrefixes: Set<String> = ["بقلم", "كتب", "كتبت", "إعداد", "اعداد", "تقرير", "By", "by"]
  private static let functionWords: Set<String> = [
    "في", "من", "على", "إلى", "الى", "عن", "مع", "هل", "ما", "لا", "لم", "لن", "قد", "أن", "إن", "كيف", "لماذا",
    "متى", "هذا", "هذه", "بين", "بعد", "قبل", "هو", "هي", "كان", "كانت", "أين", "ماذا", "عندما", "حتى", "منذ",
    "غير", "أنه", "أنها", "فيما", "كما", "حيث", "بينما", "لكن", "ثم", "قال", "قالت", "أكد", "أشار", "عاد",
  ]

  /// The author's name when `s` is a byline: an optional `بقلم:`/`كتب` and two to
  /// five name words, letters only.
  static func byline(_ s: [UInt32]) -> String? {
    guard s.count <= 60 else { return nil }
    var words = splitWords(s).map { string($0) }
    if let first = words.first {
      let bare = first.hasSuffix(":") ? String(first.dropLast()) : first
      if bylinePrefixes.contains(bare) { words.removeFirst() }
      if words.first == ":" { words.removeFirst() }
    }
    guard (2...5).contains(words.count), let first = words.first, !functionWords.contains(first) else { return nil }
    for w in words {
      let latin = w.unicodeScalars.allSatisfy { ScalarClass.isLatinLetter($0.value) || $0 == "." }
      let arabic = w.unicodeScalars.allSatisfy { ScalarClass.isArabicLetter($0.value) || ScalarClass.isArabicMark($0.value) }
      guard arabic || (latin && w.unicodeScalars.first.map { ScalarClass.isLatinLetter($0.value) } == true)
      else { return nil }
    }
    if let last = words.last, last.hasSuffix(".") && last.unicodeScalars.count > 2 { return nil }
    return words.joined(separator: " ")
  }

  // MARK: - Dateline

  private static let dashes: Set<UInt32> = [0x2D, 0x2013, 0x2014]

  /// A dateline opening a paragraph, `بغداد –` or `بيروت (رويترز) -`: one or
  /// two words of letters (and an agency in parentheses) before a spaced dash.
  /// Returns the place and the dateline's length in scalars (up to the dash).
  static func dateline(_ s: [UInt32]) -> (String, Int)? {
    let limit = min(s.count - 2, 60)
    guard limit > 2 else { return nil }
    var dash = -1
    for i in 1..<limit where dashes.contains(s[i]) && s[i - 1] == 0x20 && s[i + 1] == 0x20 {
      dash = i
      break
    }
    // The paragraph after the dash must hold words, not only punctuation.
    guard dash > 0, s[(dash + 2)...].contains(where: { ScalarClass.isLetter($0) || ScalarClass.isDigit($0) }) else {
      return nil
    }
    var head = Array(s[0..<(dash - 1)])
    // An agency in parentheses after the place.
    if head.last == 0x29, let open = head.lastIndex(of: 0x28) {
      head = Array(head[0..<open])
      while head.last == 0x20 { head.removeLast() }
    }
    let words = splitWords(head)
    guard (1...2).contains(words.count) else { return nil }
    for w in words {
      guard w.allSatisfy({ ScalarClass.isArabicLetter($0) || ScalarClass.isArabicMark($0) }) else { return nil }
    }
    let place = words.map { string($0) }.joined(separator: " ")
    if words.count == 1, functionWords.contains(place) { return nil }
    if let first = words.first, functionWords.contains(string(first)) { return nil }
    return (place, dash + 1)
  }

  // MARK: - Notes

  private static let professions: Set<String> = [
    "صحافي", "صحافية", "صحفي", "صحفية", "كاتب", "كاتبة", "مراسل", "مراسلة", "باحث", "باحثة", "محلل", "محللة",
    "محرر", "محررة",
  ]

  /// The note kind of a trailing line, or nil for an ordinary paragraph.
  static func note(_ s: [UInt32]) -> Kind? {
    guard s.count <= longestLine else { return nil }  // notes are short
    let words = splitWords(s).map { string($0) }
    guard let first = words.first else { return nil }
    if words.count <= 8, first.hasPrefix("المصدر") || first.hasPrefix("المصادر") || first.lowercased().hasPrefix("source") {
      return .source
    }
    if words.count <= 12, hasHandle(s) { return .handle }
    if isCreditLine(s) { return .credit }
    if words.count <= 90, isBio(words) { return .bio }
    return nil
  }

  /// An author bio: a name of two or three words, then a profession
  /// (`شيلي كيتلسون صحافية متخصصة…`). A sentence opening with a conjunction
  /// or a function word (`وقال … صحافي`) is not one.
  static func isBio(_ words: [String]) -> Bool {
    guard let at = words.prefix(4).firstIndex(where: { professions.contains($0) }), at >= 2 else { return false }
    for name in words[0..<at] {
      if functionWords.contains(name) || name.hasPrefix("و") || name.hasPrefix("ال") { return false }
      guard name.unicodeScalars.allSatisfy({ ScalarClass.isArabicLetter($0.value) || ScalarClass.isLatinLetter($0.value) })
      else { return false }
    }
    return true
  }

  /// `@name` (Latin letters, digits, underscore) or a link to a social profile.
  static func hasHandle(_ s: [UInt32]) -> Bool {
    for i in 0..<s.count where s[i] == 0x40 {
      let before: UInt32 = i > 0 ? s[i - 1] : 0x20
      guard before == 0x20 || before == 0x3A || before == 0x28, i + 1 < s.count else { continue }
      let v = s[i + 1]
      if ScalarClass.isLatinLetter(v) || (0x30...0x39).contains(v) || v == 0x5F { return true }
    }
    let text = string(s)
    return text.contains("twitter.com/") || text.contains("x.com/") || text.contains("facebook.com/")
  }

  /// A line that is only a photo credit: `(غيتي)`, `تصوير: …`, `الصورة: …`.
  static func isCreditLine(_ s: [UInt32]) -> Bool {
    let words = splitWords(s)
    guard !words.isEmpty, words.count <= 8 else { return false }
    if s.first == 0x28, s.last == 0x29, isCredit(Array(s[1..<(s.count - 1)])) { return true }
    let first = string(words[0])
    return ["تصوير", "تصوير:", "الصورة:", "صورة:", "الصورة", "Photo:", "Credit:"].contains(first)
  }

  private static let credits: Set<String> = {
    let names = [
      "غيتي", "غيتي إيمجز", "جيتي", "Getty", "Getty Images", "أ ف ب", "أ.ف.ب", "ا ف ب", "فرانس برس", "رويترز",
      "Reuters", "AFP", "AP", "EPA", "الأناضول", "أسوشيتد برس", "أرشيفية", "صورة أرشيفية", "أرشيف", "تويتر",
      "فيسبوك", "مواقع التواصل", "مواقع التواصل الاجتماعي", "إنترنت", "الإنترنت", "وكالات", "سبوتنيك",
      "Anadolu", "Shutterstock", "إكس", "X",
    ]
    return Set(names.map(creditKey))
  }()

  /// The comparison form of a credit: match key without spaces and dots.
  static func creditKey(_ s: String) -> String {
    String(ArabicText.matchKey(s).unicodeScalars.filter { $0 != " " && $0 != "." })
  }

  /// Whether the text inside a pair of parentheses names a photo source.
  static func isCredit(_ inner: [UInt32]) -> Bool {
    guard !inner.isEmpty, inner.count <= 30 else { return false }
    return credits.contains(creditKey(string(inner)))
  }

  // MARK: - Helpers

  static func string(_ s: some Sequence<UInt32>) -> String {
    var view = String.UnicodeScalarView()
    for v in s { if let u = Unicode.Scalar(v) { view.append(u) } }
    return String(view)
  }

  static func splitWords(_ s: [UInt32]) -> [ArraySlice<UInt32>] {
    s.split(separator: 0x20)
  }

  static func wordCount(_ s: [UInt32]) -> Int {
    var n = 0, inWord = false
    for v in s {
      if v == 0x20 { inWord = false } else if !inWord { inWord = true; n += 1 }
    }
    return n
  }
}
