import KhabarCore

/// What both TEI flavours of one article share: ids, header facts, the
/// layout, and the records the links point at.
struct TEIContext {
  static let teiNamespace: StaticString = "http://www.tei-c.org/ns/1.0"

  let document: Document
  let layers: ExportLayers
  let layout: ArticleLayout
  /// The document id as an NCName, prefix of every `xml:id` in the file.
  let prefix: String
  /// Stage name → its application `xml:id` (`<prefix>.app.<stage>`), in pipeline order.
  let applications: [(stage: String, version: String, options: String)]
  /// The header's `application` entries, in the same order.
  let applicationEntries: [TEIHeader.Application]
  /// Record id (layer key) → its `xml:id` in standOff, the local pointer
  /// to it (`#<xml:id>`) and its authority URI.
  let recordRefs: [String: RecordRefs]
  struct RecordRefs {
    var xmlID: String
    var local: String
    var uri: String?
  }
  /// Entity index → record id (only when the record exists).
  let entityRecord: [String?]
  let hasHijriDate: Bool
  /// Record id → the distinct forms its mentions take in this article (sorted).
  let surfaceForms: [String: [String]]
  /// Pointers used on every annotation, made once: `#<prefix>.app.tag`, …
  let tagRef: String, cleanRef: String, hijriRef: String
  /// Entity index → its @ref in the analysis flavour (`#<record xml:id>`)
  /// and in the reading flavour (authority URI, or nil to use the local one).
  let analysisRef: [String?]
  let readingURI: [String?]
  /// The article title (`meta.title`, else the first title block) and author
  /// (`meta.author`, else the first byline block), on one line each.
  let title: String?, author: String?

  init(document: Document, layers: ExportLayers, layout: ArticleLayout, exportVersion: String) {
    self.document = document
    self.layers = layers
    self.layout = layout
    prefix = XMLText.isNCName(document.id) ? document.id : XMLText.ncName(document.id, prefix: "d")

    // One application per stage, describing its latest run, in first-seen order.
    var order: [String] = []
    var latest: [String: Document.Provenance] = [:]
    for p in document.provenance {
      if latest[p.stage] == nil { order.append(p.stage) }
      latest[p.stage] = p
    }
    if latest["export"] == nil {
      order.append("export")
      latest["export"] = Document.Provenance(stage: "export", version: exportVersion, options: "")
    }
    applications = order.compactMap { stage in latest[stage].map { (stage, $0.version, $0.options) } }
    let idPrefix = prefix
    applicationEntries = applications.map {
      TEIHeader.Application(stage: $0.stage, version: $0.version, options: $0.options, prefix: idPrefix)
    }

    let records = layers.records?.records ?? [:]
    // Per record, once: its xml:id, the local pointer to it, its authority URI.
    var refs: [String: RecordRefs] = [:]
    refs.reserveCapacity(records.count)
    for (key, record) in records {
      let id = XMLText.ncName(key, prefix: "r.")
      refs[key] = RecordRefs(xmlID: id, local: "#" + id, uri: Self.authorityURI(record))
    }
    recordRefs = refs
    var byEntity = [String?](repeating: nil, count: layers.entities?.items.count ?? 0)
    for link in layers.links?.items ?? [] where link.entity >= 0 && link.entity < byEntity.count {
      if records[link.ref] != nil { byEntity[link.entity] = link.ref }
    }
    entityRecord = byEntity
    // The forms each record is written in here, for standOff's name variants.
    var forms: [String: UniqueStrings] = [:]
    for (i, rid) in byEntity.enumerated() {
      guard let rid, let e = layers.entities?.items[i], e.start >= 0, e.start < e.end, e.end <= layout.text.count else { continue }
      forms[rid, default: UniqueStrings()].insert(TEIValues.oneLine(layout.text.string(e.start..<e.end)))
    }
    surfaceForms = forms.mapValues { UTF8Order.sorted($0.ordered) }
    hasHijriDate = (layers.dates?.items ?? []).contains { $0.calendar == "hijri" }
    let stages = Set(applications.map(\.stage))
    let ref = { (stage: String) in "#\(idPrefix).app.\(stages.contains(stage) ? stage : "export")" }
    tagRef = ref("tag")
    cleanRef = ref("clean")
    hijriRef = "#\(idPrefix).hijri"
    analysisRef = byEntity.map { rid in rid.flatMap { refs[$0]?.local } }
    readingURI = byEntity.map { rid in rid.flatMap { refs[$0]?.uri } }
    title = Self.title(document, layout)
    author = Self.author(document, layout)
  }

  /// `#<prefix>.app.<stage>` when that stage ran, else the export application.
  func appRef(_ stage: String) -> String {
    let known = applications.contains { $0.stage == stage }
    return "#\(prefix).app.\(known ? stage : "export")"
  }

  /// The article title: `meta.title`, else the first title block.
  private static func title(_ document: Document, _ layout: ArticleLayout) -> String? {
    if let t = document.meta["title"].map(TEIValues.oneLine), !t.isEmpty { return t }
    if let b = layout.blocks.first(where: { $0.kind == "title" }) {
      let t = TEIValues.oneLine(layout.text.string(b.range))
      return t.isEmpty ? nil : t
    }
    return nil
  }

  /// The author: `meta.author`, else the first byline block.
  private static func author(_ document: Document, _ layout: ArticleLayout) -> String? {
    if let t = document.meta["author"].map(TEIValues.oneLine), !t.isEmpty { return t }
    if let b = layout.blocks.first(where: { $0.kind == "byline" }) {
      let t = TEIValues.oneLine(layout.text.string(b.range))
      return t.isEmpty ? nil : t
    }
    return nil
  }

  /// Record ids linked in this article, sorted (byte order), that exist.
  var linkedRecords: [String] {
    UTF8Order.sorted(Set(entityRecord.compactMap { $0 }))
  }

  /// The authority URI of a record: Wikidata first, then GeoNames.
  static func authorityURI(_ record: AuthorityRecord) -> String? {
    if let q = record.ids["wikidata"], let t = TEIValues.token(q) { return "http://www.wikidata.org/entity/\(t)" }
    if let g = record.ids["geonames"], let t = TEIValues.token(g) { return "https://sws.geonames.org/\(t)/" }
    return nil
  }
}
