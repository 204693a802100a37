import KhabarCore

/// Writes authority records as TEI `person` / `place` / `org` / misc `item`
/// entries, grouped in `listPerson` / `listPlace` / `listOrg` / `list`.
enum TEIRecords {
  enum Group: Int, CaseIterable {
    case person, place, org, misc
    init(_ type: String) {
      switch type {
      case "person": self = .person
      case "place": self = .place
      case "org": self = .org
      default: self = .misc
      }
    }
    var list: StaticString {
      switch self {
      case .person: "listPerson"
      case .place: "listPlace"
      case .org: "listOrg"
      case .misc: "list"
      }
    }
    var entry: StaticString {
      switch self {
      case .person: "person"
      case .place: "place"
      case .org: "org"
      case .misc: "item"
      }
    }
    var name: StaticString {
      switch self {
      case .person: "persName"
      case .place: "placeName"
      case .org: "orgName"
      case .misc: "name"
      }
    }
  }

  /// One record to write: its id, its `xml:id`, data, and the Arabic names to list.
  struct Entry {
    var id: String
    var xmlID: String
    var record: AuthorityRecord
    var arabicNames: [String]
  }

  /// Writes the lists for `entries` (already sorted) into the current element;
  /// `extra` adds children to an entry (the register's mention notes) at the depth given.
  static func writeLists(_ entries: [Entry], to w: inout XMLWriter, depth: Int,
                         extra: (Entry, inout XMLWriter, Int) -> Void = { _, _, _ in }) {
    var grouped: [[Entry]] = Array(repeating: [], count: Group.allCases.count)
    for e in entries { grouped[Group(e.record.type).rawValue].append(e) }
    for group in Group.allCases where !grouped[group.rawValue].isEmpty {
      w.line(group.list, depth: depth)
      if group == .misc { w.attribute("type", "misc") }
      for e in grouped[group.rawValue] { writeEntry(e, group: group, to: &w, depth: depth + 1, extra: extra) }
      w.close(depth: depth + 1)
    }
  }

  private static func writeEntry(_ e: Entry, group: Group, to w: inout XMLWriter, depth: Int,
                                 extra: (Entry, inout XMLWriter, Int) -> Void) {
    w.line(group.entry, depth: depth)
    w.attribute("xml:id", e.xmlID)
    let inner = depth + 1
    for name in e.arabicNames { writeName(name, group: group, lang: "ar", to: &w, depth: inner) }
    if let en = e.record.en.map(TEIValues.oneLine), !en.isEmpty { writeName(en, group: group, lang: "en", to: &w, depth: inner) }
    if group == .place, let geo = e.record.geo, geo.count == 2, geo[0].isFinite, geo[1].isFinite {
      w.line("location", depth: inner)
      if let precision = e.record.precision.flatMap(TEIValues.token) { w.attribute("type", precision) }
      w.line("geo", text: "\(XMLText.decimal(geo[0], decimals: 6)) \(XMLText.decimal(geo[1], decimals: 6))",
             depth: inner + 1)
      w.close(depth: inner + 1)
    }
    let authorities = e.record.ids.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for authority in authorities {
      guard let value = e.record.ids[authority].flatMap(TEIValues.token), let type = TEIValues.token(authority) else { continue }
      w.line("idno", depth: inner)
      w.attribute("type", type)
      w.text(value)
      w.end()
    }
    for authority in authorities {
      guard let value = e.record.ids[authority].flatMap(TEIValues.token) else { continue }
      let uri: String
      switch authority {
      case "wikidata": uri = "http://www.wikidata.org/entity/\(value)"
      case "geonames": uri = "https://sws.geonames.org/\(value)/"
      default: continue
      }
      w.line("idno", depth: inner)
      w.attribute("type", "URI")
      w.attribute("subtype", authority)
      w.text(uri)
      w.end()
    }
    if e.record.ids.isEmpty {
      w.line("note", depth: inner)
      w.attribute("xml:lang", "en")
      w.text("No authority record (NIL): a local entity.")
      w.end()
    }
    extra(e, &w, inner)
    w.close(depth: inner)
  }

  private static func writeName(_ name: String, group: Group, lang: String, to w: inout XMLWriter, depth: Int) {
    w.line(group.name, depth: depth)
    w.attribute("xml:lang", lang)
    w.text(name)
    w.end()
  }

  /// Arabic names for a record: its own names first, then `seen` forms, each
  /// once, blanks dropped.
  static func arabicNames(_ record: AuthorityRecord, seen: [String] = []) -> [String] {
    var names = UniqueStrings()
    for n in record.ar { insertName(n, into: &names) }
    for n in seen { insertName(n, into: &names) }
    return names.ordered
  }

  private static func insertName(_ name: String, into names: inout UniqueStrings) {
    let t = TEIValues.oneLine(name)
    if !t.isEmpty { names.insert(t) }
  }
}
