import KhabarCore

/// One token as the temporal grammars see it: its span without attached
/// proclitics, its word class and, for a number, its value.
struct TemporalToken: Sendable {
  /// First scalar after attached proclitics (a date never includes them).
  var start: Int
  var end: Int
  /// Token kind code from the `tokens` layer (`w`, `n`, `p` …).
  var kind: UInt8
  /// The scalar of a one-scalar token (punctuation), else 0.
  var scalar: UInt32 = 0
  var lex: Lex = .empty
  /// The match-key letter of the first proclitic split off (و, ب …), else 0.
  var proclitic: UInt32 = 0
  /// The segmenter split off the future prefix سـ (سيقام → س + يقام).
  var isFuture = false
  /// A line break separates this token from the previous one.
  var breakBefore = false
  var number: ParsedNumber?
  /// A date written as one number token (`27/11/2017`, `2017-11-27`).
  var numericDate: CivilDate?

  /// The word can play `role` (one role, or any of several).
  @inline(__always) func has(_ role: LexRoles) -> Bool { lex.roles.rawValue & role.rawValue != 0 }
}

/// A number written in digits, as in `2017`, `3.5`, `١٢`, `50%` or `1445هـ`.
struct ParsedNumber: Sendable {
  var value: Double
  /// The exact value (nil past 18 significant digits).
  var exact: DecimalQuantity?
  /// Digits before the decimal point.
  var integerDigits: Int
  var hasFraction: Bool
  var isPercent: Bool
  /// A calendar letter written on the number (`1445هـ`, `2003م`).
  var marker: CalendarMarker

  /// The value as an integer, when it is one.
  var integer: Int? { hasFraction || value > 1e15 ? nil : Int(value) }

  /// A plain integer with `digits` digits in `range` (no fraction, percent or marker).
  func plainInteger(digits: ClosedRange<Int>, in range: ClosedRange<Int>) -> Int? {
    guard !isPercent, marker == .none, digits.contains(integerDigits), let v = integer, range.contains(v) else {
      return nil
    }
    return v
  }
}

/// An exact decimal, `mantissa × 10^exponent`, so quantities print without
/// binary rounding (161.48 مليار → 161480000000, not …0.00003).
struct DecimalQuantity: Sendable, Equatable {
  var mantissa: Int
  var exponent: Int

  static func integer(_ n: Int) -> DecimalQuantity { DecimalQuantity(mantissa: n, exponent: 0) }

  /// Times a power of ten (ألف, مليون, مليار), or nil if it is not one.
  func scaled(by factor: Double) -> DecimalQuantity? {
    var f = factor
    var e = 0
    while f >= 10 && f.truncatingRemainder(dividingBy: 10) == 0 {
      f /= 10
      e += 1
    }
    guard f == 1 else { return nil }
    return DecimalQuantity(mantissa: mantissa, exponent: exponent + e)
  }

  /// Plain ASCII decimal notation: `2000`, `3.5`, `0.25`.
  var text: String {
    let digits = String(mantissa.magnitude)
    let sign = mantissa < 0 ? "-" : ""
    if mantissa == 0 { return "0" }
    if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
    let fraction = -exponent
    let padded = digits.count > fraction ? digits : String(repeating: "0", count: fraction - digits.count + 1) + digits
    var whole = String(padded.dropLast(fraction))
    var part = String(padded.suffix(fraction))
    while part.hasSuffix("0") { part.removeLast() }
    if whole.isEmpty { whole = "0" }
    return sign + whole + (part.isEmpty ? "" : "." + part)
  }
}

enum CalendarMarker: Sendable, Equatable {
  case none, hijri, gregorian
}

/// Builds the token view the grammars run on, in one pass over tokens and morphs.
enum TemporalTokenizer {
  static func tokens(scalars: [Unicode.Scalar], tokens: Tokens, morphs: Morphs?) -> [TemporalToken] {
    let lexicon = TemporalLexicon.shared
    var out: [TemporalToken] = []
    out.reserveCapacity(tokens.spans.count)
    var morph = 0
    var previousEnd = 0
    for t in 0..<min(tokens.spans.count, tokens.kinds.count) {
      // Overlapping, reversed or out-of-range spans are skipped, never trusted.
      guard let span = tokens.spans.checkedRange(t), span.lowerBound >= previousEnd, span.upperBound <= scalars.count,
        !span.isEmpty
      else { continue }
      var token = TemporalToken(start: span.lowerBound, end: span.upperBound, kind: tokens.kinds[t])
      token.breakBefore = containsLineBreak(scalars, previousEnd..<span.lowerBound)
      previousEnd = span.upperBound
      if span.count == 1 { token.scalar = scalars[span.lowerBound].value }
      switch token.kind {
      case UInt8(ascii: "n"):
        token.number = parseNumber(scalars, span)
        if token.number == nil { token.numericDate = parseNumericDate(scalars, span) }
      case UInt8(ascii: "w"):
        classifyWord(&token, scalars, span, morphs, &morph, lexicon)
      default:
        break
      }
      out.append(token)
    }
    return out
  }

  private static func containsLineBreak(_ scalars: [Unicode.Scalar], _ gap: Range<Int>) -> Bool {
    for i in gap where scalars[i].value == 0x0A || scalars[i].value == 0x2029 { return true }
    return false
  }

  /// Finds the token's morphs, skips proclitics and looks up article + stem.
  private static func classifyWord(
    _ token: inout TemporalToken, _ scalars: [Unicode.Scalar], _ span: Range<Int>, _ morphs: Morphs?,
    _ morph: inout Int, _ lexicon: TemporalLexicon
  ) {
    var core = span.lowerBound
    var keyEnd = span.upperBound
    var prefix: UInt32?
    var split = false
    var firstProclitic = -1, innerProclitic = -1, futureProclitic = -1
    if let morphs {
      let count = min(morphs.spans.count, morphs.roles.count)
      while morph < count, (morphs.spans.checkedRange(morph)?.upperBound ?? 0) <= span.lowerBound { morph += 1 }
      var m = morph
      var seenStem = false
      while m < count, let part = morphs.spans.checkedRange(m), part.lowerBound >= span.lowerBound,
        part.upperBound <= span.upperBound
      {
        switch morphs.roles[m] {
        case UInt8(ascii: "p") where !seenStem:
          let letter = firstLetter(scalars, part)
          if token.proclitic == 0, let letter { token.proclitic = letter }
          if letter == 0x0633 { futureProclitic = part.lowerBound }  // the future prefix سـ (سيقام)
          if firstProclitic < 0 { firstProclitic = part.lowerBound }
          innerProclitic = part.lowerBound
          core = part.upperBound
          split = true
        case UInt8(ascii: "a") where !seenStem:
          // The ل of لل: read it as the article ال.
          if isSingleLetter(scalars, part) { prefix = 0x0627 }
        case UInt8(ascii: "e"):
          if seenStem { keyEnd = min(keyEnd, part.lowerBound) }
        default:
          seenStem = true
        }
        m += 1
      }
    }
    if core >= keyEnd { (core, keyEnd, prefix, split) = (span.lowerBound, span.upperBound, nil, false) }
    let range = core..<keyEnd
    let key = TemporalLexicon.key(scalars, range, prefix: prefix)
    token.start = core
    token.isFuture = futureProclitic >= 0
    if let lex = lexicon.lookup(scalars, range, prefix: prefix, key: key) {
      token.lex = lex
      return
    }
    if split {
      // An over-split word (ف + براير, س + بتمبر): put the proclitics back,
      // innermost first, and look again.
      var start = innerProclitic
      while start >= 0 {
        let whole = start..<keyEnd
        if let lex = lexicon.lookup(scalars, whole, key: TemporalLexicon.key(scalars, whole)) {
          token.lex = lex
          token.start = start
          if start == firstProclitic { token.proclitic = 0 }
          if futureProclitic >= start { token.isFuture = false }
          return
        }
        start = start > firstProclitic ? firstProclitic : -1
      }
      return
    }
    // An unsplit proclitic (no morphs, or the segmenter kept it): strip one
    // letter for date words only; the span keeps the whole token.
    guard key.length >= 3, let first = firstLetter(scalars, range) else { return }
    switch first {
    case 0x0648, 0x0641, 0x0628, 0x0644: break  // و ف ب ل
    default: return
    }
    // The letters after the first one (marks before or after it are skipped).
    var rest = range.lowerBound
    while rest < range.upperBound && ArabicText.matchScalar(scalars[rest].value) == nil { rest += 1 }
    rest += 1
    while rest < range.upperBound && ArabicText.matchScalar(scalars[rest].value) == nil { rest += 1 }
    guard rest < range.upperBound else { return }
    // لل… is ل + the article: read it as ال….
    let restPrefix: UInt32? = first == 0x0644 && ArabicText.matchScalar(scalars[rest].value) == 0x0644 ? 0x0627 : nil
    let restKey = TemporalLexicon.key(scalars, rest..<range.upperBound, prefix: restPrefix)
    guard var lex = lexicon.lookup(scalars, rest..<range.upperBound, prefix: restPrefix, key: restKey) else { return }
    var allowed = LexRoles.strippable
    // باب is not ب + آب: a stem of under three letters is only a preposition (وفي),
    // and an ambiguous month needs a proclitic the segmenter split.
    if restKey.length < 3 { allowed = .cue }
    if lex.roles.contains(.ambiguousMonth) { allowed.subtract([.month, .ambiguousMonth]) }
    if first == 0x0648 { allowed.insert(.numberWord) }  // و joining number words (خمسة وعشرون)
    lex.roles.formIntersection(allowed)
    guard !lex.roles.isEmpty else { return }
    token.lex = lex
    token.proclitic = first
  }

  private static func firstLetter(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> UInt32? {
    for i in range { if let m = ArabicText.matchScalar(scalars[i].value) { return m } }
    return nil
  }

  private static func isSingleLetter(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    var letters = 0
    for i in range where ArabicText.matchScalar(scalars[i].value) != nil { letters += 1 }
    return letters == 1
  }

  /// Parses digits (ASCII, Arabic-Indic or Persian) with an optional decimal
  /// part (`.`, `٫`, or `,` not before three digits), thousands separators
  /// (`,` or `٬` before three digits),
  /// and a trailing `%`/`٪` or calendar letter (هـ, م). Nil for anything else.
  static func parseNumber(_ scalars: [Unicode.Scalar], _ span: Range<Int>) -> ParsedNumber? {
    var i = span.lowerBound
    var value = 0.0
    var integerDigits = 0
    var hasFraction = false
    var scale = 0.1
    var inFraction = false
    var mantissa = 0
    var fractionDigits = 0
    var overflow = false
    while i < span.upperBound {
      let v = scalars[i].value
      if let d = ArabicText.digitValue(v) {
        let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(d)
        overflow = overflow || o1 || o2
        mantissa = next
        if inFraction {
          fractionDigits += 1
          value += Double(d) * scale
          scale /= 10
          hasFraction = true
        } else {
          value = value * 10 + Double(d)
          integerDigits += 1
        }
        i += 1
      } else if (v == 0x2E || v == 0x066B) && !inFraction && integerDigits > 0 && i + 1 < span.upperBound
        && ArabicText.digitValue(scalars[i + 1].value) != nil
      {
        inFraction = true
        i += 1
      } else if (v == 0x2C || v == 0x066C) && !inFraction && integerDigits > 0
        && isThousandsGroup(scalars, i + 1, span)
      {
        i += 1
      } else if v == 0x2C && !inFraction && integerDigits > 0 && i + 1 < span.upperBound
        && ArabicText.digitValue(scalars[i + 1].value) != nil
      {
        inFraction = true  // a decimal comma: 218,5 مليون
        i += 1
      } else {
        break
      }
    }
    guard integerDigits > 0 else { return nil }
    var number = ParsedNumber(
      value: value, exact: overflow ? nil : DecimalQuantity(mantissa: mantissa, exponent: -fractionDigits),
      integerDigits: integerDigits, hasFraction: hasFraction, isPercent: false, marker: .none)
    guard i < span.upperBound else { return number }
    // What is written after the digits.
    var letters: [UInt32] = []
    while i < span.upperBound {
      if let m = ArabicText.matchScalar(scalars[i].value) { letters.append(m) }
      i += 1
    }
    switch letters {
    case [0x25], [0x066A]: number.isPercent = true
    case [0x0647]: number.marker = .hijri  // هـ
    case [0x0645]: number.marker = .gregorian  // م
    case []: break
    default: return nil
    }
    return number
  }

  /// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `yyyy-mm-dd` in one token.
  static func parseNumericDate(_ scalars: [Unicode.Scalar], _ span: Range<Int>) -> CivilDate? {
    var fields = [0, 0, 0]
    var digits = [0, 0, 0]
    var field = 0
    var separator: UInt32 = 0
    for i in span {
      let v = scalars[i].value
      if let d = ArabicText.digitValue(v) {
        fields[field] = fields[field] * 10 + d
        digits[field] += 1
        if digits[field] > 4 { return nil }
      } else if [0x2F, 0x2D, 0x2E].contains(v), field < 2, digits[field] > 0, separator == 0 || separator == v {
        separator = v
        field += 1
      } else {
        return nil
      }
    }
    guard field == 2 else { return nil }
    let (y, m, d): (Int, Int, Int)
    if digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2 && digits[2] > 0 {
      (y, m, d) = (fields[0], fields[1], fields[2])
    } else if digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4 {
      (y, m, d) = (fields[2], fields[1], fields[0])
    } else {
      return nil
    }
    guard (1000...2200).contains(y), (1...12).contains(m), d >= 1, d <= CivilDate.daysInMonth(year: y, month: m)
    else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }

  private static func isThousandsGroup(_ scalars: [Unicode.Scalar], _ at: Int, _ span: Range<Int>) -> Bool {
    guard at + 3 <= span.upperBound else { return false }
    for j in at..<(at + 3) where ArabicText.digitValue(scalars[j].value) == nil { return false }
    return at + 3 == span.upperBound || ArabicText.digitValue(scalars[at + 3].value) == nil
  }
}

extension Spans {
  /// Span `i`, or nil when it is reversed or negative (bad input must not trap).
  fileprivate func checkedRange(_ i: Int) -> Range<Int>? {
    let start = flat[2 * i], end = flat[2 * i + 1]
    return start >= 0 && start <= end ? start..<end : nil
  }
}
