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
    var list: String { ["listPerson", "listPlace", "listOrg", "list"][rawValue] }
    var entry: String { ["person", "place", "org", "item"][rawValue] }
    var name: String { ["persName", "placeName", "orgName", "name"][rawValue] }
  }

  /// One record to write: its id, data, the Arabic names to list, and a hook
  /// that adds extra children (the register's mention notes) at `depth`.
  struct Entry {
    var id: String
    var xmlID: String
    var record: AuthorityRecord
    var arabicNames: [String]
  }

  /// Writes the lists for `entries` (already sorted) into `parent`.
  static func writeLists(_ entries: [Entry], tree: XMLTree, in parent: XMLNode, depth: Int,
                         extra: (Entry, XMLNode, Int) -> Void = { _, _, _ in }) {
    var grouped: [[Entry]] = Array(repeating: [], count: Group.allCases.count)
    for e in entries { grouped[Group(e.record.type).rawValue].append(e) }
    for group in Group.allCases where !grouped[group.rawValue].isEmpty {
      let list = tree.line(group.list, in: parent, depth: depth)
      if group == .misc { tree.attribute("type", "misc", on: list) }
      for e in grouped[group.rawValue] { writeEntry(e, group: group, tree: tree, in: list, depth: depth + 1, extra: extra) }
      tree.close(list, depth: depth + 1)
    }
  }

  private static func writeEntry(_ e: Entry, group: Group, tree: XMLTree, in list: XMLNode, depth: Int,
                                 extra: (Entry, XMLNode, Int) -> Void) {
    let node = tree.line(group.entry, in: list, depth: depth)
    tree.xmlAttribute("id", e.xmlID, on: node)
    let inner = depth + 1
    for name in e.arabicNames {
      let n = tree.line(group.name, text: name, in: node, depth: inner)
      tree.xmlAttribute("lang", "ar", on: n)
    }
    if let en = e.record.en.map(TEIValues.oneLine), !en.isEmpty {
      let n = tree.line(group.name, text: en, in: node, depth: inner)
      tree.xmlAttribute("lang", "en", on: n)
    }
    if group == .place, let geo = e.record.geo, geo.count == 2, geo[0].isFinite, geo[1].isFinite {
      let location = tree.line("location", in: node, depth: inner)
      if let precision = e.record.precision.flatMap(TEIValues.token) { tree.attribute("type", precision, on: location) }
      tree.line("geo", text: "\(XMLText.decimal(geo[0], decimals: 6)) \(XMLText.decimal(geo[1], decimals: 6))",
                in: location, depth: inner + 1)
      tree.close(location, depth: inner + 1)
    }
    let authorities = e.record.ids.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for authority in authorities {
      guard let value = e.record.ids[authority].flatMap(TEIValues.token), let type = TEIValues.token(authority) else { continue }
      let idno = tree.line("idno", text: value, in: node, depth: inner)
      tree.attribute("type", type, on: idno)
    }
    for authority in authorities {
      guard let value = e.record.ids[authority].flatMap(TEIValues.token) else { continue }
      let uri: String
      switch authority {
      case "wikidata": uri = "http://www.wikidata.org/entity/\(value)"
      case "geonames": uri = "https://sws.geonames.org/\(value)/"
      default: continue
      }
      let idno = tree.line("idno", text: uri, in: node, depth: inner)
      tree.attribute("type", "URI", on: idno)
      tree.attribute("subtype", authority, on: idno)
    }
    if e.record.ids.isEmpty {
      let note = tree.line("note", text: "No authority record (NIL): a local entity.", in: node, depth: inner)
      tree.xmlAttribute("lang", "en", on: note)
    }
    extra(e, node, inner)
    tree.close(node, depth: inner)
  }

  /// Arabic names for a record: its own names first, then `seen` forms, each
  /// once, blanks dropped.
  static func arabicNames(_ record: AuthorityRecord, seen: [String] = []) -> [String] {
    var out: [String] = []
    var known = Set<String>()
    for n in record.ar + seen {
      let t = TEIValues.oneLine(n)
      if !t.isEmpty && known.insert(t).inserted { out.append(t) }
    }
    return out
  }
}
