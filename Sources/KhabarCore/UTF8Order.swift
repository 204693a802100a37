#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Byte order of UTF-8 (= code point order): how every output that lists
/// ids, names or paths sorts them, independent of locale and of Swift's
/// `String` comparison (which compares canonically equivalent forms as equal).
public enum UTF8Order {
  /// True when `a`'s UTF-8 bytes sort before `b`'s: the same answer as
  /// `a.utf8.lexicographicallyPrecedes(b.utf8)`.
  public static func precedes(_ a: String, _ b: String) -> Bool {
    let answer = a.utf8.withContiguousStorageIfAvailable { pa in
      b.utf8.withContiguousStorageIfAvailable { pb in precedes(pa, pb) }
    }
    return (answer ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Byte order of two byte strings (memcmp, then length).
  public static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(a.count, b.count)
    if common > 0, let x = a.baseAddress, let y = b.baseAddress {
      let c = memcmp(x, y, common)
      if c != 0 { return c < 0 }
    }
    return a.count < b.count
  }

  /// `strings` sorted in UTF-8 byte order.
  @inlinable
  public static func sorted<S: Sequence>(_ strings: S) -> [String] where S.Element == String {
    strings.sorted(by: precedes)
  }
}
