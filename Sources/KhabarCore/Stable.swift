/// Stable, platform-independent hashing (Swift's `Hasher` is seeded per
/// process and must never reach an output).
public enum StableHash {
  /// 64-bit FNV-1a over UTF-8 bytes.
  @inline(__always) public static func fnv1a<C: Sequence>(_ bytes: C, seed: UInt64 = 0xcbf29ce484222325) -> UInt64
  where C.Element == UInt8 {
    var h = seed
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100000001b3
    }
    return h
  }

  public static func fnv1a(_ s: String) -> UInt64 { fnv1a(s.utf8) }

  /// A short hex id (16 hex digits of SHA-256) for derived identifiers.
  public static func shortID(_ s: String, length: Int = 12) -> String {
    String(SHA256.hex(s).prefix(length))
  }
}
