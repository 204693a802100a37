import KhabarCore

extension Spans {
  /// Span `i`, or nil when it is reversed or negative (upstream data is
  /// never trusted to be well-formed; `self[i]` would trap on it).
  func checked(_ i: Int) -> Range<Int>? {
    let lo = flat[2 * i], hi = flat[2 * i + 1]
    return lo >= 0 && lo <= hi ? lo..<hi : nil
  }
}
