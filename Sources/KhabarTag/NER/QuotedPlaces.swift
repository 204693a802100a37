import KhabarCore

/// A facility or settlement noun followed by a quoted name names a place, never
/// a person: «مجمع "الإمام علي"» (the Imam Ali compound), «قاعدة "حميميم"»,
/// «مطار "الضبعة"», «معسكر "أشرف"». The quoted words become one name: of the
/// type the model gave them when that is not a person (ANERcorp files
/// stadiums as MISC and hospitals as ORG), else a place. Only short names
/// (one to four words, letters only) between a pair of quotes right after the
/// noun are taken.
enum QuotedPlaces {
  /// Nouns of places in their construct form (no article), as they stand before a name.
  static let nouns = [
    "مجمع", "معسكر", "مطار", "قاعدة", "سجن", "مخيم", "مستشفى", "مسجد", "جامع", "ملعب", "حقل", "فندق", "معبر",
    "منفذ", "جسر", "سد", "ميناء", "مرفأ", "حي", "قرية", "بلدة", "مدينة", "منطقة", "مصفاة", "محطة", "ثكنة", "مركز",
  ]

  static let place = NERLabels.types.firstIndex(of: "LOC")!
  static let person = NERLabels.types.firstIndex(of: "PER")!
  static let maxWords = 4

  /// The `WordHash` of each noun's normalised scalars, bare and after one proclitic (و ف ب ل).
  static let hashes: Set<UInt64> = Set(nouns.flatMap { noun in
    ["", "و", "ف", "ب", "ل"].map { clitic in
      let s = NERSentence.normalized(clitic + noun)
      return WordHash.of(s, 0..<s.count)
    }
  })

  static func isOpeningQuote(_ c: UInt32) -> Bool { c == 0x22 || c == 0xAB || c == 0x201C || c == 0x201E }
  static func isClosingQuote(_ c: UInt32) -> Bool { c == 0x22 || c == 0xBB || c == 0x201D }

  /// True when token `t` is letters only (a word of a name).
  static func isWord(_ s: [UInt32], _ token: Range<Int>) -> Bool {
    !token.isEmpty && token.allSatisfy { i in
      let c = s[i]
      return (0x0621...0x064A).contains(c) || (0x0671...0x06D3).contains(c) || (0x61...0x7A).contains(c)
    }
  }

  /// Labels the quoted words after each place noun of `sentence` as one name
  /// (see the type), dropping every entity that overlaps them.
  static func apply(_ labels: inout [Int], _ sentence: NERSentence) {
    let s = sentence.scalars, tokens = sentence.tokens, n = tokens.count
    var t = 0
    while t + 3 < n {
      defer { t += 1 }
      guard hashes.contains(WordHash.of(s, tokens[t])) else { continue }
      let open = tokens[t + 1]
      guard open.count == 1, isOpeningQuote(s[open.lowerBound]) else { continue }
      var close = t + 2
      while close < n && close - (t + 2) <= maxWords && isWord(s, tokens[close]) { close += 1 }
      guard close < n, close > t + 2, close - (t + 2) <= maxWords,
        tokens[close].count == 1, isClosingQuote(s[tokens[close].lowerBound])
      else { continue }
      let name = (t + 2)..<close
      var type = place
      for span in NERLabels.spans(labels) where span.start < name.upperBound && name.lowerBound < span.end {
        if type == place && span.type != person { type = span.type }
        for k in span.start..<span.end { labels[k] = 0 }
      }
      labels[name.lowerBound] = 1 + 2 * type
      for k in name.dropFirst() { labels[k] = 2 + 2 * type }
      t = close
    }
  }
}
