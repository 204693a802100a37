import KhabarCore

/// A deterministic slice of the inputs for array jobs: `--shard I/N` with a
/// 0-based I (0 ≤ I < N), e.g. Slurm's `--array=0-7` with N = 8.
///
/// A file belongs to shard `fnv1a64(id) % N`: stable across machines and
/// runs, independent of the order or number of other files.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) throws(CoordinatorError) {
    guard count >= 1 else { throw .usage("--shard \(index)/\(count): N must be at least 1") }
    guard index >= 0 && index < count else {
      throw .usage("--shard \(index)/\(count): I must be in 0…\(count - 1) (shards are 0-based: 0/\(count) … \(count - 1)/\(count))")
    }
    self.index = index
    self.count = count
  }

  /// Parses "I/N".
  public init(parsing text: String) throws(CoordinatorError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      throw .usage("--shard \(text): expected I/N, e.g. 0/8 (0-based)")
    }
    try self.init(index: i, count: n)
  }

  public static func of(id: String, count: Int) -> Int {
    Int(StableHash.fnv1a(id) % UInt64(count))
  }

  public func contains(_ id: String) -> Bool { Self.of(id: id, count: count) == index }

  public var description: String { "\(index)/\(count)" }
}
