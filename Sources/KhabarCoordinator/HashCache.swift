import KhabarCore

/// The SHA-256 of files the coordinator has hashed, each with the file's
/// `FileSignature` taken before it was read. While a file's signature is
/// unchanged its recorded hash is trusted and the file is not read again
/// (git's index works the same way); contents still decide what is up to
/// date, the cache only saves the reading.
///
/// It lives in `out/work/.hash-cache` (one per shard), one line per file:
/// `sha256 TAB signature TAB path`. It is machine-local bookkeeping, not an
/// output: it differs between two otherwise identical runs, a missing or
/// damaged cache only costs re-hashing, and a killed run just loses the
/// entries it had not saved.
public final class HashCache: @unchecked Sendable {
  struct Entry: Equatable {
    var signature: String
    var sha: String
  }

  let path: String
  private let entries: Locked<[String: Entry]>
  /// Paths confirmed or recorded by this run.
  private let touched = Locked(Set<String>())
  /// True once this run recorded an entry that differs from the loaded one.
  private let changed = Locked(false)

  /// Loads the cache at `path` (empty when it is missing or unreadable).
  public init(path: String) {
    self.path = path
    var loaded: [String: Entry] = [:]
    if let bytes = try? FileReading.read(path) {
      for line in bytes.split(separator: UInt8(ascii: "\n")) {
        let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 64 else { continue }
        loaded[String(decoding: fields[2], as: UTF8.self)] =
          Entry(signature: String(decoding: fields[1], as: UTF8.self), sha: String(decoding: fields[0], as: UTF8.self))
      }
    }
    entries = Locked(loaded)
  }

  /// The recorded SHA-256 of the file at `path` when its signature is the one
  /// recorded with it, else nil (the caller reads and hashes the file).
  /// `salt` names what was hashed when it is not the file's bytes themselves
  /// (an input record made from the file): the same salt must be given back.
  func hash(of path: String, salt: String = "") -> String? {
    guard let entry = entries.withLock({ $0[path] }), let now = FileSignature.of(path),
      salt.isEmpty ? entry.signature == now : entry.signature == salt + now
    else { return nil }
    touched.withLock { _ = $0.insert(path) }
    return entry.sha
  }

  /// The entry recorded for `path` (as the coordinator named it), unchecked.
  func recorded(_ path: String) -> Entry? { entries.withLock { $0[path] } }

  /// Records the hash of a file whose signature was `signature` before it was
  /// read (nil: the file could not be stat'ed, nothing is recorded).
  func record(_ path: String, signature: String?, sha: String, salt: String = "") {
    guard let signature, !path.contains("\n"), !path.contains("\t"), !salt.contains("\t") else { return }
    let entry = Entry(signature: salt + signature, sha: sha)
    let differs = entries.withLock { entries in
      defer { entries[path] = entry }
      return entries[path] != entry
    }
    if differs { changed.withLock { $0 = true } }
    touched.withLock { _ = $0.insert(path) }
  }

  /// The SHA-256 of the file at `path`: the recorded one while the file is
  /// unchanged, else read, hashed and recorded.
  func sha256(ofFile path: String) throws -> String {
    if let known = hash(of: path) { return known }
    let before = FileSignature.of(path)
    let sha = SHA256.hex(try FileReading.read(path))
    record(path, signature: before, sha: sha)
    return sha
  }

  /// The SHA-256 of the file at `path`, through `cache` when there is one.
  static func sha256(ofFile path: String, cache: HashCache?) throws -> String {
    if let cache { return try cache.sha256(ofFile: path) }
    return SHA256.hex(try FileReading.read(path))
  }

  /// Records the hash of a file just written by this process.
  func recordWritten(_ path: String, sha: String) {
    record(path, signature: FileSignature.of(path), sha: sha)
  }

  /// Writes the cache atomically, in path order. Entries this run neither
  /// used nor recorded are kept only while their file is unchanged. A run
  /// that recorded nothing new and dropped nothing (nothing to do) leaves
  /// the file as it is.
  func save() {
    let snapshot = entries.value, used = touched.value
    var text = ""
    text.reserveCapacity(snapshot.count * 160)
    var dropped = false
    for path in snapshot.keys.sorted() {
      guard let entry = snapshot[path] else { continue }
      if !used.contains(path), !entry.signature.hasSuffix(FileSignature.of(path) ?? "\0") {
        dropped = true
        continue
      }
      text += "\(entry.sha)\t\(entry.signature)\t\(path)\n"
    }
    if !changed.value, !dropped, FileIO.exists(path) { return }
    try? FileIO.writeAtomically(Array(text.utf8), to: path)
  }
}
