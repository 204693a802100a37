/// An open-addressing map from 64-bit name hashes to small integers.
///
/// The keys are already well-mixed FNV-1a hashes, so they index the table
/// directly: no second hashing pass as `Dictionary`/`Set` would do per lookup.
struct HashTable64: Sendable {
  private var keys: [UInt64]
  private var values: [Int32]
  private var used: [Bool]
  private let mask: Int
  private(set) var count = 0

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: 0, count: size)
    used = Array(repeating: false, count: size)
    mask = size - 1
  }

  @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key ^ (key >> 29)) & UInt64(mask)) }

  /// Inserts `key` → `value` unless the key is present; returns false when it was.
  @discardableResult
  mutating func insert(_ key: UInt64, _ value: Int32) -> Bool {
    var i = slot(key)
    while used[i] {
      if keys[i] == key { return false }
      i = (i + 1) & mask
    }
    used[i] = true
    keys[i] = key
    values[i] = value
    count += 1
    return true
  }

  @inline(__always) func value(_ key: UInt64) -> Int32? {
    var i = slot(key)
    while used[i] {
      if keys[i] == key { return values[i] }
      i = (i + 1) & mask
    }
    return nil
  }

  @inline(__always) func contains(_ key: UInt64) -> Bool { value(key) != nil }
}

extension HashTable64 {
  /// A set of hashes (every value 0).
  init(set hashes: Set<UInt64>) {
    self.init(capacity: hashes.count)
    for h in hashes.sorted() { insert(h, 0) }
  }
}
