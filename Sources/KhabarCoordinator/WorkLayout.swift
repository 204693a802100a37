#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// Where everything lives under the output folder:
///
///     out/work/<stage>/<id>.jsonl   each stage's output per input file
///     out/work/<stage>/.keys.jsonl  the stage's step keys (see `KeyJournal`; one per shard)
///     out/work/<stage>/<id>.rejected  the stage rejected this input (key + message)
///     out/tei/<id>.xml, out/tei-reading/<id>.xml   the export stage's side outputs
///     out/work/register.key         the register step's cache key
///     out/work/failed*.jsonl        the files that failed in the last run
///     out/work/.hash-cache          hashes of files known unchanged (bookkeeping, see `HashCache`)
///     out/work/.stage-descriptions  the stages' --describe output by executable hash (`DescriptionCache`)
///     out/work/.tmp-run-<pid>-…/    scratch space of a running coordinator
public struct WorkLayout: Sendable {
  public var out: String
  public init(out: String) { self.out = out }

  public var work: String { "\(out)/work" }
  public func stageFolder(_ stage: String) -> String { "\(work)/\(stage)" }
  public func output(_ stage: String, _ id: String) -> String { "\(work)/\(stage)/\(id).jsonl" }
  /// The name of the key journal a run appends to, in each stage folder.
  public func keyJournalName(shard: Shard?) -> String {
    shard.map { "\(KeyJournal.prefix)-shard-\($0.index)-of-\($0.count).jsonl" } ?? "\(KeyJournal.prefix).jsonl"
  }
  /// A record the stage rejected, with the key it was rejected under.
  public func rejection(_ stage: String, _ id: String) -> String { "\(work)/\(stage)/\(id).rejected" }
  public var registerKey: String { "\(work)/register.key" }
  /// Stage descriptions by executable hash (see `DescriptionCache`).
  public var descriptionCache: String { "\(work)/.stage-descriptions" }

  /// The failure list of a run (per shard, so shards do not overwrite each other's).
  public func failures(shard: Shard?) -> String {
    shard.map { "\(work)/failed-shard-\($0.index)-of-\($0.count).jsonl" } ?? "\(work)/failed.jsonl"
  }

  /// The hash cache of a run (see `HashCache`; per shard, like the lock).
  public func hashCache(shard: Shard?) -> String {
    shard.map { "\(work)/.hash-cache-shard-\($0.index)-of-\($0.count)" } ?? "\(work)/.hash-cache"
  }

  /// The lock a run holds (per shard: shards share the output folder).
  public func lock(shard: Shard?) -> String {
    shard.map { "\(work)/.lock-shard-\($0.index)-of-\($0.count)" } ?? "\(work)/.lock"
  }

  // MARK: - Temporary files

  /// Removes `.tmp-*` files and folders left by runs that are no longer
  /// alive (their names carry the writer's pid), anywhere under `out`.
  /// Returns how many it removed.
  @discardableResult
  public func removeStaleTemporaries() -> Int {
    var removed = 0
    Self.visitTemporaries(out) { path, name in
      if let pid = Self.ownerPID(name), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM {
        return  // a live process (another shard) owns it
      }
      Self.removeTree(path)
      removed += 1
    }
    return removed
  }

  /// Paths of every `.tmp-*` entry under `out` (for tests and checks).
  public func temporaries() -> [String] {
    var found: [String] = []
    Self.visitTemporaries(out) { path, _ in found.append(path) }
    return found
  }

  static func visitTemporaries(_ dir: String, _ visit: (String, String) -> Void) {
    guard let entries = try? FileIO.listEntries(dir) else { return }
    for entry in entries {
      let path = "\(dir)/\(entry.name)"
      if entry.name.hasPrefix(".tmp-") {
        visit(path, entry.name)
      } else if entry.isDirectory {
        visitTemporaries(path, visit)
      }
    }
  }

  /// The pid in ".tmp-<pid>-…" or ".tmp-run-<pid>-…".
  static func ownerPID(_ name: String) -> pid_t? {
    var rest = name.dropFirst(".tmp-".count)
    if rest.hasPrefix("run-") { rest = rest.dropFirst(4) }
    guard let digits = rest.split(separator: "-").first, let pid = pid_t(digits) else { return nil }
    return pid
  }

  static func isRealDirectory(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// `rm -rf` for our own scratch folders (does not follow symlinks).
  public static func removeTree(_ path: String) {
    if isRealDirectory(path) {
      for name in (try? FileIO.list(path)) ?? [] { removeTree("\(path)/\(name)") }
      rmdir(path)
    } else {
      unlink(path)
    }
  }
}
