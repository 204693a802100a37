import KhabarCore

/// The full GeoNames dump path: `allCountries.txt` + `alternateNamesV2.txt`, streamed line by line.
extension KBBuilder {
  /// Feature codes taken from the full dump besides populated places (class P).
  static let dumpFeatureCodes: Set<String> = [
    "ADM1", "ADM2", "ADMD", "AIRB", "AIRF", "AIRP", "AIRH", "MILB", "INSM", "CMPRF", "PSTB", "OILF",
    "STM", "LK", "RSV", "DAM",
  ]

  mutating func addGeoNamesDump(allCountries: String, alternateNames: String?) throws {
    // Pass 1: the places of the region with a wanted feature.
    var candidates: [Int: GeoName] = [:]
    var lines = 0
    try StreamedFile.forEachLine(allCountries) { line in
      lines += 1
      guard let cc = TSV.field(line, 8), cc.count == 2, region.contains(String(decoding: cc, as: UTF8.self)),
            var g = GeoName(line: line[...]) else { return }
      guard g.featureClass == "P" || Self.dumpFeatureCodes.contains(g.featureCode) else { return }
      // Keep only what is used: the filtered Arabic names (the full list is large).
      g.alternateNames = alternateNames == nil ? g.arabicNames : []
      candidates[g.id] = g
    }
    // Pass 2: language-tagged Arabic names (preferred names first, historic ones skipped).
    var tagged: [Int: [String]] = [:]
    var taggedCount = 0
    if let alternateNames {
      var preferred: [Int: [String]] = [:]
      try StreamedFile.forEachLine(alternateNames) { line in
        guard let lang = TSV.field(line, 2), lang.elementsEqual("ar".utf8),
              let idField = TSV.field(line, 1), let id = TSV.int(idField),
              candidates[id] != nil || byGeoName[id] != nil else { return }
        let f = TSV.fields(line[...])
        guard f.count >= 4 else { return }
        if f.count > 7, f[7] == "1" { return }
        let name = ArabicNames.tidy(f[3])
        guard ArabicNames.isArabicName(name) else { return }
        taggedCount += 1
        if f.count > 4, f[4] == "1" { preferred[id, default: []].append(name) } else { tagged[id, default: []].append(name) }
      }
      for (id, names) in preferred { tagged[id] = names + (tagged[id] ?? []) }
    }
    var added = 0
    for id in candidates.keys.sorted() {
      guard let g = candidates[id] else { continue }
      let arabic = uncommon(alternateNames == nil ? g.alternateNames : (tagged[id] ?? []))
      guard !arabic.isEmpty || byGeoName[id] != nil else { continue }
      upsert(Self.draft(g, arabic: arabic, source: "geonames-allCountries"), incomingWins: false)
      added += 1
    }
    // Tagged names for records from the other GeoNames files (countries, regions, cities).
    for (id, names) in tagged.sorted(by: { $0.key < $1.key }) where candidates[id] == nil {
      guard let i = byGeoName[id] else { continue }
      drafts[i].ar += uncommon(names)
      drafts[i].sources.insert("geonames-alternateNames")
      needsArabic.remove(i)
    }
    notes.append("geonames dump: \(lines) rows read, \(candidates.count) in the region with a wanted feature, "
      + "\(added) taken; \(taggedCount) Arabic alternate names")
  }
}
