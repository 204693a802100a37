import KhabarCore

/// One TEI token (`w` or `pc`): a clitic part, or the article merged with its stem.
struct Unit {
  var start: Int
  var end: Int
  /// `pc` rather than `w`.
  var isPunctuation: Bool
  /// Morph role: `p` proclitic, `s` stem (the article merged in), `e` enclitic, `x` whole token.
  var role: UInt8
  /// `@join`: 0 none, 1 left, 2 right, 3 both.
  var join: UInt8 = 0
}

/// An inline annotation resolved to whole units, and its nested children.
struct Annotation {
  enum Kind: Equatable {
    case mark(Int), measure(Int), entity(Int), date(Int)
    /// Outer before inner when two annotations cover the same units.
    var rank: Int {
      switch self {
      case .mark: 0
      case .measure: 1
      case .entity: 2
      case .date: 3
      }
    }
  }
  var kind: Kind
  /// Covered units `firstUnit..<endUnit`.
  var firstUnit: Int
  var endUnit: Int
  var children: [Int] = []
}

/// How many annotations could not be encoded, and why.
public struct DropCounts: Sendable, Equatable {
  /// Annotations that cover no token (outside every token or empty).
  public var empty = 0
  /// Annotations that cross a sentence (analysis) or block (reading) boundary.
  public var crossing = 0
  /// Annotations that overlap another without nesting (the later one is dropped).
  public var overlapping = 0
  public var total: Int { empty + crossing + overlapping }
  public init(empty: Int = 0, crossing: Int = 0, overlapping: Int = 0) {
    self.empty = empty
    self.crossing = crossing
    self.overlapping = overlapping
  }
}

/// The article cut into what TEI needs: blocks, sentence pieces inside
/// blocks, tokens (units) inside sentence pieces, and annotations resolved to
/// units and nested. Built once, used by both flavours.
struct ArticleLayout {
  struct Block {
    var range: Range<Int>
    var kind: String
    /// Sentence pieces (sentences clipped to this block), indices into `pieces`.
    var pieces: Range<Int>
    /// Root annotations for the reading flavour (indices into `annotations`).
    var readingRoots: [Int] = []
  }
  struct Piece {
    var range: Range<Int>
    var units: Range<Int>
    /// Root annotations for the analysis flavour.
    var roots: [Int] = []
  }

  let text: SourceText
  var blocks: [Block] = []
  var pieces: [Piece] = []
  var units: [Unit] = []
  /// Analysis-flavour annotations (nested within sentence pieces).
  var annotations: [Annotation] = []
  /// Reading-flavour annotations (nested within blocks).
  var readingAnnotations: [Annotation] = []
  var analysisDrops = DropCounts()
  var readingDrops = DropCounts()

  init(document: Document, text: SourceText, layers: ExportLayers) {
    self.text = text
    let n = text.count
    buildBlocks(layers.blocks, n: n)
    buildPieces(layers.sentences)
    buildUnits(tokens: layers.tokens, morphs: layers.morphs)
    assignUnits()
    computeJoins()
    resolveAnnotations(layers)
  }

  // MARK: - Structure

  private mutating func buildBlocks(_ layer: Blocks, n: Int) {
    var last = 0
    for i in 0..<layer.spans.count {
      guard let r = layer.spans.checked(i), r.lowerBound >= last, r.upperBound <= n, r.lowerBound < r.upperBound else { continue }
      blocks.append(Block(range: r, kind: layer.kinds[i], pieces: 0..<0))
      last = r.upperBound
    }
    if blocks.isEmpty && n > 0 { blocks.append(Block(range: 0..<n, kind: "paragraph", pieces: 0..<0)) }
  }

  private mutating func buildPieces(_ sentences: Sentences) {
    var spans: [Range<Int>] = []
    var last = 0
    for i in 0..<sentences.spans.count {
      guard let r = sentences.spans.checked(i), r.lowerBound >= last, r.lowerBound < r.upperBound else { continue }
      spans.append(r)
      last = r.upperBound
    }
    var s = 0
    for b in blocks.indices {
      let block = blocks[b].range
      let first = pieces.count
      while s < spans.count && spans[s].upperBound <= block.lowerBound { s += 1 }
      var k = s
      while k < spans.count && spans[k].lowerBound < block.upperBound {
        let clipped = max(spans[k].lowerBound, block.lowerBound)..<min(spans[k].upperBound, block.upperBound)
        if !clipped.isEmpty { pieces.append(Piece(range: clipped, units: 0..<0)) }
        if spans[k].upperBound > block.upperBound { break }
        k += 1
      }
      s = k
      blocks[b].pieces = first..<pieces.count
    }
  }

  private mutating func buildUnits(tokens: Tokens, morphs: Morphs) {
    let n = text.count
    var m = 0
    var last = 0
    units.reserveCapacity(morphs.spans.count)
    for i in 0..<tokens.spans.count {
      guard let t = tokens.spans.checked(i), t.lowerBound >= last, t.upperBound <= n, !t.isEmpty else { continue }
      last = t.upperBound
      let kind = tokens.kinds[i]
      let punct = kind == UInt8(ascii: "p") || kind == UInt8(ascii: "s")
      while m < morphs.spans.count && morphs.spans.flat[2 * m] < t.lowerBound { m += 1 }
      // The parts must tile the token exactly; otherwise the token is one unit.
      var j = m, pos = t.lowerBound
      while j < morphs.spans.count, pos < t.upperBound, let part = morphs.spans.checked(j), part.lowerBound == pos,
        !part.isEmpty, part.upperBound <= t.upperBound
      {
        pos = part.upperBound
        j += 1
      }
      guard pos == t.upperBound, j > m, !punct else {
        units.append(Unit(start: t.lowerBound, end: t.upperBound, isPunctuation: punct, role: UInt8(ascii: "x")))
        m = max(m, j)
        continue
      }
      var k = m
      while k < j {
        let span = morphs.spans.flat[2 * k]..<morphs.spans.flat[2 * k + 1]  // checked above
        let role = morphs.roles[k]
        if role == UInt8(ascii: "a"), k + 1 < j {
          // The article joins the part after it: one w, so names wrap whole w elements.
          units.append(Unit(start: span.lowerBound, end: morphs.spans.flat[2 * k + 3], isPunctuation: false,
                            role: UInt8(ascii: "s")))
          k += 2
        } else {
          units.append(Unit(start: span.lowerBound, end: span.upperBound, isPunctuation: false,
                            role: role == UInt8(ascii: "a") ? UInt8(ascii: "s") : role))
          k += 1
        }
      }
      m = j
    }
  }

  /// Gives each piece its contiguous range of fully contained units.
  private mutating func assignUnits() {
    var u = 0
    for p in pieces.indices {
      let r = pieces[p].range
      while u < units.count && units[u].start < r.lowerBound { u += 1 }
      let first = u
      while u < units.count && units[u].end <= r.upperBound { u += 1 }
      // Units that straddle the piece end stay plain text in the output.
      pieces[p].units = first..<u
    }
  }

  /// `@join` between adjacent units of one sentence with nothing between them.
  private mutating func computeJoins() {
    for p in pieces {
      guard p.units.count > 1 else { continue }
      for i in (p.units.lowerBound + 1)..<p.units.upperBound where units[i - 1].end == units[i].start {
        let prev = units[i - 1], next = units[i]
        if prev.role == UInt8(ascii: "p") || (prev.isPunctuation && !next.isPunctuation) {
          units[i - 1].join |= 2
        } else {
          units[i].join |= 1
        }
      }
    }
  }

  // MARK: - Annotations

  /// The units an annotation `start..<end` touches, or nil when none.
  private func unitRange(_ start: Int, _ end: Int) -> Range<Int>? {
    guard start < end else { return nil }
    var lo = 0, hi = units.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if units[mid].end <= start { lo = mid + 1 } else { hi = mid }
    }
    var last = lo
    while last < units.count && units[last].start < end { last += 1 }
    return lo < last ? lo..<last : nil
  }

  private mutating func resolveAnnotations(_ layers: ExportLayers) {
    var found: [(Annotation.Kind, Int, Int)] = []
    if let marks = layers.marks {
      for i in 0..<marks.spans.count { found.append((.mark(i), marks.spans.flat[2 * i], marks.spans.flat[2 * i + 1])) }
    }
    for (i, m) in (layers.measures?.items ?? []).enumerated() { found.append((.measure(i), m.start, m.end)) }
    for (i, e) in (layers.entities?.items ?? []).enumerated() { found.append((.entity(i), e.start, e.end)) }
    for (i, d) in (layers.dates?.items ?? []).enumerated() { found.append((.date(i), d.start, d.end)) }

    // Which piece / block each unit is in.
    var unitPiece = [Int32](repeating: -1, count: units.count)
    var unitBlock = [Int32](repeating: -1, count: units.count)
    for block in blocks {
      for p in block.pieces {
        for u in pieces[p].units { unitPiece[u] = Int32(p) }
      }
    }
    // Reading needs no sentences: every unit inside a block belongs to it.
    var u = 0
    for (b, block) in blocks.enumerated() {
      while u < units.count && units[u].start < block.range.lowerBound { u += 1 }
      while u < units.count && units[u].end <= block.range.upperBound {
        unitBlock[u] = Int32(b)
        u += 1
      }
    }
    var byPiece: [[Annotation]] = Array(repeating: [], count: pieces.count)
    var byBlock: [[Annotation]] = Array(repeating: [], count: blocks.count)
    for (kind, start, end) in found {
      guard let r = unitRange(start, end) else {
        analysisDrops.empty += 1
        readingDrops.empty += 1
        continue
      }
      let a = Annotation(kind: kind, firstUnit: r.lowerBound, endUnit: r.upperBound)
      let p = unitPiece[r.lowerBound]
      if p >= 0 && p == unitPiece[r.upperBound - 1] { byPiece[Int(p)].append(a) } else { analysisDrops.crossing += 1 }
      let b = unitBlock[r.lowerBound]
      if b >= 0 && b == unitBlock[r.upperBound - 1] { byBlock[Int(b)].append(a) } else { readingDrops.crossing += 1 }
    }
    for p in pieces.indices {
      pieces[p].roots = Self.nest(byPiece[p], into: &annotations, drops: &analysisDrops)
    }
    for b in blocks.indices {
      blocks[b].readingRoots = Self.nest(byBlock[b], into: &readingAnnotations, drops: &readingDrops)
    }
  }

  /// Nests annotations into a forest (outer first); an annotation that
  /// overlaps an open one without fitting inside it is dropped and counted.
  private static func nest(_ list: [Annotation], into all: inout [Annotation], drops: inout DropCounts) -> [Int] {
    guard !list.isEmpty else { return [] }
    let sorted = list.sorted { a, b in
      if a.firstUnit != b.firstUnit { return a.firstUnit < b.firstUnit }
      if a.endUnit != b.endUnit { return a.endUnit > b.endUnit }
      if a.kind.rank != b.kind.rank { return a.kind.rank < b.kind.rank }
      return a.kind.index < b.kind.index
    }
    var roots: [Int] = []
    var stack: [Int] = []
    for a in sorted {
      while let top = stack.last, all[top].endUnit <= a.firstUnit { stack.removeLast() }
      if let top = stack.last, a.endUnit > all[top].endUnit {
        drops.overlapping += 1
        continue
      }
      let index = all.count
      all.append(a)
      if let top = stack.last { all[top].children.append(index) } else { roots.append(index) }
      stack.append(index)
    }
    return roots
  }
}

extension Annotation.Kind {
  var index: Int {
    switch self {
    case .mark(let i), .measure(let i), .entity(let i), .date(let i): i
    }
  }
}

/// The layers export reads, decoded once.
struct ExportLayers {
  var blocks: Blocks
  var sentences: Sentences
  var tokens: Tokens
  var morphs: Morphs
  var entities: Entities?
  var dates: Dates?
  var measures: Measures?
  var links: Links?
  var records: Records?
  var marks: Marks?

  init(_ d: Document) throws {
    blocks = try d.require(Blocks.self)
    sentences = try d.require(Sentences.self)
    tokens = try d.require(Tokens.self)
    morphs = try d.require(Morphs.self)
    entities = try d.layer(Entities.self)
    dates = try d.layer(Dates.self)
    measures = try d.layer(Measures.self)
    links = try d.layer(Links.self)
    records = try d.layer(Records.self)
    marks = try d.layer(Marks.self)
  }
}
