import KhabarCore

/// Writes the `teiHeader` both flavours share. It holds no wall-clock time:
/// the same record always gives the same bytes.
enum TEIHeader {
  static func write(_ c: TEIContext, flavour: String, to w: inout XMLWriter) {
    w.line("teiHeader", depth: 1)
    w.attribute("xml:lang", "en")
    writeFileDesc(c, flavour: flavour, to: &w)
    writeEncodingDesc(c, to: &w)
    writeProfileDesc(c, to: &w)
    w.close(depth: 2)
  }

  private static func writeFileDesc(_ c: TEIContext, flavour: String, to w: inout XMLWriter) {
    w.line("fileDesc", depth: 2)
    w.line("titleStmt", depth: 3)
    writeTitle(c, to: &w, depth: 4, attribute: ("type", "main"))
    w.line("title", depth: 4)
    w.attribute("type", "sub")
    w.text("TEI encoding (\(flavour) flavour) with automatic tokenisation and named-entity annotation")
    w.end()
    if let author = c.author { writeAuthor(author, to: &w, depth: 4) }
    w.line("respStmt", depth: 4)
    w.line("resp", text: "Automatic cleaning, segmentation, tagging, entity linking and TEI encoding", depth: 5)
    w.line("name", depth: 5)
    w.attribute("ref", c.appRef("export"))
    w.text("Khabar pipeline")
    w.end()
    w.close(depth: 5)
    w.close(depth: 4)

    w.line("publicationStmt", depth: 3)
    w.line("publisher", text: "Khabar (automatic TEI export)", depth: 4)
    writeIdno(c.document.id, type: "local", to: &w, depth: 4)
    w.line("availability", depth: 4)
    w.attribute("status", "restricted")
    w.line("p", text: "Research copy of a news article; the text belongs to its publisher.", depth: 5)
    w.close(depth: 5)
    w.close(depth: 4)

    w.line("sourceDesc", depth: 3)
    w.line("bibl", depth: 4)
    w.attribute("type", "article")
    writeTitle(c, to: &w, depth: 5, attribute: ("level", "a"))
    if let author = c.author { writeAuthor(author, to: &w, depth: 5) }
    if let date = c.document.meta["date"], TEIValues.isW3CDate(date) {
      w.line("date", depth: 5)
      w.attribute("when", date)
      w.text(date)
      w.end()
    }
    if let url = c.document.meta["url"], url.hasPrefix("http"), let token = TEIValues.token(url), token == url {
      w.line("ref", depth: 5)
      w.attribute("target", url)
      w.text("online version")
      w.end()
    }
    writeIdno(c.document.source.path, type: "file", to: &w, depth: 5)
    writeIdno(c.document.source.sha256, type: "sha256", to: &w, depth: 5)
    w.line("extent", text: "\(c.document.source.bytes) bytes", depth: 5)
    if let part = c.document.source.part { writePart(part, bytes: c.document.source.bytes, to: &w, depth: 5) }
    w.close(depth: 5)
    w.close(depth: 4)
    w.close(depth: 3)
  }

  /// Which part of its file a document is (a file over `maxDocumentBytes` is
  /// split), and the bytes of the file it holds.
  private static func writePart(_ part: Document.Part, bytes: Int, to w: inout XMLWriter, depth: Int) {
    w.line("biblScope", depth: depth)
    w.attribute("unit", "part")
    w.attribute("from", "\(part.index)")
    w.attribute("to", "\(part.index)")
    w.text("part \(part.index) of \(part.count)")
    w.end()
    w.line("biblScope", depth: depth)
    w.attribute("unit", "byte")
    w.attribute("from", "\(part.offset)")
    w.attribute("to", "\(part.offset + max(bytes, 1) - 1)")
    w.end()
  }

  private static func writeTitle(_ c: TEIContext, to w: inout XMLWriter, depth: Int, attribute: (StaticString, String)) {
    w.line("title", depth: depth)
    if let t = c.title {
      w.attribute("xml:lang", "ar")
      w.attribute(attribute.0, attribute.1)
      w.text(t)
    } else {
      w.attribute(attribute.0, attribute.1)
      w.text("Untitled article \(c.document.id)")
    }
    w.end()
  }

  private static func writeAuthor(_ author: String, to w: inout XMLWriter, depth: Int) {
    w.line("author", depth: depth)
    w.attribute("xml:lang", "ar")
    w.text(author)
    w.end()
  }

  private static func writeIdno(_ value: String, type: String, to w: inout XMLWriter, depth: Int) {
    w.line("idno", depth: depth)
    w.attribute("type", type)
    w.text(value)
    w.end()
  }

  /// What the header says about one pipeline stage (made once per article).
  struct Application {
    var xmlID: String
    var ident: String
    var version: String
    var label: String
    var desc: String

    init(stage: String, version: String, options: String, prefix: String) {
      xmlID = "\(prefix).app.\(XMLText.ncName(stage))"
      ident = "khabar-\(TEIValues.token(stage) ?? "stage")"
      self.version = TEIValues.applicationVersion(version)
      label = "khabar-\(stage) \(version)"
      var desc = TEIHeader.stageLabel(stage) ?? "Pipeline stage \(stage)"
      if !options.isEmpty { desc += "; options hash \(options)" }
      self.desc = desc + "."
    }
  }

  private static func stageLabel(_ stage: String) -> String? {
    switch stage {
    case "clean": "Cleaning: scraper noise removed, blocks (title, byline, dateline, paragraphs, notes) found"
    case "segment": "Segmentation: sentences, tokens and clitics (w, pc, s)"
    case "tag": "Tagging: named entities, dates and quantities"
    case "link": "Entity linking to Wikidata, GeoNames and local records (standOff)"
    case "export": "TEI export through libxml2 (this file)"
    default: nil
    }
  }

  private static func writeEncodingDesc(_ c: TEIContext, to w: inout XMLWriter) {
    w.line("encodingDesc", depth: 2)
    w.line("appInfo", depth: 3)
    for app in c.applicationEntries {
      w.line("application", depth: 4)
      w.attribute("xml:id", app.xmlID)
      w.attribute("ident", app.ident)
      w.attribute("version", app.version)
      w.line("label", text: app.label, depth: 5)
      w.line("desc", text: app.desc, depth: 5)
      w.close(depth: 5)
    }
    w.close(depth: 4)

    w.line("editorialDecl", depth: 3)
    w.line("p", text: """
      The text is the article as cleaned by khabar-clean: Unicode NFC, tatweel and invisible formatting \
      characters removed, whitespace normalised, scraper noise (advertising, repeated titles) removed; \
      letters, diacritics and Arabic-Indic digits are kept as written. Dates carry ISO values in @when \
      (ASCII digits). Characters XML does not allow are replaced by U+FFFD.
      """, depth: 4)
    w.line("p", text: """
      Tokens: a proclitic (و ف ب ك ل س) is its own w with join="right", the article stays with its stem, \
      an enclitic pronoun is its own w with join="left"; punctuation is pc. Whitespace between tokens is \
      kept as text. Annotations that cross a sentence or overlap without nesting are left out.
      """, depth: 4)
    w.close(depth: 4)

    w.line("tagsDecl", depth: 3)
    w.line("rendition", depth: 4)
    w.attribute("xml:id", "\(c.prefix).rtl")
    w.attribute("scheme", "css")
    w.text("direction: rtl; text-align: right;")
    w.end()
    w.close(depth: 4)

    w.line("listPrefixDef", depth: 3)
    for (ident, pattern, replacement, what) in [
      ("wd", "(Q[0-9]+)", "http://www.wikidata.org/entity/$1", "Wikidata entities, e.g. wd:Q1530."),
      ("gn", "([0-9]+)", "https://sws.geonames.org/$1/", "GeoNames features, e.g. gn:98182."),
    ] {
      w.line("prefixDef", depth: 4)
      w.attribute("ident", ident)
      w.attribute("matchPattern", pattern)
      w.attribute("replacementPattern", replacement)
      w.line("p", text: what, depth: 5)
      w.close(depth: 5)
    }
    w.close(depth: 4)
    w.close(depth: 3)
  }

  private static func writeProfileDesc(_ c: TEIContext, to w: inout XMLWriter) {
    w.line("profileDesc", depth: 2)
    if c.hasHijriDate {
      w.line("calendarDesc", depth: 3)
      w.line("calendar", depth: 4)
      w.attribute("xml:id", "\(c.prefix).hijri")
      w.line("p", text: "Islamic (Hijri) lunar calendar", depth: 5)
      w.close(depth: 5)
      w.close(depth: 4)
    }
    w.line("langUsage", depth: 3)
    for (ident, name) in [("ar", "Arabic (Modern Standard Arabic news)"), ("en", "English (header and record labels)")] {
      w.line("language", depth: 4)
      w.attribute("ident", ident)
      w.text(name)
      w.end()
    }
    w.close(depth: 4)
    w.close(depth: 3)
  }
}
