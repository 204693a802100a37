import KhabarCore

/// How often each Arabic word form occurs in a news corpus, for deciding
/// which clitic splits are real.
///
/// Forms are keyed by the FNV-1a hash of their letters (diacritics and tatweel
/// dropped, see `WordFrequencies.letterKey`) in a flat open-addressing table,
/// so a lookup allocates nothing. Loaded from `words.tsv` (`form<TAB>count`
/// per line), once per process.
public struct WordFrequencies: Sendable {
  private var keys: [UInt64]
  private var counts: [UInt32]
  private var mask: Int
  /// Number of forms in the table.
  public private(set) var formCount = 0

  /// An empty table: every form has count 0.
  public init() {
    keys = [UInt64](repeating: 0, count: 2)
    counts = [UInt32](repeating: 0, count: 2)
    mask = 1
  }

  /// A table of `words` with count 1 each (a set of forms).
  public init(forms words: [String]) {
    self.init(words.map { ($0.unicodeScalars.compactMap { Self.letterKey($0.value) }, UInt32(1)) })
  }

  /// Builds a table from `(letters, count)` pairs.
  public init<S: Sequence>(_ entries: S, capacityHint: Int = 0) where S.Element == ([UInt32], UInt32) {
    self.init(capacity: capacityHint)
    for (letters, count) in entries { insert(Self.hash(letters[...]), count) }
  }

  private init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    counts = [UInt32](repeating: 0, count: size)
    mask = size - 1
  }

  // MARK: - Lookup

  /// The count of the form whose letters hash to `key` (0 when unknown).
  @inline(__always) public func count(hash key: UInt64) -> UInt32 {
    let k = key == 0 ? 1 : key
    var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
    while true {
      let stored = keys[slot]
      if stored == k { return counts[slot] }
      if stored == 0 { return 0 }
      slot = (slot + 1) & mask
    }
  }

  private mutating func insert(_ key: UInt64, _ count: UInt32) {
    if (formCount + 1) * 2 > keys.count { grow() }
    let k = key == 0 ? 1 : key
    var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
    while keys[slot] != 0 && keys[slot] != k { slot = (slot + 1) & mask }
    if keys[slot] == 0 { formCount += 1 }
    keys[slot] = k
    counts[slot] = counts[slot] &+ count
  }

  private mutating func grow() {
    let oldKeys = keys, oldCounts = counts
    let size = keys.count * 2
    keys = [UInt64](repeating: 0, count: size)
    counts = [UInt32](repeating: 0, count: size)
    mask = size - 1
    formCount = 0
    for i in 0..<oldKeys.count where oldKeys[i] != 0 { insert(oldKeys[i], oldCounts[i]) }
  }

  // MARK: - Hashing

  public static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

  /// Feeds one letter into an FNV-1a state (the whole scalar value at once).
  @inline(__always) public static func mix(_ state: UInt64, _ letter: UInt32) -> UInt64 {
    (state ^ UInt64(letter)) &* fnvPrime
  }

  /// The hash of a sequence of letters.
  @inline(__always) public static func hash(_ letters: ArraySlice<UInt32>) -> UInt64 {
    var h = fnvOffset
    for v in letters { h = mix(h, v) }
    return h
  }

  /// The letter used as key: diacritics and tatweel are dropped (nil), Persian
  /// ی ک become ي ك; hamza forms, ى and ة are kept apart.
  @inline(__always) public static func letterKey(_ v: UInt32) -> UInt32? {
    if v == 0x0640 || CharClasses.isArabicDiacritic(v) { return nil }
    switch v {
    case 0x06CC: return 0x064A
    case 0x06A9: return 0x0643
    default: return v
    }
  }

  // MARK: - File format

  /// Parses `words.tsv`: one `form<TAB>count` per line; `#` lines are comments.
  public static func parse(_ bytes: [UInt8], path: String) throws(SegmentDataError) -> WordFrequencies {
    var lines = 0
    for b in bytes where b == 0x0A { lines += 1 }
    var table = WordFrequencies(capacity: lines)
    var i = 0
    var lineNumber = 0
    let n = bytes.count
    while i < n {
      lineNumber += 1
      if bytes[i] == 0x23 {  // comment
        while i < n, bytes[i] != 0x0A { i += 1 }
        i += 1
        continue
      }
      // Decode UTF-8 letters up to the tab, hashing as we go.
      var h = fnvOffset
      var sawLetter = false
      while i < n, bytes[i] != 0x09, bytes[i] != 0x0A {
        let b0 = UInt32(bytes[i])
        var v: UInt32
        if b0 < 0x80 {
          v = b0
          i += 1
        } else if b0 & 0xE0 == 0xC0, i + 1 < n {
          v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
          i += 2
        } else if b0 & 0xF0 == 0xE0, i + 2 < n {
          v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
          i += 3
        } else if i + 3 < n {
          v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
          i += 4
        } else {
          throw SegmentDataError(path: path, line: lineNumber, reason: "truncated UTF-8")
        }
        if let key = letterKey(v) {
          h = mix(h, key)
          sawLetter = true
        }
      }
      guard i < n, bytes[i] == 0x09, sawLetter else {
        throw SegmentDataError(path: path, line: lineNumber, reason: "expected form<TAB>count")
      }
      i += 1
      var count: UInt64 = 0
      var digits = 0
      while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
        count = min(count * 10 + UInt64(bytes[i] - 0x30), UInt64(UInt32.max))
        digits += 1
        i += 1
      }
      guard digits > 0, i == n || bytes[i] == 0x0A else {
        throw SegmentDataError(path: path, line: lineNumber, reason: "count must be a whole number")
      }
      i += 1
      table.insert(h, UInt32(count))
    }
    return table
  }

  /// Loads `words.tsv` from a file.
  public static func load(_ path: String) throws(SegmentDataError) -> WordFrequencies {
    let bytes: [UInt8]
    do {
      bytes = try FileIO.read(path)
    } catch {
      throw SegmentDataError(path: path, line: 0, reason: "cannot read word statistics (\(error)); run `make segment-stats`")
    }
    return try parse(bytes, path: path)
  }
}

/// A segmentation data file that is missing or malformed.
public struct SegmentDataError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var line: Int
  public var reason: String
  public init(path: String, line: Int, reason: String) {
    self.path = path
    self.line = line
    self.reason = reason
  }
  public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
}
