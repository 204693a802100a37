import KhabarCore

/// Nationality adjectives (nisbas) that may trail a name, with their country.
enum Nisba {
  private static let pairs: [(String, String)] = [
      ("عراقي", "IQ"), ("سوري", "SY"), ("ايراني", "IR"), ("لبناني", "LB"), ("اردني", "JO"),
      ("اميركي", "US"), ("امريكي", "US"), ("روسي", "RU"), ("تركي", "TR"), ("اسرائيلي", "IL"),
      ("افغاني", "AF"), ("سعودي", "SA"), ("مصري", "EG"), ("كردي", "IQ"), ("فلسطيني", "PS"),
      ("يمني", "YE"), ("كويتي", "KW"), ("قطري", "QA"), ("فرنسي", "FR"), ("بريطاني", "GB"),
  ]

  private static let table: [UInt64: UInt16] = {
    var t: [UInt64: UInt16] = [:]
    for (stem, code) in pairs { t[NameKey.hash(NameKey.make(stem))] = CandidateIndex.packCountry(code) }
    return t
  }()

  /// The nisba forms of a country, feminine first (وزارة, قوات …), each with the article.
  static func forms(of country: UInt16) -> [[UInt32]] {
    guard let stem = stems[country] else { return [] }
    let al = [NameKey.alef, NameKey.lam]
    return [al + stem + [NameKey.heh], al + stem]
  }

  private static let stems: [UInt16: [UInt32]] = {
    var t: [UInt16: [UInt32]] = [:]
    for (stem, code) in pairs where t[CandidateIndex.packCountry(code)] == nil {
      t[CandidateIndex.packCountry(code)] = NameKey.make(stem)
    }
    return t
  }()

  /// The country of a nisba word such as العراقية or السوري, else nil.
  static func country(_ key: [UInt32], _ word: Range<Int>) -> UInt16? {
    guard NameKey.hasArticle(key, word) else { return nil }
    var hi = word.upperBound
    if key[hi - 1] == NameKey.heh { hi -= 1 }  // feminine ة (matched as ه)
    let stem = (word.lowerBound + 2)..<hi
    guard stem.count >= 3, key[hi - 1] == NameKey.yeh else { return nil }
    return table[NameKey.hash(prefix: .none, key, stem)]
  }
}
