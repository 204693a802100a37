/// Averaged structured perceptron training of a `LinearChainModel`
/// (Collins 2002), with deterministic seeded shuffling.
public struct PerceptronTrainer {
  public struct Example {
    public var slots: [Int32]
    public var labels: [Int]
  }

  public let slotBits: Int
  public var seed: UInt64

  public init(slotBits: Int, seed: UInt64) {
    self.slotBits = slotBits
    self.seed = seed
  }

  /// Trains for `epochs` passes; after each pass, `afterEpoch` receives the
  /// averaged model so far.
  public func train(_ examples: [Example], epochs: Int, afterEpoch: (Int, LinearChainModel) -> Void = { _, _ in })
    -> LinearChainModel
  {
    let L = LinearChainModel.labelCount, F = FeatureExtractor.templateCount
    var model = LinearChainModel(slotBits: slotBits)
    // Lazy averaging: avg = w − acc / c, where acc sums c·Δ.
    var acc = [Float](repeating: 0, count: model.weights.count)
    var accT = [Float](repeating: 0, count: model.transitions.count)
    var c: Float = 1
    var order = Array(examples.indices)
    var rng = SplitMix(seed: seed)
    var result = model
    for epoch in 1...max(1, epochs) {
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      for index in order {
        let ex = examples[index]
        let n = ex.labels.count
        let predicted = model.decode(model.emissions(ex.slots, tokenCount: n), tokenCount: n)
        if predicted != ex.labels {
          for t in 0..<n {
            let g = ex.labels[t], p = predicted[t]
            if g != p {
              for k in t * F..<(t + 1) * F {
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
            }
          }
        }
        c += 1
      }
      result = model
      for k in result.weights.indices { result.weights[k] -= acc[k] / c }
      for k in result.transitions.indices { result.transitions[k] -= accT[k] / c }
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
