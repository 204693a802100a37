import KhabarCore

/// Identifiers of names the knowledge base does not hold, derived from the
/// name alone so every document gives the same name the same id without a
/// corpus-wide pass.
public enum NilID {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// `nil.<type>.<first 12 hex of SHA-256(type + "|" + name key)>`, where the
  /// key is the name's `ArabicText.matchKey` without its leading article (and
  /// with whitespace runs collapsed and edge punctuation dropped, as everywhere
  /// in the linker).
  static func make(type: String, key: ArraySlice<UInt32>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(type.utf8.count + 1 + key.count * 2)
    bytes.append(contentsOf: type.utf8)
    bytes.append(0x7C)  // "|"
    for v in key { ScalarUTF8.append(v, to: &bytes) }
    let digest = SHA256.hash(bytes)
    var id: [UInt8] = []
    id.reserveCapacity(type.utf8.count + 17)
    id.append(contentsOf: "nil.".utf8)
    id.append(contentsOf: type.utf8)
    id.append(UInt8(ascii: "."))
    for b in digest.prefix(6) {
      id.append(hexDigits[Int(b >> 4)])
      id.append(hexDigits[Int(b & 0x0F)])
    }
    return String(decoding: id, as: UTF8.self)
  }

  /// The id of `name` as a `type` ("person", "place", "org", "misc").
  public static func make(type: String, name: String) -> String {
    let key = NameKey.make(name)
    let lo = NameKey.hasArticle(key, 0..<key.count) ? 2 : 0
    return make(type: type, key: key[lo...])
  }
}
