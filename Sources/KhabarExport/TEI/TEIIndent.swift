/// Indentation for element-only containers. Mixed content (`p`, `s`, names)
/// is never indented: whitespace there is data.
extension XMLWriter {
  /// Starts child `name` on a new line indented to `depth`.
  mutating func line(_ name: StaticString, depth: Int) {
    newline(indent: depth)
    start(name)
  }

  /// Writes child `name` holding `text`, on a new line indented to `depth`.
  mutating func line(_ name: StaticString, text value: String, depth: Int) {
    line(name, depth: depth)
    text(value)
    end()
  }

  /// Puts the end tag of the current element (whose children are at
  /// `depth`) on its own line.
  mutating func close(depth: Int) {
    newline(indent: depth - 1)
    end()
  }
}
