import KhabarCore

/// Reads the lexicon's tab-separated files (`word<TAB>coarse<TAB>fine`,
/// `TYPE<TAB>name`) straight from their UTF-8 bytes: no `String` per line or
/// field; a field's scalars are decoded and normalised into a reused buffer.
enum LexiconFileReader {
  static let lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, tab: UInt8 = 0x09

  /// Calls `body` with the 1-based number and the bytes of every non-empty line (lines end at LF).
  /// Invalid UTF-8 is replaced by U+FFFD first, as `String(decoding:as:)` does.
  static func forEachLine(path: String, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    var text = String(decoding: try FileIO.read(path), as: UTF8.self)
    try text.withUTF8 { all in
      var number = 0, start = 0
      while start < all.count {
        var end = start
        while end < all.count && all[end] != lineFeed { end += 1 }
        if end > start {
          number += 1
          try body(number, UnsafeBufferPointer(rebasing: all[start..<end]))
        }
        start = end + 1
      }
    }
  }

  /// The ranges of the tab-separated fields of a line, into `fields` (emptied first).
  static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) {
    fields.removeAll(keepingCapacity: true)
    var start = 0
    for i in 0..<line.count where line[i] == tab {
      fields.append(start..<i)
      start = i + 1
    }
    fields.append(start..<line.count)
  }

  /// The scalars of a field of valid UTF-8, normalised as `NERSentence.normalized` does, into `out` (emptied first).
  static func normalized(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    var i = range.lowerBound
    while i < range.upperBound {
      let b0 = UInt32(line[i])
      let v: UInt32
      if b0 < 0x80 {
        v = b0
        i += 1
      } else if b0 < 0xE0 {
        v = (b0 & 0x1F) << 6 | UInt32(line[i + 1] & 0x3F)
        i += 2
      } else if b0 < 0xF0 {
        v = (b0 & 0x0F) << 12 | UInt32(line[i + 1] & 0x3F) << 6 | UInt32(line[i + 2] & 0x3F)
        i += 3
      } else {
        v = (b0 & 0x07) << 18 | UInt32(line[i + 1] & 0x3F) << 12 | UInt32(line[i + 2] & 0x3F) << 6
          | UInt32(line[i + 3] & 0x3F)
        i += 4
      }
      if let m = ArabicText.matchScalar(v) { out.append(m) }
    }
  }

  /// A field that is a decimal number (optionally signed, as `Int.init(_:)` reads it), capped at `cap`.
  static func decimal(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, cap: Int = 1 << 20) -> Int? {
    var i = range.lowerBound
    var negative = false
    if i < range.upperBound && (line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-")) {
      negative = line[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < range.upperBound else { return nil }
    var value = 0
    while i < range.upperBound {
      let d = Int(line[i]) - 0x30
      guard d >= 0 && d <= 9 else { return nil }
      value = min(cap, value * 10 + d)
      i += 1
    }
    return negative ? -value : value
  }

  /// Whether a field is exactly `word` (ASCII).
  static func field(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, is word: String) -> Bool {
    range.count == word.utf8.count && zip(line[range], word.utf8).allSatisfy { $0 == $1 }
  }

  /// Whether a line ends with CR (a CRLF file, which these readers refuse rather than keep CR in names).
  static func endsWithCarriageReturn(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.last == carriageReturn
  }
}
