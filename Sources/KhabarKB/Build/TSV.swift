/// Splits one tab-separated line (bytes, no newline) into UTF-8 fields.
enum TSV {
  static func fields(_ line: ArraySlice<UInt8>) -> [String] {
    var out: [String] = []
    var start = line.startIndex
    var i = line.startIndex
    while i < line.endIndex {
      if line[i] == 0x09 {
        out.append(String(decoding: line[start..<i], as: UTF8.self))
        start = i + 1
      }
      i += 1
    }
    var end = line.endIndex
    if end > start, line[end - 1] == 0x0D { end -= 1 }
    out.append(String(decoding: line[start..<end], as: UTF8.self))
    return out
  }

  /// Calls `body` with each line of `bytes` (without its newline).
  static func forEachLine(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void) rethrows {
    var start = 0
    var number = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      number += 1
      if i > start { try body(bytes[start..<i], number) }
      start = i + 1
    }
  }
}

extension TSV {
  /// Field `n` (0-based) of a tab-separated line, without building the others.
  static func field(_ line: [UInt8], _ n: Int) -> ArraySlice<UInt8>? {
    var column = 0
    var start = 0
    for i in 0...line.count where i == line.count || line[i] == 0x09 {
      if column == n { return line[start..<i] }
      column += 1
      start = i + 1
    }
    return nil
  }

  /// Decimal value of an ASCII digit field, or nil.
  static func int(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count < 19 else { return nil }
    var v = 0
    for b in bytes {
      guard (0x30...0x39).contains(b) else { return nil }
      v = v * 10 + Int(b - 0x30)
    }
    return v
  }
}
