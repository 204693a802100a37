/// Text as UTF-8 with a scalar-offset index, so any scalar range is a byte
/// range without making a Swift String. XML-illegal scalars are replaced
/// by U+FFFD when the index is built.
final class SourceText {
  /// Sanitised UTF-8.
  let bytes: [UInt8]
  /// `byteOffset[i]` = where scalar `i` starts in `bytes`; one extra entry at the end.
  let byteOffset: [Int32]
  /// The number of scalars.
  let count: Int

  init(_ text: String) {
    var text = text
    (bytes, byteOffset) = text.withUTF8(Self.sanitisedWithOffsets)
    count = byteOffset.count - 1
  }

  /// The bytes of valid UTF-8 `source` with every XML-illegal scalar (C0
  /// controls but TAB, LF, CR; U+FFFE, U+FFFF) replaced by U+FFFD, and
  /// where each scalar starts, plus the end.
  private static func sanitisedWithOffsets(_ source: UnsafeBufferPointer<UInt8>) -> ([UInt8], [Int32]) {
    let mayHoldIllegal = ByteScan.contains(source, below: 0x20, equal: (0xEF, 0xEF, 0xEF, 0xEF, 0xEF)) { b in
      b < 0x20 ? b != 0x09 && b != 0x0A && b != 0x0D : b == 0xEF
    }
    if !mayHoldIllegal {
      // The bytes as they are; a scalar starts at every byte but a continuation byte.
      var offsets: [Int32] = []
      offsets.reserveCapacity(source.count + 1)
      for (i, b) in source.enumerated() where b & 0xC0 != 0x80 { offsets.append(Int32(i)) }
      offsets.append(Int32(source.count))
      return (Array(source), offsets)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(source.count)
    var offsets: [Int32] = []
    offsets.reserveCapacity(source.count + 1)
    let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
    var i = 0
    while i < source.count {
      offsets.append(Int32(bytes.count))
      let lead = source[i]
      let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
      let scalar = UnsafeBufferPointer(rebasing: source[i..<(i + length)])
      let illegal = length == 1
        ? lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D
        : lead == 0xEF && scalar[1] == 0xBF && scalar[2] >= 0xBE
      if illegal { bytes.append(contentsOf: replacement) } else { bytes.append(contentsOf: scalar) }
      i += length
    }
    offsets.append(Int32(bytes.count))
    return (bytes, offsets)
  }

  /// Calls `body` with the UTF-8 of `range`.
  @inline(__always)
  func withUTF8<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let lo = Int(byteOffset[range.lowerBound]), hi = Int(byteOffset[range.upperBound])
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
  }

  /// The text of `range` as a String (for headers and names, not per token).
  func string(_ range: Range<Int>) -> String {
    withUTF8(range) { String(decoding: $0, as: UTF8.self) }
  }
}
