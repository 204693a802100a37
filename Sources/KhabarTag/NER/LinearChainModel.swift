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
    edgeWeights.withUnsafeBufferPointer { ew in
      ChainScores.pairScores(slots, tokenCount: n, transitions: transitions,
                             edgeWeights: DenseRows(values: ew.baseAddress!, width: Self.labelCount * Self.labelCount))
    }
  }

  /// The best label sequence for a sentence's feature slots.
  public func decode(slots: [Int32], tokenCount n: Int, withGaps: Bool = false) -> (labels: [Int], gaps: [Float]) {
    decode(emissions(slots, tokenCount: n), pairs: pairScores(slots, tokenCount: n), tokenCount: n, withGaps: withGaps)
  }

  /// Per-token label scores from feature slots (`FeatureExtractor.templateCount` per token).
  public func emissions(_ slots: [Int32], tokenCount n: Int) -> [Float] {
    weights.withUnsafeBufferPointer { w in
      ChainScores.emissions(slots, tokenCount: n, weights: DenseRows(values: w.baseAddress!, width: Self.labelCount),
                            outsideBias: outsideBias)
    }
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

  /// The best label sequence and, if asked, each token's score gap (see `Viterbi.decode`).
  public func decode(_ emissions: [Float], pairs: [Float], tokenCount n: Int, withGaps: Bool) -> (labels: [Int], gaps: [Float]) {
    Viterbi.decode(emissions, pairs: pairs, transitions: transitions, tokenCount: n, withGaps: withGaps)
  }

  /// A score gap squashed to [0, 1): `1 − exp(−gap / certScale)`.
  public func confidence(gap: Float) -> Double {
    ChainScores.confidence(gap: gap, certScale: certScale)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
