/// An open-addressing map from 64-bit hashes to 32-bit values.
///
/// Lookups allocate nothing and never build a `String`: the NER features key
/// words and phrases by `WordHash` of their normalised scalars.
public struct HashTable: Sendable, Equatable {
  private var keys: [UInt64]
  private var values: [UInt32]
  private var mask: Int
  public private(set) var count = 0

  public init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [UInt32](repeating: 0, count: size)
    mask = size - 1
  }

  /// A table from the slots of another (`slotKeys`, `slotValues`); nil unless they make a usable table:
  /// a power-of-two size, at most half the slots used (so every probe ends at an empty slot).
  init?(slotKeys: [UInt64], slotValues: [UInt32]) {
    let size = slotKeys.count
    guard size >= 16, size & (size - 1) == 0, slotValues.count == size else { return nil }
    var used = 0
    for k in slotKeys where k != 0 { used += 1 }
    guard used * 2 <= size else { return nil }
    keys = slotKeys
    values = slotValues
    mask = size - 1
    count = used
  }

  /// The slots: key (0 = empty) and value, in slot order (for `LexiconFile`).
  var slotKeys: [UInt64] { keys }
  var slotValues: [UInt32] { values }

  @inline(__always) private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

  @inline(__always) private func position(_ key: UInt64) -> Int {
    var h = key ^ (key >> 29)
    h = h &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: h ^ (h >> 32)) & mask
  }

  public subscript(key: UInt64) -> UInt32? {
    let k = Self.stored(key)
    var i = position(k)
    while true {
      let found = keys[i]
      if found == k { return values[i] }
      if found == 0 { return nil }
      i = (i + 1) & mask
    }
  }

  /// Sets the value of `key`, or combines it with the old one through `merge`.
  public mutating func set(_ key: UInt64, _ value: UInt32, merge: (UInt32, UInt32) -> UInt32 = { _, new in new }) {
    if (count + 1) * 2 > keys.count { grow() }
    let k = Self.stored(key)
    var i = position(k)
    while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
    if keys[i] == k {
      values[i] = merge(values[i], value)
    } else {
      keys[i] = k
      values[i] = value
      count += 1
    }
  }

  private mutating func grow() {
    let oldKeys = keys, oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [UInt32](repeating: 0, count: oldKeys.count * 2)
    mask = keys.count - 1
    count = 0
    for (i, k) in oldKeys.enumerated() where k != 0 {
      var j = position(k)
      while keys[j] != 0 { j = (j + 1) & mask }
      keys[j] = k
      values[j] = oldValues[i]
      count += 1
    }
  }
}

/// FNV-1a over normalised scalar values (one 32-bit unit per scalar).
///
/// A phrase hashes as its words joined by one space (0x20), so a name from a
/// list and a run of tokens meet without building strings.
public enum WordHash {
  public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  @inline(__always) public static func add(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* 0x100_0000_01b3 }

  @inline(__always) public static func of(_ s: [UInt32], _ range: Range<Int>, seed: UInt64 = seed) -> UInt64 {
    var h = seed
    for i in range { h = add(h, s[i]) }
    return h
  }

  /// The hash of a string after `ArabicText.matchKey` normalisation.
  public static func of(normalizing string: String) -> UInt64 {
    let s = NERSentence.normalized(string)
    return of(s, 0..<s.count)
  }
}
