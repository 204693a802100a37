#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scores a linear-chain model gives a sentence's feature slots, for any
/// layout of the weight rows (dense for training, sparse for tagging): the
/// same additions in the same order, so both layouts give the same Floats.
enum ChainScores {
  /// Per-token label scores: the sum of the rows of the token's `FeatureExtractor.templateCount` label
  /// features, minus `outsideBias` on `O`.
  @inline(__always)
  static func emissions(_ slots: [Int32], tokenCount n: Int, weights w: some WeightRows, outsideBias: Float) -> [Float] {
    let L = NERLabels.count, F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    var e = [Float](repeating: 0, count: n * L)
    let v = w.values
    // Where every label feature's row starts, for the whole sentence first: these loads do not wait on one
    // another, so their cache misses overlap, and the sums below then wait only on the rows' weights.
    var rows = [Int](repeating: 0, count: n * F)
    slots.withUnsafeBufferPointer { f in
      rows.withUnsafeMutableBufferPointer { r in
        for t in 0..<n {
          for j in 0..<F { r[t * F + j] = w.offset(ofRow: Int(f[t * S + j])) }
        }
      }
    }
    rows.withUnsafeBufferPointer { r in
      e.withUnsafeMutableBufferPointer { out in
        for t in 0..<n {
          var acc = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
          for k in t * F..<t * F + F {
            let b = v + r[k]
            acc.0 += b[0]; acc.1 += b[1]; acc.2 += b[2]
            acc.3 += b[3]; acc.4 += b[4]; acc.5 += b[5]
            acc.6 += b[6]; acc.7 += b[7]; acc.8 += b[8]
          }
          let o = t * L
          out[o] = acc.0 - outsideBias; out[o + 1] = acc.1; out[o + 2] = acc.2
          out[o + 3] = acc.3; out[o + 4] = acc.4; out[o + 5] = acc.5
          out[o + 6] = acc.6; out[o + 7] = acc.7; out[o + 8] = acc.8
        }
      }
    }
    return e
  }

  /// Label-pair scores into every token after the first: `t * L² + previous * L + label`
  /// (base transitions plus the rows of the token's edge features).
  @inline(__always)
  static func pairScores(_ slots: [Int32], tokenCount n: Int, transitions: [Float], edgeWeights ew: some WeightRows)
    -> [Float]
  {
    let L = NERLabels.count, LL = L * L, S = FeatureExtractor.slotsPerToken, F = FeatureExtractor.templateCount
    var out = [Float](repeating: 0, count: n * LL)
    guard n > 1 else { return out }
    transitions.withUnsafeBufferPointer { trBuffer in
      slots.withUnsafeBufferPointer { f in
        out.withUnsafeMutableBufferPointer { oBuffer in
          guard let tr = trBuffer.baseAddress, let o = oBuffer.baseAddress else { return }
          for t in 1..<n {
            let row = o + t * LL
            row.update(from: tr, count: LL)
            for k in t * S + F..<(t + 1) * S {
              let src = ew.values + ew.offset(ofRow: Int(f[k]))
              for j in 0..<LL { row[j] += src[j] }
            }
          }
        }
      }
    }
    return out
  }

  /// A score gap squashed to [0, 1): `1 − exp(−gap / certScale)`.
  static func confidence(gap: Float, certScale: Float) -> Double {
    Double(1 - expf(-gap / max(certScale, 1e-6)))
  }
}
