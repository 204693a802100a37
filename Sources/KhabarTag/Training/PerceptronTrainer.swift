/// Averaged structured perceptron training of a `LinearChainModel`
/// (Collins 2002), with deterministic seeded shuffling.
public struct PerceptronTrainer {
  public struct Example {
    public var slots: [Int32]
    public var labels: [Int]
  }

  public let slotBits: Int
  public var seed: UInt64
  /// Chance that a token's identity features are replaced by "unknown" in one pass.
  public var dropout: Double = 0
  /// Cost-augmented decoding in training (a margin): every wrong label of a token scores `margin`
  /// more, `recallMargin` more where the gold label is an entity (so missing one costs more).
  public var margin: Float = 0
  public var recallMargin: Float = 0
  /// (position within a token's slots, replacement slot) for the droppable templates.
  public var droppable: [(Int, Int32)] = []

  public init(slotBits: Int, seed: UInt64) {
    self.slotBits = slotBits
    self.seed = seed
  }

  public init(extractor: FeatureExtractor, seed: UInt64, dropout: Double) {
    self.slotBits = extractor.slotBits
    self.seed = seed
    self.dropout = dropout
    self.droppable = FeatureExtractor.identityTemplates.map { ($0, extractor.unknownSlot(template: $0)) }
  }

  /// Trains for `epochs` passes; after each pass, `afterEpoch` receives the
  /// averaged model so far.
  public func train(_ examples: [Example], epochs: Int, afterEpoch: (Int, LinearChainModel) -> Void = { _, _ in })
    -> LinearChainModel
  {
    let L = LinearChainModel.labelCount, LL = L * L
    let F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    var model = LinearChainModel(slotBits: slotBits)
    // Lazy averaging: avg = w − acc / c, where acc sums c·Δ.
    var acc = [Float](repeating: 0, count: model.weights.count)
    var accT = [Float](repeating: 0, count: model.transitions.count)
    var accE = [Float](repeating: 0, count: model.edgeWeights.count)
    var c: Float = 1
    var order = Array(examples.indices)
    var rng = SplitMix(seed: seed)
    var result = model
    for epoch in 1...max(1, epochs) {
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      let threshold = UInt64(dropout * Double(UInt64.max >> 11)) 
      for index in order {
        var ex = examples[index]
        let n = ex.labels.count
        if dropout > 0 {
          for t in 0..<n where (rng.next() >> 11) < threshold {
            for (k, slot) in droppable { ex.slots[t * S + k] = slot }
          }
        }
        let predicted: [Int]
        if margin > 0 || recallMargin > 0 {
          var e = model.emissions(ex.slots, tokenCount: n)
          for t in 0..<n {
            let g = ex.labels[t], cost = margin + (g != 0 ? recallMargin : 0)
            for y in 0..<L where y != g { e[t * L + y] += cost }
          }
          predicted = model.decode(e, pairs: model.pairScores(ex.slots, tokenCount: n), tokenCount: n, withGaps: false).labels
        } else {
          predicted = model.decode(slots: ex.slots, tokenCount: n).labels
        }
        if predicted != ex.labels {
          for t in 0..<n {
            let g = ex.labels[t], p = predicted[t]
            if g != p {
              for k in t * S..<t * S + F {
                let b = Int(ex.slots[k]) * L
                model.weights[b + g] += 1
                acc[b + g] += c
                model.weights[b + p] -= 1
                acc[b + p] -= c
              }
            }
            let gPrev = t == 0 ? L : ex.labels[t - 1], pPrev = t == 0 ? L : predicted[t - 1]
            if gPrev != pPrev || g != p {
              model.transitions[gPrev * L + g] += 1
              accT[gPrev * L + g] += c
              model.transitions[pPrev * L + p] -= 1
              accT[pPrev * L + p] -= c
              if t > 0 {
                for k in t * S + F..<(t + 1) * S {
                  let b = Int(ex.slots[k]) * LL
                  model.edgeWeights[b + gPrev * L + g] += 1
                  accE[b + gPrev * L + g] += c
                  model.edgeWeights[b + pPrev * L + p] -= 1
                  accE[b + pPrev * L + p] -= c
                }
              }
            }
          }
        }
        c += 1
      }
      result = model
      for k in result.weights.indices { result.weights[k] -= acc[k] / c }
      for k in result.transitions.indices { result.transitions[k] -= accT[k] / c }
      for k in result.edgeWeights.indices { result.edgeWeights[k] -= accE[k] / c }
      afterEpoch(epoch, result)
    }
    return result
  }
}

/// SplitMix64: a tiny seeded generator for reproducible shuffles.
public struct SplitMix: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
