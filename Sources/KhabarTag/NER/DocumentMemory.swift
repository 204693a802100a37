/// Second-pass context: what the first pass said about the other occurrences
/// of each token's stem in the same document ("the same name was tagged ORG
/// elsewhere in this article"), plus the first-pass labels around the token.
public enum DocumentMemory {
  /// `FeatureExtractor.contextCount` values per token, per sentence.
  public static func contexts(_ sentences: [NERSentence], firstPass: [[Int]]) -> [[UInt64]] {
    // Stem → index into counts (5 per stem: O, PER, LOC, ORG, MISC).
    var index = HashTable(capacity: 256)
    var counts: [Int32] = []
    var keys: [[Int]] = []
    for (s, labels) in zip(sentences, firstPass) {
      var sentenceKeys: [Int] = []
      for (t, r) in s.tokens.enumerated() {
        let a = LightStemmer.analyze(s.scalars, r)
        let start = r.lowerBound + a.stemOffset
        guard r.upperBound - start >= 2 else {
          sentenceKeys.append(-1)
          continue
        }
        let h = WordHash.of(s.scalars, start..<r.upperBound)
        let k: Int
        if let found = index[h] {
          k = Int(found)
        } else {
          k = counts.count / 5
          index.set(h, UInt32(k))
          counts.append(contentsOf: [0, 0, 0, 0, 0])
        }
        counts[k * 5 + (NERLabels.type(of: labels[t]).map { $0 + 1 } ?? 0)] += 1
        sentenceKeys.append(k)
      }
      keys.append(sentenceKeys)
    }
    let C = FeatureExtractor.contextCount
    var out: [[UInt64]] = []
    for (si, labels) in firstPass.enumerated() {
      let n = labels.count
      var memory = [UInt64](repeating: 0xFF, count: n)
      for t in 0..<n {
        let k = keys[si][t]
        guard k >= 0 else { continue }
        // The other occurrences' counts: this token's own label taken out.
        let own = k * 5 + (NERLabels.type(of: labels[t]).map { $0 + 1 } ?? 0)
        func c(_ j: Int) -> Int32 { counts[k * 5 + j] - (k * 5 + j == own ? 1 : 0) }
        let entity = c(1) + c(2) + c(3) + c(4)
        if entity == 0 {
          memory[t] = c(0) > 0 ? 1 : 0
        } else {
          var d = 1
          for j in 2...4 where c(j) > c(d) { d = j }
          memory[t] = UInt64(d) << 4 | UInt64(min(entity, 3)) << 1 | (c(0) > 0 ? 1 : 0)
        }
      }
      var ctx = [UInt64](repeating: 0, count: n * C)
      for t in 0..<n {
        let prev = t > 0 ? UInt64(labels[t - 1]) : 99, next = t + 1 < n ? UInt64(labels[t + 1]) : 99
        ctx[t * C] = memory[t] | 0x100
        ctx[t * C + 1] = (t > 0 ? memory[t - 1] : 0xFE) | 0x200
        ctx[t * C + 2] = (t + 1 < n ? memory[t + 1] : 0xFE) | 0x300
        ctx[t * C + 3] = UInt64(labels[t]) | 0x400
        ctx[t * C + 4] = prev << 8 | UInt64(labels[t]) | 0x10000
        ctx[t * C + 5] = next | 0x500
      }
      out.append(ctx)
    }
    return out
  }
}
