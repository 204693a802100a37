#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPrefetch

/// The scores a linear-chain model gives a sentence's feature slots, for any
/// layout of the weight rows (dense for training, sparse for tagging): the
/// same additions in the same order, so both layouts give the same Floats.
enum ChainScores {
  /// Per-token label scores: the sum of the rows of the token's `FeatureExtractor.templateCount` label
  /// features, minus `outsideBias` on `O`.
  @inline(__always)
  static func emissions(_ slots: [Int32], tokenCount n: Int, weights w: some WeightRows, outsideBias: Float) -> [Float] {
    let L = NERLabels.count, F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    let v = w.values
    // Where every label feature's row starts, for the whole sentence first, prefetching every slot's
    // directory entry and then each row as its offset is known: the misses overlap (8 % less time for the
    // tag stage than the loads alone), and the sums below wait only on the rows' weights.
    // (Both arrays are written whole, so they are not zeroed first.)
    let rows = [Int](unsafeUninitializedCapacity: n * F) { r, count in
      slots.withUnsafeBufferPointer { f in
        for t in 0..<n {
          for j in 0..<F { w.prefetchRow(Int(f[t * S + j])) }
        }
        for t in 0..<n {
          for j in 0..<F {
            let offset = w.offset(ofRow: Int(f[t * S + j]))
            khabar_prefetch(v + offset)
            r.initializeElement(at: t * F + j, to: offset)
          }
        }
      }
      count = n * F
    }
    return [Float](unsafeUninitializedCapacity: n * L) { out, count in
      rows.withUnsafeBufferPointer { r in
        for t in 0..<n {
          var acc = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
          for k in t * F..<t * F + F {
            let b = v + r[k]
            acc.0 += b[0]; acc.1 += b[1]; acc.2 += b[2]
            acc.3 += b[3]; acc.4 += b[4]; acc.5 += b[5]
            acc.6 += b[6]; acc.7 += b[7]; acc.8 += b[8]
          }
          let o = t * L
          out.initializeElement(at: o, to: acc.0 - outsideBias)
          out.initializeElement(at: o + 1, to: acc.1); out.initializeElement(at: o + 2, to: acc.2)
          out.initializeElement(at: o + 3, to: acc.3); out.initializeElement(at: o + 4, to: acc.4)
          out.initializeElement(at: o + 5, to: acc.5); out.initializeElement(at: o + 6, to: acc.6)
          out.initializeElement(at: o + 7, to: acc.7); out.initializeElement(at: o + 8, to: acc.8)
        }
      }
      count = n * L
    }
  }

  /// Label-pair scores into every token after the first: `t * L² + previous * L + label`
  /// (base transitions plus the rows of the token's edge features).
  @inline(__always)
  static func pairScores(_ slots: [Int32], tokenCount n: Int, transitions: [Float], edgeWeights ew: some WeightRows)
    -> [Float]
  {
    let L = NERLabels.count, LL = L * L, S = FeatureExtractor.slotsPerToken, F = FeatureExtractor.templateCount
    guard n > 1 else { return [Float](repeating: 0, count: n * LL) }
    // Row 0 is zeros; every other row starts as a copy of the transitions, so nothing is zeroed twice.
    return [Float](unsafeUninitializedCapacity: n * LL) { oBuffer, count in
      transitions.withUnsafeBufferPointer { trBuffer in
        slots.withUnsafeBufferPointer { f in
          guard let tr = trBuffer.baseAddress, let o = oBuffer.baseAddress, trBuffer.count >= LL else {
            preconditionFailure("a model's transitions hold at least L² scores")
          }
          o.initialize(repeating: 0, count: LL)
          for t in 1..<n {
            let row = o + t * LL
            row.initialize(from: tr, count: LL)
            for k in t * S + F..<(t + 1) * S {
              // Most edge features have no weights (~1,500 of 65,536 rows are kept): adding the sparse
              // layout's zero row would change nothing, so it is skipped (a dense layout has none).
              let offset = ew.offset(ofRow: Int(f[k]))
              if offset == 0 && ew.zeroRowFirst { continue }
              let src = ew.values + offset
              for j in 0..<LL { row[j] += src[j] }
            }
          }
        }
      }
      count = n * LL
    }
  }

  /// A score gap squashed to [0, 1): `1 − exp(−gap / certScale)`.
  static func confidence(gap: Float, certScale: Float) -> Double {
    Double(1 - expf(-gap / max(certScale, 1e-6)))
  }
}
