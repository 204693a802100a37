import KhabarCore

/// Text rules for XML output: legal characters, NCNames, stable numbers.
public enum XMLText {
  /// The replacement for characters XML 1.0 forbids (U+FFFD).
  public static let replacement: Unicode.Scalar = "\u{FFFD}"

  /// Whether XML 1.0 allows `v` in character data (the `Char` production).
  @inline(__always) public static func isLegal(_ v: UInt32) -> Bool {
    if v >= 0x20 { return v < 0xD800 || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000 }
    return v == 0x09 || v == 0x0A || v == 0x0D
  }

  /// `s` with every XML-illegal scalar replaced by U+FFFD, so offsets stay aligned.
  public static func sanitized(_ s: String) -> String {
    // Fast path on bytes: illegal scalars are C0 controls (bytes < 0x20) or
    // U+FFFE/U+FFFF (lead byte 0xEF); most strings have neither.
    var s = s
    if !s.withUTF8({ $0.contains { $0 < 0x20 ? !($0 == 0x09 || $0 == 0x0A || $0 == 0x0D) : $0 == 0xEF } }) { return s }
    if s.unicodeScalars.allSatisfy({ isLegal($0.value) }) { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars { out.append(isLegal(u.value) ? u : replacement) }
    return String(out)
  }

  /// Whether `v` is Unicode white space (`White_Space`), without a property lookup.
  @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
    if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
      || v == 0x202F || v == 0x205F || v == 0x3000
  }

  /// Whether UTF-8 byte `b` may begin a white-space scalar: ASCII white
  /// space, or the lead byte of U+0085, U+00A0, U+1680, U+2000–U+205F or
  /// U+3000 (some other scalars share these lead bytes: a cheap, safe test).
  @inline(__always) static func mayStartSpace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3
  }

  /// Whether `s` may hold white space, a control character or a scalar
  /// XML forbids (checked on bytes, erring towards "yes").
  static func mayHoldSpaceOrIllegal(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { $0.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xEF || mayStartSpace($0) } }
  }

  // MARK: - Names

  @inline(__always) static func isASCIINameStart(_ v: UInt32) -> Bool {
    (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
  }

  /// Arabic letters that every XML edition accepts in names.
  @inline(__always) static func isArabicLetter(_ v: UInt32) -> Bool {
    (v >= 0x0621 && v <= 0x063A) || (v >= 0x0641 && v <= 0x064A)
  }

  @inline(__always) static func isNameChar(_ v: UInt32) -> Bool {
    isASCIINameStart(v) || (v >= 0x30 && v <= 0x39) || v == 0x2E || v == 0x2D || isArabicLetter(v)
  }

  /// Whether `s` is a conservative NCName: it starts with an ASCII letter,
  /// `_` or an Arabic letter and has only those, digits, `.` and `-`.
  public static func isNCName(_ s: String) -> Bool {
    var first = true
    for u in s.unicodeScalars {
      let v = u.value
      if first {
        guard isASCIINameStart(v) || isArabicLetter(v) else { return false }
        first = false
      } else if !isNameChar(v) {
        return false
      }
    }
    return !first
  }

  /// A stable NCName for an identifier: `s` itself when it is one; otherwise
  /// `prefix` + `s` with other characters replaced by `_`, plus a short hash of
  /// `s` when characters were replaced (so distinct inputs stay distinct).
  public static func ncName(_ s: String, prefix: String = "x") -> String {
    if isNCName(s) { return s }
    var out = prefix
    var replaced = false
    for u in s.unicodeScalars {
      if isNameChar(u.value) {
        out.unicodeScalars.append(u)
      } else {
        out.append("_")
        replaced = true
      }
    }
    if replaced { out += "-" + StableHash.shortID(s, length: 8) }
    return out
  }

  // MARK: - Numbers

  /// `value` with at most `decimals` decimals, trailing zeros removed, no
  /// exponent: `0.97`, `1`, `33.3412`. Stable across platforms.
  public static func decimal(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9.0e15 else { return String(Int(value.rounded())) }
    let n = Int(scaled)
    let unit = Int(scale)
    var whole = String(n / unit)
    var frac = String(n % unit)
    if decimals > 0 {
      frac = String(repeating: "0", count: decimals - frac.count) + frac
      while frac.last == "0" { frac.removeLast() }
    } else {
      frac = ""
    }
    if value < 0 && n != 0 { whole = "-" + whole }
    return frac.isEmpty ? whole : "\(whole).\(frac)"
  }

  /// A TEI `@cert` value: a number in [0, 1] with at most 4 decimals
  /// (same result as `decimal(_:decimals: 4)`, without intermediate Strings).
  public static func cert(_ value: Double) -> String {
    let n = Int((min(1, max(0, value.isFinite ? value : 0)) * 10_000).rounded())
    if n == 0 { return "0" }
    if n == 10_000 { return "1" }
    var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
    digits[1] = UInt8(ascii: ".")
    var rest = n
    for i in stride(from: 5, through: 2, by: -1) {
      digits[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    }
    while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    return String(decoding: digits, as: UTF8.self)
  }
}
