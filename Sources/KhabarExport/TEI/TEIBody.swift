import KhabarCore

/// How a block maps to TEI: the element, and its `@type` if any.
struct BlockElement {
  var name: String
  var type: String?

  /// `head`, `byline` and `dateline` are only valid at the top (before the
  /// first paragraph) or, for byline/dateline, at the bottom (after the
  /// last); elsewhere they become `ab type="<kind>"`. Notes may go anywhere.
  static func plan(_ blocks: [ArticleLayout.Block]) -> [BlockElement] {
    let isBody = blocks.map { $0.kind == "paragraph" || $0.kind == "p" }
    let firstBody = isBody.firstIndex(of: true) ?? blocks.count
    let lastBody = isBody.lastIndex(of: true) ?? -1
    return blocks.enumerated().map { i, block in
      switch block.kind {
      case "paragraph", "p": BlockElement(name: "p")
      case "title": i < firstBody ? BlockElement(name: "head") : BlockElement(name: "ab", type: "title")
      case "byline", "dateline":
        i < firstBody || i > lastBody ? BlockElement(name: block.kind) : BlockElement(name: "ab", type: block.kind)
      default: BlockElement(name: "note", type: TEIValues.token(block.kind).map { XMLText.ncName($0) } ?? "note")
      }
    }
  }
}

/// Writes the inline annotation elements (names, dates, measures, marks).
enum TEIInline {
  /// Creates the element for `a` inside `parent`. `reading` chooses authority
  /// URIs for @ref; `localRefs` collects records referenced by `#id`.
  static func open(_ a: Annotation, _ c: TEIContext, reading: Bool, localRefs: inout Set<String>,
                   tree: XMLTree, in parent: XMLNode) -> XMLNode {
    switch a.kind {
    case .entity(let i):
      let e = c.layers.entities?.items[i]
      let name: String
      var type: String?
      switch e?.type ?? "" {
      case "PER", "PERS", "PERSON": name = "persName"
      case "LOC", "GPE", "PLACE": name = "placeName"
      case "ORG", "ORGANIZATION": name = "orgName"
      default:
        name = "name"
        type = TEIValues.token((e?.type ?? "misc").lowercased())
      }
      let node = tree.element(name, in: parent)
      if let type { tree.attribute("type", type, on: node) }
      if let rid = c.entityRecord[i], let local = c.analysisRef[i] {
        if reading, let uri = c.readingURI[i] {
          tree.attribute("ref", uri, on: node)
        } else {
          tree.attribute("ref", local, on: node)
          if reading { localRefs.insert(rid) }
        }
      }
      tree.attribute("cert", legal: XMLText.cert(e?.cert ?? 0), on: node)
      tree.attribute("resp", legal: c.tagRef, on: node)
      return node
    case .date(let i):
      let d = c.layers.dates?.items[i]
      let node = tree.element("date", in: parent)
      if d?.calendar == "hijri" {
        tree.attribute("calendar", c.hijriRef, on: node)
        tree.attribute("datingMethod", c.hijriRef, on: node)
        if let custom = d?.whenCustom.flatMap(TEIValues.token) { tree.attribute("when-custom", custom, on: node) }
      }
      if let when = d?.when, TEIValues.isW3CDate(when) { tree.attribute("when", when, on: node) }
      tree.attribute("cert", legal: XMLText.cert(d?.cert ?? 0), on: node)
      tree.attribute("resp", legal: c.tagRef, on: node)
      return node
    case .measure(let i):
      let m = c.layers.measures?.items[i]
      let node = tree.element("measure", in: parent)
      if let q = m?.quantity, TEIValues.isDecimal(q) { tree.attribute("quantity", q, on: node) }
      if let unit = m?.unit, let u = TEIValues.token(unit) { tree.attribute("unit", u, on: node) }
      tree.attribute("resp", legal: c.tagRef, on: node)
      return node
    case .mark(let i):
      let kind = c.layers.marks?.kinds[i] ?? "mark"
      let node = tree.element("note", in: parent)
      tree.attribute("type", TEIValues.token(kind) ?? "mark", on: node)
      tree.attribute("place", "inline", on: node)
      tree.attribute("resp", c.cleanRef, on: node)
      return node
    }
  }
}

/// The `text/body/div` of one article, in either flavour.
enum TEIBody {
  static func write(_ c: TEIContext, reading: Bool, localRefs: inout Set<String>, tree: XMLTree, in root: XMLNode) {
    let textNode = tree.line("text", in: root, depth: 1)
    let body = tree.line("body", in: textNode, depth: 2)
    let div = tree.line("div", in: body, depth: 3)
    tree.attribute("type", "article", on: div)
    tree.attribute("rendition", "#\(c.prefix).rtl", on: div)
    let plan = BlockElement.plan(c.layout.blocks)
    var writer = AnalysisWriter(c: c, tree: tree)
    for (b, block) in c.layout.blocks.enumerated() {
      let element = tree.line(plan[b].name, in: div, depth: 4)
      if let type = plan[b].type { tree.attribute("type", type, on: element) }
      if reading {
        writeReading(c, range: block.range, roots: block.readingRoots, localRefs: &localRefs, tree: tree, in: element)
      } else {
        writer.writeBlock(block, localRefs: &localRefs, in: element)
      }
    }
    if !plan.contains(where: { $0.name == "p" || $0.name == "ab" }) { tree.line("p", in: div, depth: 4) }
    tree.close(div, depth: 4)
    tree.close(body, depth: 3)
    tree.close(textNode, depth: 2)
  }

  /// Reading flavour: the block's text with annotations inline, no tokens.
  private static func writeReading(_ c: TEIContext, range: Range<Int>, roots: [Int], localRefs: inout Set<String>,
                                   tree: XMLTree, in parent: XMLNode) {
    var cursor = range.lowerBound
    for r in roots {
      let a = c.layout.readingAnnotations[r]
      let start = c.layout.units[a.firstUnit].start, end = c.layout.units[a.endUnit - 1].end
      tree.text(c.layout.text, cursor..<start, in: parent)
      let node = TEIInline.open(a, c, reading: true, localRefs: &localRefs, tree: tree, in: parent)
      writeReading(c, range: start..<end, roots: a.children, localRefs: &localRefs, tree: tree, in: node)
      cursor = end
    }
    tree.text(c.layout.text, cursor..<range.upperBound, in: parent)
  }
}

/// Analysis flavour: `s` per sentence, `w`/`pc` per unit, annotations
/// wrapping whole units. Ids are built as bytes (no String per token).
struct AnalysisWriter {
  let c: TEIContext
  let tree: XMLTree
  private var idBytes: [UInt8]
  private let prefixCount: Int
  private var sentenceNumber = 0

  init(c: TEIContext, tree: XMLTree) {
    self.c = c
    self.tree = tree
    idBytes = Array(c.prefix.utf8)
    prefixCount = idBytes.count
  }

  mutating func writeBlock(_ block: ArticleLayout.Block, localRefs: inout Set<String>, in element: XMLNode) {
    let layout = c.layout
    var cursor = block.range.lowerBound
    for p in block.pieces {
      let piece = layout.pieces[p]
      tree.text(layout.text, cursor..<piece.range.lowerBound, in: element)
      let s = tree.element("s", in: element)
      sentenceNumber += 1
      setID(s, letter: UInt8(ascii: "s"), number: sentenceNumber)
      if piece.units.isEmpty {
        tree.text(layout.text, piece.range, in: s)
      } else {
        tree.text(layout.text, piece.range.lowerBound..<layout.units[piece.units.lowerBound].start, in: s)
        writeUnits(piece.units, roots: piece.roots, localRefs: &localRefs, in: s)
        tree.text(layout.text, layout.units[piece.units.upperBound - 1].end..<piece.range.upperBound, in: s)
      }
      cursor = piece.range.upperBound
    }
    tree.text(layout.text, cursor..<block.range.upperBound, in: element)
  }

  /// Writes units `range` into `parent`, opening child annotations where they start.
  private mutating func writeUnits(_ range: Range<Int>, roots: [Int], localRefs: inout Set<String>,
                                   in parent: XMLNode) {
    let layout = c.layout
    var u = range.lowerBound
    var next = 0
    while u < range.upperBound {
      if u > range.lowerBound {
        tree.text(layout.text, layout.units[u - 1].end..<layout.units[u].start, in: parent)
      }
      if next < roots.count, layout.annotations[roots[next]].firstUnit == u {
        let a = layout.annotations[roots[next]]
        let node = TEIInline.open(a, c, reading: false, localRefs: &localRefs, tree: tree, in: parent)
        writeUnits(a.firstUnit..<a.endUnit, roots: a.children, localRefs: &localRefs, in: node)
        u = a.endUnit
        next += 1
        continue
      }
      writeUnit(u, in: parent)
      u += 1
    }
  }

  private mutating func writeUnit(_ u: Int, in parent: XMLNode) {
    let unit = c.layout.units[u]
    let node = tree.element(unit.isPunctuation ? "pc" : "w", c.layout.text, unit.start..<unit.end, in: parent)
    setID(node, letter: UInt8(ascii: "w"), number: u + 1)
    switch unit.join {
    case 1: tree.attribute("join", legal: "left", on: node)
    case 2: tree.attribute("join", legal: "right", on: node)
    case 3: tree.attribute("join", legal: "both", on: node)
    default: break
    }
  }

  /// Sets `xml:id` to `<prefix>.<letter><number>`.
  private mutating func setID(_ node: XMLNode, letter: UInt8, number: Int) {
    idBytes.removeSubrange(prefixCount...)
    idBytes.append(UInt8(ascii: "."))
    idBytes.append(letter)
    let start = idBytes.count
    var n = number
    repeat {
      idBytes.append(UInt8(ascii: "0") + UInt8(n % 10))
      n /= 10
    } while n > 0
    idBytes[start...].reverse()
    tree.attribute("xml:id", ascii: idBytes, on: node)
  }
}
