public import KhabarCore

/// One knowledge-base record: a place, person, organisation or other entity.
///
/// On disk: one JSON object per line in `data/kb/entries.jsonl`:
///
///     {"ar":["البوكمال","أبو كمال"],"country":"SY","en":"Albu Kamal","feature":"PPLA2",
///      "geo":[34.45226,40.91854],"id":"gn.174448","ids":{"geonames":"174448"},
///      "population":57572,"precision":"city","type":"place"}
///
/// `id` is stable: `wd.<QID>` when a verified Wikidata id exists, else
/// `gn.<geonameid>`, else `kh.<type>.<slug>`. `ar` lists Arabic names, the
/// preferred one first; every one of them is matched (through
/// `ArabicText.matchKey`).
public struct KBEntry: Sendable, Equatable {
  public var id: String
  /// "place", "person", "org" or "misc".
  public var type: String
  public var en: String?
  public var ar: [String]
  /// "wikidata" → "Q1530", "geonames" → "98182", …
  public var ids: [String: String]
  /// [latitude, longitude] in WGS84.
  public var geo: [Double]?
  /// "point", "city", "region", "country".
  public var precision: String?
  public var population: Int?
  /// ISO 3166 alpha-2.
  public var country: String?
  /// GeoNames feature code (PPLC, PPLA, ADM1, PCLI, …) or a Khabar kind (AIRB, OILF, …).
  public var feature: String?
  /// Countries: the id of the capital's entry.
  public var capital: String?
  /// Countries: ISO 3166 alpha-2 codes of the land neighbours (GeoNames `countryInfo`).
  public var neighbours: [String]?

  public init(id: String, type: String, en: String? = nil, ar: [String], ids: [String: String] = [:],
              geo: [Double]? = nil, precision: String? = nil, population: Int? = nil,
              country: String? = nil, feature: String? = nil) {
    self.id = id
    self.type = type
    self.en = en
    self.ar = ar
    self.ids = ids
    self.geo = geo
    self.precision = precision
    self.population = population
    self.country = country
    self.feature = feature
  }

  /// The record as the link stage attaches it to a document.
  public var authorityRecord: AuthorityRecord {
    AuthorityRecord(type: type, ar: ar, en: en, ids: ids, geo: geo, precision: precision, country: country)
  }

  /// The NER type this entry's names suggest: PER, LOC, ORG or MISC.
  public var nerType: String {
    switch type {
    case "person": "PER"
    case "place": "LOC"
    case "org": "ORG"
    default: "MISC"
    }
  }
}

// MARK: - JSON

extension KBEntry {
  public init(from r: inout JSONReader) throws {
    self.init(id: "", type: "", ar: [])
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "id": id = try r.readString()
      case "type": type = try r.readString()
      case "en": en = try r.readString()
      case "ar": ar = try r.readStringArray()
      case "ids": ids = try r.readStringMap()
      case "geo": geo = try r.readDoubleArray()
      case "precision": precision = try r.readString()
      case "population": population = try r.readInt()
      case "country": country = try r.readString()
      case "feature": feature = try r.readString()
      case "capital": capital = try r.readString()
      case "neighbours": neighbours = try r.readStringArray()
      default: try r.skipValue()
      }
    }
    guard !id.isEmpty, !type.isEmpty else { throw r.error("a knowledge-base entry needs id and type") }
  }

  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("ar"); w.stringArray(ar)
    if let capital { w.key("capital"); w.string(capital) }
    if let country { w.key("country"); w.string(country) }
    if let en { w.key("en"); w.string(en) }
    if let feature { w.key("feature"); w.string(feature) }
    if let geo { w.key("geo"); w.doubleArray(geo) }
    w.key("id"); w.string(id)
    if !ids.isEmpty { w.key("ids"); w.stringMap(ids) }
    if let neighbours { w.key("neighbours"); w.stringArray(neighbours) }
    if let population { w.key("population"); w.int(population) }
    if let precision { w.key("precision"); w.string(precision) }
    w.key("type"); w.string(type)
    w.endObject()
  }
}
