/// Learns distributional word classes from unlabeled text: each frequent
/// word gets a vector of PPMI-weighted left and right neighbour counts,
/// randomly projected to a few dimensions, then clustered with spherical
/// k-means at two granularities (coarse and fine).
public struct WordClusterer {
  public var vocabularySize = 40_000
  public var contextSize = 1_000
  public var dimensions = 128
  public var coarseClusters = 100
  public var fineClusters = 600
  public var iterations = 10
  public var minCount = 5
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

  /// One learned class per frequent word: (normalised form, coarse, fine), most frequent first.
  public func learn(log: (String) -> Void) -> [(word: [UInt32], coarse: Int, fine: Int)] {
    let byFrequency = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    let vocab = Array(byFrequency.prefix(vocabularySize).filter { counts[$0] >= minCount })
    let C = min(contextSize, vocab.count)
    var row = [Int32](repeating: -1, count: forms.count)
    var col = [Int32](repeating: -1, count: forms.count)
    for (i, id) in vocab.enumerated() { row[id] = Int32(i) }
    for (i, id) in vocab.prefix(C).enumerated() { col[id] = Int32(i) }
    let V = vocab.count, W = 2 * C
    log("clusters: \(stream.count) tokens, \(forms.count) types, \(V) words clustered, \(C) context words")

    // Neighbour counts: column c = left neighbour c, column C + c = right neighbour c.
    var cooc = [Float](repeating: 0, count: V * W)
    for i in stream.indices {
      let id = stream[i]
      guard id >= 0, case let r = row[Int(id)], r >= 0 else { continue }
      if i > 0, stream[i - 1] >= 0, case let c = col[Int(stream[i - 1])], c >= 0 { cooc[Int(r) * W + Int(c)] += 1 }
      if i + 1 < stream.count, stream[i + 1] >= 0, case let c = col[Int(stream[i + 1])], c >= 0 {
        cooc[Int(r) * W + C + Int(c)] += 1
      }
    }
    // PPMI.
    var rowSum = [Float](repeating: 0, count: V), colSum = [Float](repeating: 0, count: W)
    var total: Float = 0
    for r in 0..<V {
      for c in 0..<W {
        let v = cooc[r * W + c]
        rowSum[r] += v
        colSum[c] += v
        total += v
      }
    }
    // Random ±1 projection of each PPMI row.
    var rng = SplitMix(seed: seed)
    let D = dimensions
    var projection = [Float](repeating: 0, count: W * D)
    for k in projection.indices { projection[k] = rng.next() & 1 == 0 ? 1 : -1 }
    var vectors = [Float](repeating: 0, count: V * D)
    for r in 0..<V where rowSum[r] > 0 {
      for c in 0..<W {
        let v = cooc[r * W + c]
        guard v > 0 else { continue }
        let pmi = logf(v * total / (rowSum[r] * colSum[c]))
        guard pmi > 0 else { continue }
        for d in 0..<D { vectors[r * D + d] += pmi * projection[c * D + d] }
      }
      normalize(&vectors, r * D, D)
    }
    log("clusters: vectors ready; k-means \(coarseClusters) and \(fineClusters)")
    let coarse = kmeans(vectors, V, D, k: coarseClusters, rng: &rng)
    let fine = kmeans(vectors, V, D, k: fineClusters, rng: &rng)
    return vocab.indices.map { (forms[vocab[$0]], coarse[$0], fine[$0]) }
  }

  private func normalize(_ v: inout [Float], _ offset: Int, _ D: Int) {
    var norm: Float = 0
    for d in 0..<D { norm += v[offset + d] * v[offset + d] }
    guard norm > 0 else { return }
    let inv = 1 / norm.squareRoot()
    for d in 0..<D { v[offset + d] *= inv }
  }

  private func kmeans(_ x: [Float], _ V: Int, _ D: Int, k: Int, rng: inout SplitMix) -> [Int] {
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
    for _ in 0..<iterations {
      x.withUnsafeBufferPointer { xs in
        centroids.withUnsafeBufferPointer { cs in
          for r in 0..<V {
            var best = -Float.infinity, arg = 0
            for j in 0..<k {
              var dot: Float = 0
              for d in 0..<D { dot += xs[r * D + d] * cs[j * D + d] }
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
