#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conditional-likelihood training of a `LinearChainModel` (a linear-chain
/// CRF: Lafferty, McCallum & Pereira 2001) by stochastic gradient descent with
/// an L2 penalty (Bottou's SGD for CRFs), seeded shuffles, deterministic.
///
/// Why try it: the perceptron stops learning from a sentence once it is
/// tagged right, so of two features that predict a label (the word itself and
/// its gazetteer entry) the one that learned first keeps the weight, while the
/// penalised likelihood spreads weight over correlated features. The model,
/// its features and its decoding are the perceptron's: only the weights
/// differ. The weights returned are averaged over the iterates (snapshots ten
/// times an epoch). Measured on five dev blocks (`data/models/README.md`): as
/// good as the perceptron, not better, so `khabar-train` keeps the perceptron
/// by default (`--objective crf` trains this one).
public struct CRFTrainer: SequenceTrainer {
  public let slotBits: Int
  public var seed: UInt64
  /// λ of the objective Σ −log p(gold) + λ/2 ‖w‖² (over all of train).
  public var l2: Double
  /// The first step size; step k (examples seen) takes `learningRate / (1 + k / examples)`.
  public var learningRate: Double

  public init(slotBits: Int, seed: UInt64, l2: Double = 0.2, learningRate: Double = 0.05) {
    self.slotBits = slotBits
    self.seed = seed
    self.l2 = l2
    self.learningRate = learningRate
  }

  public func train(_ examples: [PerceptronTrainer.Example], epochs: Int,
                    afterEpoch: (Int, LinearChainModel) -> Void = { _, _ in }) -> LinearChainModel
  {
    let L = LinearChainModel.labelCount, LL = L * L
    let F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    // The weights are `scale · v`: the L2 shrinking of every weight at every step is one multiplication.
    var v = LinearChainModel(slotBits: slotBits)
    var scale = 1.0
    let n = Double(max(1, examples.count))
    var order = Array(examples.indices)
    var rng = SplitMix(seed: seed)
    var step = 0.0
    var result = v
    var marginals = [Double](), pairMarginals = [Double]()
    // One token's step for each label, and for each label pair.
    var labelStep = [Float](repeating: 0, count: L), pairStep = [Float](repeating: 0, count: LL)
    // The weights returned are the mean of snapshots taken ten times an epoch from the second half of the
    // first epoch on (averaged SGD): the last iterate of SGD is noisy (±1 F1 from epoch to epoch on dev).
    var sum = LinearChainModel(slotBits: slotBits), snapshots = 0
    let every = max(1, examples.count / 10)
    for epoch in 1...max(1, epochs) {
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      for index in order {
        let ex = examples[index]
        let T = ex.labels.count
        guard T > 0 else { continue }
        let eta = learningRate / (1 + step / n)
        step += 1
        if Int(step) % every == 0 && step >= n / 2 {
          Self.add(v, times: Float(scale), to: &sum)
          snapshots += 1
        }
        scale *= 1 - eta * l2 / n
        if scale < 1e-4 {
          Self.rescale(&v, by: Float(scale))
          scale = 1
        }
        let emissions = v.emissions(ex.slots, tokenCount: T)
        let pairs = v.pairScores(ex.slots, tokenCount: T)
        Self.marginals(emissions: emissions, pairs: pairs, start: v.transitions, scale: scale, tokenCount: T,
                       into: &marginals, pairs: &pairMarginals)
        let rate = Float(eta / scale)
        v.weights.withUnsafeMutableBufferPointer { w in
          for t in 0..<T {
            for y in 0..<L { labelStep[y] = rate * Float(marginals[t * L + y] - (ex.labels[t] == y ? 1 : 0)) }
            for k in t * S..<t * S + F {
              let b = Int(ex.slots[k]) * L
              for y in 0..<L { w[b + y] -= labelStep[y] }
            }
          }
        }
        for y in 0..<L { v.transitions[LL + y] -= rate * Float(marginals[y] - (ex.labels[0] == y ? 1 : 0)) }
        guard T > 1 else { continue }
        v.edgeWeights.withUnsafeMutableBufferPointer { ew in
          for t in 1..<T {
            let gold = ex.labels[t - 1] * L + ex.labels[t]
            for j in 0..<LL { pairStep[j] = rate * Float(pairMarginals[t * LL + j] - (j == gold ? 1 : 0)) }
            for j in 0..<LL { v.transitions[j] -= pairStep[j] }
            for k in t * S + F..<(t + 1) * S {
              let b = Int(ex.slots[k]) * LL
              for j in 0..<LL { ew[b + j] -= pairStep[j] }
            }
          }
        }
      }
      if snapshots > 0 {
        result = sum
        Self.rescale(&result, by: 1 / Float(snapshots))
      } else {
        result = v
        Self.rescale(&result, by: Float(scale))
      }
      afterEpoch(epoch, result)
    }
    return result
  }

  /// `sum += s · m`, every weight.
  static func add(_ m: LinearChainModel, times s: Float, to sum: inout LinearChainModel) {
    for k in m.weights.indices { sum.weights[k] += s * m.weights[k] }
    for k in m.transitions.indices { sum.transitions[k] += s * m.transitions[k] }
    for k in m.edgeWeights.indices { sum.edgeWeights[k] += s * m.edgeWeights[k] }
  }

  static func rescale(_ m: inout LinearChainModel, by s: Float) {
    for k in m.weights.indices { m.weights[k] *= s }
    for k in m.transitions.indices { m.transitions[k] *= s }
    for k in m.edgeWeights.indices { m.edgeWeights[k] *= s }
  }

  /// Forward–backward in log space: each token's label marginals (`t * L + y`) and, for t ≥ 1, each label
  /// pair's (`t * L² + previous * L + label`), under scores `scale ·` (emissions, pairs, start row of `start`).
  static func marginals(emissions e: [Float], pairs p: [Float], start: [Float], scale: Double, tokenCount T: Int,
                        into mu: inout [Double], pairs xi: inout [Double])
  {
    let L = LinearChainModel.labelCount, LL = L * L
    var alpha = [Double](repeating: 0, count: T * L), beta = [Double](repeating: 0, count: T * L)
    for y in 0..<L { alpha[y] = scale * Double(e[y] + start[LL + y]) }
    var column = [Double](repeating: 0, count: L)
    for t in 1..<max(1, T) {
      for y in 0..<L {
        for q in 0..<L { column[q] = alpha[(t - 1) * L + q] + scale * Double(p[t * LL + q * L + y]) }
        alpha[t * L + y] = logSumExp(column) + scale * Double(e[t * L + y])
      }
    }
    for t in stride(from: T - 2, through: 0, by: -1) {
      for q in 0..<L {
        for y in 0..<L {
          column[y] = scale * Double(p[(t + 1) * LL + q * L + y]) + scale * Double(e[(t + 1) * L + y]) + beta[(t + 1) * L + y]
        }
        beta[t * L + q] = logSumExp(column)
      }
    }
    let logZ = logSumExp(Array(alpha[(T - 1) * L..<T * L]))
    mu = [Double](repeating: 0, count: T * L)
    for k in 0..<T * L { mu[k] = exp(alpha[k] + beta[k] - logZ) }
    xi = [Double](repeating: 0, count: T * LL)
    for t in 1..<max(1, T) {
      for q in 0..<L {
        for y in 0..<L {
          let s = alpha[(t - 1) * L + q] + scale * Double(p[t * LL + q * L + y]) + scale * Double(e[t * L + y]) + beta[t * L + y]
          xi[t * LL + q * L + y] = exp(s - logZ)
        }
      }
    }
  }

  static func logSumExp(_ v: [Double]) -> Double {
    let m = v.max() ?? -.infinity
    guard m.isFinite else { return m }
    var s = 0.0
    for x in v { s += exp(x - m) }
    return m + log(s)
  }
}
