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
    // Every linked record, made once for both flavours.
    let records = layers.records?.records ?? [:]
    let entries = c.linkedRecords.compactMap { id -> TEIRecords.Entry? in
      guard let record = records[id], let xmlID = c.recordRefs[id]?.xmlID else { return nil }
      return TEIRecords.Entry(id: id, xmlID: xmlID, record: record, arabicNames: TEIRecords.arabicNames(record, seen: c.surfaceForms[id] ?? []))
    }
    return TEIFiles(
      analysis: try write(c, reading: false, entries: entries), reading: try write(c, reading: true, entries: entries),
      analysisDrops: layout.analysisDrops, readingDrops: layout.readingDrops)
  }

  /// One flavour. `entries` are the linked records (sorted by id): analysis
  /// lists them all, reading only those it points to by `#id`.
  private static func write(_ c: TEIContext, reading: Bool, entries: [TEIRecords.Entry]) throws -> [UInt8] {
    var w = XMLWriter(rootName: "TEI", namespace: TEIContext.teiNamespace)
    w.attribute("xml:lang", "ar")
    w.attribute("xml:id", c.prefix)
    TEIHeader.write(c, flavour: reading ? "reading" : "analysis", to: &w)
    var localRefs = Set<String>()
    TEIBody.write(c, reading: reading, localRefs: &localRefs, to: &w)
    let listed = reading ? entries.filter { localRefs.contains($0.id) } : entries
    if !listed.isEmpty {
      w.line("standOff", depth: 1)
      w.attribute("type", "entities")
      w.attribute("resp", c.appRef("link"))
      TEIRecords.writeLists(listed, to: &w, depth: 2)
      w.close(depth: 2)
    }
    w.close(depth: 1)
    return try w.finish()
  }
}
