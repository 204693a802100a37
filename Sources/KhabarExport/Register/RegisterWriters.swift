import KhabarCore

/// The article file an entity points to, relative to `tei/`.
func registerArticleFile(_ id: String) -> String { TEIValues.uriPath(ExportStage.fileName(id)) + ".xml" }

/// The files made from a register: TEI, GeoJSON, GEXF and CSV, each streamed
/// in one pass over the entities (the TEI: one per list).
extension RegisterContents {

  /// `tei/corpus-register.xml`: a TEI document whose standOff lists every entity.
  public func teiRegister() throws -> [UInt8] { try registerInMemory { try teiRegister(into: $0) } }

  /// Streams `teiRegister()` into `sink`.
  public func teiRegister(into sink: ByteSink) throws {
    var w = XMLWriter(rootName: "TEI", namespace: TEIContext.teiNamespace, sink: sink)
    w.attribute("xml:lang", "en")
    w.line("teiHeader", depth: 1)
    w.line("fileDesc", depth: 2)
    w.line("titleStmt", depth: 3)
    w.line("title", text: "Khabar corpus register: people, places, organisations and other entities", depth: 4)
    w.close(depth: 4)
    w.line("publicationStmt", depth: 3)
    w.line("publisher", text: "Khabar (automatic TEI export)", depth: 4)
    w.close(depth: 4)
    w.line("sourceDesc", depth: 3)
    w.line("p", text: "Built by khabar-register from \(articleCount) articles (tei/<id>.xml); \(entityCount) entities.",
           depth: 4)
    w.close(depth: 4)
    w.close(depth: 3)
    w.close(depth: 2)
    w.line("text", depth: 1)
    w.line("body", depth: 2)
    w.line("p", text: """
      The entities linked in the corpus, with every Arabic form met in the texts, identifiers, \
      coordinates, the number of mentions and the articles they appear in. See standOff.
      """, depth: 3)
    w.close(depth: 3)
    w.close(depth: 2)
    if entityCount > 0 {
      w.line("standOff", depth: 1)
      w.attribute("type", "register")
      // Streamed: an entry is made when written, never all of them at once.
      // A pass per list: the first one learns every entity's list, so the
      // others make only their own entities.
      var groups: [TEIRecords.Group] = []
      try TEIRecords.writeLists(
        visiting: { g, body in
          if groups.isEmpty {
            try forEachEntity { e in
              groups.append(TEIRecords.Group(e.record.type))
              if groups[groups.count - 1] == g { body(e) }
            }
          } else {
            try forEachEntity(where: { groups[$0] == g }) { body($0) }
          }
        },
        entry: { TEIRecords.Entry(id: $0.id, xmlID: XMLText.ncName($0.id, prefix: "r."), record: $0.record, arabicNames: $0.arabicNames) },
        to: &w, depth: 2
      ) { e, _, w, depth in
        w.line("note", depth: depth)
        w.attribute("type", "mentions")
        w.start("num")
        w.attribute("value", String(e.mentions))
        w.text(String(e.mentions))
        w.end()
        w.end()
        w.line("note", depth: depth)
        w.attribute("type", "articles")
        for (i, article) in e.articles.enumerated() {
          if i > 0 { w.text(" ") }
          w.start("ptr")
          w.attribute("target", registerArticleFile(article))
          w.end()
        }
        w.end()
      }
      w.close(depth: 2)
    }
    w.close(depth: 1)
    try w.finish()
  }


  /// `places.geojson`: one Point feature per place with coordinates.
  public func geoJSON() -> [UInt8] {
    // A memory sink never fails.
    (try? registerInMemory { try geoJSON(into: $0) }) ?? []
  }

  /// Streams `geoJSON()` into `sink`, one feature at a time.
  public func geoJSON(into sink: ByteSink) throws {
    try sink.write(Array(#"{"type":"FeatureCollection","features":["#.utf8))
    var first = true
    try forEachEntity { e in
      guard let (lat, lon) = e.coordinates else { return }
      let id = e.id
      var w = JSONWriter(capacity: 1024)
      if !first { w.bytes.append(UInt8(ascii: ",")) }
      first = false
      w.beginObject()
      w.key("type"); w.string("Feature")
      w.key("id"); w.string(id)
      w.key("geometry")
      w.beginObject()
      w.key("type"); w.string("Point")
      w.key("coordinates")
      w.beginArray()
      w.double(registerRound6(lon))
      w.double(registerRound6(lat))
      w.endArray()
      w.endObject()
      w.key("properties")
      w.beginObject()
      w.key("id"); w.string(id)
      w.key("type"); w.string(e.record.type)
      // What the point stands for: a city, a point (a base, a crossing), a region's or a country's centre.
      w.key("precision"); if let p = e.record.precision { w.string(p) } else { w.null() }
      let names = e.arabicNames
      w.key("name"); if let n = names.first { w.string(n) } else { w.null() }
      w.key("name_en"); if let en = e.record.en { w.string(en) } else { w.null() }
      w.key("names"); w.stringArray(names)
      w.key("wikidata"); if let q = e.record.ids["wikidata"] { w.string(q) } else { w.null() }
      w.key("geonames"); if let g = e.record.ids["geonames"] { w.string(g) } else { w.null() }
      w.key("mentions"); w.int(e.mentions)
      w.key("articles"); w.stringArray(e.articles)
      w.endObject()
      w.endObject()
      try sink.write(w.bytes)
    }
    try sink.write(Array("]}\n".utf8))
  }


  /// `network.gexf`: GEXF 1.3, entities as nodes, same-sentence co-occurrence
  /// as weighted undirected edges.
  public func gexf() throws -> [UInt8] { try registerInMemory { try gexf(into: $0) } }

  /// Streams `gexf()` into `sink`.
  public func gexf(into sink: ByteSink) throws {
    var w = XMLWriter(rootName: "gexf", namespace: "http://gexf.net/1.3", sink: sink)
    w.attribute("version", "1.3")
    w.line("meta", depth: 1)
    w.line("creator", text: "khabar-register", depth: 2)
    w.line("description", text: "Entities of the corpus; an edge joins two entities named in the same sentence, weighted by how often.",
           depth: 2)
    w.close(depth: 2)
    w.line("graph", depth: 1)
    w.attribute("mode", "static")
    w.attribute("defaultedgetype", "undirected")
    w.line("attributes", depth: 2)
    w.attribute("class", "node")
    let columns = [("type", "string"), ("name_en", "string"), ("wikidata", "string"), ("geonames", "string"),
                   ("mentions", "integer"), ("articles", "integer"), ("lat", "double"), ("lon", "double")]
    for (i, (title, type)) in columns.enumerated() {
      w.line("attribute", depth: 3)
      w.attribute("id", String(i))
      w.attribute("title", title)
      w.attribute("type", type)
      w.end()
    }
    w.close(depth: 3)
    w.line("nodes", depth: 2)
    try forEachEntity { e in
      w.line("node", depth: 3)
      w.attribute("id", e.id)
      w.attribute("label", e.arabicNames.first ?? e.record.en ?? e.id)
      w.line("attvalues", depth: 4)
      let coordinates = e.coordinates
      let cells: [String?] = [
        e.record.type, e.record.en, e.record.ids["wikidata"], e.record.ids["geonames"], String(e.mentions),
        String(e.articles.count), coordinates.map { XMLText.decimal($0.lat, decimals: 6) },
        coordinates.map { XMLText.decimal($0.lon, decimals: 6) },
      ]
      for (i, cell) in cells.enumerated() {
        guard let cell else { continue }
        w.line("attvalue", depth: 5)
        w.attribute("for", String(i))
        w.attribute("value", cell)
        w.end()
      }
      w.close(depth: 5)
      w.close(depth: 4)
    }
    w.close(depth: 3)
    w.line("edges", depth: 2)
    var i = 0
    try forEachEdge { source, target, weight in
      w.line("edge", depth: 3)
      w.attribute("id", String(i))
      w.attribute("source", source)
      w.attribute("target", target)
      w.attribute("weight", String(weight))
      w.end()
      i += 1
    }
    w.close(depth: 3)
    w.close(depth: 2)
    w.close(depth: 1)
    try w.finish()
  }

  /// `entities.csv`: RFC 4180 (CRLF, quoted when needed), UTF-8, one row per entity.
  public func csv() -> [UInt8] {
    // A memory sink never fails.
    (try? registerInMemory { try csv(into: $0) }) ?? []
  }

  /// Streams `csv()` into `sink`, one row at a time.
  public func csv(into sink: ByteSink) throws {
    try sink.write(Array("id,type,name_ar,names_ar,name_en,wikidata,geonames,lat,lon,mentions,articles\r\n".utf8))
    try forEachEntity { e in
      let names = e.arabicNames
      let c = e.coordinates
      let row = [
        e.id, e.record.type, names.first ?? "", names.joined(separator: "|"), e.record.en ?? "",
        e.record.ids["wikidata"] ?? "", e.record.ids["geonames"] ?? "",
        c.map { XMLText.decimal($0.lat, decimals: 6) } ?? "", c.map { XMLText.decimal($0.lon, decimals: 6) } ?? "",
        String(e.mentions), e.articles.joined(separator: "|"),
      ]
      try sink.write(Array((row.map(registerCSVField).joined(separator: ",") + "\r\n").utf8))
    }
  }

}

/// What a streaming writer writes, collected in memory.
func registerInMemory(_ write: (ByteSink) throws -> Void) rethrows -> [UInt8] {
  let sink = ByteSink.memory()
  try write(sink)
  return sink.contents
}

func registerRound6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

/// A CSV field, quoted when it must be (RFC 4180).
func registerCSVField(_ s: String) -> String {
  let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    || s.first == " " || s.last == " "
  guard needsQuotes else { return s }
  return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
  /// `self` with every `target` replaced (no Foundation).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
