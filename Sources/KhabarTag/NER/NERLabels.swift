/// The BIO label set of the NER model: `O`, then `B-`/`I-` for PER, LOC, ORG, MISC.
///
/// Label indices: 0 is `O`; `1 + 2t` is `B-` of type `t`; `2 + 2t` is `I-` of type `t`.
public enum NERLabels {
  public static let types = ["PER", "LOC", "ORG", "MISC"]
  public static let count = 9

  /// The label index of a BIO tag (`PERS` is read as `PER`), or nil if unknown.
  public static func index(ofTag tag: Substring) -> Int? {
    if tag == "O" { return 0 }
    guard tag.count > 2 else { return nil }
    let isBegin = tag.hasPrefix("B-")
    guard isBegin || tag.hasPrefix("I-") else { return nil }
    var name = tag.dropFirst(2)
    if name == "PERS" { name = "PER" }
    guard let t = types.firstIndex(where: { $0 == name }) else { return nil }
    return isBegin ? 1 + 2 * t : 2 + 2 * t
  }

  /// The BIO tag of a label index.
  public static func tag(of label: Int) -> String {
    guard let t = type(of: label) else { return "O" }
    return (isBegin(label) ? "B-" : "I-") + types[t]
  }

  /// The entity type index of a label, or nil for `O`.
  @inline(__always) public static func type(of label: Int) -> Int? { label == 0 ? nil : (label - 1) / 2 }

  @inline(__always) public static func isBegin(_ label: Int) -> Bool { label != 0 && (label - 1) % 2 == 0 }
}

/// An entity as a half-open range of token indices with a type index into `NERLabels.types`.
public struct TokenSpan: Sendable, Equatable, Hashable {
  public var start: Int
  public var end: Int
  public var type: Int
  public init(start: Int, end: Int, type: Int) {
    self.start = start
    self.end = end
    self.type = type
  }
  public var typeName: String { NERLabels.types[type] }
}

extension NERLabels {
  /// The entity spans of a label sequence, by the conlleval/seqeval convention:
  /// an `I-X` that does not continue an `X` span opens a new span.
  public static func spans(_ labels: [Int]) -> [TokenSpan] {
    var spans: [TokenSpan] = []
    var open: TokenSpan?
    for (i, label) in labels.enumerated() {
      guard let t = type(of: label) else {
        if let s = open { spans.append(s) }
        open = nil
        continue
      }
      if var s = open, s.type == t, !isBegin(label) {
        s.end = i + 1
        open = s
      } else {
        if let s = open { spans.append(s) }
        open = TokenSpan(start: i, end: i + 1, type: t)
      }
    }
    if let s = open { spans.append(s) }
    return spans
  }
}
