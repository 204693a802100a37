/// Indentation for element-only containers. Mixed content (`p`, `s`, names)
/// is never indented: whitespace there is data.
extension XMLTree {
  private static let indents: [String] = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

  static func newline(_ depth: Int) -> String { indents[min(depth, indents.count - 1)] }

  /// Appends child `name` on a new line indented to `depth`.
  @discardableResult
  func line(_ name: String, in parent: XMLNode, depth: Int) -> XMLNode {
    text(Self.newline(depth), in: parent)
    return element(name, in: parent)
  }

  /// Appends child `name` holding `text`, on a new line indented to `depth`.
  @discardableResult
  func line(_ name: String, text value: String, in parent: XMLNode, depth: Int) -> XMLNode {
    text(Self.newline(depth), in: parent)
    return element(name, text: value, in: parent)
  }

  /// Puts the closing tag of `parent` (whose children are at `depth`) on its own line.
  func close(_ parent: XMLNode, depth: Int) {
    text(Self.newline(depth - 1), in: parent)
  }
}
