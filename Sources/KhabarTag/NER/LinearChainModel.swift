/// A linear-chain model over BIO labels: hashed feature weights plus label
/// transitions, decoded with Viterbi.
public struct LinearChainModel: Sendable {
  public static let labelCount = NERLabels.count
  /// `1 << slotBits` feature slots.
  public let slotBits: Int
  /// `slot * labelCount + label`.
  public var weights: [Float]
  /// `previous * labelCount + label`; previous `labelCount` is the sentence start.
  public var transitions: [Float]
  /// `edgeSlot * labelCount² + previous * labelCount + label`: label-pair weights of edge features.
  public var edgeWeights: [Float]
  /// Subtracted from every token's `O` score: trades precision for recall (chosen on dev).
  public var outsideBias: Float = 0
  /// The score gap that maps to a confidence of 1 − 1/e (see `confidence`).
  public var certScale: Float

  public init(slotBits: Int) {
    self.slotBits = slotBits
    weights = [Float](repeating: 0, count: (1 << slotBits) * Self.labelCount)
    transitions = [Float](repeating: 0, count: (Self.labelCount + 1) * Self.labelCount)
    edgeWeights = [Float](repeating: 0, count: (1 << FeatureExtractor.edgeBits) * Self.labelCount * Self.labelCount)
    certScale = 1
  }

  init(slotBits: Int, weights: [Float], transitions: [Float], edgeWeights: [Float], certScale: Float) {
    self.slotBits = slotBits
    self.weights = weights
    self.transitions = transitions
    self.edgeWeights = edgeWeights
    self.certScale = certScale
  }

  /// Label-pair scores into every token after the first: `t * L² + previous * L + label`
  /// (base transitions plus the token's edge features).
  public func pairScores(_ slots: [Int32], tokenCount n: Int) -> [Float] {
    let L = Self.labelCount, LL = L * L, S = FeatureExtractor.slotsPerToken, F = FeatureExtractor.templateCount
    var out = [Float](repeating: 0, count: n * LL)
    guard n > 1 else { return out }
    edgeWeights.withUnsafeBufferPointer { ewBuffer in
      transitions.withUnsafeBufferPointer { trBuffer in
        slots.withUnsafeBufferPointer { f in
          out.withUnsafeMutableBufferPointer { oBuffer in
            guard let ew = ewBuffer.baseAddress, let tr = trBuffer.baseAddress, let o = oBuffer.baseAddress else { return }
            for t in 1..<n {
              let row = o + t * LL
              row.update(from: tr, count: LL)
              for k in t * S + F..<(t + 1) * S {
                let src = ew + Int(f[k]) * LL
                for j in 0..<LL { row[j] += src[j] }
              }
            }
          }
        }
      }
    }
    return out
  }

  /// The best label sequence for a sentence's feature slots.
  public func decode(slots: [Int32], tokenCount n: Int, withGaps: Bool = false) -> (labels: [Int], gaps: [Float]) {
    decode(emissions(slots, tokenCount: n), pairs: pairScores(slots, tokenCount: n), tokenCount: n, withGaps: withGaps)
  }

  /// Per-token label scores from feature slots (`FeatureExtractor.templateCount` per token).
  public func emissions(_ slots: [Int32], tokenCount n: Int) -> [Float] {
    let L = Self.labelCount, F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    var e = [Float](repeating: 0, count: n * L)
    weights.withUnsafeBufferPointer { w in
      slots.withUnsafeBufferPointer { f in
        e.withUnsafeMutableBufferPointer { out in
          for t in 0..<n {
            var acc = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
            for k in t * S..<t * S + F {
              let b = Int(f[k]) * L
              acc.0 += w[b]; acc.1 += w[b + 1]; acc.2 += w[b + 2]
              acc.3 += w[b + 3]; acc.4 += w[b + 4]; acc.5 += w[b + 5]
              acc.6 += w[b + 6]; acc.7 += w[b + 7]; acc.8 += w[b + 8]
            }
            let o = t * L
            out[o] = acc.0 - outsideBias; out[o + 1] = acc.1; out[o + 2] = acc.2
            out[o + 3] = acc.3; out[o + 4] = acc.4; out[o + 5] = acc.5
            out[o + 6] = acc.6; out[o + 7] = acc.7; out[o + 8] = acc.8
          }
        }
      }
    }
    return e
  }

  /// The best label sequence (Viterbi) with the base transitions only.
  public func decode(_ emissions: [Float], tokenCount n: Int) -> [Int] {
    decode(emissions, tokenCount: n, withGaps: false).labels
  }

  public func decode(_ emissions: [Float], tokenCount n: Int, withGaps: Bool) -> (labels: [Int], gaps: [Float]) {
    let LL = Self.labelCount * Self.labelCount
    var pairs = [Float](repeating: 0, count: n * LL)
    for t in 1..<max(1, n) { for j in 0..<LL { pairs[t * LL + j] = transitions[j] } }
    return decode(emissions, pairs: pairs, tokenCount: n, withGaps: withGaps)
  }

  /// The best label sequence and, if asked, each token's score gap: the best
  /// sequence's score minus the best score of any sequence that gives this
  /// token another label (max-marginals from a forward and a backward pass).
  public func decode(_ emissions: [Float], pairs: [Float], tokenCount n: Int, withGaps: Bool) -> (labels: [Int], gaps: [Float]) {
    let L = Self.labelCount, LL = L * L
    guard n > 0 else { return ([], []) }
    var alpha = [Float](repeating: 0, count: n * L)
    var back = [Int32](repeating: 0, count: n * L)
    for y in 0..<L { alpha[y] = emissions[y] + transitions[L * L + y] }
    if n > 1 {
      alpha.withUnsafeMutableBufferPointer { a in
        back.withUnsafeMutableBufferPointer { bk in
          pairs.withUnsafeBufferPointer { pr in
            emissions.withUnsafeBufferPointer { em in
              for t in 1..<n {
                for y in 0..<L {
                  var best = -Float.infinity
                  var arg = 0
                  for p in 0..<L {
                    let v = a[(t - 1) * L + p] + pr[t * LL + p * L + y]
                    if v > best {
                      best = v
                      arg = p
                    }
                  }
                  a[t * L + y] = best + em[t * L + y]
                  bk[t * L + y] = Int32(arg)
                }
              }
            }
          }
        }
      }
    }
    var labels = [Int](repeating: 0, count: n)
    var last = 0
    for y in 1..<L where alpha[(n - 1) * L + y] > alpha[(n - 1) * L + last] { last = y }
    labels[n - 1] = last
    var t = n - 1
    while t > 0 {
      labels[t - 1] = Int(back[t * L + labels[t]])
      t -= 1
    }
    guard withGaps else { return (labels, []) }

    var beta = [Float](repeating: 0, count: n * L)
    if n > 1 {
      for t in stride(from: n - 2, through: 0, by: -1) {
        for y in 0..<L {
          var best = -Float.infinity
          for m in 0..<L {
            let v = pairs[(t + 1) * LL + y * L + m] + emissions[(t + 1) * L + m] + beta[(t + 1) * L + m]
            if v > best { best = v }
          }
          beta[t * L + y] = best
        }
      }
    }
    var gaps = [Float](repeating: 0, count: n)
    for t in 0..<n {
      let chosen = alpha[t * L + labels[t]] + beta[t * L + labels[t]]
      var other = -Float.infinity
      for y in 0..<L where y != labels[t] { other = max(other, alpha[t * L + y] + beta[t * L + y]) }
      gaps[t] = max(0, chosen - other)
    }
    return (labels, gaps)
  }

  /// A score gap squashed to [0, 1): `1 − exp(−gap / certScale)`.
  public func confidence(gap: Float) -> Double {
    Double(1 - expf(-gap / max(certScale, 1e-6)))
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
