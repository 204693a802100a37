/// Viterbi decoding of a linear chain over BIO labels, shared by the dense
/// training model and the compact tagging model.
public enum Viterbi {
  /// The best label sequence and, if asked, each token's score gap: the best
  /// sequence's score minus the best score of any sequence that gives this
  /// token another label (max-marginals from a forward and a backward pass).
  /// `pairs` holds `t * L² + previous * L + label` scores into every token after the first;
  /// `transitions` is the base table; its row `L` scores the first token's label.
  public static func decode(_ emissions: [Float], pairs: [Float], transitions: [Float], tokenCount n: Int, withGaps: Bool)
    -> (labels: [Int], gaps: [Float])
  {
    let L = NERLabels.count, LL = L * L
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
                // For each label y, the best previous label p (the first of equals), with p in the outer loop
                // so that the inner one runs over the consecutive scores into every y.
                for y in 0..<L { a[t * L + y] = -Float.infinity }
                for p in 0..<L {
                  let previous = a[(t - 1) * L + p]
                  for y in 0..<L {
                    let v = previous + pr[t * LL + p * L + y]
                    if v > a[t * L + y] {
                      a[t * L + y] = v
                      bk[t * L + y] = Int32(p)
                    }
                  }
                }
                for y in 0..<L { a[t * L + y] += em[t * L + y] }
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
      beta.withUnsafeMutableBufferPointer { b in
        pairs.withUnsafeBufferPointer { pr in
          emissions.withUnsafeBufferPointer { em in
            for t in stride(from: n - 2, through: 0, by: -1) {
              for y in 0..<L {
                var best = -Float.infinity
                for m in 0..<L {
                  let v = pr[(t + 1) * LL + y * L + m] + em[(t + 1) * L + m] + b[(t + 1) * L + m]
                  if v > best { best = v }
                }
                b[t * L + y] = best
              }
            }
          }
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
}
