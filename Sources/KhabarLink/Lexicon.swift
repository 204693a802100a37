/// Closed word lists used to generate name variants.
enum Lexicon {
  /// Place classifiers that may head a place name: مدينة القائم → القائم.
  static let placeHeads = NameKey.WordSet([
    "مدينة", "بلدة", "محافظة", "قاعدة", "معبر", "منطقة", "قضاء", "ناحية", "مطار", "حقل", "نهر", "قرية",
    "العاصمة", "مدينتي", "ولاية", "إقليم", "مخيم", "جبل", "سد", "منفذ", "ميناء",
  ])
  /// Organisation heads that may be dropped when the full form is unknown: قوات الحشد الشعبي.
  static let orgHeads = NameKey.WordSet(["قوات", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "فصيل", "جماعة", "تنظيم"])
  /// Words that open a name and that a tagger may leave outside the span: groups
  /// (قوات أبو الفضل العباس, كتائب الإمام علي) and places (عين الأسد, تل أبيض, حقل العمر).
  static let nameHeads = NameKey.WordSet([
    "قوات", "كتائب", "لواء", "ألوية", "سرايا", "حركة", "حزب", "جيش", "هيئة", "مجلس", "فيلق", "جبهة", "منظمة", "عصائب",
    "عين", "تل", "جبل", "بئر", "رأس", "حقل", "مطار", "سد", "جسر", "مخيم",
  ])
  /// Titles before a person's name.
  static let titles = NameKey.WordSet([
    "الرئيس", "الجنرال", "السيد", "الشيخ", "اللواء", "العميد", "العقيد", "الدكتور", "المرشد", "الزعيم",
    "القائد", "الأمين", "رئيس", "وزير", "الوزير", "الملك", "الأمير", "النائب", "الحاج", "حجي", "المتحدث",
  ])
  /// Administrative divisions whose name is the head + a town's name: محافظة دير الزور.
  static let adminHeads = NameKey.WordSet(["محافظة", "قضاء", "ناحية", "ولاية", "إقليم", "لواء"])
  /// Generic nouns that stand for an organisation named earlier: التنظيم → تنظيم الدولة.
  static let orgAnaphors = NameKey.WordSet(["التنظيم", "الحزب", "الحركة", "الجماعة", "الفصيل"])
}
