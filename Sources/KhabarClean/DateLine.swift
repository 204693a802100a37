import KhabarCore

/// A line that only states the article's date, e.g. `نشر في 5 تشرين الثاني 2017`,
/// `الأحد 05/11/2017`, `2017-11-05 10:30`, read as an ISO date.
enum DateLine {
  /// The ISO date (`2017-11-05`) when the whole line is a date, else nil.
  static func isoDate(_ s: [UInt32]) -> String? {
    guard s.count <= 70, s.contains(where: ScalarClass.isDigit) else { return nil }
    var key = ArabicText.matchKey(Structure.string(s))
    for separator in ["/", "-", "،", ",", ".", "(", ")"] { key = key.replacingAll(separator, with: " ") }
    var tokens = key.split(separator: " ").map { $0.hasSuffix(":") ? String($0.dropLast()) : String($0) }
    tokens.removeAll { $0.isEmpty }
    while let first = tokens.first, prefixes.contains(first) || weekdays.contains(first) { tokens.removeFirst() }
    while let last = tokens.last, last.contains(":") || suffixes.contains(last) { tokens.removeLast() }
    guard (3...6).contains(tokens.count) else { return nil }

    // All numbers: Y M D or D M Y.
    let numbers = tokens.compactMap { Int($0) }
    if tokens.count == 3, numbers.count == 3 {
      if tokens[0].count == 4 { return iso(year: numbers[0], month: numbers[1], day: numbers[2]) }
      if tokens[2].count == 4 { return iso(year: numbers[2], month: numbers[1], day: numbers[0]) }
      return nil
    }
    // D month Y, where the month may be given twice (نوفمبر تشرين الثاني).
    guard let day = Int(tokens[0]), let last = tokens.last, last.count == 4, let year = Int(last) else { return nil }
    var month: Int?
    var i = 1
    while i < tokens.count - 1 {
      let one = tokens[i], two = i + 1 < tokens.count - 1 ? tokens[i] + " " + tokens[i + 1] : ""
      let found: Int
      if let m = months[two] {
        found = m
        i += 2
      } else if let m = months[one] {
        found = m
        i += 1
      } else {
        return nil
      }
      if let month, month != found { return nil }
      month = found
    }
    guard let month else { return nil }
    return iso(year: year, month: month, day: day)
  }

  private static func iso(year: Int, month: Int, day: Int) -> String? {
    guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  // Word lists in matching form (`ArabicText.matchKey`).
  private static let prefixes: Set<String> = ["نشر", "في", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث", "التحديث"]
  private static let suffixes: Set<String> = ["ص", "م", "صباحا", "مساء", "gmt", "بتوقيت", "غرينتش"]
  private static let weekdays: Set<String> = ["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"]
  private static let months: [String: Int] = [
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7, "اغسطس": 8, "سبتمبر": 9,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
  ]
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
