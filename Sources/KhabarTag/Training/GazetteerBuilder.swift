import KhabarCore
import KhabarKB

/// Builds the name list the NER features use (`models/ner-names.tsv`):
/// the knowledge base's Arabic names (if `kb/entries.jsonl` exists), Arabic
/// alternate names of GeoNames cities, and a built-in list of countries.
public enum GazetteerBuilder {
  /// `TYPE<TAB>name` lines, normalised, sorted and unique.
  public static func build(dataDirectory: String, geonamesCities: String?, log: (String) -> Void) throws -> [String] {
    var lines = Set<String>()
    func add(_ type: String, _ name: String) {
      let key = ArabicText.matchKey(name).split(separator: " ").joined(separator: " ")
      guard key.unicodeScalars.count >= 2, !key.contains("\t") else { return }
      lines.insert("\(type)\t\(key)")
    }
    for name in countries { add("LOC", name) }
    if FileIO.exists("\(dataDirectory)/kb/entries.jsonl") {
      let kb = try KnowledgeBase.load(dataDirectory: dataDirectory)
      for e in kb.entries { for name in e.ar { add(e.nerType, name) } }
      log("names: \(kb.entries.count) knowledge-base entries")
    }
    if let geonamesCities {
      let text = String(decoding: try FileIO.read(geonamesCities), as: UTF8.self)
      var cities = 0
      for row in text.split(separator: "\n") {
        let f = row.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count > 3 else { continue }
        cities += 1
        for name in f[3].split(separator: ",") where isPlainArabic(name) { add("LOC", String(name)) }
      }
      log("names: \(cities) GeoNames cities")
    }
    return lines.sorted()
  }

  /// Arabic-alphabet letters and spaces only (Persian and Urdu spellings left out).
  static func isPlainArabic(_ s: Substring) -> Bool {
    var letters = 0
    for u in s.unicodeScalars {
      let v = u.value
      if (0x0621...0x064A).contains(v) { letters += 1 } else if v == 0x20 || ArabicText.isDiacritic(v) { continue } else { return false }
    }
    return letters >= 2
  }

  static let countries = [
    "العراق", "سوريا", "سورية", "لبنان", "الأردن", "فلسطين", "إسرائيل", "مصر", "السعودية", "اليمن", "عمان",
    "الإمارات", "قطر", "البحرين", "الكويت", "إيران", "تركيا", "ليبيا", "تونس", "الجزائر", "المغرب", "موريتانيا",
    "السودان", "الصومال", "جيبوتي", "أفغانستان", "باكستان", "الهند", "الصين", "اليابان", "روسيا", "أوكرانيا",
    "فرنسا", "ألمانيا", "بريطانيا", "إيطاليا", "إسبانيا", "البرتغال", "هولندا", "بلجيكا", "سويسرا", "النمسا",
    "السويد", "النرويج", "الدنمارك", "فنلندا", "بولندا", "اليونان", "قبرص", "أمريكا", "أميركا", "الولايات المتحدة",
    "كندا", "المكسيك", "البرازيل", "الأرجنتين", "فنزويلا", "كوبا", "أستراليا", "إندونيسيا", "ماليزيا",
    "كوريا الشمالية", "كوريا الجنوبية", "فيتنام", "تايلاند", "الفلبين", "إثيوبيا", "إريتريا", "كينيا", "نيجيريا",
    "جنوب أفريقيا", "تشاد", "مالي", "النيجر", "السنغال", "أذربيجان", "أرمينيا", "جورجيا", "كازاخستان",
    "أوزبكستان", "بنغلاديش", "سريلانكا", "نيبال", "صربيا", "كرواتيا", "البوسنة", "ألبانيا", "رومانيا", "بلغاريا",
    "المجر", "التشيك", "أيرلندا", "إنجلترا", "اسكتلندا", "الفاتيكان", "أوروبا", "آسيا", "أفريقيا", "إفريقيا",
    "المملكة المتحدة", "المملكة العربية السعودية", "الإمارات العربية المتحدة", "كردستان", "الجولان",
    "غزة", "الضفة الغربية", "القدس", "سيناء", "الخليج",
  ]
}
