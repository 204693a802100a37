import KhabarCore

/// Match-key scalars of a name: `ArabicText.matchScalar` applied, quotes and
/// punctuation at the edges dropped, inner whitespace runs collapsed to one space.
enum NameKey {
  static let space: UInt32 = 0x20
  static let alef: UInt32 = 0x0627
  static let lam: UInt32 = 0x0644
  static let yeh: UInt32 = 0x064A
  static let heh: UInt32 = 0x0647
  static let noon: UInt32 = 0x0646
  static let waw: UInt32 = 0x0648

  /// `ArabicText.matchScalar` through a table for the scripts of our texts
  /// (the shared function is not inlinable across modules).
  private static let foldTable: [UInt32] = (0..<0x0800).map { v in
    ArabicText.matchScalar(UInt32(v)) ?? UInt32.max
  }

  @inline(__always) static func fold(_ v: UInt32) -> UInt32? {
    if v < 0x0800 {
      let m = foldTable[Int(v)]
      return m == UInt32.max ? nil : m
    }
    return ArabicText.matchScalar(v)
  }

  /// Letters and digits keep a name; everything else at the edges is dropped.
  @inline(__always) static func isNameScalar(_ v: UInt32) -> Bool {
    ArabicText.isArabicLetter(v) || (0x30...0x39).contains(v) || (0x61...0x7A).contains(v)
      || (0xC0...0x24F).contains(v)
  }

  @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
    v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0x2009 || v == 0x202F
  }

  /// Appends the key of `scalars[range]` to `out` (which is emptied first).
  static func make(_ scalars: [UInt32], _ range: Range<Int>, into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    var pendingSpace = false
    for i in range {
      let raw = scalars[i]
      if isSpace(raw) || raw == 0x2D || raw == 0x2013 || raw == 0x2014 {  // spaces and dashes separate words
        pendingSpace = !out.isEmpty
        continue
      }
      guard let v = fold(raw) else { continue }
      if !isNameScalar(v) {
        // Inner punctuation (a quote, a dot) separates words; edge punctuation goes.
        if v != 0x27 && v != 0x2E { pendingSpace = !out.isEmpty }
        continue
      }
      if pendingSpace { out.append(space); pendingSpace = false }
      out.append(v)
    }
  }

  /// The key of a string (for the index and for tests).
  static func make(_ s: String) -> [UInt32] {
    var out: [UInt32] = []
    make(s.unicodeScalars.map(\.value), 0..<s.unicodeScalars.count, into: &out)
    return out
  }

  /// The text of `scalars[range]` without edge punctuation or spaces, as written.
  static func surface(_ scalars: [UInt32], _ range: Range<Int>) -> String {
    var lo = range.lowerBound, hi = range.upperBound
    while lo < hi, !isNameScalar(ArabicText.matchScalar(scalars[lo]) ?? 0) { lo += 1 }
    while hi > lo, !isNameScalar(ArabicText.matchScalar(scalars[hi - 1]) ?? 0) { hi -= 1 }
    return ScalarUTF8.string(scalars[lo..<hi])
  }

  static func string(_ key: ArraySlice<UInt32>) -> String { ScalarUTF8.string(key) }

  /// Word ranges (indices into `key`).
  static func words(_ key: [UInt32]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    for i in 0...key.count where i == key.count || key[i] == space {
      if i > start { out.append(start..<i) }
      start = i + 1
    }
    return out
  }

  /// True when `key[range]` begins with the article ال and has at least two letters after it.
  @inline(__always) static func hasArticle(_ key: [UInt32], _ range: Range<Int>) -> Bool {
    range.count >= 4 && key[range.lowerBound] == alef && key[range.lowerBound + 1] == lam
  }

  // MARK: - Hashing

  static let seed: UInt64 = 0xcbf29ce484222325
  @inline(__always) static func mix(_ h: UInt64, _ v: UInt32) -> UInt64 {
    (h ^ UInt64(v)) &* 0x100000001b3
  }

  @inline(__always) static func hash(prefix: Prefix, _ key: [UInt32], _ range: Range<Int>) -> UInt64 {
    var h = seed
    switch prefix {
    case .none: break
    case .article: h = mix(mix(h, alef), lam)
    case .alef: h = mix(h, alef)
    }
    for i in range { h = mix(h, key[i]) }
    return h
  }

  static func hash(_ key: [UInt32]) -> UInt64 { hash(prefix: .none, key, 0..<key.count) }

  /// Scalars put before a slice of the key when probing a variant.
  enum Prefix: Sendable {
    case none, article, alef
    private static let emptyScalars: [UInt32] = []
    private static let articleScalars: [UInt32] = [NameKey.alef, NameKey.lam]
    private static let alefScalars: [UInt32] = [NameKey.alef]

    /// The scalars (shared constant arrays: no allocation per probe).
    var scalars: [UInt32] {
      switch self {
      case .none: Prefix.emptyScalars
      case .article: Prefix.articleScalars
      case .alef: Prefix.alefScalars
      }
    }
  }

  /// A set of short words compared by hash (classifier nouns, titles).
  struct WordSet: Sendable {
    private let hashes: HashTable64
    init(_ words: [String]) { hashes = HashTable64(set: Set(words.map { NameKey.hash(NameKey.make($0)) })) }
    func contains(_ key: [UInt32], _ range: Range<Int>) -> Bool {
      hashes.contains(NameKey.hash(prefix: .none, key, range))
    }
  }
}
