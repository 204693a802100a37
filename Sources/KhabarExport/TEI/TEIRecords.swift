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

  /// One record as its entry shows it: id, `xml:id`, and every value,
  /// worked out once (an article writes its entries in both flavours).
  struct Entry {
    var id: String
    var xmlID: String
    var group: Group
    var arabicNames: [String]
    var englishName: String?
    /// For a place with coordinates: `location/@type` and the `geo` text.
    var location: (type: String?, geo: String)?
    /// `idno` per authority (byte order): @type and value.
    var idnos: [(type: String, value: String)] = []
    /// `idno type="URI"` for Wikidata and GeoNames: @subtype and URI.
    var uris: [(authority: String, uri: String)] = []
    /// No identifiers: a local (NIL) entity.
    var isLocal: Bool

    init(id: String, xmlID: String, record: AuthorityRecord, arabicNames: [String]) {
      self.id = id
      self.xmlID = xmlID
      group = Group(record.type)
      self.arabicNames = arabicNames
      englishName = record.en.map(TEIValues.oneLine).flatMap { $0.isEmpty ? nil : $0 }
      if group == .place, let geo = record.geo, geo.count == 2, geo[0].isFinite, geo[1].isFinite {
        location = (record.precision.flatMap(TEIValues.token),
                    "\(XMLText.decimal(geo[0], decimals: 6)) \(XMLText.decimal(geo[1], decimals: 6))")
      }
      for authority in UTF8Order.sorted(record.ids.keys) {
        guard let value = record.ids[authority].flatMap(TEIValues.token) else { continue }
        if let type = TEIValues.token(authority) { idnos.append((type, value)) }
        switch authority {
        case "wikidata": uris.append((authority, "http://www.wikidata.org/entity/\(value)"))
        case "geonames": uris.append((authority, "https://sws.geonames.org/\(value)/"))
        default: break
        }
      }
      isLocal = record.ids.isEmpty
    }
  }

  /// Writes the lists for `entries` (already sorted) into the current element;
  /// `extra` adds children to an entry at the depth given.
  static func writeLists(_ entries: [Entry], to w: inout XMLWriter, depth: Int,
                         extra: (Entry, inout XMLWriter, Int) -> Void = { _, _, _ in }) {
    writeLists(visiting: { g, body in for e in entries where e.group == g { body(e) } }, entry: { $0 },
               to: &w, depth: depth) { e, _, w, depth in extra(e, &w, depth) }
  }

  /// `writeLists` for many records without holding their entries: `visit(g, body)` calls `body`
  /// with the items of group `g` in order (once per group), `entry` makes an item's entry only
  /// when it is written, and `extra` adds children to it (the register's mention notes).
  static func writeLists<Item>(visiting visit: (Group, (Item) -> Void) throws -> Void,
                               entry: (Item) -> Entry, to w: inout XMLWriter, depth: Int,
                               extra: (Item, Entry, inout XMLWriter, Int) -> Void) rethrows {
    // The visitor's callback uses the other two closures (which are never kept).
    try withoutActuallyEscaping(entry) { entry in
      try withoutActuallyEscaping(extra) { extra in
        for g in Group.allCases {
          var opened = false
          try visit(g) { item in
            let e = entry(item)
            if !opened {
              w.line(g.list, depth: depth)
              if g == .misc { w.attribute("type", "misc") }
              opened = true
            }
            writeEntry(e, to: &w, depth: depth + 1) { e, w, depth in extra(item, e, &w, depth) }
          }
          if opened { w.close(depth: depth + 1) }
        }
      }
    }
  }

  private static func writeEntry(_ e: Entry, to w: inout XMLWriter, depth: Int,
                                 extra: (Entry, inout XMLWriter, Int) -> Void) {
    w.line(e.group.entry, depth: depth)
    w.attribute("xml:id", e.xmlID)
    let inner = depth + 1
    for name in e.arabicNames { writeName(name, group: e.group, lang: "ar", to: &w, depth: inner) }
    if let en = e.englishName { writeName(en, group: e.group, lang: "en", to: &w, depth: inner) }
    if let location = e.location {
      w.line("location", depth: inner)
      if let type = location.type { w.attribute("type", type) }
      w.line("geo", text: location.geo, depth: inner + 1)
      w.close(depth: inner + 1)
    }
    for idno in e.idnos {
      w.line("idno", depth: inner)
      w.attribute("type", idno.type)
      w.text(idno.value)
      w.end()
    }
    for uri in e.uris {
      w.line("idno", depth: inner)
      w.attribute("type", "URI")
      w.attribute("subtype", uri.authority)
      w.text(uri.uri)
      w.end()
    }
    if e.isLocal {
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
