/// Nationality adjectives (nisbas) that trail names of organisations and
/// places (وزارة الدفاع العراقية, دير الزور السورية), in the matching form
/// of `ArabicText.matchScalar`, masculine and without the article.
public enum Nationality {
  /// (stem, ISO 3166 alpha-2 country), several stems per country allowed; the first is the preferred one.
  public static let stems: [(stem: String, country: String)] = [
    ("عراقي", "IQ"), ("سوري", "SY"), ("ايراني", "IR"), ("لبناني", "LB"), ("اردني", "JO"),
    ("اميركي", "US"), ("امريكي", "US"), ("روسي", "RU"), ("تركي", "TR"), ("اسرائيلي", "IL"),
    ("افغاني", "AF"), ("سعودي", "SA"), ("مصري", "EG"), ("كردي", "IQ"), ("فلسطيني", "PS"),
    ("يمني", "YE"), ("كويتي", "KW"), ("قطري", "QA"), ("فرنسي", "FR"), ("بريطاني", "GB"),
  ]

  /// The stem of a nisba word in matching form (ال + stem, + ه for the feminine ة),
  /// or nil when the word does not have that shape.
  public static func stemRange(_ s: [UInt32], _ word: Range<Int>) -> Range<Int>? {
    guard word.count >= 5, s[word.lowerBound] == 0x0627, s[word.lowerBound + 1] == 0x0644 else { return nil }
    var hi = word.upperBound
    if s[hi - 1] == 0x0647 { hi -= 1 }  // feminine ة (matched as ه)
    let stem = (word.lowerBound + 2)..<hi
    guard stem.count >= 3, s[hi - 1] == 0x064A else { return nil }
    return stem
  }
}
