#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// The SHA-256 of files the coordinator has hashed, each with the file's
/// `FileSignature` taken before it was read. While a file's signature is
/// unchanged its recorded hash is trusted and the file is not read again
/// (git's index works the same way); contents still decide what is up to
/// date, the cache only saves the reading.
///
/// It lives in `out/work/.hash-cache` (one per shard), one line per file:
/// `sha256 TAB check TAB age TAB path-code` (check: a 64-bit code of the
/// signature and salt, see `FileSignature.code(salt:)`). It is machine-local
/// bookkeeping, not an output: it differs between two otherwise identical
/// runs, a missing or damaged cache only costs re-hashing, and a killed run
/// just loses the entries it had not saved.
///
/// A corpus of n articles has about n entries (its inputs; the stages'
/// outputs are vouched for by their `KeyJournal` lines, and are entered here
/// only when hashed again after a change of signature, e.g. a copied output
/// folder), plus the executables and the register's files. Each is a
/// fixed-size value of 48 bytes: files
/// are known by a 64-bit code of their path (a collision would also need
/// equal signatures, i.e. the same inode, to matter), the signature by a
/// 64-bit code, the digest by four words. An entry no run has used for `maxAge` saves (a file
/// since deleted or renamed) is dropped.
public final class HashCache: @unchecked Sendable {
  struct Entry: Equatable {
    /// `FileSignature.code(salt:)` of the file when it was hashed, with the code of what was hashed
    /// besides the file (`HashCache.saltCode`, 0: nothing).
    var check: UInt64
    var digest: Digest
    /// Saves since a run last used the entry.
    var age: UInt8 = 0
    /// Used or recorded by this run.
    var used = false

    init(check: UInt64, digest: Digest, age: UInt8 = 0, used: Bool = false) {
      (self.check, self.digest, self.age, self.used) = (check, digest, age, used)
    }

    init(signature: FileSignature, salt: String, digest: Digest, used: Bool) {
      self.init(check: signature.code(salt: HashCache.saltCode(salt)), digest: digest, used: used)
    }

    var sha: String { digest.hex }

    /// True when this entry describes the file as it is now (`signature`),
    /// hashed with `salt`.
    func vouches(for signature: FileSignature, salt: String = "") -> Bool {
      check == signature.code(salt: HashCache.saltCode(salt))
    }
  }

  /// A SHA-256 digest as four words.
  struct Digest: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// From 64 lowercase hex digits; nil for anything else.
    init?<Bytes: Collection<UInt8>>(hex: Bytes) {
      guard hex.count == 64 else { return nil }
      let parsed = hex.withContiguousStorageIfAvailable(Self.parse) ?? Array(hex).withUnsafeBufferPointer(Self.parse)
      guard let parsed else { return nil }
      self = parsed
    }

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// 64 lowercase hex digits → four big-endian words (a hot path: the hash
    /// cache and the key journals parse tens of thousands of digests).
    private static func parse(_ hex: UnsafeBufferPointer<UInt8>) -> Digest? {
      var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
      for word in 0..<4 {
        var value: UInt64 = 0
        for n in (word * 16)..<(word * 16 + 16) {
          guard let v = HashCache.hexDigit(hex[n]) else { return nil }
          value = value << 4 | v
        }
        switch word {
        case 0: w.0 = value
        case 1: w.1 = value
        case 2: w.2 = value
        default: w.3 = value
        }
      }
      return Digest(words: w)
    }

    static func == (a: Digest, b: Digest) -> Bool { a.words == b.words }

    var hex: String { String(decoding: hexBytes, as: UTF8.self) }

    var hexBytes: [UInt8] {
      let digits = Array("0123456789abcdef".utf8)
      var out = [UInt8](repeating: 0, count: 64)
      for (n, word) in [words.0, words.1, words.2, words.3].enumerated() {
        for k in 0..<16 { out[n * 16 + k] = digits[Int(word >> UInt64(60 - 4 * k) & 0xF)] }
      }
      return out
    }
  }

  /// A 64-bit code for a salt (0 for none): the first 8 bytes of its SHA-256.
  static func saltCode(_ salt: String) -> UInt64 {
    guard !salt.isEmpty else { return 0 }
    let code = SHA256.hash(Array(salt.utf8)).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return code == 0 ? 1 : code
  }

  /// 1 to 16 lowercase hex digits (the cache's salt and path codes), without building a String.
  static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt64? {
    guard !digits.isEmpty, digits.count <= 16 else { return nil }
    var value: UInt64 = 0
    for c in digits {
      guard let v = hexDigit(c) else { return nil }
      value = value << 4 | v
    }
    return value
  }

  /// The value of one lowercase hex digit, or nil.
  @inline(__always) static func hexDigit(_ c: UInt8) -> UInt64? {
    if c &- UInt8(ascii: "0") < 10 { return UInt64(c &- UInt8(ascii: "0")) }
    if c &- UInt8(ascii: "a") < 6 { return UInt64(c &- UInt8(ascii: "a") &+ 10) }
    return nil
  }

  /// Saves without use after which an entry is dropped.
  static let maxAge: UInt8 = 8

  /// The 64-bit code a file is known by: FNV-1a of its path, finalised (murmur3's mix).
  static func pathCode(_ path: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in path.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    return h ^ h >> 33
  }

  let path: String
  private let entries: Locked<[UInt64: Entry]>
  /// True once this run recorded an entry that differs from the loaded one.
  private let changed = Locked(false)

  /// Loads the cache at `path` (empty when it is missing or unreadable;
  /// lines that do not parse, e.g. of an older format, are ignored).
  public init(path: String) {
    self.path = path
    var loaded: [UInt64: Entry] = [:]
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd >= 0 {
      defer { close(fd) }
      var lines = LineReader(fd: fd, path: path)
      while let line = try? lines.next() {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 4, let digest = Digest(hex: fields[0]), let check = Self.hexValue(fields[1]),
          let age = Decimal.unsigned(fields[2]), let code = Self.hexValue(fields[3])
        else { continue }
        loaded[code] = Entry(check: check, digest: digest, age: UInt8(min(age, 255)))
      }
    }
    entries = Locked(loaded)
  }

  /// The recorded SHA-256 of the file at `path` when its signature is the one
  /// recorded with it, else nil (the caller reads and hashes the file).
  /// `salt` names what was hashed when it is not the file's bytes themselves
  /// (an input record made from the file): the same salt must be given back.
  /// `entry` names the entry when one file has several (its parts).
  func hash(of path: String, salt: String = "", entry name: String? = nil) -> String? {
    digest(of: path, salt: salt, entry: name)?.hex
  }

  /// `hash(of:)` as a digest (no hex string made: a no-op run asks for thousands).
  func digest(of path: String, salt: String = "", entry name: String? = nil) -> Digest? {
    let code = Self.pathCode(name ?? path)
    guard let entry = entries.withLock({ $0[code] }), let now = FileSignature.of(path),
      entry.vouches(for: now, salt: salt)
    else { return nil }
    if !entry.used { entries.withLock { $0[code]?.used = true } }
    return entry.digest
  }

  /// The entry recorded for `path` (as the coordinator named it), unchecked.
  func recorded(_ path: String) -> Entry? { entries.withLock { $0[Self.pathCode(path)] } }

  /// Records the hash of a file whose signature was `signature` before it was
  /// read (nil: the file could not be stat'ed, nothing is recorded).
  func record(_ path: String, signature: FileSignature?, sha: String, salt: String = "", entry name: String? = nil) {
    guard let signature, let digest = Digest(hex: sha.utf8) else { return }
    let code = Self.pathCode(name ?? path)
    let entry = Entry(signature: signature, salt: salt, digest: digest, used: true)
    let differs = entries.withLock { entries in
      defer { entries[code] = entry }
      guard let old = entries[code] else { return true }
      return old.check != entry.check || old.digest != entry.digest
    }
    if differs { changed.withLock { $0 = true } }
  }

  /// The SHA-256 of the file at `path`: the recorded one while the file is
  /// unchanged, else read, hashed and recorded.
  func sha256(ofFile path: String) throws -> String {
    if let known = hash(of: path) { return known }
    let before = FileSignature.of(path)
    let sha = try FileReading.sha256(path)
    record(path, signature: before, sha: sha)
    return sha
  }

  /// The SHA-256 of the file at `path`, through `cache` when there is one.
  static func sha256(ofFile path: String, cache: HashCache?) throws -> String {
    if let cache { return try cache.sha256(ofFile: path) }
    return try FileReading.sha256(path)
  }

  /// Records the hash of a file just written by this process.
  func recordWritten(_ path: String, sha: String) {
    record(path, signature: FileSignature.of(path), sha: sha)
  }

  /// Writes the cache atomically, in path-code order, through a small
  /// buffer. Entries this run used are kept with age 0, the others one save
  /// older (dropped at `maxAge`). A run that recorded nothing new and used every
  /// entry (nothing to do) leaves the file as it is.
  func save() {
    let snapshot = entries.value
    if !changed.value, snapshot.values.allSatisfy({ $0.used && $0.age == 0 }), FileIO.exists(path) { return }
    try? FileIO.writeAtomically(to: path) { sink in
      var line: [UInt8] = []
      line.reserveCapacity(200)
      for code in snapshot.keys.sorted() {
        guard let entry = snapshot[code] else { continue }
        let age = entry.used ? 0 : entry.age + 1
        if age >= Self.maxAge { continue }
        line.removeAll(keepingCapacity: true)
        line += entry.digest.hexBytes
        line.append(UInt8(ascii: "\t"))
        line += Array(String(entry.check, radix: 16).utf8)
        line.append(UInt8(ascii: "\t"))
        Decimal.append(UInt64(age), to: &line)
        line.append(UInt8(ascii: "\t"))
        line += Array(String(code, radix: 16).utf8)
        try sink.writeLine(line)
      }
    }
  }
}
