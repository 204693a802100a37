import KhabarCore

/// Writes the `teiHeader` both flavours share. It holds no wall-clock time:
/// the same record always gives the same bytes.
enum TEIHeader {
  static func write(_ c: TEIContext, flavour: String, tree: XMLTree, in root: XMLNode) {
    let header = tree.line("teiHeader", in: root, depth: 1)
    tree.xmlAttribute("lang", "en", on: header)
    writeFileDesc(c, flavour: flavour, tree: tree, in: header)
    writeEncodingDesc(c, tree: tree, in: header)
    writeProfileDesc(c, tree: tree, in: header)
    tree.close(header, depth: 2)
  }

  private static func writeFileDesc(_ c: TEIContext, flavour: String, tree: XMLTree, in header: XMLNode) {
    let fileDesc = tree.line("fileDesc", in: header, depth: 2)
    let titleStmt = tree.line("titleStmt", in: fileDesc, depth: 3)
    writeTitle(c, tree: tree, in: titleStmt, depth: 4, attributes: [("type", "main")])
    let sub = tree.line("title", text: "TEI encoding (\(flavour) flavour) with automatic tokenisation and named-entity annotation",
                        in: titleStmt, depth: 4)
    tree.attribute("type", "sub", on: sub)
    if let author = c.author {
      let a = tree.line("author", text: author, in: titleStmt, depth: 4)
      tree.xmlAttribute("lang", "ar", on: a)
    }
    let resp = tree.line("respStmt", in: titleStmt, depth: 4)
    tree.line("resp", text: "Automatic cleaning, segmentation, tagging, entity linking and TEI encoding",
              in: resp, depth: 5)
    let name = tree.line("name", text: "Khabar pipeline", in: resp, depth: 5)
    tree.attribute("ref", c.appRef("export"), on: name)
    tree.close(resp, depth: 5)
    tree.close(titleStmt, depth: 4)

    let pub = tree.line("publicationStmt", in: fileDesc, depth: 3)
    tree.line("publisher", text: "Khabar (automatic TEI export)", in: pub, depth: 4)
    let idno = tree.line("idno", text: c.document.id, in: pub, depth: 4)
    tree.attribute("type", "local", on: idno)
    let availability = tree.line("availability", in: pub, depth: 4)
    tree.attribute("status", "restricted", on: availability)
    tree.line("p", text: "Research copy of a news article; the text belongs to its publisher.", in: availability, depth: 5)
    tree.close(availability, depth: 5)
    tree.close(pub, depth: 4)

    let sourceDesc = tree.line("sourceDesc", in: fileDesc, depth: 3)
    let bibl = tree.line("bibl", in: sourceDesc, depth: 4)
    tree.attribute("type", "article", on: bibl)
    writeTitle(c, tree: tree, in: bibl, depth: 5, attributes: [("level", "a")])
    if let author = c.author {
      let a = tree.line("author", text: author, in: bibl, depth: 5)
      tree.xmlAttribute("lang", "ar", on: a)
    }
    if let date = c.document.meta["date"], TEIValues.isW3CDate(date) {
      let d = tree.line("date", text: date, in: bibl, depth: 5)
      tree.attribute("when", date, on: d)
    }
    if let url = c.document.meta["url"], url.hasPrefix("http"), let token = TEIValues.token(url), token == url {
      let ref = tree.line("ref", text: "online version", in: bibl, depth: 5)
      tree.attribute("target", url, on: ref)
    }
    let file = tree.line("idno", text: c.document.source.path, in: bibl, depth: 5)
    tree.attribute("type", "file", on: file)
    let sha = tree.line("idno", text: c.document.source.sha256, in: bibl, depth: 5)
    tree.attribute("type", "sha256", on: sha)
    tree.line("extent", text: "\(c.document.source.bytes) bytes", in: bibl, depth: 5)
    tree.close(bibl, depth: 5)
    tree.close(sourceDesc, depth: 4)
    tree.close(fileDesc, depth: 3)
  }

  private static func writeTitle(_ c: TEIContext, tree: XMLTree, in parent: XMLNode, depth: Int,
                                 attributes: [(String, String)]) {
    let title: XMLNode
    if let t = c.title {
      title = tree.line("title", text: t, in: parent, depth: depth)
      tree.xmlAttribute("lang", "ar", on: title)
    } else {
      title = tree.line("title", text: "Untitled article \(c.document.id)", in: parent, depth: depth)
    }
    for (k, v) in attributes { tree.attribute(k, v, on: title) }
  }

  private static let labels: [String: String] = [
    "clean": "Cleaning: scraper noise removed, blocks (title, byline, dateline, paragraphs, notes) found",
    "segment": "Segmentation: sentences, tokens and clitics (w, pc, s)",
    "tag": "Tagging: named entities, dates and quantities",
    "link": "Entity linking to Wikidata, GeoNames and local records (standOff)",
    "export": "TEI export through libxml2 (this file)",
  ]

  private static func writeEncodingDesc(_ c: TEIContext, tree: XMLTree, in header: XMLNode) {
    let encodingDesc = tree.line("encodingDesc", in: header, depth: 2)
    let appInfo = tree.line("appInfo", in: encodingDesc, depth: 3)
    for app in c.applications {
      let a = tree.line("application", in: appInfo, depth: 4)
      tree.xmlAttribute("id", "\(c.prefix).app.\(XMLText.ncName(app.stage))", on: a)
      tree.attribute("ident", "khabar-\(TEIValues.token(app.stage) ?? "stage")", on: a)
      tree.attribute("version", TEIValues.applicationVersion(app.version), on: a)
      tree.line("label", text: "khabar-\(app.stage) \(app.version)", in: a, depth: 5)
      var desc = labels[app.stage] ?? "Pipeline stage \(app.stage)"
      if !app.options.isEmpty { desc += "; options hash \(app.options)" }
      tree.line("desc", text: desc + ".", in: a, depth: 5)
      tree.close(a, depth: 5)
    }
    tree.close(appInfo, depth: 4)

    let editorial = tree.line("editorialDecl", in: encodingDesc, depth: 3)
    tree.line("p", text: """
      The text is the article as cleaned by khabar-clean: Unicode NFC, tatweel and invisible formatting \
      characters removed, whitespace normalised, scraper noise (advertising, repeated titles) removed; \
      letters, diacritics and Arabic-Indic digits are kept as written. Dates carry ISO values in @when \
      (ASCII digits). Characters XML does not allow are replaced by U+FFFD.
      """, in: editorial, depth: 4)
    tree.line("p", text: """
      Tokens: a proclitic (و ف ب ك ل س) is its own w with join="right", the article stays with its stem, \
      an enclitic pronoun is its own w with join="left"; punctuation is pc. Whitespace between tokens is \
      kept as text. Annotations that cross a sentence or overlap without nesting are left out.
      """, in: editorial, depth: 4)
    tree.close(editorial, depth: 4)

    let tags = tree.line("tagsDecl", in: encodingDesc, depth: 3)
    let rendition = tree.line("rendition", text: "direction: rtl; text-align: right;", in: tags, depth: 4)
    tree.xmlAttribute("id", "\(c.prefix).rtl", on: rendition)
    tree.attribute("scheme", "css", on: rendition)
    tree.close(tags, depth: 4)

    let prefixes = tree.line("listPrefixDef", in: encodingDesc, depth: 3)
    for (ident, pattern, replacement, what) in [
      ("wd", "(Q[0-9]+)", "http://www.wikidata.org/entity/$1", "Wikidata entities, e.g. wd:Q1530."),
      ("gn", "([0-9]+)", "https://sws.geonames.org/$1/", "GeoNames features, e.g. gn:98182."),
    ] {
      let def = tree.line("prefixDef", in: prefixes, depth: 4)
      tree.attribute("ident", ident, on: def)
      tree.attribute("matchPattern", pattern, on: def)
      tree.attribute("replacementPattern", replacement, on: def)
      tree.line("p", text: what, in: def, depth: 5)
      tree.close(def, depth: 5)
    }
    tree.close(prefixes, depth: 4)
    tree.close(encodingDesc, depth: 3)
  }

  private static func writeProfileDesc(_ c: TEIContext, tree: XMLTree, in header: XMLNode) {
    let profile = tree.line("profileDesc", in: header, depth: 2)
    if c.hasHijriDate {
      let calendarDesc = tree.line("calendarDesc", in: profile, depth: 3)
      let calendar = tree.line("calendar", in: calendarDesc, depth: 4)
      tree.xmlAttribute("id", "\(c.prefix).hijri", on: calendar)
      tree.line("p", text: "Islamic (Hijri) lunar calendar", in: calendar, depth: 5)
      tree.close(calendar, depth: 5)
      tree.close(calendarDesc, depth: 4)
    }
    let langUsage = tree.line("langUsage", in: profile, depth: 3)
    let ar = tree.line("language", text: "Arabic (Modern Standard Arabic news)", in: langUsage, depth: 4)
    tree.attribute("ident", "ar", on: ar)
    let en = tree.line("language", text: "English (header and record labels)", in: langUsage, depth: 4)
    tree.attribute("ident", "en", on: en)
    tree.close(langUsage, depth: 4)
    tree.close(profile, depth: 3)
  }
}
