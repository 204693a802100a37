public import KhabarCore

/// The result of cleaning one article.
///
/// Layout of `text`: one block per line. Blocks (title, byline, dateline,
/// paragraphs, notes) are separated by a single `"\n"`; there are no blank
/// lines, no line breaks inside a block, no leading or trailing white space
/// on a line and no final newline. A dateline sits on its own line before
/// the paragraph it opens.
public struct CleanedArticle: Sendable, Equatable {
  public var text: String
  /// Cleaned scalar offsets → raw UTF-8 byte offsets.
  public var offsets: OffsetMap
  public var blocks: Blocks
  public var removed: Removed
  public var marks: Marks
  /// `title`, `author`, `dateline` when found.
  public var meta: [String: String]
}

/// Cleans raw article text: normalises characters, repairs scraping
/// artefacts, separates title, byline, dateline, paragraphs and notes, and
/// keeps an exact map back to the raw bytes. Linear in the input's size.
public struct Cleaner: Sendable {
  public let options: CleanOptions

  public init(options: CleanOptions = CleanOptions()) { self.options = options }

  public func clean(_ raw: String) -> CleanedArticle {
    var raw = raw
    return raw.withUTF8 { clean(bytes: $0) }
  }

  /// A raw line: content `[start, end)` and its line break `[end, breakEnd)`.
  private struct RawLine {
    var start: Int
    var end: Int
    var breakEnd: Int
  }

  func clean(bytes: UnsafeBufferPointer<UInt8>) -> CleanedArticle {
    var (builder, removed) = buildText(bytes)
    var offsets = builder.finish()
    var textBytes = builder.bytes
    let (blocks, marks, meta) = Self.annotate(&textBytes)
    if textBytes.isEmpty { offsets = OffsetMap() }
    return CleanedArticle(
      text: String(decoding: textBytes, as: UTF8.self), offsets: offsets, blocks: blocks, removed: removed,
      marks: marks, meta: meta)
  }

  /// Cleans the raw lines one by one into the text and its offset map,
  /// taking boilerplate lines out into `removed`.
  private func buildText(_ bytes: UnsafeBufferPointer<UInt8>) -> (TextBuilder, Removed) {
    let characters = CharacterPass(options: options)
    let composition = Composition(persianLetters: options.persianLetters)
    var builder = TextBuilder(raw: bytes, capacity: bytes.count)
    var removed = Removed()
    var line = LineBuffer()
    var firstLine: [UInt32]?
    var linesSinceFirst = 0
    var previousBreak: Range<Int>?

    var start = 0
    while start <= bytes.count {
      let raw = Self.nextLine(bytes, from: start)
      defer { start = raw.breakEnd }
      line.removeAll()
      let needsNFC = characters.run(bytes, raw.start, raw.end, into: &line)
      if options.nfc && needsNFC { composition.run(&line) }
      if options.repairPunctuation { PunctuationRepair.run(&line) }
      if options.repairQuotes { QuoteRepair.run(&line) }

      // Each paragraph of the line (a repaired join may have split it) on its own.
      var from = 0
      while from < line.count {
        var to = from
        while to < line.count, line.scalars[to] != 0x0A { to += 1 }
        defer { from = to + 1 }
        if from == to { continue }
        let paragraph = Array(line.scalars[from..<to])
        if options.boilerplate {
          var kind = Boilerplate.kind(of: paragraph)
          if kind == nil, firstLine != nil, linesSinceFirst < 2 {
            linesSinceFirst += 1
            if paragraph == firstLine { kind = "duplicate-title" }
          }
          if let kind {
            let rawRange = line.rawStart[from]..<line.rawEnd[to - 1]
            removed.items.append(Removed.Item(kind: kind, raw: rawRange, text: Structure.string(paragraph)))
            continue
          }
        }
        if let previousBreak {
          builder.append(0x0A, rawStart: previousBreak.lowerBound, rawEnd: previousBreak.upperBound)
        }
        if firstLine == nil { firstLine = paragraph }
        builder.append(line, from, to)
        previousBreak = to < line.count ? line.rawStart[to]..<line.rawEnd[to] : raw.end..<raw.breakEnd
      }
      if raw.breakEnd >= bytes.count && raw.end == raw.breakEnd { break }
    }
    return (builder, removed)
  }

  /// Finds blocks, marks and meta in the built text; splits a dateline from
  /// its paragraph (replacing one space byte by a line break).
  private static func annotate(_ textBytes: inout [UInt8]) -> (Blocks, Marks, [String: String]) {
    let lines = lineRanges(textBytes)
    // Structure looks only at short lines: it gets at most `Structure.longestLine + 1` scalars of each.
    let structure = Structure.analyse(count: lines.count) { k in
      decodePrefix(textBytes, lines[k].bytes, scalars: Structure.longestLine + 1)
    }

    var blocks = Blocks()
    var marks: [CreditMarks.Mark] = []
    for (k, l) in lines.enumerated() {
      var kind = structure.kinds[k]
      var from = l.scalars.lowerBound
      if k == structure.datelineLine {
        let split = from + structure.datelineLength
        blocks.append(from..<split, kind: .dateline)
        // The space after the dash becomes the line break (one ASCII byte for another).
        if let byte = byteOffset(textBytes, l.bytes.lowerBound, scalars: structure.datelineLength) {
          textBytes[byte] = 0x0A
        }
        from = split + 1
      }
      if kind == .paragraph {
        var found: [CreditMarks.Mark] = []
        let firstByte = k == structure.datelineLine
          ? (byteOffset(textBytes, l.bytes.lowerBound, scalars: structure.datelineLength + 1) ?? l.bytes.lowerBound)
          : l.bytes.lowerBound
        CreditMarks.scan(textBytes, firstByte, l.bytes.upperBound, firstScalar: from, into: &found)
        if found.count == 1, found[0].kind == "credit", found[0].start == from, found[0].end == l.scalars.upperBound {
          kind = .credit
        } else {
          marks += found
        }
      }
      blocks.append(from..<l.scalars.upperBound, kind: kind)
    }

    var markLayer = Marks()
    for m in marks {
      markLayer.spans.append(m.start, m.end)
      markLayer.kinds.append(m.kind)
    }
    return (blocks, markLayer, structure.meta)
  }

  // MARK: - Lines

  /// The next raw line from `from`; line breaks are LF, CR, CRLF, VT, FF, NEL, LS, PS.
  private static func nextLine(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> RawLine {
    var i = from
    let n = b.count
    while i < n {
      let c = b[i]
      if c == 0x0A || c == 0x0B || c == 0x0C { return RawLine(start: from, end: i, breakEnd: i + 1) }
      if c == 0x0D {
        return RawLine(start: from, end: i, breakEnd: i + 1 < n && b[i + 1] == 0x0A ? i + 2 : i + 1)
      }
      if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 { return RawLine(start: from, end: i, breakEnd: i + 2) }
      if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
        return RawLine(start: from, end: i, breakEnd: i + 3)
      }
      i += 1
    }
    return RawLine(start: from, end: n, breakEnd: n)
  }

  private struct TextLine {
    var bytes: Range<Int>
    var scalars: Range<Int>
  }

  /// The lines of the built text, in bytes and in scalars.
  private static func lineRanges(_ text: [UInt8]) -> [TextLine] {
    var lines: [TextLine] = []
    guard !text.isEmpty else { return lines }
    var byteStart = 0, scalarStart = 0, scalar = 0
    for (i, b) in text.enumerated() {
      if b == 0x0A {
        lines.append(TextLine(bytes: byteStart..<i, scalars: scalarStart..<scalar))
        byteStart = i + 1
        scalarStart = scalar + 1
      }
      if b & 0xC0 != 0x80 { scalar += 1 }
    }
    lines.append(TextLine(bytes: byteStart..<text.count, scalars: scalarStart..<scalar))
    return lines
  }

  /// The first `scalars` scalars of the UTF-8 bytes `range` of `text`.
  private static func decodePrefix(_ text: [UInt8], _ range: Range<Int>, scalars: Int) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(min(scalars, range.count))
    var i = range.lowerBound
    while i < range.upperBound, out.count < scalars {
      let b = text[i]
      let n = ScalarClass.utf8Length(lead: b)
      var v = n == 1 ? UInt32(b) : UInt32(b) & (0xFF >> UInt32(n + 1))
      for k in 1..<max(n, 1) where i + k < range.upperBound { v = (v << 6) | UInt32(text[i + k] & 0x3F) }
      out.append(v)
      i += n
    }
    return out
  }

  /// The byte offset of the scalar `scalars` scalars after byte `from`.
  private static func byteOffset(_ text: [UInt8], _ from: Int, scalars: Int) -> Int? {
    var i = from, n = 0
    while i < text.count {
      if n == scalars { return i }
      i += ScalarClass.utf8Length(lead: text[i])
      n += 1
    }
    return nil
  }
}

extension Blocks {
  fileprivate mutating func append(_ range: Range<Int>, kind: Structure.Kind) {
    guard !range.isEmpty else { return }
    spans.append(range)
    kinds.append(kind.rawValue)
  }
}
