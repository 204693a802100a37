import KhabarCore

/// How a block maps to TEI: the element, and its `@type` if any.
struct BlockElement {
  var name: StaticString
  var type: String?

  /// `head`, `byline` and `dateline` are only valid at the top (before the
  /// first paragraph) or, for byline/dateline, at the bottom (after the
  /// last); elsewhere they become `ab type="<kind>"`. Notes may go anywhere.
  /// `p` or `ab`: the div has a paragraph-like child.
  var isParagraphLike: Bool { name.description == "p" || name.description == "ab" }

  static func plan(_ blocks: [ArticleLayout.Block]) -> [BlockElement] {
    let isBody = blocks.map { $0.kind == "paragraph" || $0.kind == "p" }
    let firstBody = isBody.firstIndex(of: true) ?? blocks.count
    let lastBody = isBody.lastIndex(of: true) ?? -1
    return blocks.enumerated().map { i, block in
      switch block.kind {
      case "paragraph", "p": BlockElement(name: "p")
      case "title": i < firstBody ? BlockElement(name: "head") : BlockElement(name: "ab", type: "title")
      case "byline":
        i < firstBody || i > lastBody ? BlockElement(name: "byline") : BlockElement(name: "ab", type: block.kind)
      case "dateline":
        i < firstBody || i > lastBody ? BlockElement(name: "dateline") : BlockElement(name: "ab", type: block.kind)
      default: BlockElement(name: "note", type: TEIValues.token(block.kind).map { XMLText.ncName($0) } ?? "note")
      }
    }
  }
}

/// Writes the inline annotation elements (names, dates, measures, marks).
enum TEIInline {
  /// Starts the element for `a` (the caller writes its content and ends
  /// it). `reading` chooses authority URIs for @ref; `localRefs` collects
  /// records referenced by `#id`.
  static func start(_ a: Annotation, _ c: TEIContext, reading: Bool, localRefs: inout Set<String>, to w: inout XMLWriter) {
    switch a.kind {
    case .entity(let i):
      let e = c.layers.entities?.items[i]
      let name: StaticString
      var type: String?
      switch e?.type ?? "" {
      case "PER", "PERS", "PERSON": name = "persName"
      case "LOC", "GPE", "PLACE": name = "placeName"
      case "ORG", "ORGANIZATION": name = "orgName"
      default:
        name = "name"
        type = TEIValues.token((e?.type ?? "misc").lowercased())
      }
      w.start(name)
      if let type { w.attribute("type", type) }
      if let rid = c.entityRecord[i], let local = c.analysisRef[i] {
        if reading, let uri = c.readingURI[i] {
          w.attribute("ref", uri)
        } else {
          w.attribute("ref", local)
          if reading { localRefs.insert(rid) }
        }
      }
      w.attribute("cert", XMLText.cert(e?.cert ?? 0))
      w.attribute("resp", c.tagRef)
    case .date(let i):
      let d = c.layers.dates?.items[i]
      w.start("date")
      if d?.calendar == "hijri" {
        w.attribute("calendar", c.hijriRef)
        w.attribute("datingMethod", c.hijriRef)
        if let custom = d?.whenCustom.flatMap(TEIValues.token) { w.attribute("when-custom", custom) }
      }
      if let when = d?.when, TEIValues.isW3CDate(when) { w.attribute("when", when) }
      w.attribute("cert", XMLText.cert(d?.cert ?? 0))
      w.attribute("resp", c.tagRef)
    case .measure(let i):
      let m = c.layers.measures?.items[i]
      w.start("measure")
      if let q = m?.quantity, TEIValues.isDecimal(q) { w.attribute("quantity", q) }
      if let unit = m?.unit, let u = TEIValues.token(unit) { w.attribute("unit", u) }
      w.attribute("resp", c.tagRef)
    case .mark(let i):
      let kind = c.layers.marks?.kinds[i] ?? "mark"
      w.start("note")
      w.attribute("type", TEIValues.token(kind) ?? "mark")
      w.attribute("place", "inline")
      w.attribute("resp", c.cleanRef)
    }
  }
}

/// The `text/body/div` of one article, in either flavour.
enum TEIBody {
  static func write(_ c: TEIContext, reading: Bool, localRefs: inout Set<String>, to w: inout XMLWriter) {
    w.line("text", depth: 1)
    w.line("body", depth: 2)
    w.line("div", depth: 3)
    w.attribute("type", "article")
    w.attribute("rendition", "#\(c.prefix).rtl")
    let plan = BlockElement.plan(c.layout.blocks)
    var writer = AnalysisWriter(c: c)
    for (b, block) in c.layout.blocks.enumerated() {
      w.line(plan[b].name, depth: 4)
      if let type = plan[b].type { w.attribute("type", type) }
      if reading {
        writeReading(c, range: block.range, roots: block.readingRoots, localRefs: &localRefs, to: &w)
      } else {
        writer.writeBlock(block, localRefs: &localRefs, to: &w)
      }
      w.end()
    }
    if !plan.contains(where: \.isParagraphLike) {
      w.line("p", depth: 4)
      w.end()
    }
    w.close(depth: 4)
    w.close(depth: 3)
    w.close(depth: 2)
  }

  /// Reading flavour: the block's text with annotations inline, no tokens.
  private static func writeReading(_ c: TEIContext, range: Range<Int>, roots: [Int], localRefs: inout Set<String>,
                                   to w: inout XMLWriter) {
    var cursor = range.lowerBound
    for r in roots {
      let a = c.layout.readingAnnotations[r]
      let start = c.layout.units[a.firstUnit].start, end = c.layout.units[a.endUnit - 1].end
      w.text(c.layout.text, cursor..<start)
      TEIInline.start(a, c, reading: true, localRefs: &localRefs, to: &w)
      writeReading(c, range: start..<end, roots: a.children, localRefs: &localRefs, to: &w)
      w.end()
      cursor = end
    }
    w.text(c.layout.text, cursor..<range.upperBound)
  }
}

/// Analysis flavour: `s` per sentence, `w`/`pc` per unit, annotations
/// wrapping whole units. Ids are built as bytes (no String per token).
struct AnalysisWriter {
  let c: TEIContext
  /// The UTF-8 of the id prefix (an NCName).
  private let prefix: [UInt8]
  private var sentenceNumber = 0

  init(c: TEIContext) {
    self.c = c
    prefix = Array(c.prefix.utf8)
  }

  /// Writes the content of the current block element.
  mutating func writeBlock(_ block: ArticleLayout.Block, localRefs: inout Set<String>, to w: inout XMLWriter) {
    let layout = c.layout
    var cursor = block.range.lowerBound
    for p in block.pieces {
      let piece = layout.pieces[p]
      w.text(layout.text, cursor..<piece.range.lowerBound)
      w.start("s")
      sentenceNumber += 1
      w.attribute("xml:id", idPrefix: prefix, letter: UInt8(ascii: "s"), number: sentenceNumber)
      if piece.units.isEmpty {
        w.text(layout.text, piece.range)
      } else {
        w.text(layout.text, piece.range.lowerBound..<layout.units[piece.units.lowerBound].start)
        writeUnits(piece.units, roots: piece.roots, localRefs: &localRefs, to: &w)
        w.text(layout.text, layout.units[piece.units.upperBound - 1].end..<piece.range.upperBound)
      }
      w.end()
      cursor = piece.range.upperBound
    }
    w.text(layout.text, cursor..<block.range.upperBound)
  }

  /// Writes units `range` into the current element, opening child annotations where they start.
  private func writeUnits(_ range: Range<Int>, roots: [Int], localRefs: inout Set<String>, to w: inout XMLWriter) {
    let layout = c.layout
    var u = range.lowerBound
    var next = 0
    while u < range.upperBound {
      if u > range.lowerBound {
        w.text(layout.text, layout.units[u - 1].end..<layout.units[u].start)
      }
      if next < roots.count, layout.annotations[roots[next]].firstUnit == u {
        let a = layout.annotations[roots[next]]
        TEIInline.start(a, c, reading: false, localRefs: &localRefs, to: &w)
        writeUnits(a.firstUnit..<a.endUnit, roots: a.children, localRefs: &localRefs, to: &w)
        w.end()
        u = a.endUnit
        next += 1
        continue
      }
      writeUnit(u, to: &w)
      u += 1
    }
  }

  private func writeUnit(_ u: Int, to w: inout XMLWriter) {
    let unit = c.layout.units[u]
    w.start(unit.isPunctuation ? "pc" : "w")
    w.attribute("xml:id", idPrefix: prefix, letter: UInt8(ascii: "w"), number: u + 1)
    switch unit.join {
    case 1: w.attribute("join", "left")
    case 2: w.attribute("join", "right")
    case 3: w.attribute("join", "both")
    default: break
    }
    w.text(c.layout.text, unit.start..<unit.end)
    w.end()
  }
}
