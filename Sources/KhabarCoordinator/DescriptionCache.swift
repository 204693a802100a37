import KhabarCore

/// The `--describe` output of compiled stage executables, by the SHA-256 of
/// the executable (`out/work/.stage-descriptions`, one `sha<TAB>json` line
/// each). A compiled stage's description is built into it (`StageRunner`), so
/// an executable with the same bytes describes itself the same way, and a run
/// that finds every executable here starts no process before its work (five
/// process starts were a third of a no-op run over 1,000 articles). A script
/// (anything that is not an ELF or Mach-O binary) may describe itself from
/// its environment or its own files, so it is asked on every run. The
/// executables' hashes come from the `HashCache`, which reads an executable
/// only when it changed.
struct DescriptionCache {
  let path: String
  private(set) var entries: [String: [UInt8]] = [:]
  private var changed = false

  /// True for an ELF or Mach-O executable (by its first four bytes).
  static func isCompiled(_ executable: String) -> Bool {
    guard let head = try? FileReading.read(executable, offset: 0, count: 4), head.count == 4 else { return false }
    let magics: [[UInt8]] = [[0x7F, 0x45, 0x4C, 0x46], [0xCF, 0xFA, 0xED, 0xFE], [0xCE, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE]]
    return magics.contains(head)
  }

  /// Reads the cache; a missing or damaged file is an empty cache.
  init(path: String) {
    self.path = path
    guard let bytes = try? FileIO.read(path) else { return }
    for line in bytes.split(separator: 0x0A) {
      guard let tab = line.firstIndex(of: 0x09), line.distance(from: line.startIndex, to: tab) == 64 else { continue }
      entries[String(decoding: line[..<tab], as: UTF8.self)] = Array(line[(tab + 1)...])
    }
  }

  /// Remembers a description (a single line of JSON) of the executable with hash `sha`.
  mutating func store(_ json: [UInt8], sha: String) {
    guard sha.utf8.count == 64, !json.contains(0x0A), entries[sha] != json else { return }
    entries[sha] = json
    changed = true
  }

  /// Writes the cache atomically when it changed (the first run of a new
  /// output folder writes it too). Only the descriptions of `keep` (this
  /// run's executables) are kept.
  func save(keeping keep: Set<String>) {
    guard changed, (try? FileIO.makeDirectories(FileIO.dirname(of: path))) != nil else { return }
    var bytes: [UInt8] = []
    for sha in UTF8Order.sorted(entries.keys) where keep.contains(sha) {
      bytes += Array(sha.utf8) + [0x09] + (entries[sha] ?? []) + [0x0A]
    }
    try? FileIO.writeAtomically(bytes, to: path)
  }
}
