import KhabarCore

/// What `khabar-kb build` reads.
public struct KBBuildOptions: Sendable {
  /// Folder with `cities15000.txt`, `countryInfo.txt` and `admin1CodesASCII.txt`.
  public var geonamesDirectory: String?
  /// Folder of hand-curated `*.tsv` tables.
  public var curatedDirectory: String?
  /// Installation prefix of Debian's iso-codes (`/usr/share`), for Arabic country names; nil skips them.
  public var isoCodesPrefix: String?
  /// A full GeoNames `allCountries.txt` (optional, streamed).
  public var allCountries: String?
  /// GeoNames `alternateNamesV2.txt` (optional, streamed; only `ar` names are taken).
  public var alternateNames: String?
  /// A Wikidata JSON dump (one entity per line inside a JSON array), or "-" for stdin.
  public var wikidata: String?
  /// Countries whose places are taken; nil means `KBBuilder.defaultRegion` plus the neighbours of its core.
  public var region: Set<String>?
  /// Cities elsewhere are taken when they have Arabic names and at least this population.
  public var worldCityPopulation = 1_000_000
  /// Wikidata persons and organisations need at least this many sitelinks.
  public var wikidataMinSitelinks = 5

  public init() {}
}

/// Builds the knowledge base from GeoNames, iso-codes, curated tables and optional dumps.
public struct KBBuilder {
  /// The conflict region at the centre of the corpus; their land neighbours are added.
  public static let core: Set<String> = [
    "IQ", "SY", "IR", "LB", "JO", "TR", "IL", "PS", "SA", "KW", "EG", "YE", "AE", "QA", "BH", "OM",
  ]
  /// Members of the Arab League outside the core.
  public static let arabLeague: Set<String> = ["DZ", "MA", "TN", "LY", "SD", "MR", "SO", "DJ", "KM"]
  /// Countries whose first-level regions come from `admin1CodesASCII.txt` (their Arabic names are curated).
  public static let admin1Countries: Set<String> = ["IQ", "SY"]

  var drafts: [Draft] = []
  var byGeoName: [Int: Int] = [:]
  var byWikidata: [String: Int] = [:]
  var byKey: [String: Int] = [:]
  /// Drafts kept only if some source gives them an Arabic name.
  var needsArabic: Set<Int> = []
  /// Human-readable build notes (counts per source), for stderr and the README.
  var notes: [String] = []
  var region: Set<String> = []
  /// Match keys of common words that GeoNames and Wikidata aliases must not contribute as names.
  var commonWords: Set<String> = []

  public init() {}

  /// Runs every source named in `options` and returns the entries sorted by id.
  public static func build(_ options: KBBuildOptions) throws -> (entries: [KBEntry], notes: [String]) {
    var b = KBBuilder()
    b.region = options.region ?? core.union(arabLeague)
    if let dir = options.curatedDirectory { try b.readCommonWords(directory: dir) }
    if let dir = options.geonamesDirectory {
      try b.addGeoNames(directory: dir, options: options)
    }
    if let prefix = options.isoCodesPrefix { try b.addIsoCountryNames(prefix: prefix) }
    if let path = options.allCountries {
      try b.addGeoNamesDump(allCountries: path, alternateNames: options.alternateNames)
    } else if options.alternateNames != nil {
      throw KBError("--alternate-names needs --all-countries")
    }
    if let path = options.wikidata {
      try b.addWikidata(path: path, minSitelinks: options.wikidataMinSitelinks)
    }
    if let dir = options.curatedDirectory { try b.addCurated(directory: dir) }
    return (try b.finish(), b.notes)
  }

  // MARK: - Merging

  /// Adds `d`, merging it into an existing draft with the same GeoNames id, Wikidata id or (without ids) type and label.
  @discardableResult
  mutating func upsert(_ d: Draft, incomingWins: Bool, needsArabic: Bool = false) -> Int {
    var index: Int?
    if let g = d.geonames { index = byGeoName[g] }
    if index == nil, let q = d.wikidata { index = byWikidata[q] }
    if index == nil, d.geonames == nil, d.wikidata == nil { index = byKey[d.id] }
    if let i = index {
      drafts[i].merge(d, otherWins: incomingWins)
      if !needsArabic { self.needsArabic.remove(i) }
      register(i)
      return i
    }
    drafts.append(d)
    let i = drafts.count - 1
    if needsArabic { self.needsArabic.insert(i) }
    register(i)
    return i
  }

  mutating func register(_ i: Int) {
    if let g = drafts[i].geonames { byGeoName[g] = i }
    if let q = drafts[i].wikidata { byWikidata[q] = i }
    if drafts[i].geonames == nil, drafts[i].wikidata == nil { byKey[drafts[i].id] = i }
  }

  /// The entries, sorted by id; ids that collide are merged; drafts without any name are dropped.
  func finish() throws -> [KBEntry] {
    var finalID: [Int: String] = [:]  // geonameid → final id (for capitals)
    for d in drafts { if let g = d.geonames { finalID[g] = d.id } }
    var byID: [String: KBEntry] = [:]
    for (i, d) in drafts.enumerated() {
      if needsArabic.contains(i), d.ar.allSatisfy({ d.dropped.contains($0) }) { continue }
      let e = d.entry(capitalID: d.capitalGeoName.flatMap { finalID[$0] })
      if e.ar.isEmpty, e.en == nil { continue }
      if var old = byID[e.id] {
        for n in e.ar where !old.ar.contains(n) { old.ar.append(n) }
        byID[e.id] = old
      } else {
        byID[e.id] = e
      }
    }
    return byID.values.sorted { $0.id < $1.id }
  }

  // MARK: - Sources

  mutating func addGeoNames(directory: String, options: KBBuildOptions) throws {
    let countries = try Self.readCountries("\(directory)/countryInfo.txt")
    if options.region == nil {
      for c in countries where Self.core.contains(c.iso) { region.formUnion(c.neighbours) }
    }
    var capitals: [String: GeoName] = [:]
    var centres: [String: CountryCentre] = [:]
    var cityCount = 0
    try TSV.forEachLine(try FileIO.read("\(directory)/cities15000.txt")) { line, number in
      guard let g = GeoName(line: line) else {
        throw KBError("\(directory)/cities15000.txt:\(number): not a 19-column GeoNames row")
      }
      if !g.country.isEmpty { centres[g.country, default: CountryCentre()].add(g) }
      let arabic = uncommon(g.arabicNames)
      let isCapital = g.featureCode == "PPLC"
      guard isCapital || (!arabic.isEmpty && (region.contains(g.country) || g.population >= options.worldCityPopulation))
      else { return }
      if isCapital, capitals[g.country].map({ $0.population < g.population }) ?? true { capitals[g.country] = g }
      upsert(Self.draft(g, arabic: arabic, source: "geonames-cities15000"), incomingWins: false)
      cityCount += 1
    }
    for c in countries {
      var d = Draft(type: "place", en: c.name, source: "geonames-countryInfo")
      d.geonames = c.geonameID
      d.country = c.iso
      d.population = c.population
      d.feature = "PCLI"
      d.precision = "country"
      d.geo = centres[c.iso]?.point
      d.neighbours = c.neighbours
      let capital = capitals.values.first { $0.country == c.iso && $0.name == c.capital } ?? capitals[c.iso]
      d.capitalGeoName = capital?.id
      upsert(d, incomingWins: false)
    }
    var admin1Count = 0
    let admin1 = try FileIO.read("\(directory)/admin1CodesASCII.txt")
    TSV.forEachLine(admin1) { line, _ in
      let f = TSV.fields(line)
      guard f.count >= 4, let id = Int(f[3]), let cc = f[0].split(separator: ".").first,
            Self.admin1Countries.contains(String(cc)) else { return }
      var d = Draft(type: "place", en: f[1], source: "geonames-admin1")
      d.geonames = id
      d.country = String(cc)
      d.feature = "ADM1"
      d.precision = "region"
      upsert(d, incomingWins: false, needsArabic: true)
      admin1Count += 1
    }
    notes.append("geonames: \(cityCount) cities (region \(region.sorted().joined(separator: " ")), capitals, "
      + "world cities ≥ \(options.worldCityPopulation)), \(countries.count) countries, \(admin1Count) admin1 regions")
  }

  static func readCountries(_ path: String) throws -> [CountryInfo] {
    var out: [CountryInfo] = []
    let bytes = try FileIO.read(path)
    TSV.forEachLine(bytes) { line, _ in if let c = CountryInfo(line: line) { out.append(c) } }
    guard !out.isEmpty else { throw KBError("\(path): no country rows found") }
    return out
  }

  static func draft(_ g: GeoName, arabic: [String], source: String) -> Draft {
    var d = Draft(type: "place", en: g.name, source: source)
    d.geonames = g.id
    d.ar = arabic
    d.geo = [g.latitude, g.longitude]
    d.precision = g.featureClass == "P" ? "city" : g.featureClass == "A" ? "region" : "point"
    d.population = g.population > 0 ? g.population : nil
    d.country = g.country.isEmpty ? nil : g.country
    d.feature = g.featureCode
    return d
  }

  /// Reads `common-words.txt` from the curated folder, if there is one.
  mutating func readCommonWords(directory: String) throws {
    let path = "\(directory)/common-words.txt"
    guard FileIO.exists(path) else { return }
    TSV.forEachLine(try FileIO.read(path)) { line, _ in
      guard line.first != UInt8(ascii: "#") else { return }
      let key = ArabicText.matchKey(ArabicNames.tidy(String(decoding: line, as: UTF8.self)))
      if !key.isEmpty { commonWords.insert(key) }
    }
    notes.append("common words: \(commonWords.count) never taken as names from GeoNames or Wikidata aliases")
  }

  /// `names` without the common words.
  func uncommon(_ names: [String]) -> [String] {
    commonWords.isEmpty ? names : names.filter { !commonWords.contains(ArabicText.matchKey($0)) }
  }

  mutating func addIsoCountryNames(prefix: String) throws {
    let names = try IsoCountryNames.load(prefix: prefix)
    var added = 0
    for i in drafts.indices where drafts[i].feature == "PCLI" {
      guard let code = drafts[i].country, let ar = names[code] else { continue }
      drafts[i].ar += ar
      drafts[i].sources.insert("iso-codes")
      added += 1
    }
    notes.append("iso-codes: Arabic names for \(added) countries")
  }

  mutating func addCurated(directory: String) throws {
    let files = try FileIO.list(directory).filter { $0.hasSuffix(".tsv") }
    var count = 0
    for f in files {
      for d in try CuratedTable.read(path: "\(directory)/\(f)") {
        upsert(d, incomingWins: true)
        count += 1
      }
    }
    notes.append("curated: \(count) rows from \(files.count) tables")
  }
}
