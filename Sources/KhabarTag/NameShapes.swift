import KhabarCore

/// Closed word lists the knowledge-base matcher needs, in the tagger's normalised form.
enum NameShapes {
  /// Words after which a longer entity names another one: the crossing of a town
  /// (معبر القائم), the government or regime of a city or person (حكومة بغداد, نظام الأسد),
  /// a direction or area of a place (شرق الفرات, ريف دير الزور, منطقة البوكمال), a mission
  /// in a city (… في بغداد), a coalition led by a country (تقوده الولايات المتحدة).
  private static let containerHeads = WordTable([
    "معبر", "منفذ", "منطقة", "مناطق", "حكومة", "نظام", "سفارة", "قنصلية", "في", "تقوده", "يقوده", "بقيادة",
    "شرق", "شرقي", "غرب", "غربي", "شمال", "شمالي", "جنوب", "جنوبي", "ريف", "أطراف", "ضواحي",
  ])
  /// Words that introduce a platform or channel named in Latin letters (على X, منصة X).
  private static let platformCues = WordTable(["على", "عبر", "قناة", "منصة", "حساب", "موقع", "تطبيق", "شبكة"])

  /// Words that name a medium before its title (صحيفة البناء).
  private static let mediumWords = WordTable(["صحيفة", "جريدة", "مجلة", "قناة", "موقع", "وكالة", "إذاعة"])

  static func isContainerHead(_ s: [UInt32], _ word: Range<Int>) -> Bool { containerHeads.contains(s, word) }
  static func isMediumWord(_ s: [UInt32], _ word: Range<Int>) -> Bool { mediumWords.contains(s, word) }
  static func isPlatformCue(_ s: [UInt32], _ word: Range<Int>) -> Bool { platformCues.contains(s, word) }

  /// True for a trailing nationality adjective (العراقية, السوري) from `Nationality`.
  static func isNationality(_ s: [UInt32], _ word: Range<Int>) -> Bool {
    guard let stem = Nationality.stemRange(s, word) else { return false }
    return nationalityStems.contains(s, stem)
  }

  private static let nationalityStems = WordTable(Nationality.stems.map(\.stem))

  /// A set of words compared in normalised form.
  struct WordTable {
    let hashes: Set<UInt64>
    init(_ words: [String]) { hashes = Set(words.map { WordHash.of(normalizing: $0) }) }
    func contains(_ s: [UInt32], _ word: Range<Int>) -> Bool { hashes.contains(WordHash.of(s, word)) }
    func contains(hash: UInt64) -> Bool { hashes.contains(hash) }
  }
}
