import KhabarCore
import KhabarKB

/// Finds knowledge-base names in a sentence by hashed lookups (no strings
/// unless a hash hits), longest match first, the first word's proclitics dropped.
struct KBNameMatcher: Sendable {
  let kb: KnowledgeBase
  /// Name hash → 1.
  let names: HashTable
  /// The first words of every name of two or more words → 1 (see `NERLexicon.namePrefixes`).
  let prefixes: HashTable
  let maxWords: Int

  init(_ kb: KnowledgeBase) {
    self.kb = kb
    var names = HashTable(capacity: kb.entries.count * 2)
    var prefixes = HashTable(capacity: kb.entries.count)
    var maxWords = 1
    for e in kb.entries {
      for name in e.ar {
        let s = NERSentence.normalized(name)
        guard s.count >= 2 else { continue }
        maxWords = max(maxWords, s.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 })
        names.set(WordHash.of(s, 0..<s.count), 1)
        for i in s.indices where s[i] == 0x20 { prefixes.set(WordHash.of(s, 0..<i), 1) }
      }
    }
    self.names = names
    self.prefixes = prefixes
    self.maxWords = min(maxWords, 6)
  }

  /// Matches, as token spans offset by `offset`, with the entry's type.
  ///
  /// One-word matches count only for persons and organisations, and for
  /// places that are countries, first-level divisions or cities of 100,000+:
  /// GeoNames holds many small places named like common words.
  func matches(sentence: NERSentence, text: [Unicode.Scalar], tokens: Spans, offset: Int, firstStem: [Int])
    -> [EntitySpans.Found]
  {
    let s = sentence.scalars, toks = sentence.tokens, n = toks.count
    var found: [EntitySpans.Found] = []
    var t = 0
    while t < n {
      // Start after proclitics as the morphs layer says (its offsets are in the text, so count normalised scalars).
      let dropped = firstStem[t + offset] - tokens[t + offset].lowerBound
      var skip = 0
      for i in tokens[t + offset].lowerBound..<tokens[t + offset].lowerBound + dropped
      where ArabicText.matchScalar(text[i].value) != nil { skip += 1 }
      let start = min(toks[t].lowerBound + skip, toks[t].upperBound)
      var h = WordHash.of(s, start..<toks[t].upperBound)
      var best = 0
      if names[h] != nil { best = 1 }
      var length = 1
      while length < maxWords && t + length < n && prefixes[h] != nil {
        h = WordHash.of(s, toks[t + length], seed: WordHash.add(h, 0x20))
        length += 1
        if names[h] != nil { best = length }
      }
      if best > 0, let type = entryType(s, words: [start..<toks[t].upperBound] + toks[(t + 1)..<(t + best)]) {
        found.append(EntitySpans.Found(span: TokenSpan(start: t + offset, end: t + best + offset, type: type),
                                       cert: best > 1 ? 0.8 : 0.6, source: "kb"))
        t += best
      } else {
        t += 1
      }
    }
    return found
  }

  /// The type of the entry named by these words (joined with single spaces, as names are indexed).
  private func entryType(_ s: [UInt32], words: [Range<Int>]) -> Int? {
    var view = String.UnicodeScalarView()
    for (i, w) in words.enumerated() {
      if i > 0 { view.append(" ") }
      view.append(contentsOf: s[w].compactMap(Unicode.Scalar.init))
    }
    let entries = kb.candidates(matchKey: String(view))
    guard let e = entries.first(where: { words.count > 1 || Self.strongSingleWord($0) }) else { return nil }
    return NERLabels.types.firstIndex(of: e.nerType)
  }

  static func strongSingleWord(_ e: KBEntry) -> Bool {
    switch e.type {
    case "person", "org": return true
    case "place":
      if let f = e.feature, ["PCLI", "PCLD", "PCLS", "PCLF", "ADM1", "PPLC", "PPLA", "PPLA2"].contains(f) { return true }
      // Curated places (bases, crossings, fields, districts) are named in the region's news on purpose.
      if e.id.hasPrefix("kh.") { return true }
      return (e.population ?? 0) >= 100_000
    default: return false
    }
  }
}
