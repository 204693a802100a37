/// UTF-8 from Unicode scalar values (`[UInt32]`, the form the stages index
/// text in), without building a `String.UnicodeScalarView` one scalar at a time.
public enum ScalarUTF8 {
  /// Appends the UTF-8 bytes of scalar value `v`; nothing for a surrogate or
  /// a value beyond U+10FFFF (what `Unicode.Scalar(v)` refuses).
  @inlinable @inline(__always)
  public static func append(_ v: UInt32, to bytes: inout [UInt8]) {
    switch v {
    case 0..<0x80:
      bytes.append(UInt8(v))
    case 0x80..<0x800:
      bytes.append(UInt8(0xC0 | v >> 6))
      bytes.append(UInt8(0x80 | v & 0x3F))
    case 0xD800..<0xE000:
      return
    case 0x800..<0x10000:
      bytes.append(UInt8(0xE0 | v >> 12))
      bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | v & 0x3F))
    case 0x10000..<0x110000:
      bytes.append(UInt8(0xF0 | v >> 18))
      bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
      bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | v & 0x3F))
    default:
      return
    }
  }

  /// The string of `values` (invalid values skipped).
  @inlinable
  public static func string<C: Collection>(_ values: C) -> String where C.Element == UInt32 {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * 2)
    for v in values { append(v, to: &bytes) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
