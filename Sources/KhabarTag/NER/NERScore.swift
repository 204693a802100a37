/// Exact-span precision, recall and F1 per type and micro-averaged
/// (conlleval/seqeval span convention, see `NERLabels.spans`).
public struct NERScore: Sendable {
  public var truePositives = [Int](repeating: 0, count: NERLabels.types.count)
  public var predicted = [Int](repeating: 0, count: NERLabels.types.count)
  public var gold = [Int](repeating: 0, count: NERLabels.types.count)

  public init() {}

  public mutating func add(gold goldLabels: [Int], predicted predictedLabels: [Int]) {
    let g = Set(NERLabels.spans(goldLabels)), p = NERLabels.spans(predictedLabels)
    for s in g { gold[s.type] += 1 }
    for s in p {
      predicted[s.type] += 1
      if g.contains(s) { truePositives[s.type] += 1 }
    }
  }

  /// (precision, recall, F1) in percent for type index `type`, or micro-averaged when nil.
  public func prf(_ type: Int? = nil) -> (precision: Double, recall: Double, f1: Double) {
    let tp = type.map { truePositives[$0] } ?? truePositives.reduce(0, +)
    let pr = type.map { predicted[$0] } ?? predicted.reduce(0, +)
    let gd = type.map { gold[$0] } ?? gold.reduce(0, +)
    let p = pr > 0 ? Double(tp) / Double(pr) : 0
    let r = gd > 0 ? Double(tp) / Double(gd) : 0
    let f = p + r > 0 ? 2 * p * r / (p + r) : 0
    return (100 * p, 100 * r, 100 * f)
  }
}
