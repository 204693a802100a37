#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// The step keys of one stage (see `StepKey`) for all its inputs, kept as
/// JSON lines appended to a journal in the stage's folder
/// (`out/work/<stage>/.keys.jsonl`, or `.keys-shard-I-of-N.jsonl` for a
/// shard, so concurrent shards never write one file) rather than as one key
/// file per input: a run with nothing to do over 10,000 articles reads five
/// files instead of 50,000, and a full run creates 50,000 fewer.
///
/// A line is appended (one `write`, `O_APPEND`) only after the step's output
/// and side outputs are committed, so a run killed in between leaves the step
/// without a key: out of date, redone next time. A torn last line is skipped
/// when read, and a newline is written before appending after one. An entry
/// only claims an output: a step is up to date when an entry with its key
/// names an output (and side outputs) that still has the recorded hash, so
/// entries from several journals (an earlier sharded run) can save work but
/// never vouch for a wrong output. After a run that appended, the run's own
/// journal is rewritten atomically with the newest line per id, so it does
/// not grow with re-runs.
///
/// A line also records the signature of each file it names as committed
/// (`check`, `artifact_checks`: machine-local, like the hash cache), so an
/// unchanged output is known to have its recorded hash without reading it
/// and without a hash-cache entry: the coordinator's bookkeeping is one
/// journal entry per article and stage. Loaded entries are kept in sorted
/// arrays (no hash-table slack); lines this run appends stay in the file.
final class KeyJournal: @unchecked Sendable {
  /// What the runner needs of a `StepKey`. Entries are found by a 64-bit code
  /// of the id (`HashCache.pathCode`), and a key is kept as a 64-bit code
  /// too (its digest's first 8 bytes): a collision could at worst offer
  /// another id's or key's entry, whose output hash would then also have to
  /// match the file for it to count (2^-64 per lookup).
  ///
  /// An entry vouches for its outputs: `outputCheck` (and each artifact's
  /// `check`) is the `FileSignature.code(salt: 0)` of the file as committed,
  /// so while the file is unchanged its recorded hash is trusted without
  /// reading it (as the `HashCache` does for inputs; 0: not recorded).
  struct Entry {
    var key: UInt64
    var output: HashCache.Digest
    var outputCheck: UInt64
    var artifacts: [Artifact]
  }

  struct Artifact {
    var rel: String
    var sha: HashCache.Digest
    var check: UInt64
  }

  /// Journal file names start with this (hidden: ids never start with ".").
  static let prefix = ".keys"

  let path: String
  private let lock = Lock()
  /// Every loaded entry, sorted by id code: for one code, the other journals'
  /// entries (earlier shards) in file order, then this run's newest one.
  /// An entry is kept as where its line is (and its key's code), not parsed:
  /// the line is read again when the entry is looked up, so a run with
  /// nothing to do holds 32 bytes per article and stage, not the entries.
  private let codes: [UInt64]
  private let refs: [Ref]
  /// The loaded journal files, open for positional reads (by `Ref.file`).
  private let readers: [(fd: Int32, path: String)]

  /// Where a loaded entry's line is.
  private struct Ref {
    var key: UInt64
    var offset: Int
    var file: UInt32
    var length: UInt32
  }

  /// Lines and distinct ids of this run's journal as loaded.
  private var ownLines = 0
  private let ownIDs: Int
  private var appended = false
  private var descriptor: Int32 = -1

  /// Loads every journal in `folder`; `fileName` is the one this run appends to.
  /// Lines appended by this run go to the file only (they are not looked up again by it).
  init(folder: String, fileName: String) {
    path = "\(folder)/\(fileName)"
    var loaded: [(code: UInt64, order: Int, own: Bool, ref: Ref)] = []
    var readers: [(fd: Int32, path: String)] = []
    var ownLines = 0
    let names = ((try? FileIO.list(folder)) ?? []).filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(".jsonl") }
    for name in names.sorted() {
      let own = name == fileName
      let file = "\(folder)/\(name)"
      // Opened before it is read: the entries found are read back from this very file (it is only ever
      // appended to or replaced by a rename, never rewritten in place).
      let fd = open(file, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { continue }
      let before = loaded.count
      var offset = 0
      try? FileReading.forEachLine(file) { line in
        defer { offset += line.count + 1 }
        guard let (id, entry) = Self.parse(line), line.count <= Int(UInt32.max) else { return }
        let ref = Ref(key: entry.key, offset: offset, file: UInt32(readers.count), length: UInt32(line.count))
        loaded.append((HashCache.pathCode(id), loaded.count, own, ref))
        if own { ownLines += 1 }
      }
      if loaded.count > before {
        readers.append((fd, file))
      } else {
        close(fd)
      }
    }
    // By code, others before own, then in file order; of own entries only the newest per code stays.
    loaded.sort { a, b in a.code != b.code ? a.code < b.code : a.own != b.own ? !a.own : a.order < b.order }
    var codes: [UInt64] = [], refs: [Ref] = []
    codes.reserveCapacity(loaded.count)
    refs.reserveCapacity(loaded.count)
    var ownIDs = 0
    for (k, item) in loaded.enumerated() {
      if item.own, k + 1 < loaded.count, loaded[k + 1].code == item.code { continue }  // a newer own line follows
      if item.own { ownIDs += 1 }
      codes.append(item.code)
      refs.append(item.ref)
    }
    (self.codes, self.refs) = (codes, refs)
    self.readers = readers
    self.ownLines = ownLines
    self.ownIDs = ownIDs
  }

  /// The entry whose line `ref` points at, read again; nil when the line no
  /// longer holds an entry of `id` (it cannot change while this journal is
  /// open, but then the step is simply redone).
  private func read(_ ref: Ref, id: String) -> Entry? {
    let reader = readers[Int(ref.file)], count = Int(ref.length)
    guard let line = try? FileReading.read(reader.fd, offset: ref.offset, count: count, path: reader.path),
      line.count == count, let (found, entry) = Self.parse(line), found == id
    else { return nil }
    return entry
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
    for reader in readers { close(reader.fd) }
  }

  /// The indices of the entries of `id`, oldest first (this run's own last).
  private func indices(_ id: String) -> Range<Int> {
    let code = HashCache.pathCode(id)
    var lo = 0, hi = codes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if codes[mid] < code { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < codes.count && codes[end] == code { end += 1 }
    return lo..<end
  }

  /// The 64-bit code a key is kept as; nil when `key` is not a SHA-256.
  static func keyCode(_ key: String) -> UInt64? {
    HashCache.Digest(hex: key.utf8).map { $0.words.0 }
  }

  /// The entry for `id` recorded under `key`, if any: this run's journal's
  /// newest entry when it has that key, else the newest of the others with it
  /// (this run's entry sorts last, so the last match is the one).
  func entry(_ id: String, key: String) -> Entry? {
    guard let code = Self.keyCode(key) else { return nil }
    return indices(id).last { refs[$0].key == code }.flatMap { read(refs[$0], id: id) }
  }

  /// The side outputs the newest entry for `id` recorded (to remove those a
  /// new run of the step no longer writes).
  func previousArtifacts(_ id: String) -> [String] {
    guard let last = indices(id).last, let entry = read(refs[last], id: id) else { return [] }
    return entry.artifacts.map(\.rel).sorted()
  }

  /// Records a committed step (`record.id` set).
  func append(_ record: StepKey) throws {
    let line = record.jsonLine
    guard Self.parse(line) != nil else {
      throw IOError(path: path, reason: "a step key without id, or whose key or output is not a SHA-256")
    }
    try lock.withLock {
      if descriptor < 0 { descriptor = try openForAppending() }
      try FileIO.writeAll(descriptor, line, path: path)
      ownLines += 1
      appended = true
    }
  }

  /// Rewrites this run's journal with the newest line per id when it holds
  /// more lines than ids, sorted by id (so the file does not depend on the
  /// order steps finished in).
  func compact() throws {
    try lock.withLock {
      if descriptor >= 0 {
        close(descriptor)
        descriptor = -1
      }
      guard appended || ownLines > ownIDs, FileIO.exists(path) else { return }
      // Where each id's newest line is, then those lines in id order, read
      // back one at a time: the journal is never held in memory.
      var newest: [String: (offset: Int, count: Int)] = [:]
      var offset = 0
      try FileReading.forEachLine(path) { line in
        if let (id, _) = Self.parse(line) { newest[id] = (offset, line.count) }
        offset += line.count + 1
      }
      try FileReading.withPositionalReads(path) { read in
        try FileIO.writeAtomically(to: path) { sink in
          for id in UTF8Order.sorted(newest.keys) {
            guard let place = newest[id] else { continue }
            try sink.writeLine(try read(place.offset, place.count))
          }
        }
      }
      ownLines = newest.count
      appended = false
    }
  }

  // MARK: - Lines

  /// A journal line: its id and entry; nil for a torn or foreign line. Reads
  /// only the fields the runner needs (a no-op run parses every line).
  static func parse<Line: Collection<UInt8>>(_ line: Line) -> (String, Entry)? {
    var r = JSONReader(Array(line))
    var id = "", key: UInt64?, output: HashCache.Digest?, outputCheck: UInt64 = 0
    var shas: [String: String] = [:], checks: [String: String] = [:]
    do {
      try r.beginObject()
      while let field = try r.nextKey() {
        switch field {
        case "id": id = try r.readString()
        case "key": key = Self.keyCode(try r.readString())
        case "output": output = HashCache.Digest(hex: try r.readString().utf8)
        case "check": outputCheck = FileSignature.check(hex: try r.readString())
        case "artifacts": shas = try r.readStringMap()
        case "artifact_checks": checks = try r.readStringMap()
        default: try r.skipValue()
        }
      }
      try r.expectEnd()
    } catch {
      return nil
    }
    guard !id.isEmpty, let key, let output else { return nil }
    var artifacts: [Artifact] = []
    for rel in shas.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      guard let sha = shas[rel].flatMap({ HashCache.Digest(hex: $0.utf8) }) else { return nil }
      artifacts.append(Artifact(rel: rel, sha: sha, check: checks[rel].map(FileSignature.check(hex:)) ?? 0))
    }
    return (id, Entry(key: key, output: output, outputCheck: outputCheck, artifacts: artifacts))
  }

  private func openForAppending() throws -> Int32 {
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
    // After a torn line (a killed run), start a new line.
    var st = stat()
    if fstat(fd, &st) == 0, st.st_size > 0 {
      var last: UInt8 = 0
      if pread(fd, &last, 1, st.st_size - 1) == 1, last != 0x0A { try FileIO.writeAll(fd, [0x0A], path: path) }
    }
    return fd
  }

}
