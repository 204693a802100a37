import KhabarCore

/// Identifiers of names the knowledge base does not hold, derived from the
/// name alone so every document gives the same name the same id without a
/// corpus-wide pass.
public enum NilID {
  /// `nil.<type>.<first 12 hex of SHA-256(type + "|" + name key)>`, where the
  /// key is the match key of the name without its leading article.
  static func make(type: String, key: ArraySlice<UInt32>) -> String {
    var bytes = Array(type.utf8)
    bytes.append(0x7C)  // "|"
    bytes.append(contentsOf: NameKey.string(key).utf8)
    return "nil.\(type).\(SHA256.hex(bytes).prefix(12))"
  }

  /// The id of `name` as a `type` ("person", "place", "org", "misc").
  public static func make(type: String, name: String) -> String {
    let key = NameKey.make(name)
    let lo = NameKey.hasArticle(key, 0..<key.count) ? 2 : 0
    return make(type: type, key: key[lo...])
  }
}
