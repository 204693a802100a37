import KhabarCore

/// The Wikidata JSON-dump path: entities with an Arabic label that are persons, organisations or places.
extension KBBuilder {
  /// P31 classes read as organisations (armed groups, parties, states' bodies, media).
  static let organisationClasses: Set<String> = [
    "Q43229", "Q7278", "Q17149090", "Q17127659", "Q176799", "Q327333", "Q2659904", "Q192350", "Q484652",
    "Q7210356", "Q1193236", "Q11032", "Q1110794", "Q1002697", "Q1331793", "Q11033", "Q4830453", "Q15911314",
    "Q163740", "Q245065", "Q8473", "Q1752346", "Q6979593",
  ]
  /// Places without a GeoNames link are kept inside this box (latitude, longitude): the wider Middle East.
  static let regionBox = (latitude: 10.0...43.0, longitude: 24.0...64.0)

  mutating func addWikidata(path: String, minSitelinks: Int) throws {
    var read = 0, persons = 0, organisations = 0, places = 0, lineNumber = 0
    try StreamedFile.forEachLine(path) { line in
      lineNumber += 1
      let entity: WikidataEntity?
      do {
        entity = try WikidataEntity(line: line)
      } catch {
        throw KBError("\(path):\(lineNumber): \(error)")
      }
      guard let e = entity, e.id.hasPrefix("Q") else { return }
      read += 1
      guard let label = e.labelAr else { return }
      let type: String
      if e.instanceOf.contains("Q5") {
        type = "person"
      } else if !e.instanceOf.allSatisfy({ !Self.organisationClasses.contains($0) }) {
        type = "org"
      } else if e.geonames != nil || e.coordinates != nil {
        type = "place"
      } else {
        return
      }
      if type == "place" {
        let linked = e.geonames.map { byGeoName[$0] != nil } ?? false
        let inBox = e.coordinates.map { Self.regionBox.latitude.contains($0[0]) && Self.regionBox.longitude.contains($0[1]) }
        guard linked || inBox == true else { return }
      } else if e.sitelinks < minSitelinks {
        return
      }
      var d = Draft(type: type, en: e.labelEn, source: "wikidata")
      d.wikidata = e.id
      d.ar = [label] + uncommon(e.aliasesAr)
      if type == "place" {
        d.geonames = e.geonames
        d.geo = e.coordinates
        d.precision = "point"
      }
      // English aliases are not indexed (KBEntry has one English label).
      upsert(d, incomingWins: false)
      switch type {
      case "person": persons += 1
      case "org": organisations += 1
      default: places += 1
      }
    }
    notes.append("wikidata dump: \(read) entities read; taken \(persons) persons, \(organisations) organisations, \(places) places")
  }
}
