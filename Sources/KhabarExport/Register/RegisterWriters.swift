import KhabarCore

/// The files made from a `CorpusRegister`: TEI, GeoJSON, GEXF and CSV.
extension CorpusRegister {
  /// The article file an entity points to, relative to `tei/`.
  static func articleFile(_ id: String) -> String { TEIValues.uriPath(ExportStage.fileName(id)) + ".xml" }

  /// `tei/corpus-register.xml`: a TEI document whose standOff lists every entity.
  public func teiRegister() throws -> [UInt8] {
    let tree = XMLTree(rootName: "TEI", namespace: TEIContext.teiNamespace)
    let root = tree.root
    tree.xmlAttribute("lang", "en", on: root)
    let header = tree.line("teiHeader", in: root, depth: 1)
    let fileDesc = tree.line("fileDesc", in: header, depth: 2)
    let titleStmt = tree.line("titleStmt", in: fileDesc, depth: 3)
    tree.line("title", text: "Khabar corpus register: people, places, organisations and other entities",
              in: titleStmt, depth: 4)
    tree.close(titleStmt, depth: 4)
    let pub = tree.line("publicationStmt", in: fileDesc, depth: 3)
    tree.line("publisher", text: "Khabar (automatic TEI export)", in: pub, depth: 4)
    tree.close(pub, depth: 4)
    let source = tree.line("sourceDesc", in: fileDesc, depth: 3)
    tree.line("p", text: "Built by khabar-register from \(articleCount) articles (tei/<id>.xml); \(entries.count) entities.",
              in: source, depth: 4)
    tree.close(source, depth: 4)
    tree.close(fileDesc, depth: 3)
    tree.close(header, depth: 2)
    let text = tree.line("text", in: root, depth: 1)
    let body = tree.line("body", in: text, depth: 2)
    tree.line("p", text: """
      The entities linked in the corpus, with every Arabic form met in the texts, identifiers, \
      coordinates, the number of mentions and the articles they appear in. See standOff.
      """, in: body, depth: 3)
    tree.close(body, depth: 3)
    tree.close(text, depth: 2)
    if !entries.isEmpty {
      let standOff = tree.line("standOff", in: root, depth: 1)
      tree.attribute("type", "register", on: standOff)
      let list = sortedIDs.compactMap { id -> TEIRecords.Entry? in
        guard let e = entries[id] else { return nil }
        return TEIRecords.Entry(id: id, xmlID: XMLText.ncName(id, prefix: "r."), record: e.record,
                                arabicNames: arabicNames(id))
      }
      TEIRecords.writeLists(list, tree: tree, in: standOff, depth: 2) { entry, node, depth in
        guard let e = entries[entry.id] else { return }
        let mentions = tree.line("note", in: node, depth: depth)
        tree.attribute("type", "mentions", on: mentions)
        let num = tree.element("num", text: String(e.mentions), in: mentions)
        tree.attribute("value", String(e.mentions), on: num)
        let articles = tree.line("note", in: node, depth: depth)
        tree.attribute("type", "articles", on: articles)
        for (i, article) in sortedArticles(entry.id).enumerated() {
          if i > 0 { tree.text(" ", in: articles) }
          let ptr = tree.element("ptr", in: articles)
          tree.attribute("target", Self.articleFile(article), on: ptr)
        }
      }
      tree.close(standOff, depth: 2)
    }
    tree.close(root, depth: 1)
    return try tree.serialize()
  }

  /// `places.geojson`: one Point feature per place with coordinates.
  public func geoJSON() -> [UInt8] {
    var w = JSONWriter(capacity: 4096)
    w.beginObject()
    w.key("type"); w.string("FeatureCollection")
    w.key("features")
    w.beginArray()
    for id in sortedIDs {
      guard let e = entries[id], let (lat, lon) = coordinates(id) else { continue }
      w.beginObject()
      w.key("type"); w.string("Feature")
      w.key("id"); w.string(id)
      w.key("geometry")
      w.beginObject()
      w.key("type"); w.string("Point")
      w.key("coordinates")
      w.beginArray()
      w.double(Self.round6(lon))
      w.double(Self.round6(lat))
      w.endArray()
      w.endObject()
      w.key("properties")
      w.beginObject()
      w.key("id"); w.string(id)
      w.key("type"); w.string(e.record.type)
      let names = arabicNames(id)
      w.key("name"); if let n = names.first { w.string(n) } else { w.null() }
      w.key("name_en"); if let en = e.record.en { w.string(en) } else { w.null() }
      w.key("names"); w.stringArray(names)
      w.key("wikidata"); if let q = e.record.ids["wikidata"] { w.string(q) } else { w.null() }
      w.key("geonames"); if let g = e.record.ids["geonames"] { w.string(g) } else { w.null() }
      w.key("mentions"); w.int(e.mentions)
      w.key("articles"); w.stringArray(sortedArticles(id))
      w.endObject()
      w.endObject()
    }
    w.endArray()
    w.endObject()
    var bytes = w.bytes
    bytes.append(0x0A)
    return bytes
  }

  static func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

  /// `network.gexf`: GEXF 1.3, entities as nodes, same-sentence co-occurrence
  /// as weighted undirected edges.
  public func gexf() throws -> [UInt8] {
    let tree = XMLTree(rootName: "gexf", namespace: "http://gexf.net/1.3")
    let root = tree.root
    tree.attribute("version", "1.3", on: root)
    let meta = tree.line("meta", in: root, depth: 1)
    tree.line("creator", text: "khabar-register", in: meta, depth: 2)
    tree.line("description", text: "Entities of the corpus; an edge joins two entities named in the same sentence, weighted by how often.",
              in: meta, depth: 2)
    tree.close(meta, depth: 2)
    let graph = tree.line("graph", in: root, depth: 1)
    tree.attribute("mode", "static", on: graph)
    tree.attribute("defaultedgetype", "undirected", on: graph)
    let attributes = tree.line("attributes", in: graph, depth: 2)
    tree.attribute("class", "node", on: attributes)
    let columns = [("type", "string"), ("name_en", "string"), ("wikidata", "string"), ("geonames", "string"),
                   ("mentions", "integer"), ("articles", "integer"), ("lat", "double"), ("lon", "double")]
    for (i, (title, type)) in columns.enumerated() {
      let a = tree.line("attribute", in: attributes, depth: 3)
      tree.attribute("id", String(i), on: a)
      tree.attribute("title", title, on: a)
      tree.attribute("type", type, on: a)
    }
    tree.close(attributes, depth: 3)
    let nodes = tree.line("nodes", in: graph, depth: 2)
    for id in sortedIDs {
      guard let e = entries[id] else { continue }
      let node = tree.line("node", in: nodes, depth: 3)
      tree.attribute("id", id, on: node)
      tree.attribute("label", arabicNames(id).first ?? e.record.en ?? id, on: node)
      let values = tree.line("attvalues", in: node, depth: 4)
      let coordinates = coordinates(id)
      let cells: [String?] = [
        e.record.type, e.record.en, e.record.ids["wikidata"], e.record.ids["geonames"], String(e.mentions),
        String(e.articles.count), coordinates.map { XMLText.decimal($0.lat, decimals: 6) },
        coordinates.map { XMLText.decimal($0.lon, decimals: 6) },
      ]
      for (i, cell) in cells.enumerated() {
        guard let cell else { continue }
        let v = tree.line("attvalue", in: values, depth: 5)
        tree.attribute("for", String(i), on: v)
        tree.attribute("value", cell, on: v)
      }
      tree.close(values, depth: 5)
      tree.close(node, depth: 4)
    }
    tree.close(nodes, depth: 3)
    let edgesNode = tree.line("edges", in: graph, depth: 2)
    for (i, edge) in edges.enumerated() {
      let e = tree.line("edge", in: edgesNode, depth: 3)
      tree.attribute("id", String(i), on: e)
      tree.attribute("source", edge.source, on: e)
      tree.attribute("target", edge.target, on: e)
      tree.attribute("weight", String(edge.weight), on: e)
    }
    tree.close(edgesNode, depth: 3)
    tree.close(graph, depth: 2)
    tree.close(root, depth: 1)
    return try tree.serialize()
  }

  /// `entities.csv`: RFC 4180 (CRLF, quoted when needed), UTF-8, one row per entity.
  public func csv() -> [UInt8] {
    var out = "id,type,name_ar,names_ar,name_en,wikidata,geonames,lat,lon,mentions,articles\r\n"
    for id in sortedIDs {
      guard let e = entries[id] else { continue }
      let names = arabicNames(id)
      let c = coordinates(id)
      let row = [
        id, e.record.type, names.first ?? "", names.joined(separator: "|"), e.record.en ?? "",
        e.record.ids["wikidata"] ?? "", e.record.ids["geonames"] ?? "",
        c.map { XMLText.decimal($0.lat, decimals: 6) } ?? "", c.map { XMLText.decimal($0.lon, decimals: 6) } ?? "",
        String(e.mentions), sortedArticles(id).joined(separator: "|"),
      ]
      out += row.map(Self.csvField).joined(separator: ",") + "\r\n"
    }
    return Array(out.utf8)
  }

  static func csvField(_ s: String) -> String {
    let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
      || s.first == " " || s.last == " "
    guard needsQuotes else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension String {
  /// `self` with every `target` replaced (no Foundation).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
