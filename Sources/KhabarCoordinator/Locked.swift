import KhabarCore

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
  private let lock = Lock()
  private var storage: Value
  init(_ value: Value) { storage = value }
  func withLock<R>(_ body: (inout Value) -> R) -> R { lock.withLock { body(&storage) } }
  var value: Value { lock.withLock { storage } }
}
