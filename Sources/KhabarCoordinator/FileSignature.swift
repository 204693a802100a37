#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What `stat` says about a file: size, modification and change times in
/// nanoseconds, inode and device. Any write, rename or replacement changes
/// the change time, so a changed file never keeps its signature.
///
/// The hash cache keeps only a 64-bit code of it (`code(salt:)`), in memory
/// and in its file: 8 bytes per file instead of 40.
struct FileSignature: Hashable, Sendable {
  var size: Int64
  var modified: Int64
  var changed: Int64
  var inode: UInt64
  var device: UInt64

  static func of(_ path: String) -> FileSignature? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return FileSignature(
      size: Int64(st.st_size),
      modified: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec),
      changed: Int64(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctim.tv_nsec),
      inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
  }

  /// `code(salt: 0)` of the file at `path` now; 0 when it cannot be stat'ed.
  static func check(of path: String) -> UInt64 {
    of(path)?.code(salt: 0) ?? 0
  }

  /// A check written as hex (in a key journal); 0 when it is not one.
  static func check(hex: String) -> UInt64 {
    HashCache.hexValue(ArraySlice(hex.utf8)) ?? 0
  }

  /// A 64-bit code of the signature and a salt code (murmur3's finaliser after
  /// each field in turn): two different signatures share a code with a chance
  /// of 2^-64, as two paths share a `HashCache.pathCode`.
  func code(salt: UInt64) -> UInt64 {
    // The salt is mixed in as a round of its own: xored into the first field it could cancel it.
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for v in [salt, UInt64(bitPattern: size), UInt64(bitPattern: modified), UInt64(bitPattern: changed), inode, device] {
      h = (h ^ v) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 33
      h = h &* 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 33
    }
    return h
  }

  init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
    (self.size, self.modified, self.changed, self.inode, self.device) = (size, modified, changed, inode, device)
  }
}

/// Decimal integers to and from bytes, without building strings.
enum Decimal {
  static func append(_ value: Int64, to text: inout [UInt8]) {
    if value < 0 { text.append(UInt8(ascii: "-")) }
    append(value.magnitude, to: &text)
  }

  /// The decimal digits of `value`, most significant first.
  static func append(_ value: UInt64, to text: inout [UInt8]) {
    let start = text.count
    var rest = value
    repeat {
      text.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    text[start...].reverse()
  }

  static func unsigned<Bytes: Collection<UInt8>>(_ digits: Bytes) -> UInt64? {
    guard !digits.isEmpty, digits.count <= 20 else { return nil }
    var value: UInt64 = 0
    for d in digits {
      guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
      guard !o1, !o2 else { return nil }
      value = sum
    }
    return value
  }

  static func signed<Bytes: Collection<UInt8>>(_ text: Bytes) -> Int64? {
    if text.first == UInt8(ascii: "-") {
      guard let m = unsigned(text.dropFirst()), m <= UInt64(Int64.max) + 1 else { return nil }
      return m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)
    }
    guard let m = unsigned(text), m <= UInt64(Int64.max) else { return nil }
    return Int64(m)
  }
}
