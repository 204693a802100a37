public import KhabarCore

/// Splits text into orthographic tokens: words, numbers, Latin words, URLs,
/// e-mail addresses, @handles, #hashtags, punctuation and symbols.
///
/// Tokens never overlap and only separators (whitespace, controls, invisible
/// format characters) lie between them. Works on scalar values, allocates
/// nothing per token.
public enum Tokenizer {
  /// Appends the tokens of `s[range]` to `tokens`.
  public static func tokenize(_ s: [UInt32], _ range: Range<Int>, into tokens: inout Tokens) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let v = s[i]
      let c = CharClasses.of(v)
      if c == .space {
        i += 1
        continue
      }
      let (j, kind) = scanToken(s, i, end, c)
      tokens.spans.append(i, j)
      tokens.kinds.append(kind)
      i = j
    }
  }

  /// Scans one token starting at `i` (not a separator); returns its end and kind.
  static func scanToken(_ s: [UInt32], _ i: Int, _ end: Int, _ c: CharClass) -> (Int, UInt8) {
    let v = s[i]
    if isASCIIAlnum(v) {
      if let j = scanURL(s, i, end) { return (j, Kind.url) }
      if let j = scanEmail(s, i, end) { return (j, Kind.email) }
      if let j = scanDomain(s, i, end) { return (j, Kind.url) }
    }
    switch c {
    case .digit:
      return scanNumber(s, i, end)
    case .latinLetter:
      return (scanLatinWord(s, i, end), Kind.latin)
    case .arabicLetter, .arabicMark:
      var j = i + 1
      while j < end, isArabicWordPart(s[j]) { j += 1 }
      if let k = scanArabicDomainSuffix(s, j, end) { return (k, Kind.url) }
      return (j, Kind.word)
    case .otherLetter:
      var j = i + 1
      while j < end {
        let d = CharClasses.of(s[j])
        guard d == .otherLetter || d == .combining || d == .latinLetter else { break }
        j += 1
      }
      return (j, Kind.word)
    case .punctuation:
      if v == 0x40, i + 1 < end, isHandlePart(s[i + 1]), !precededByWord(s, i) {  // @handle
        var j = i + 1
        while j < end, isHandlePart(s[j]) { j += 1 }
        return (j, Kind.handle)
      }
      if v == 0x23, i + 1 < end, isHashtagPart(s[i + 1]), !precededByWord(s, i) {  // #hashtag
        var j = i + 1
        while j < end, isHashtagPart(s[j]) { j += 1 }
        return (j, Kind.hashtag)
      }
      if v == 0x2E {  // a run of dots is one ellipsis
        var j = i + 1
        while j < end, s[j] == 0x2E { j += 1 }
        return (j, Kind.punctuation)
      }
      return (skipCombining(s, i + 1, end), Kind.punctuation)
    case .symbol, .combining, .space:
      return (scanSymbol(s, i, end), Kind.symbol)
    }
  }

  /// The one-letter token kinds of the `tokens` layer.
  public enum Kind {
    public static let word = UInt8(ascii: "w")
    public static let number = UInt8(ascii: "n")
    public static let latin = UInt8(ascii: "l")
    public static let punctuation = UInt8(ascii: "p")
    public static let url = UInt8(ascii: "u")
    public static let email = UInt8(ascii: "e")
    public static let handle = UInt8(ascii: "h")
    public static let hashtag = UInt8(ascii: "t")
    public static let symbol = UInt8(ascii: "s")
  }

  // MARK: - Words and numbers

  @inline(__always) static func isArabicWordPart(_ v: UInt32) -> Bool {
    let c = CharClasses.of(v)
    return c == .arabicLetter || c == .arabicMark || c == .combining
  }

  /// A number: digits with inner separators (3.5, 2,000, 30/9, 12:30,
  /// 2014-2017), an optional percent sign, or digits glued to Latin letters (4G).
  static func scanNumber(_ s: [UInt32], _ i: Int, _ end: Int) -> (Int, UInt8) {
    var j = i + 1
    while j < end {
      let v = s[j]
      if CharClasses.of(v) == .digit {
        j += 1
      } else if isNumberSeparator(v), j + 1 < end, CharClasses.of(s[j + 1]) == .digit {
        j += 2
      } else {
        break
      }
    }
    if j < end, s[j] == 0x25 || s[j] == 0x066A || s[j] == 0x2030 { return (j + 1, Kind.number) }  // % ٪ ‰
    if j < end, CharClasses.of(s[j]) == .latinLetter { return (scanLatinWord(s, j, end), Kind.latin) }
    return (j, Kind.number)
  }

  @inline(__always) static func isNumberSeparator(_ v: UInt32) -> Bool {
    v == 0x2E || v == 0x2C || v == 0x066B || v == 0x066C || v == 0x2F || v == 0x3A || v == 0x2D
  }

  /// A Latin word: letters and digits, with inner apostrophes and hyphens
  /// (O'Brien, al-Qaim, F-16), or an acronym with dots (U.S., e.g.).
  static func scanLatinWord(_ s: [UInt32], _ i: Int, _ end: Int) -> Int {
    if let j = scanDottedAcronym(s, i, end) { return j }
    var j = i + 1
    while j < end {
      let c = CharClasses.of(s[j])
      if c == .latinLetter || c == .digit || c == .combining {
        j += 1
      } else if s[j] == 0x27 || s[j] == 0x2019 || s[j] == 0x2D, j + 1 < end, isLatinAlnum(s[j + 1]) {
        j += 2
      } else {
        break
      }
    }
    return j
  }

  /// `U.S.`, `e.g.`: single letters each followed by a dot, at least two.
  static func scanDottedAcronym(_ s: [UInt32], _ i: Int, _ end: Int) -> Int? {
    var j = i
    var letters = 0
    while j + 1 < end, CharClasses.of(s[j]) == .latinLetter, s[j + 1] == 0x2E,
      j + 2 >= end || CharClasses.of(s[j + 2]) != .latinLetter || (j + 3 < end && s[j + 3] == 0x2E)
    {
      j += 2
      letters += 1
    }
    return letters >= 2 ? j : nil
  }

  @inline(__always) static func isLatinAlnum(_ v: UInt32) -> Bool {
    let c = CharClasses.of(v)
    return c == .latinLetter || c == .digit
  }

  @inline(__always) static func isASCIIAlnum(_ v: UInt32) -> Bool {
    (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
  }

  // MARK: - URLs, e-mail, domains, handles, hashtags

  /// `http://…`, `https://…` or `www.…`, without trailing punctuation.
  static func scanURL(_ s: [UInt32], _ i: Int, _ end: Int) -> Int? {
    guard hasPrefix(s, i, end, "http://") || hasPrefix(s, i, end, "https://") || hasPrefix(s, i, end, "www.") else {
      return nil
    }
    var j = i
    var openParens = 0
    while j < end {
      let v = s[j]
      if CharClasses.of(v) == .space || isQuoteOrBracket(v) && v != 0x28 && v != 0x29 { break }
      if v == 0x28 { openParens += 1 }
      if v == 0x29 {
        if openParens == 0 { break }
        openParens -= 1
      }
      j += 1
    }
    while j > i, isTrailingURLPunctuation(s[j - 1]) { j -= 1 }
    return j - i > 4 ? j : nil
  }

  /// `name@domain.tld`.
  static func scanEmail(_ s: [UInt32], _ i: Int, _ end: Int) -> Int? {
    var j = i
    while j < end, isASCIIAlnum(s[j]) || s[j] == 0x2E || s[j] == 0x5F || s[j] == 0x2D || s[j] == 0x2B { j += 1 }
    guard j < end, s[j] == 0x40, j > i else { return nil }
    guard let k = scanHostName(s, j + 1, end, requireKnownTLD: false) else { return nil }
    return k
  }

  /// A bare domain name such as `aljazeera.net` or `news.bbc.co.uk`.
  static func scanDomain(_ s: [UInt32], _ i: Int, _ end: Int) -> Int? {
    scanHostName(s, i, end, requireKnownTLD: true)
  }

  /// Labels of ASCII letters, digits and hyphens joined by dots, ending in a
  /// letters-only top-level label (a known one when `requireKnownTLD`), then
  /// an optional path.
  static func scanHostName(_ s: [UInt32], _ i: Int, _ end: Int, requireKnownTLD: Bool) -> Int? {
    var j = i
    var labels = 0
    var lastLabel = i..<i
    while true {
      let start = j
      while j < end, isASCIIAlnum(s[j]) || s[j] == 0x2D { j += 1 }
      if j == start { return nil }
      labels += 1
      lastLabel = start..<j
      if j + 1 < end, s[j] == 0x2E, isASCIIAlnum(s[j + 1]) {
        j += 1
        continue
      }
      break
    }
    guard labels >= 2, lastLabel.count >= 2, lastLabel.allSatisfy({ isASCIILetter(s[$0]) }) else { return nil }
    if requireKnownTLD, !isKnownTLD(s, lastLabel) { return nil }
    if j < end, CharClasses.of(s[j]) == .latinLetter || CharClasses.of(s[j]) == .digit { return nil }
    if j < end, s[j] == 0x2F {  // a path
      while j < end, CharClasses.of(s[j]) != .space, !isQuoteOrBracket(s[j]) { j += 1 }
      while j > i, isTrailingURLPunctuation(s[j - 1]) { j -= 1 }
    }
    return j
  }

  private static let knownTLDs: Set<String> = [
    "com", "net", "org", "gov", "edu", "int", "mil", "info", "biz", "io", "co", "tv", "me", "news", "uk", "us",
    "fr", "de", "ru", "iq", "sy", "lb", "jo", "ae", "sa", "eg", "qa", "kw", "om", "ye", "bh", "ly", "tn",
    "dz", "ma", "sd", "ps", "ir", "tr", "ch", "eu", "ca", "au", "in", "cn", "jp", "it", "es", "nl", "be",
  ]

  static func isKnownTLD(_ s: [UInt32], _ r: Range<Int>) -> Bool {
    guard r.count <= 4 else { return false }
    var key = ""
    for k in r {
      guard let u = Unicode.Scalar(s[k] | 0x20) else { return false }
      key.unicodeScalars.append(u)
    }
    return knownTLDs.contains(key)
  }

  /// `العربية.نت`, `العربية.كوم`: an Arabic word followed by an Arabic TLD.
  static func scanArabicDomainSuffix(_ s: [UInt32], _ j: Int, _ end: Int) -> Int? {
    guard j + 2 < end, s[j] == 0x2E else { return nil }
    for tld in arabicTLDs where j + 1 + tld.count <= end {
      var matches = true
      for (k, t) in tld.enumerated() where s[j + 1 + k] != t {
        matches = false
        break
      }
      let after = j + 1 + tld.count
      if matches, after == end || !isArabicWordPart(s[after]) { return after }
    }
    return nil
  }

  private static let arabicTLDs: [[UInt32]] = ["نت", "كوم", "أورغ", "اورغ"].map { $0.unicodeScalars.map(\.value) }

  @inline(__always) static func isASCIILetter(_ v: UInt32) -> Bool {
    (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
  }

  @inline(__always) static func isHandlePart(_ v: UInt32) -> Bool { isASCIIAlnum(v) || v == 0x5F }

  @inline(__always) static func isHashtagPart(_ v: UInt32) -> Bool {
    let c = CharClasses.of(v)
    return c == .arabicLetter || c == .arabicMark || c == .latinLetter || c == .digit || c == .otherLetter
      || v == 0x5F
  }

  static func precededByWord(_ s: [UInt32], _ i: Int) -> Bool {
    guard i > 0 else { return false }
    let c = CharClasses.of(s[i - 1])
    return c.isWordPart || c == .digit
  }

  static func isQuoteOrBracket(_ v: UInt32) -> Bool {
    switch v {
    case 0x22, 0x27, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0xAB, 0xBB, 0x201C, 0x201D, 0x2018, 0x2019: true
    default: false
    }
  }

  static func isTrailingURLPunctuation(_ v: UInt32) -> Bool {
    switch v {
    case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x060C, 0x061B, 0x061F, 0x2026: true
    default: false
    }
  }

  static func hasPrefix(_ s: [UInt32], _ i: Int, _ end: Int, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard i + count <= end else { return false }
    return prefix.withUTF8Buffer { p in
      for k in 0..<count where s[i + k] | 0x20 != UInt32(p[k]) | 0x20 { return false }
      return true
    }
  }

  // MARK: - Symbols

  /// A symbol with what joins it: variation selectors, skin tones, ZWJ
  /// sequences, combining marks, tag characters, a second regional indicator.
  static func scanSymbol(_ s: [UInt32], _ i: Int, _ end: Int) -> Int {
    let isRegional = (0x1F1E6...0x1F1FF).contains(s[i])
    var j = i + 1
    if isRegional, j < end, (0x1F1E6...0x1F1FF).contains(s[j]) { j += 1 }
    while j < end {
      let v = s[j]
      if (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v)
        || CharClasses.of(v) == .combining
      {
        j += 1
      } else if v == 0x200D, j + 1 < end, CharClasses.of(s[j + 1]) == .symbol {
        j += 2
      } else {
        break
      }
    }
    return j
  }

  @inline(__always) static func skipCombining(_ s: [UInt32], _ i: Int, _ end: Int) -> Int {
    var j = i
    while j < end, CharClasses.of(s[j]) == .combining { j += 1 }
    return j
  }
}
