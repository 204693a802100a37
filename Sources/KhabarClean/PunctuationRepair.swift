/// Repairs scraping artefacts in punctuation without touching any word:
///
/// * `كلمة ، كلمة` → `كلمة، كلمة` (no space before closing punctuation;
///   a spaced ellipsis ` ...` is left alone);
/// * `الأسد. .` → `الأسد.` (a doubled stop);
/// * `مواقعهم., وكشفت` → `مواقعهم.` + line break + `وكشفت`: paragraphs a
///   scraper joined with `, ` are split again (only between Arabic text, so
///   `U.S., and` stays).
struct PunctuationRepair {
  /// Whether `line` has anything to repair (a cheap scan).
  static func isNeeded(_ line: LineBuffer) -> Bool {
    let s = line.scalars
    var i = 0
    while i + 1 < s.count {
      let v = s[i]
      if v == 0x20, ScalarClass.isClosingPunctuation(s[i + 1]) { return true }
      if v == 0x2E, s[i + 1] == 0x2C || s[i + 1] == 0x060C { return true }
      i += 1
    }
    return false
  }

  /// Rewrites `line`; returns true when anything changed.
  @discardableResult
  static func run(_ line: inout LineBuffer) -> Bool {
    guard isNeeded(line) else { return false }
    let s = line.scalars
    let n = s.count
    var out = LineBuffer()
    out.reserve(n)
    var changed = false
    var i = 0
    while i < n {
      let v = s[i]
      if v == 0x20, let before = out.last {
        // The spaces (one, or a run when white space is kept) before closing punctuation.
        var k = i + 1
        while k < n, s[k] == 0x20 { k += 1 }
        if k < n, ScalarClass.isClosingPunctuation(s[k]) {
          let p = s[k]
          let after: UInt32? = k + 1 < n ? s[k + 1] : nil
          let ellipsis = p == 0x2E && after == 0x2E
          if !ellipsis, isBoundary(after) {
            changed = true
            let doubledStop = p == 0x2E && before == 0x2E && (out.count < 2 || out.scalars[out.count - 2] != 0x2E)
            i = doubledStop ? k + 1 : k
            continue
          }
        }
      }
      // `., Y`: judged on the output, so a join left by a doubled stop is seen too.
      if v == 0x2C || v == 0x060C, i + 2 < n, s[i + 1] == 0x20, out.last == 0x2E, out.count >= 2,
        joinsParagraphs(before: out.scalars[out.count - 2], next: s[i + 2])
      {
        out.append(0x0A, line.rawStart[i + 1], line.rawEnd[i + 1])
        changed = true
        i += 2
        continue
      }
      out.append(from: line, i)
      i += 1
    }
    guard changed else { return false }
    line = out
    return true
  }

  /// What may follow closing punctuation for a space before it to be a stray.
  @inline(__always) static func isBoundary(_ v: UInt32?) -> Bool {
    guard let v else { return true }
    return v == 0x20 || v == 0x0A || ScalarClass.isClosingPunctuation(v) || QuoteRepair.isQuote(v)
      || v == 0x29 || v == 0x5D || v == 0x7D
  }

  /// `X., Y` is a scraper's paragraph join when X ends Arabic text (a letter,
  /// mark, digit, quote or bracket, not Latin) and Y opens Arabic text.
  @inline(__always) static func joinsParagraphs(before: UInt32, next: UInt32) -> Bool {
    let beforeOK = ScalarClass.isArabicLetter(before) || ScalarClass.isArabicMark(before)
      || QuoteRepair.isQuote(before) || before == 0x29 || (0x0660...0x0669).contains(before)
    let nextOK = ScalarClass.isArabicLetter(next) || QuoteRepair.isQuote(next)
    return beforeOK && nextOK
  }
}
