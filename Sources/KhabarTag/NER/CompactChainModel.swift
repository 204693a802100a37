/// The tagging form of a model file: the scores `LinearChainModel(serialized:)`
/// gives, read in place from the mapped file, which holds only the weight rows
/// that are not zero (about 140,000 of the 2^20 feature slots). Loading reads
/// the header; the pages of weights are read from the page cache as features
/// touch them, instead of ~60 MB of dense rows per model. Read-only; training
/// works on the dense `LinearChainModel`.
public struct CompactChainModel: Sendable {
  public static let labelCount = NERLabels.count
  /// `1 << slotBits` feature slots.
  public let slotBits: Int
  /// Row `slot`: the slot's score for each label.
  public let weights: SparseRows
  /// `previous * labelCount + label`; previous `labelCount` is the sentence start.
  public let transitions: [Float]
  /// Row `edgeSlot`: `previous * labelCount + label` label-pair weights of an edge feature.
  public let edgeWeights: SparseRows
  /// Subtracted from every token's `O` score.
  public let outsideBias: Float
  /// The score gap that maps to a confidence of 1 − 1/e (see `confidence`).
  public let certScale: Float

  init(slotBits: Int, weights: SparseRows, transitions: [Float], edgeWeights: SparseRows, outsideBias: Float,
       certScale: Float)
  {
    self.slotBits = slotBits
    self.weights = weights
    self.transitions = transitions
    self.edgeWeights = edgeWeights
    self.outsideBias = outsideBias
    self.certScale = certScale
  }

  /// Per-token label scores from feature slots (`FeatureExtractor.templateCount` per token).
  public func emissions(_ slots: [Int32], tokenCount n: Int) -> [Float] {
    weights.withReader { ChainScores.emissions(slots, tokenCount: n, weights: $0, outsideBias: outsideBias) }
  }

  /// Label-pair scores into every token after the first: `t * L² + previous * L + label`.
  public func pairScores(_ slots: [Int32], tokenCount n: Int) -> [Float] {
    edgeWeights.withReader { ChainScores.pairScores(slots, tokenCount: n, transitions: transitions, edgeWeights: $0) }
  }

  /// The best label sequence for a sentence's feature slots and, if asked, each token's score gap.
  public func decode(slots: [Int32], tokenCount n: Int, withGaps: Bool = false) -> (labels: [Int], gaps: [Float]) {
    Viterbi.decode(emissions(slots, tokenCount: n), pairs: pairScores(slots, tokenCount: n), transitions: transitions,
                   tokenCount: n, withGaps: withGaps)
  }

  /// A score gap squashed to [0, 1): `1 − exp(−gap / certScale)`.
  public func confidence(gap: Float) -> Double {
    ChainScores.confidence(gap: gap, certScale: certScale)
  }
}
