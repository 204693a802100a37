/// Finds the end of one JSON value, validating it, in a single tight pass
/// over the bytes. Stages keep the layers they do not own as raw bytes and
/// the coordinator checks every record it routes, so most bytes of a record
/// are skipped rather than read: this is the hot loop of JSON Lines I/O.
///
/// It accepts exactly what `JSONReader`'s element-by-element methods accept.
/// It reports no message: on invalid input the reader re-reads the value
/// slowly to say what is wrong and where.
enum JSONSkip {
  /// The index just past the value that starts at `start` (leading
  /// whitespace allowed), or nil when the bytes there are not one valid JSON
  /// value nested at most `depthLimit` deep.
  static func value(_ p: UnsafeBufferPointer<UInt8>, from start: Int, depthLimit: Int) -> Int? {
    var i = start
    let n = p.count
    var objects: [Bool] = []  // the open containers: true = object, false = array
    objects.reserveCapacity(16)

    @inline(__always) func skipSpace() {
      while i < n {
        let b = p[i]
        guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
        i += 1
      }
    }
    // A key and its colon; i is at the key's opening quote.
    @inline(__always) func key() -> Bool {
      guard i < n, p[i] == UInt8(ascii: "\""), let end = string(p, from: i) else { return false }
      i = end
      skipSpace()
      guard i < n, p[i] == UInt8(ascii: ":") else { return false }
      i += 1
      return true
    }

    while true {
      // A value starts here.
      skipSpace()
      guard i < n else { return nil }
      switch p[i] {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = p[i] == UInt8(ascii: "{")
        i += 1
        skipSpace()
        guard i < n else { return nil }
        if p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          i += 1  // empty container: a complete value
        } else {
          objects.append(isObject)
          guard objects.count <= depthLimit else { return nil }
          if isObject && !key() { return nil }
          continue  // its first value
        }
      case UInt8(ascii: "\""):
        guard let end = string(p, from: i) else { return nil }
        i = end
      case UInt8(ascii: "t"):
        guard literal(p, i, "true") else { return nil }
        i += 4
      case UInt8(ascii: "f"):
        guard literal(p, i, "false") else { return nil }
        i += 5
      case UInt8(ascii: "n"):
        guard literal(p, i, "null") else { return nil }
        i += 4
      default:
        guard let end = number(p, from: i) else { return nil }
        i = end
      }
      // A value ended: close containers until one continues with a comma.
      while true {
        guard let isObject = objects.last else { return i }
        skipSpace()
        guard i < n else { return nil }
        if p[i] == UInt8(ascii: ",") {
          i += 1
          skipSpace()
          if isObject && !key() { return nil }
          break
        }
        guard p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
        i += 1
        objects.removeLast()
      }
    }
  }

  /// Past the string whose opening quote is at `start`; nil when it is
  /// unterminated, holds a control character, a bad escape or a lone surrogate.
  static func string(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = start + 1
    let n = p.count
    while i < n {
      let b = p[i]
      if b == UInt8(ascii: "\"") { return i + 1 }
      if b < 0x20 { return nil }
      if b != UInt8(ascii: "\\") {
        i += 1
        continue
      }
      i += 1
      guard i < n else { return nil }
      switch p[i] {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        i += 1
      case UInt8(ascii: "u"):
        guard let code = hex4(p, i + 1) else { return nil }
        i += 5
        if (0xD800...0xDBFF).contains(code) {
          guard i + 1 < n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
            let low = hex4(p, i + 2), (0xDC00...0xDFFF).contains(low)
          else { return nil }
          i += 6
        } else if (0xDC00...0xDFFF).contains(code) {
          return nil
        }
      default:
        return nil
      }
    }
    return nil
  }

  private static func hex4(_ p: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
    guard at + 4 <= p.count else { return nil }
    var v: UInt32 = 0
    for k in at..<(at + 4) {
      guard let d = hexValue(p[k]) else { return nil }
      v = v << 4 | d
    }
    return v
  }

  /// The value of one hex digit, or nil.
  @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
  }

  /// Past the number at `start` (JSON grammar: no leading zeros, digits
  /// after a point and in an exponent); nil when there is none.
  static func number(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = start
    let n = p.count
    @inline(__always) func digits() -> Int {
      let from = i
      while i < n, p[i] &- 0x30 < 10 { i += 1 }
      return i - from
    }
    if i < n, p[i] == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    let count = digits()
    guard count > 0, count == 1 || p[intStart] != 0x30 else { return nil }
    if i < n, p[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return nil }
    }
    if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return nil }
    }
    return i
  }

  private static func literal(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= p.count else { return false }
    let w = word.utf8Start
    for k in 0..<count where p[at + k] != w[k] { return false }
    return true
  }
}
