/// Strings in first-seen order without repeats, equal meaning `==` (as in a
/// `Set<String>`). A linear scan while there are few: hashing a non-ASCII
/// String normalises it, which costs more than comparing a handful; a set
/// once there are many.
struct UniqueStrings {
  private(set) var ordered: [String] = []
  private var index: Set<String>?
  private static let linearLimit = 16

  /// Adds `s` unless an equal string is already there; true when added.
  @discardableResult
  mutating func insert(_ s: String) -> Bool {
    if index != nil {
      guard index!.insert(s).inserted else { return false }
    } else {
      guard !ordered.contains(s) else { return false }
      if ordered.count == Self.linearLimit { index = Set(ordered + [s]) }
    }
    ordered.append(s)
    return true
  }
}
