import KhabarCore

/// A GNU gettext `.mo` message catalogue: original string → translation.
public struct MOCatalog: Sendable {
  public var translations: [String: String]

  /// Parses the binary `.mo` format (either byte order).
  public init(bytes: [UInt8], path: String) throws {
    func u32(_ at: Int, _ little: Bool) throws -> Int {
      guard at >= 0, at + 4 <= bytes.count else { throw KBError("\(path): truncated .mo file") }
      let b = (UInt32(bytes[at]), UInt32(bytes[at + 1]), UInt32(bytes[at + 2]), UInt32(bytes[at + 3]))
      return Int(little ? b.0 | b.1 << 8 | b.2 << 16 | b.3 << 24 : b.3 | b.2 << 8 | b.1 << 16 | b.0 << 24)
    }
    let magic = try u32(0, true)
    let little: Bool
    switch magic {
    case 0x9504_12DE: little = true
    case 0xDE12_0495: little = false
    default: throw KBError("\(path): not a GNU .mo file (bad magic number)")
    }
    let count = try u32(8, little), originals = try u32(12, little), translated = try u32(16, little)
    func string(_ table: Int, _ i: Int) throws -> String {
      let length = try u32(table + 8 * i, little), offset = try u32(table + 8 * i + 4, little)
      guard offset + length <= bytes.count else { throw KBError("\(path): string \(i) lies outside the file") }
      return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
    var map: [String: String] = [:]
    for i in 0..<count {
      // Drop a msgctxt ("ctx\u{4}id") and plural forms ("one\0many").
      var key = try string(originals, i)
      if let eot = key.firstIndex(of: "\u{4}") { key = String(key[key.index(after: eot)...]) }
      let value = try string(translated, i).split(separator: "\0", omittingEmptySubsequences: false)[0]
      if !key.isEmpty, !value.isEmpty { map[key] = String(value) }
    }
    translations = map
  }
}
