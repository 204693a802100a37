/// Fast tests over UTF-8 bytes for the few bytes that make text or an
/// attribute value need escaping or replacing: eight bytes at a time with
/// word arithmetic, then the exact per-byte test only on a word that may
/// hold one.
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether a byte of `bytes` satisfies `exact`. Every such byte must be
  /// below `below` (at most 128) or equal to one of `equal`; `exact`
  /// decides on the words that hold such a byte.
  @inline(__always)
  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, below: UInt8,
                       equal: (UInt8, UInt8, UInt8, UInt8, UInt8), where exact: (UInt8) -> Bool) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let n = bytes.count
    let lower = ones &* UInt64(below)
    let e0 = ones &* UInt64(equal.0), e1 = ones &* UInt64(equal.1), e2 = ones &* UInt64(equal.2)
    let e3 = ones &* UInt64(equal.3), e4 = ones &* UInt64(equal.4)
    var i = 0
    while i + 8 <= n {
      let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      // A byte below `below`, or a zero byte after XOR with a target.
      var hit = (x &- lower) & ~x
      hit |= zeroByte(x ^ e0) | zeroByte(x ^ e1) | zeroByte(x ^ e2) | zeroByte(x ^ e3) | zeroByte(x ^ e4)
      if hit & highs != 0 {
        for j in i..<(i + 8) where exact(base[j]) { return true }
      }
      i += 8
    }
    while i < n {
      if exact(base[i]) { return true }
      i += 1
    }
    return false
  }

  /// Nonzero in the high bits when `v` has a zero byte.
  @inline(__always) private static func zeroByte(_ v: UInt64) -> UInt64 {
    (v &- ones) & ~v
  }
}
