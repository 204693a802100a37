/// Turns quotation marks the right way by their position in the line:
/// an opening position gets `«` / `“`, a closing one `»` / `”`
/// (`الـ»داعشيّة»` → `الـ«داعشيّة»`, `و”مقاتلو الميليشيات”` → `و“مقاتلو الميليشيات”`).
///
/// Straight `"` are only changed in a line that already uses curly quotes
/// (mixed styles); a line of straight quotes is consistent and stays. A mark
/// whose position is ambiguous is left alone. Replacements are one for one.
struct QuoteRepair {
  @inline(__always) static func isQuote(_ v: UInt32) -> Bool {
    v == 0xAB || v == 0xBB || v == 0x201C || v == 0x201D || v == 0x22
  }

  /// Repairs `line` in place; returns true when anything changed.
  @discardableResult
  static func run(_ line: inout LineBuffer) -> Bool {
    let n = line.count
    var hasQuote = false, hasCurly = false
    for v in line.scalars where isQuote(v) {
      hasQuote = true
      if v == 0x201C || v == 0x201D { hasCurly = true }
    }
    guard hasQuote else { return false }
    var changed = false
    for i in 0..<n {
      let v = line.scalars[i]
      let guillemet = v == 0xAB || v == 0xBB
      let curly = v == 0x201C || v == 0x201D || (v == 0x22 && hasCurly)
      guard guillemet || curly else { continue }
      let prev: UInt32? = i > 0 ? line.scalars[i - 1] : nil
      let next: UInt32? = i + 1 < n ? line.scalars[i + 1] : nil
      let opening = isOpening(line.scalars, i, prev, next)
      let closing = isClosing(prev, next)
      guard opening != closing else { continue }
      let wanted: UInt32 = guillemet ? (opening ? 0xAB : 0xBB) : (opening ? 0x201C : 0x201D)
      if wanted != v {
        line.scalars[i] = wanted
        changed = true
      }
    }
    return changed
  }

  /// Before a word, after a space, a bracket, a tatweel or a proclitic (`لـ«`, `و“`).
  static func isOpening(_ s: [UInt32], _ i: Int, _ prev: UInt32?, _ next: UInt32?) -> Bool {
    guard let next, next != 0x20, next != 0x0A, !ScalarClass.isClosingPunctuation(next), !isQuote(next) else {
      return false
    }
    guard let prev else { return true }
    switch prev {
    case 0x20, 0x0A, 0x28, 0x5B, 0x7B, 0x0640, 0x2D, 0x2F, 0x2013, 0x2014: return true
    default: break
    }
    guard ScalarClass.isArabicLetter(prev), ScalarClass.isLetter(next) || ScalarClass.isDigit(next) else {
      return false
    }
    // The letters before the quote must be proclitics: و ف ب ل ك and the article.
    var k = i - 1, letters = 0
    while k >= 0, ScalarClass.isArabicLetter(s[k]) {
      switch s[k] {
      case 0x0648, 0x0641, 0x0628, 0x0644, 0x0643, 0x0627: break
      default: return false
      }
      letters += 1
      if letters > 4 { return false }
      k -= 1
    }
    return true
  }

  /// After a word (or punctuation), before a space, punctuation or the end.
  static func isClosing(_ prev: UInt32?, _ next: UInt32?) -> Bool {
    guard let prev, prev != 0x20, prev != 0x0A, prev != 0x0640 else { return false }
    guard let next else { return true }
    return next == 0x20 || next == 0x0A || ScalarClass.isClosingPunctuation(next) || next == 0x29 || next == 0x5D
      || next == 0x7D || next == 0x2026 || next == 0x2D
  }
}
