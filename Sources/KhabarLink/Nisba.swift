import KhabarCore

/// Nationality adjectives (nisbas) that may trail a name, with their country (see `Nationality`).
enum Nisba {
  private static let table: [UInt64: UInt16] = {
    var t: [UInt64: UInt16] = [:]
    for (stem, code) in Nationality.stems { t[NameKey.hash(NameKey.make(stem))] = CandidateIndex.packCountry(code) }
    return t
  }()

  /// Every country that has a nisba, in list order without repeats.
  static let countries: [UInt16] = {
    var seen: [UInt16] = []
    for (_, code) in Nationality.stems where !seen.contains(CandidateIndex.packCountry(code)) {
      seen.append(CandidateIndex.packCountry(code))
    }
    return seen
  }()

  /// The nisba forms of a country in every spelling (الأميركية، الأمريكية), feminine first (وزارة, قوات …),
  /// each with the article.
  static func forms(of country: UInt16) -> [[UInt32]] {
    let al = [NameKey.alef, NameKey.lam]
    return (stems[country] ?? []).flatMap { stem in [al + stem + [NameKey.heh], al + stem] }
  }

  private static let stems: [UInt16: [[UInt32]]] = {
    var t: [UInt16: [[UInt32]]] = [:]
    for (stem, code) in Nationality.stems { t[CandidateIndex.packCountry(code), default: []].append(NameKey.make(stem)) }
    return t
  }()

  /// The country of a nisba word such as العراقية or السوري, else nil.
  static func country(_ key: [UInt32], _ word: Range<Int>) -> UInt16? {
    guard let stem = Nationality.stemRange(key, word) else { return nil }
    return table[NameKey.hash(prefix: .none, key, stem)]
  }

  /// True for a word shaped like a nisba (ال + stem ending in ي, + ة): الشيعي, السنية, العراقي.
  static func isAdjective(_ key: [UInt32], _ word: Range<Int>) -> Bool {
    Nationality.stemRange(key, word) != nil
  }
}
