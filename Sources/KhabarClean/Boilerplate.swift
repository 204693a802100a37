/// Whole lines that are scraper or page noise rather than article text.
enum Boilerplate {
  /// The `removed` kind of a cleaned line that is boilerplate, else nil:
  /// `ad` for ad markers (`[ad_1]`, `[ad]`, `إعلان`, `Advertisement`),
  /// `related` for a bare "read also" (`اقرأ أيضا`), `noise` for a line with
  /// no letter or digit at all (`***`, `…`).
  static func kind(of s: [UInt32]) -> String? {
    if isAdMarker(s) { return "ad" }
    if s.count <= 40 {
      let text = Structure.string(s)
      let bare = text.trimmingPunctuation()
      if adWords.contains(bare) { return "ad" }
      if relatedWords.contains(bare) { return "related" }
    }
    if !s.contains(where: { ScalarClass.isLetter($0) || ScalarClass.isDigit($0) }) { return "noise" }
    return nil
  }

  private static let adWords: Set<String> = ["إعلان", "اعلان", "Advertisement", "ADVERTISEMENT", "advertisement"]
  private static let relatedWords: Set<String> = [
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "اقرأ ايضاً", "إقرأ أيضا", "إقرأ أيضاً", "اقرأ المزيد", "Read more",
  ]

  /// `[ad_1]`, `[ad_2]`, `[ad]`, `[ads]` (case-insensitive).
  static func isAdMarker(_ s: [UInt32]) -> Bool {
    guard s.count >= 4, s.count <= 12, s.first == 0x5B, s.last == 0x5D else { return false }
    let inner = s[1..<(s.count - 1)].map { ScalarClass.isLatinLetter($0) ? $0 | 0x20 : $0 }  // lower case
    guard inner.count >= 2, inner[0] == 0x61, inner[1] == 0x64 else { return false }
    var rest = inner.dropFirst(2)
    if rest.first == 0x73 { rest = rest.dropFirst() }
    if rest.first == 0x5F || rest.first == 0x2D || rest.first == 0x20 { rest = rest.dropFirst() }
    return rest.allSatisfy { (0x30...0x39).contains($0) }
  }
}

extension String {
  /// The string without leading and trailing punctuation and spaces.
  fileprivate func trimmingPunctuation() -> String {
    let scalars = Array(unicodeScalars)
    func isEdge(_ u: Unicode.Scalar) -> Bool {
      u == " " || u.properties.generalCategory.isPunctuation
    }
    guard let first = scalars.firstIndex(where: { !isEdge($0) }),
      let last = scalars.lastIndex(where: { !isEdge($0) })
    else { return "" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[first...last])
    return String(view)
  }
}

extension Unicode.GeneralCategory {
  fileprivate var isPunctuation: Bool {
    switch self {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      true
    default: false
    }
  }
}
