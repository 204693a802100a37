import KhabarCore
import KhabarKB
@testable import KhabarLink

/// A small knowledge base with the traps the linker must handle.
enum LinkTestKB {
  static let entries: [KBEntry] = [
    KBEntry(id: "wd.Q796", type: "place", en: "Iraq", ar: ["العراق"], ids: ["wikidata": "Q796"],
            geo: [33, 44], precision: "country", country: "IQ", feature: "PCLI"),
    KBEntry(id: "wd.Q858", type: "place", en: "Syria", ar: ["سوريا", "سورية"], ids: ["wikidata": "Q858"],
            geo: [35, 38], precision: "country", country: "SY", feature: "PCLI"),
    KBEntry(id: "wd.Q822", type: "place", en: "Lebanon", ar: ["لبنان"], ids: ["wikidata": "Q822"],
            geo: [33.9, 35.8], precision: "country", country: "LB", feature: "PCLI"),
    KBEntry(id: "gn.92138", type: "place", en: "Al Qa'im", ar: ["القائم"], ids: ["geonames": "92138"],
            geo: [34.39251, 40.98945], precision: "city", population: 74100, country: "IQ", feature: "PPLA2"),
    KBEntry(id: "gn.174448", type: "place", en: "Albu Kamal", ar: ["البوكمال", "أبو كمال"], ids: ["geonames": "174448"],
            geo: [34.45226, 40.91854], precision: "city", population: 57572, country: "SY", feature: "PPLA2"),
    KBEntry(id: "gn.170794", type: "place", en: "Deir ez-Zor", ar: ["دير الزور"], ids: ["geonames": "170794"],
            geo: [35.33588, 40.14084], precision: "city", population: 271800, country: "SY", feature: "PPLA"),
    // Two Tripolis: the bigger one is in Libya.
    KBEntry(id: "gn.2210247", type: "place", en: "Tripoli", ar: ["طرابلس"], ids: ["geonames": "2210247"],
            geo: [32.88, 13.19], precision: "city", population: 1_150_989, country: "LY", feature: "PPLC"),
    KBEntry(id: "gn.266826", type: "place", en: "Tripoli", ar: ["طرابلس"], ids: ["geonames": "266826"],
            geo: [34.43, 35.84], precision: "city", population: 229_398, country: "LB", feature: "PPLA"),
    // The same name as a river and a television channel.
    KBEntry(id: "kh.place.euphrates", type: "place", en: "Euphrates", ar: ["الفرات", "نهر الفرات"],
            precision: "region", feature: "STM"),
    KBEntry(id: "kh.org.al-furat-tv", type: "org", en: "Al-Furat TV", ar: ["الفرات"]),
    KBEntry(id: "kh.person.bashar-al-assad", type: "person", en: "Bashar al-Assad", ar: ["بشار الأسد"]),
    KBEntry(id: "kh.person.hafez-al-assad", type: "person", en: "Hafez al-Assad", ar: ["حافظ الأسد"]),
    KBEntry(id: "kh.org.popular-mobilization-forces", type: "org", en: "Popular Mobilization Forces",
            ar: ["الحشد الشعبي", "هيئة الحشد الشعبي"]),
    KBEntry(id: "kh.org.hezbollah", type: "org", en: "Hezbollah", ar: ["حزب الله"]),
    KBEntry(id: "wd.Q232387", type: "place", en: "Deir ez-Zor Governorate", ar: ["محافظة دير الزور"],
            ids: ["wikidata": "Q232387"], geo: [35, 40.5], precision: "region", country: "SY", feature: "ADM1"),
    KBEntry(id: "kh.org.iraqi-ministry-of-defence", type: "org", en: "Iraqi Ministry of Defence", ar: ["وزارة الدفاع العراقية"]),
    KBEntry(id: "kh.org.syrian-ministry-of-defence", type: "org", en: "Syrian Ministry of Defence", ar: ["وزارة الدفاع السورية"]),
    KBEntry(id: "kh.org.al-qaeda", type: "org", en: "Al-Qaeda", ar: ["تنظيم القاعدة"]),
  ]

  static let linker = Linker(kb: KnowledgeBase(entries: entries))
}

/// Builds a text and its entities from marked pieces: `[name|TYPE]` marks an entity.
struct MarkedText {
  var text = ""
  var entities: [Entities.Item] = []

  init(_ marked: String) {
    var scalars: [Unicode.Scalar] = []
    var i = marked.unicodeScalars.startIndex
    let all = marked.unicodeScalars
    while i < all.endIndex {
      if all[i] == "[", let close = all[i...].firstIndex(of: "]") {
        let inner = String(all[all.index(after: i)..<close])
        let parts = inner.split(separator: "|", maxSplits: 1).map(String.init)
        let start = scalars.count
        scalars.append(contentsOf: parts[0].unicodeScalars)
        entities.append(Entities.Item(start: start, end: scalars.count, type: parts.count > 1 ? parts[1] : "LOC",
                                      cert: 0.9, source: "model"))
        i = all.index(after: close)
      } else {
        scalars.append(all[i])
        i = all.index(after: i)
      }
    }
    text = String(String.UnicodeScalarView(scalars))
  }

  var scalars: [UInt32] { text.unicodeScalars.map(\.value) }

  func link(_ linker: Linker = LinkTestKB.linker) throws -> (Links, Records) {
    try linker.link(text: scalars, entities: entities)
  }
}
