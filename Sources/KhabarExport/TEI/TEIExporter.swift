import KhabarCore

/// The two TEI files of one article and what was left out.
public struct TEIFiles: Sendable {
  /// Analysis flavour: `s`/`w`/`pc`, local @ref into standOff.
  public var analysis: [UInt8]
  /// Reading flavour: plain text with names inline, authority URIs in @ref.
  public var reading: [UInt8]
  public var analysisDrops: DropCounts
  public var readingDrops: DropCounts
}

/// Turns one record into TEI P5 (valid against tei_all) with libxml2.
public enum TEIExporter {
  /// Exports `document`; it must have text, blocks, sentences, tokens and morphs.
  public static func export(_ document: Document, exportVersion: String = ExportStage.version) throws -> TEIFiles {
    let layers = try ExportLayers(document)
    let text = SourceText(try document.requireText())
    let layout = ArticleLayout(document: document, text: text, layers: layers)
    let c = TEIContext(document: document, layers: layers, layout: layout, exportVersion: exportVersion)
    return TEIFiles(
      analysis: try write(c, reading: false), reading: try write(c, reading: true),
      analysisDrops: layout.analysisDrops, readingDrops: layout.readingDrops)
  }

  private static func write(_ c: TEIContext, reading: Bool) throws -> [UInt8] {
    let tree = XMLTree(rootName: "TEI", namespace: TEIContext.teiNamespace)
    let root = tree.root
    tree.xmlAttribute("lang", "ar", on: root)
    tree.xmlAttribute("id", c.prefix, on: root)
    TEIHeader.write(c, flavour: reading ? "reading" : "analysis", tree: tree, in: root)
    var localRefs = Set<String>()
    TEIBody.write(c, reading: reading, localRefs: &localRefs, tree: tree, in: root)
    // Analysis lists every linked record; reading only those it points to by #id.
    let ids = reading ? localRefs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : c.linkedRecords
    let records = c.layers.records?.records ?? [:]
    let entries = ids.compactMap { id -> TEIRecords.Entry? in
      guard let record = records[id], let xmlID = c.recordIDs[id] else { return nil }
      return TEIRecords.Entry(id: id, xmlID: xmlID, record: record, arabicNames: TEIRecords.arabicNames(record, seen: c.surfaceForms[id] ?? []))
    }
    if !entries.isEmpty {
      let standOff = tree.line("standOff", in: root, depth: 1)
      tree.attribute("type", "entities", on: standOff)
      tree.attribute("resp", c.appRef("link"), on: standOff)
      TEIRecords.writeLists(entries, tree: tree, in: standOff, depth: 2)
      tree.close(standOff, depth: 2)
    }
    tree.close(root, depth: 1)
    // Analysis markup is ~8 bytes per byte of text (w, ids, names); reading ~2.
    return try tree.serialize(sizeHint: 4096 + c.layout.text.bytes.count * (reading ? 2 : 8))
  }
}
