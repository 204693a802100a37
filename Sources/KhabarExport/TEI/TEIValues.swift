/// Checks and conversions for TEI attribute values, so an odd value from an
/// upstream stage is left out instead of making the document invalid.
enum TEIValues {
  /// Whether `v` is a W3C date TEI `@when` accepts: `YYYY`, `YYYY-MM`,
  /// `YYYY-MM-DD`, `--MM`, `--MM-DD` or `---DD` (ASCII digits, real days).
  static func isW3CDate(_ v: String) -> Bool {
    let b = Array(v.utf8)
    func digits(_ r: Range<Int>) -> Int? {
      guard r.upperBound <= b.count else { return nil }
      var n = 0
      for i in r {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        n = n * 10 + Int(b[i] - 0x30)
      }
      return n
    }
    func daysIn(_ month: Int, _ year: Int?) -> Int {
      switch month {
      case 2:
        guard let y = year else { return 29 }
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
      case 4, 6, 9, 11: return 30
      default: return 31
      }
    }
    let dash = UInt8(ascii: "-")
    if b.count == 5, b[0] == dash, b[1] == dash, b[2] == dash, let d = digits(3..<5) { return (1...31).contains(d) }
    if b.count >= 4, b[0] == dash, b[1] == dash, let m = digits(2..<4), (1...12).contains(m) {
      if b.count == 4 { return true }
      if b.count == 7, b[4] == dash, let d = digits(5..<7) { return d >= 1 && d <= daysIn(m, nil) }
      return false
    }
    guard b.count >= 4, let year = digits(0..<4), year > 0 else { return false }
    if b.count == 4 { return true }
    guard b.count >= 7, b[4] == dash, let m = digits(5..<7), (1...12).contains(m) else { return false }
    if b.count == 7 { return true }
    guard b.count == 10, b[7] == dash, let d = digits(8..<10) else { return false }
    return d >= 1 && d <= daysIn(m, year)
  }

  /// Whether `v` is a plain decimal number (`teidata.numeric` in its simplest form).
  static func isDecimal(_ v: String) -> Bool {
    var b = Array(v.utf8)[...]
    if b.first == UInt8(ascii: "-") { b = b.dropFirst() }
    var digits = 0, dots = 0
    for c in b {
      if c >= 0x30 && c <= 0x39 { digits += 1 } else if c == UInt8(ascii: ".") { dots += 1 } else { return false }
    }
    return digits > 0 && dots <= 1 && b.first != UInt8(ascii: ".") && b.last != UInt8(ascii: ".")
  }

  /// A single token (`teidata.word`/`enumerated`): whitespace runs become `_`;
  /// nil when nothing is left.
  static func token(_ v: String) -> String? {
    // Nothing to replace or trim (the general case also drops trailing `_`).
    if !v.isEmpty && v.utf8.last != UInt8(ascii: "_") && !XMLText.mayHoldSpaceOrIllegal(v) { return v }
    return tokenByScalars(v)
  }

  /// `token(v)` computed scalar by scalar (the general case).
  static func tokenByScalars(_ v: String) -> String? {
    var out = ""
    for u in XMLText.sanitized(v).unicodeScalars {
      if XMLText.isSpace(u.value) || u.value < 0x20 {
        if !out.isEmpty && out.last != "_" { out.append("_") }
      } else {
        out.unicodeScalars.append(u)
      }
    }
    while out.last == "_" { out.removeLast() }
    return out.isEmpty ? nil : out
  }

  /// A version `application/@version` accepts (`\d+[a-z]*\d*(\.\d+[a-z]*\d*){0,3}`):
  /// the leading numeric components of `v`, e.g. `1.0.0-beta` → `1.0.0`.
  static func applicationVersion(_ v: String) -> String {
    isPlainVersion(v) ? v : applicationVersionByComponents(v)
  }

  /// `applicationVersion(v)` computed component by component (the general case).
  static func applicationVersionByComponents(_ v: String) -> String {
    var parts: [String] = []
    for component in v.split(separator: ".", omittingEmptySubsequences: false) {
      let digits = component.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty else { break }
      parts.append(String(digits))
      if digits.count != component.count || parts.count == 4 { break }
    }
    return parts.isEmpty ? "0" : parts.joined(separator: ".")
  }

  /// Whether `v` is already one to four dot-separated runs of ASCII digits.
  private static func isPlainVersion(_ v: String) -> Bool {
    var dots = 0, previous = UInt8(ascii: ".")
    for b in v.utf8 {
      if b == UInt8(ascii: ".") {
        if previous == b { return false }
        dots += 1
      } else if b < 0x30 || b > 0x39 {
        return false
      }
      previous = b
    }
    return previous != UInt8(ascii: ".") && dots <= 3
  }

  /// `text` on one line: runs of whitespace become one space, ends trimmed.
  static func oneLine(_ text: String) -> String {
    isOneLine(text) ? text : oneLineByScalars(text)
  }

  /// `oneLine(text)` computed scalar by scalar (the general case).
  static func oneLineByScalars(_ text: String) -> String {
    var out = ""
    var space = false
    for u in text.unicodeScalars {
      if XMLText.isSpace(u.value) {
        space = !out.isEmpty
      } else {
        if space { out.append(" ") }
        space = false
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// Whether `oneLine(text)` is `text` itself: no white space but single
  /// ASCII spaces between other characters (checked on bytes, erring
  /// towards "no": lead bytes of non-ASCII white space count as space).
  private static func isOneLine(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { b in
      guard let first = b.first, let last = b.last, first != 0x20, last != 0x20 else { return b.isEmpty }
      var previous: UInt8 = 0
      for c in b {
        if XMLText.mayStartSpace(c) && (c != 0x20 || previous == 0x20) { return false }
        previous = c
      }
      return true
    }
  }

  /// Percent-encodes what may not appear in a URI reference (`teidata.pointer`).
  static func uriPath(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
      let c = Character(Unicode.Scalar(b))
      if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/".contains(c) {
        out.append(c)
      } else {
        let hex = Array("0123456789ABCDEF")
        out.append("%")
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      }
    }
    return out
  }
}
