import Foundation
import KhabarCore
import Testing

@testable import KhabarTag

@Suite struct CRFTrainerTests {
  /// Forward–backward against the sum over all 9³ label sequences of a three-token sentence:
  /// each token's label marginals and each label pair's.
  @Test func marginalsEqualBruteForce() {
    let L = NERLabels.count, LL = L * L, T = 3
    var rng = SplitMix(seed: 11)
    func r() -> Float { Float(Int(rng.next() % 2001) - 1000) / 400 }
    let e = (0..<T * L).map { _ in r() }
    var p = (0..<T * LL).map { _ in r() }
    for j in 0..<LL { p[j] = 0 }  // no pair into the first token
    let start = (0..<(L + 1) * L).map { _ in r() }
    let scale = 0.7
    var mu = [Double](), xi = [Double]()
    CRFTrainer.marginals(emissions: e, pairs: p, start: start, scale: scale, tokenCount: T, into: &mu, pairs: &xi)

    var z = 0.0
    var unary = [Double](repeating: 0, count: T * L), pair = [Double](repeating: 0, count: T * LL)
    for a in 0..<L {
      for b in 0..<L {
        for c in 0..<L {
          let s = Double(start[LL + a] + e[a]) + Double(p[LL + a * L + b] + e[L + b])
            + Double(p[2 * LL + b * L + c] + e[2 * L + c])
          let w = exp(scale * s)
          z += w
          unary[a] += w; unary[L + b] += w; unary[2 * L + c] += w
          pair[LL + a * L + b] += w; pair[2 * LL + b * L + c] += w
        }
      }
    }
    for k in 0..<T * L { #expect(abs(mu[k] - unary[k] / z) < 1e-6) }
    for k in LL..<T * LL { #expect(abs(xi[k] - pair[k] / z) < 1e-6) }
    for t in 0..<T { #expect(abs(mu[t * L..<(t + 1) * L].reduce(0, +) - 1) < 1e-12) }
  }

  /// A word that is always a person's first word, one that always continues it and one that is never a
  /// name: a few epochs learn them (and the same seed gives the same weights).
  @Test func learnsASeparableToyTask() {
    let F = FeatureExtractor.templateCount, S = FeatureExtractor.slotsPerToken
    let first: Int32 = 3, second: Int32 = 5, other: Int32 = 7
    func example(_ words: [Int32]) -> PerceptronTrainer.Example {
      var slots: [Int32] = []
      for w in words { slots += [Int32](repeating: w, count: F) + [Int32](repeating: 0, count: S - F) }
      let labels = words.map { $0 == first ? 1 : $0 == second ? 2 : 0 }  // B-PER, I-PER, O
      return PerceptronTrainer.Example(slots: slots, labels: labels)
    }
    let data = [example([other, first, second, other]), example([first, second]), example([other, other, first])]
    let trainer = CRFTrainer(slotBits: 10, seed: 3, l2: 0.1, learningRate: 0.1)
    let model = trainer.train(data, epochs: 20)
    for ex in data { #expect(model.decode(slots: ex.slots, tokenCount: ex.labels.count).labels == ex.labels) }
    #expect(trainer.train(data, epochs: 20).weights == model.weights)
  }
}
