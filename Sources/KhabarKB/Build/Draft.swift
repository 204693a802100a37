/// A knowledge-base record while the builder is still merging sources.
struct Draft {
  var type: String
  var en: String?
  var ar: [String] = []
  /// Names a curator removed (e.g. a Persian form GeoNames lists as Arabic).
  var dropped: Set<String> = []
  var wikidata: String?
  var geonames: Int?
  var geo: [Double]?
  var precision: String?
  var population: Int?
  var country: String?
  var feature: String?
  /// GeoNames id of the capital (countries only); resolved to an entry id at the end.
  var capitalGeoName: Int?
  var neighbours: [String]?
  /// Which inputs contributed (for the README counts).
  var sources: Set<String> = []

  init(type: String, en: String?, source: String) {
    self.type = type
    self.en = en
    self.sources = [source]
  }

  /// Adds `other`'s facts: its set fields win when `otherWins`, its names go first when `otherWins`.
  mutating func merge(_ other: Draft, otherWins: Bool) {
    func pick<T>(_ mine: T?, _ theirs: T?) -> T? { otherWins ? (theirs ?? mine) : (mine ?? theirs) }
    if otherWins { type = other.type }
    en = pick(en, other.en)
    wikidata = pick(wikidata, other.wikidata)
    geonames = pick(geonames, other.geonames)
    geo = pick(geo, other.geo)
    precision = pick(precision, other.precision)
    population = pick(population, other.population)
    country = pick(country, other.country)
    feature = pick(feature, other.feature)
    capitalGeoName = pick(capitalGeoName, other.capitalGeoName)
    neighbours = pick(neighbours, other.neighbours)
    ar = otherWins ? other.ar + ar : ar + other.ar
    dropped.formUnion(other.dropped)
    sources.formUnion(other.sources)
  }

  /// The Khabar id: `wd.<QID>`, else `gn.<geonameid>`, else `kh.<type>.<slug>`.
  var id: String {
    if let wikidata { return "wd.\(wikidata)" }
    if let geonames { return "gn.\(geonames)" }
    return "kh.\(type).\(KBSlug.slug(en ?? ar.first ?? "unnamed"))"
  }

  /// The finished entry: names tidied, deduplicated (exact spelling) and curated drops applied.
  func entry(capitalID: String?) -> KBEntry {
    var seen = Set<String>()
    let names = ar.map(ArabicNames.tidy).filter { !$0.isEmpty && !dropped.contains($0) && seen.insert($0).inserted }
    var ids: [String: String] = [:]
    if let wikidata { ids["wikidata"] = wikidata }
    if let geonames { ids["geonames"] = String(geonames) }
    var e = KBEntry(id: id, type: type, en: en, ar: names, ids: ids, geo: geo, precision: precision,
                    population: population, country: country, feature: feature)
    e.capital = capitalID
    e.neighbours = neighbours
    return e
  }
}
