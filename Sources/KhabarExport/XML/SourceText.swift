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
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var offsets: [Int32] = []
    offsets.reserveCapacity(text.utf8.count + 1)
    for u in text.unicodeScalars {
      offsets.append(Int32(bytes.count))
      XMLText.appendUTF8(u, to: &bytes)
    }
    count = offsets.count
    offsets.append(Int32(bytes.count))
    self.bytes = bytes
    self.byteOffset = offsets
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
