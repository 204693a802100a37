import KhabarCore

/// Word classes and name lists the NER features look up, keyed by `WordHash`:
/// distributional word clusters, gazetteer names (with type) and trigger words.
public struct NERLexicon: Sendable, Equatable {
  /// Word (`WordHash`) and clitic-stripped stem (`WordHash` with `stemSeed`) → its word classes,
  /// packed by `packClasses` (class + 1 per granularity, 0 when absent).
  public var clusters = HashTable()
  /// Name (one or more words) → bit mask of types: bit t for `NERLabels.types[t]` in
  /// the gazetteer, bit 4 + t in the automatic list (`AutoNames`).
  public var names = HashTable()
  /// Stem (proclitics and article removed) → trigger class (1 PER, 2 LOC, 3 ORG, 4 MISC).
  public var triggers = HashTable()
  /// The longest name, in words.
  public var maxNameWords = 1
  /// The first words of every name of two or more words (each proper prefix
  /// ending before a space) → 1, so a phrase lookup stops as soon as no name
  /// can start with the words seen so far.
  public var namePrefixes = HashTable()

  public init() {
    for (cls, words) in TriggerWords.classes.enumerated() {
      for w in words {
        let s = NERSentence.normalized(w)
        let a = LightStemmer.analyze(s, 0..<s.count)
        triggers.set(WordHash.of(s, a.stemOffset..<s.count), UInt32(cls + 1))
      }
    }
  }

  /// Adds a name of type index `type`.
  public mutating func addName(_ name: String, type: Int) {
    addName(normalized: NERSentence.normalized(name), type: type)
  }

  /// Adds a name, given as its normalised scalars, of type index `type`.
  mutating func addName(normalized s: [UInt32], type: Int) {
    guard !s.isEmpty else { return }
    var words = 1
    for v in s where v == 0x20 { words += 1 }
    maxNameWords = max(maxNameWords, words)
    for i in s.indices where s[i] == 0x20 { namePrefixes.set(WordHash.of(s, 0..<i), 1) }
    names.set(WordHash.of(s, 0..<s.count), 1 << UInt32(type)) { $0 | $1 }
  }

  /// Bits of each class column in a packed value (so at most 255, 2047 and 8191 classes).
  public static let classBits = [8, 11, 13]
  /// The seed of a stem's key in `clusters` (a stem and the same word have different keys).
  public static let stemSeed: UInt64 = 0x5354_454D_2D4B_4559

  /// Classes packed into one value: class + 1 in each column's bits, 0 for a missing column.
  public static func packClasses(_ classes: [Int]) -> UInt32 {
    var value: UInt32 = 0, shift = 0
    for (c, bits) in zip(classes, classBits) {
      precondition(c >= 0 && c + 1 < 1 << bits, "word class \(c) does not fit \(bits) bits")
      value |= UInt32(c + 1) << UInt32(shift)
      shift += bits
    }
    return value
  }

  /// Column `k` of a packed value (class + 1, 0 when absent).
  @inline(__always) public static func classColumn(_ value: UInt32, _ k: Int) -> UInt32 {
    switch k {
    case 0: return value & 0xFF
    case 1: return value >> 8 & 0x7FF
    default: return value >> 19
    }
  }

  public mutating func addCluster(word: String, coarse: Int, fine: Int) {
    addCluster(normalized: NERSentence.normalized(word), classes: [coarse, fine])
  }

  mutating func addCluster(normalized s: [UInt32], classes: [Int], stem: Bool = false) {
    clusters.set(WordHash.of(s, 0..<s.count, seed: stem ? Self.stemSeed : WordHash.seed), Self.packClasses(classes))
  }

  // MARK: - Files

  /// Reads `word<TAB>class…` lines (two or three class columns, coarsest first); `stems` for the stem list.
  public mutating func loadClusters(path: String, stems: Bool = false) throws {
    var fields: [Range<Int>] = [], word: [UInt32] = [], classes: [Int] = []
    try LexiconFileReader.forEachLine(path: path) { n, line in
      LexiconFileReader.split(line, into: &fields)
      classes.removeAll(keepingCapacity: true)
      if fields.count >= 3 && fields.count <= 1 + Self.classBits.count && !LexiconFileReader.endsWithCarriageReturn(line) {
        for (k, f) in fields.dropFirst().enumerated() {
          guard let c = LexiconFileReader.decimal(line, f), c >= 0, c + 1 < 1 << Self.classBits[k] else { break }
          classes.append(c)
        }
      }
      guard fields.count >= 3, classes.count == fields.count - 1 else {
        throw NERModelError("\(path):\(n): expected word<TAB>class<TAB>class[<TAB>class] (classes below \(Self.classBits.map { (1 << $0) - 1 }))")
      }
      LexiconFileReader.normalized(line, fields[0], into: &word)
      addCluster(normalized: word, classes: classes, stem: stems)
    }
  }

  /// Reads `TYPE<TAB>name` lines (TYPE one of PER, LOC, ORG, MISC); `automatic` lists get their own bits.
  public mutating func addNames(lines: [String], automatic: Bool) {
    for line in lines {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count == 2, let t = NERLabels.types.firstIndex(where: { $0 == f[0] }) else { continue }
      addName(String(f[1]), type: automatic ? t + 4 : t)
    }
  }

  /// Reads a file of `TYPE<TAB>name` lines; `automatic` lists get their own bits.
  public mutating func loadNames(path: String, automatic: Bool = false) throws {
    var fields: [Range<Int>] = [], name: [UInt32] = []
    try LexiconFileReader.forEachLine(path: path) { n, line in
      LexiconFileReader.split(line, into: &fields)
      guard fields.count == 2, !LexiconFileReader.endsWithCarriageReturn(line),
        let t = NERLabels.types.firstIndex(where: { LexiconFileReader.field(line, fields[0], is: $0) })
      else {
        throw NERModelError("\(path):\(n): expected TYPE<TAB>name")
      }
      LexiconFileReader.normalized(line, fields[1], into: &name)
      addName(normalized: name, type: automatic ? t + 4 : t)
    }
  }
}

/// A model or lexicon file that cannot be used.
public struct NERModelError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
