/// Learns distributional word classes from unlabeled text: each frequent
/// word (and each frequent clitic-stripped stem) gets a vector of
/// PPMI-weighted neighbour counts at offsets −2, −1, +1, +2, randomly
/// projected to a few dimensions, then clustered with spherical k-means at
/// several granularities.
public struct WordClusterer {
  public var vocabularySize = 40_000
  public var stemVocabularySize = 30_000
  public var contextSize = 1_000
  public var dimensions = 128
  /// One class column per granularity, coarsest first (each must fit `NERLexicon.classBits`).
  public var granularities = [100, 600, 2000]
  public var iterations = 10
  public var minCount = 5
  /// Neighbour offsets whose counts make up the vector (one block of `contextSize` columns each).
  public var offsets = [-2, -1, 1, 2]
  /// Context distribution smoothing of PPMI (Levy, Goldberg & Dagan 2015).
  public var smoothing: Float = 0.75
  public var seed: UInt64 = 20_261_122

  private var ids: [UInt64: Int32] = [:]
  private var forms: [[UInt32]] = []
  private var counts: [Int32] = []
  private var stream: [Int32] = []

  public init() {}

  /// Adds one token (normalised scalars) of the running text; -1 marks a boundary.
  public mutating func add(_ token: ArraySlice<UInt32>) {
    let h = WordHash.of(Array(token), 0..<token.count)
    if let id = ids[h] {
      counts[Int(id)] += 1
      stream.append(id)
    } else {
      let id = Int32(forms.count)
      ids[h] = id
      forms.append(Array(token))
      counts.append(1)
      stream.append(id)
    }
  }

  public mutating func addBoundary() { stream.append(-1) }

  public var tokenCount: Int { stream.count }

  /// One learned row: a normalised form and its class at each granularity.
  public struct Classes {
    public var form: [UInt32]
    public var classes: [Int]
  }

  /// Classes of the frequent words and of the frequent stems (`LightStemmer`: proclitics and article
  /// removed, the stems of words that have some), most frequent first.
  public func learn(log: (String) -> Void) -> (words: [Classes], stems: [Classes]) {
    // Stems: one id per distinct stem form among the types that lose a proclitic or the article.
    var stemIds: [[UInt32]: Int32] = [:]
    var stemForms: [[UInt32]] = []
    var stemCounts: [Int32] = []
    var stemOf = [Int32](repeating: -1, count: forms.count)
    for (id, f) in forms.enumerated() {
      let a = LightStemmer.analyze(f, 0..<f.count)
      guard a.stemOffset > 0, f.count - a.stemOffset >= 2 else { continue }
      let stem = Array(f[a.stemOffset...])
      let sid: Int32
      if let s = stemIds[stem] {
        sid = s
      } else {
        sid = Int32(stemForms.count)
        stemIds[stem] = sid
        stemForms.append(stem)
        stemCounts.append(0)
      }
      stemOf[id] = sid
      stemCounts[Int(sid)] += counts[id]
    }
    // A bare word counts for its own stem too (بغداد for وبغداد), so stems and words share rows' statistics.
    for (id, f) in forms.enumerated() where stemOf[id] < 0 {
      if let sid = stemIds[f] {
        stemOf[id] = sid
        stemCounts[Int(sid)] += counts[id]
      }
    }

    let byFrequency = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    let vocab = Array(byFrequency.prefix(vocabularySize).filter { counts[$0] >= minCount })
    let stemsByFrequency = stemCounts.indices.sorted {
      stemCounts[$0] != stemCounts[$1] ? stemCounts[$0] > stemCounts[$1] : $0 < $1
    }
    let stemVocab = Array(stemsByFrequency.prefix(stemVocabularySize).filter { stemCounts[$0] >= minCount })
    let C = min(contextSize, vocab.count)
    var row = [Int32](repeating: -1, count: forms.count)
    var stemRow = [Int32](repeating: -1, count: stemForms.count)
    var col = [Int32](repeating: -1, count: forms.count)
    for (i, id) in vocab.enumerated() { row[id] = Int32(i) }
    for (i, sid) in stemVocab.enumerated() { stemRow[sid] = Int32(vocab.count + i) }
    for (i, id) in vocab.prefix(C).enumerated() { col[id] = Int32(i) }
    let V = vocab.count, R = V + stemVocab.count, K = offsets.count, W = K * C
    log("clusters: \(stream.count) tokens, \(forms.count) types, \(V) words and \(stemVocab.count) stems clustered, \(C) context words at offsets \(offsets)")

    /// The rows a stream position counts for: its word's and its stem's.
    @inline(__always) func rows(_ i: Int) -> (Int32, Int32) {
      let id = stream[i]
      guard id >= 0 else { return (-1, -1) }
      let s = stemOf[Int(id)]
      return (row[Int(id)], s >= 0 ? stemRow[Int(s)] : -1)
    }
    /// Calls `body(column)` for each in-vocabulary neighbour of position `i`.
    @inline(__always) func contexts(_ i: Int, _ body: (Int) -> Void) {
      for (k, d) in offsets.enumerated() {
        let j = i + d
        guard j >= 0, j < stream.count else { continue }
        // Stop at a boundary between i and j.
        var crossed = false
        for m in min(i, j)...max(i, j) where stream[m] < 0 { crossed = true }
        guard !crossed, case let c = col[Int(stream[j])], c >= 0 else { continue }
        body(k * C + Int(c))
      }
    }

    // Marginals for PPMI.
    var rowSum = [Float](repeating: 0, count: R), colSum = [Float](repeating: 0, count: W)
    var total: Float = 0
    for i in stream.indices {
      let (r, s) = rows(i)
      guard r >= 0 || s >= 0 else { continue }
      contexts(i) { c in
        if r >= 0 { rowSum[Int(r)] += 1; colSum[c] += 1; total += 1 }
        if s >= 0 { rowSum[Int(s)] += 1 }
      }
    }
    var smoothed = colSum.map { powf($0, smoothing) }
    let smoothedTotal = smoothed.reduce(0, +)
    for c in smoothed.indices { smoothed[c] /= max(smoothedTotal, 1) }

    // Random ±1 projection of each PPMI row, built a block of rows at a time.
    var rng = SplitMix(seed: seed)
    let D = dimensions
    var projection = [Float](repeating: 0, count: W * D)
    for k in projection.indices { projection[k] = rng.next() & 1 == 0 ? 1 : -1 }
    var vectors = [Float](repeating: 0, count: R * D)
    let block = 8_192
    var cooc = [Float](repeating: 0, count: block * W)
    for first in stride(from: 0, to: R, by: block) {
      let last = min(first + block, R)
      for k in 0..<(last - first) * W { cooc[k] = 0 }
      for i in stream.indices {
        let (r, s) = rows(i)
        let inR = r >= first && r < last, inS = s >= first && s < last
        guard inR || inS else { continue }
        contexts(i) { c in
          if inR { cooc[(Int(r) - first) * W + c] += 1 }
          if inS { cooc[(Int(s) - first) * W + c] += 1 }
        }
      }
      for r in first..<last where rowSum[r] > 0 {
        let base = (r - first) * W
        for c in 0..<W {
          let v = cooc[base + c]
          guard v > 0 else { continue }
          let pmi = logf(v / (rowSum[r] * smoothed[c]))
          guard pmi > 0 else { continue }
          for d in 0..<D { vectors[r * D + d] += pmi * projection[c * D + d] }
        }
        normalize(&vectors, r * D, D)
      }
    }
    log("clusters: vectors ready; k-means \(granularities)")
    let assignments = granularities.map { kmeans(vectors, R, D, k: $0, rng: &rng) }
    let words = vocab.indices.map { i in Classes(form: forms[vocab[i]], classes: assignments.map { $0[i] }) }
    let stems = stemVocab.indices.map { i in Classes(form: stemForms[stemVocab[i]], classes: assignments.map { $0[V + i] }) }
    return (words, stems)
  }

  private func normalize(_ v: inout [Float], _ offset: Int, _ D: Int) {
    var norm: Float = 0
    for d in 0..<D { norm += v[offset + d] * v[offset + d] }
    guard norm > 0 else { return }
    let inv = 1 / norm.squareRoot()
    for d in 0..<D { v[offset + d] *= inv }
  }

  private func kmeans(_ x: [Float], _ V: Int, _ D: Int, k: Int, rng: inout SplitMix) -> [Int] {
    precondition(D % 8 == 0, "dimensions must be a multiple of 8")
    let k = min(k, V)
    var centroids = [Float](repeating: 0, count: k * D)
    var picked = Set<Int>()
    var c = 0
    while c < k {
      let r = Int(rng.next() % UInt64(V))
      guard picked.insert(r).inserted else { continue }
      for d in 0..<D { centroids[c * D + d] = x[r * D + d] }
      c += 1
    }
    var assignment = [Int](repeating: 0, count: V)
    let lanes = D / 8
    for _ in 0..<iterations {
      x.withUnsafeBytes { xb in
        centroids.withUnsafeBytes { cb in
          let xs = xb.bindMemory(to: SIMD8<Float>.self), cs = cb.bindMemory(to: SIMD8<Float>.self)
          for r in 0..<V {
            var best = -Float.infinity, arg = 0
            for j in 0..<k {
              var acc = SIMD8<Float>()
              for l in 0..<lanes { acc += xs[r * lanes + l] * cs[j * lanes + l] }
              let dot = acc.sum()
              if dot > best {
                best = dot
                arg = j
              }
            }
            assignment[r] = arg
          }
        }
      }
      var sums = [Float](repeating: 0, count: k * D)
      var sizes = [Int](repeating: 0, count: k)
      for r in 0..<V {
        let j = assignment[r]
        sizes[j] += 1
        for d in 0..<D { sums[j * D + d] += x[r * D + d] }
      }
      for j in 0..<k where sizes[j] > 0 {
        for d in 0..<D { centroids[j * D + d] = sums[j * D + d] }
        normalize(&centroids, j * D, D)
      }
    }
    return assignment
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
