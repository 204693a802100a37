import KhabarCore

/// Reads the hand-curated tables in `data/curated/*.tsv`.
///
/// Each file is tab-separated with a header row naming its columns (any
/// order, unknown ones ignored); lines starting with `#` are comments.
/// Columns: `type en ar wikidata geonames lat lon precision country feature
/// population drop`. `ar` and `drop` hold names separated by `|`. A row with a
/// `geonames` or `wikidata` id adds to (and overrides) the record with that id.
enum CuratedTable {
  static let columns: Set<String> = [
    "type", "en", "ar", "wikidata", "geonames", "lat", "lon", "precision", "country", "feature",
    "population", "drop", "note",
  ]
  static let types: Set<String> = ["place", "person", "org", "misc"]

  static func read(path: String) throws -> [Draft] {
    let bytes = try FileIO.read(path)
    var header: [String] = []
    var drafts: [Draft] = []
    try TSV.forEachLine(bytes) { line, number in
      guard line.first != UInt8(ascii: "#") else { return }
      let fields = TSV.fields(line)
      if header.isEmpty {
        header = fields
        for name in header where !columns.contains(name) {
          throw KBError("\(path):\(number): unknown column '\(name)' (known: \(columns.sorted().joined(separator: ", ")))")
        }
        guard header.contains("type") else { throw KBError("\(path):\(number): the header needs a 'type' column") }
        return
      }
      if fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return }
      var cell: [String: String] = [:]
      for (name, value) in zip(header, fields) where !value.trimmingSpaces.isEmpty { cell[name] = value.trimmingSpaces }
      drafts.append(try draft(cell, at: "\(path):\(number)"))
    }
    return drafts
  }

  static func draft(_ cell: [String: String], at place: String) throws -> Draft {
    let type = cell["type"] ?? ""
    guard types.contains(type) else { throw KBError("\(place): type must be place, person, org or misc, not '\(type)'") }
    var d = Draft(type: type, en: cell["en"], source: "curated")
    d.ar = names(cell["ar"])
    d.dropped = Set(names(cell["drop"]))
    if let q = cell["wikidata"] {
      guard q.hasPrefix("Q"), Int(q.dropFirst()) != nil else { throw KBError("\(place): bad Wikidata id '\(q)'") }
      d.wikidata = q
    }
    if let g = cell["geonames"] {
      guard let id = Int(g) else { throw KBError("\(place): bad GeoNames id '\(g)'") }
      d.geonames = id
    }
    switch (cell["lat"].flatMap(Double.init), cell["lon"].flatMap(Double.init)) {
    case let (lat?, lon?):
      guard (-90...90).contains(lat), (-180...180).contains(lon) else { throw KBError("\(place): coordinates out of range") }
      d.geo = [lat, lon]
    case (nil, nil) where cell["lat"] == nil && cell["lon"] == nil: break
    default: throw KBError("\(place): lat and lon must both be numbers")
    }
    d.precision = cell["precision"]
    if let p = d.precision, !["point", "city", "region", "country"].contains(p) {
      throw KBError("\(place): precision must be point, city, region or country, not '\(p)'")
    }
    if let p = cell["population"] {
      guard let n = Int(p) else { throw KBError("\(place): bad population '\(p)'") }
      d.population = n
    }
    d.country = cell["country"]
    d.feature = cell["feature"]
    if d.ar.isEmpty, d.geonames == nil, d.wikidata == nil {
      throw KBError("\(place): a new record needs at least one Arabic name")
    }
    if d.geonames == nil, d.wikidata == nil, d.en == nil {
      throw KBError("\(place): a record without GeoNames or Wikidata id needs an English label (its id comes from it)")
    }
    return d
  }

  static func names(_ cell: String?) -> [String] {
    (cell ?? "").split(separator: "|").map { ArabicNames.tidy(String($0)) }.filter { !$0.isEmpty }
  }
}

extension String {
  var trimmingSpaces: String { ArabicNames.tidy(self) }
}
