import KhabarCore

/// Word classes and name lists the NER features look up, keyed by `WordHash`:
/// distributional word clusters, gazetteer names (with type) and trigger words.
public struct NERLexicon: Sendable, Equatable {
  /// Word → `(coarse + 1) << 16 | (fine + 1)`.
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

  public mutating func addCluster(word: String, coarse: Int, fine: Int) {
    addCluster(normalized: NERSentence.normalized(word), coarse: coarse, fine: fine)
  }

  mutating func addCluster(normalized s: [UInt32], coarse: Int, fine: Int) {
    clusters.set(WordHash.of(s, 0..<s.count), UInt32((coarse + 1) << 16 | (fine + 1)))
  }

  // MARK: - Files

  /// Reads `word<TAB>coarse<TAB>fine` lines.
  public mutating func loadClusters(path: String) throws {
    var fields: [Range<Int>] = [], word: [UInt32] = []
    try LexiconFileReader.forEachLine(path: path) { n, line in
      LexiconFileReader.split(line, into: &fields)
      guard fields.count == 3, !LexiconFileReader.endsWithCarriageReturn(line),
        let c = LexiconFileReader.decimal(line, fields[1]), let d = LexiconFileReader.decimal(line, fields[2]),
        c >= 0, d >= 0, c < 0xFFFF, d < 0xFFFF
      else {
        throw NERModelError("\(path):\(n): expected word<TAB>coarse<TAB>fine")
      }
      LexiconFileReader.normalized(line, fields[0], into: &word)
      addCluster(normalized: word, coarse: c, fine: d)
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
