import Synchronization

/// A mutual-exclusion lock for classes that guard several fields with one
/// lock (what `NSLock` was used for, without linking Foundation and its ICU
/// data: 6 MB less resident in every process that imported it only for this).
public final class Lock: @unchecked Sendable {
  private let mutex = Mutex(())

  public init() {}

  /// Runs `body` holding the lock.
  @inline(__always)
  public func withLock<R>(_ body: () throws -> R) rethrows -> R {
    try mutex.withLock { _ in try body() }
  }
}
