#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
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
final class KeyJournal: @unchecked Sendable {
  /// What the runner needs of a `StepKey`: two digests and the side outputs.
  /// Entries are found by a 64-bit code of the id (`HashCache.pathCode`): a
  /// collision could at worst offer another id's entry, whose key (which
  /// hashes the input) and output hash would not match this id's.
  struct Entry {
    var key: HashCache.Digest
    var output: HashCache.Digest
    var artifacts: [(rel: String, sha: HashCache.Digest)]
  }

  /// Journal file names start with this (hidden: ids never start with ".").
  static let prefix = ".keys"

  let path: String
  private let lock = NSLock()
  /// Entries of the other journals of the folder (earlier shards), by id code.
  private let others: [UInt64: [Entry]]
  /// This run's journal: the newest entry per id code.
  private var own: [UInt64: Entry] = [:]
  private var ownLines = 0
  private var appended = false
  private var descriptor: Int32 = -1

  /// Loads every journal in `folder`; `fileName` is the one this run appends to.
  init(folder: String, fileName: String) {
    path = "\(folder)/\(fileName)"
    var others: [UInt64: [Entry]] = [:]
    let names = ((try? FileIO.list(folder)) ?? []).filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(".jsonl") }
    var own: [UInt64: Entry] = [:], ownLines = 0
    for name in names.sorted() {
      try? FileReading.forEachLine("\(folder)/\(name)") { line in
        guard let (id, entry) = Self.parse(line) else { return }
        let code = HashCache.pathCode(id)
        if name == fileName {
          own[code] = entry
          ownLines += 1
        } else {
          others[code, default: []].append(entry)
        }
      }
    }
    self.others = others
    self.own = own
    self.ownLines = ownLines
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// The entry for `id` recorded under `key`, if any.
  func entry(_ id: String, key: String) -> Entry? {
    guard let digest = HashCache.Digest(hex: key.utf8) else { return nil }
    let code = HashCache.pathCode(id)
    if let mine = lock.withLock({ own[code] }), mine.key == digest { return mine }
    return others[code]?.last { $0.key == digest }
  }

  /// The side outputs the newest entry for `id` recorded (to remove those a
  /// new run of the step no longer writes).
  func previousArtifacts(_ id: String) -> [String] {
    let code = HashCache.pathCode(id)
    let entry = lock.withLock { own[code] } ?? others[code]?.last
    return (entry?.artifacts.map(\.rel) ?? []).sorted()
  }

  /// Records a committed step (`record.id` set).
  func append(_ record: StepKey) throws {
    let line = record.jsonLine
    guard let (id, entry) = Self.parse(line) else {
      throw IOError(path: path, reason: "a step key without id, or whose key or output is not a SHA-256")
    }
    try lock.withLock {
      if descriptor < 0 { descriptor = try openForAppending() }
      try FileIO.writeAll(descriptor, line, path: path)
      own[HashCache.pathCode(id)] = entry
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
      guard appended || ownLines > own.count, FileIO.exists(path) else { return }
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
    var id = "", key: HashCache.Digest?, output: HashCache.Digest?
    var artifacts: [(rel: String, sha: HashCache.Digest)] = []
    do {
      try r.beginObject()
      while let field = try r.nextKey() {
        switch field {
        case "id": id = try r.readString()
        case "key": key = HashCache.Digest(hex: try r.readString().utf8)
        case "output": output = HashCache.Digest(hex: try r.readString().utf8)
        case "artifacts":
          for (rel, sha) in try r.readStringMap() {
            guard let digest = HashCache.Digest(hex: sha.utf8) else { return nil }
            artifacts.append((rel, digest))
          }
        default: try r.skipValue()
        }
      }
      try r.expectEnd()
    } catch {
      return nil
    }
    guard !id.isEmpty, let key, let output else { return nil }
    artifacts.sort { $0.rel.utf8.lexicographicallyPrecedes($1.rel.utf8) }
    return (id, Entry(key: key, output: output, artifacts: artifacts))
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
