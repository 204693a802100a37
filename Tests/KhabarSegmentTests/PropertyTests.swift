import KhabarCore
import KhabarSegment
import KhabarTestSupport
import Testing

/// Seeded random texts: spans cover the text without overlap, morphs tile
/// tokens, nothing traps.
@Suite struct PropertyTests {
  static let alphabet: [UInt32] = Array(
    "والبوكمال قالت للعربي بغداد كتابهم 3.5 30/9 ٢٠١٧ % ٪ . ، ؟ ! … « » \" ( ) @ # _ - : / www.x.com a@b.org د. Dr. ـ َ ُ ّ"
      .unicodeScalars.map(\.value)) + [0x0A, 0x0A, 0x00, 0x07, 0x1B, 0x200B, 0x200D, 0xFEFF, 0x202E, 0x1F44D, 0x1F3FD,
                                       0xFE0F, 0x1F1EE, 0x1F1F6, 0x0301, 0x4E2D, 0x0416, 0xD7, 0x2028, 0x10FFFF]

  static func randomText(_ rng: inout SeededRandom, length: Int) -> [UInt32] {
    (0..<length).map { _ in
      Int.random(in: 0..<10, using: &rng) == 0
        ? UInt32.random(in: 1...0x2FFFF, using: &rng) : alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
    }.map { (0xD800...0xDFFF).contains($0) ? 0x41 : $0 }
  }

  /// Checks every invariant of a segmentation of `s` with `blocks`.
  static func check(_ s: [UInt32], _ blocks: Spans, _ seg: Segmentation, seed: UInt64) {
    let n = s.count
    // Tokens: in order, no overlap, only separators between them, nothing but separators left out.
    var covered = [Bool](repeating: false, count: n)
    var previousEnd = 0
    for r in seg.tokens.spans {
      #expect(r.lowerBound >= previousEnd && r.lowerBound < r.upperBound && r.upperBound <= n, "seed \(seed)")
      for i in r where i < n { covered[i] = true }
      previousEnd = r.upperBound
    }
    #expect(seg.tokens.kinds.count == seg.tokens.spans.count)
    for i in 0..<n where !covered[i] {
      let v = s[i]
      let isSeparator = v < 0x21 || (0x7F...0xA0).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFEFF
        || (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) || v == 0x061C || v == 0xAD
        || (Unicode.Scalar(v).map { $0.properties.isWhitespace || $0.properties.generalCategory == .unassigned
          || $0.properties.generalCategory == .privateUse || $0.properties.generalCategory == .format } ?? true)
      #expect(isSeparator, "seed \(seed): scalar \(String(v, radix: 16)) at \(i) is in no token")
      if !isSeparator { return }
    }
    // Sentences: in order, no overlap, start and end on token edges, cover every token.
    let starts = Set(seg.tokens.spans.map(\.lowerBound)), ends = Set(seg.tokens.spans.map(\.upperBound))
    previousEnd = 0
    var tokensInSentences = 0
    var t = 0
    for r in seg.sentences.spans {
      #expect(r.lowerBound >= previousEnd && starts.contains(r.lowerBound) && ends.contains(r.upperBound), "seed \(seed)")
      previousEnd = r.upperBound
      while t < seg.tokens.spans.count, seg.tokens.spans[t].upperBound <= r.upperBound {
        if seg.tokens.spans[t].lowerBound >= r.lowerBound { tokensInSentences += 1 }
        t += 1
      }
    }
    #expect(tokensInSentences == seg.tokens.spans.count, "seed \(seed): tokens outside sentences")
    // Sentences never cross a block edge.
    for b in blocks {
      for r in seg.sentences.spans {
        #expect(!(r.lowerBound < b.lowerBound && r.upperBound > b.lowerBound), "seed \(seed): sentence crosses a block")
        #expect(!(r.lowerBound < b.upperBound && r.upperBound > b.upperBound), "seed \(seed): sentence crosses a block")
      }
    }
    // Morphs tile tokens exactly.
    var m = 0
    for r in seg.tokens.spans {
      var at = r.lowerBound
      while m < seg.morphs.spans.count, seg.morphs.spans[m].lowerBound == at, at < r.upperBound {
        #expect(seg.morphs.spans[m].upperBound > at, "seed \(seed): empty morph")
        at = seg.morphs.spans[m].upperBound
        m += 1
      }
      #expect(at == r.upperBound, "seed \(seed): morphs do not tile token \(r)")
      if at != r.upperBound { return }
    }
    #expect(m == seg.morphs.spans.count && seg.morphs.roles.count == m, "seed \(seed)")
  }

  @Test(arguments: 1...40 as ClosedRange<UInt64>)
  func randomTexts(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let s = Self.randomText(&rng, length: Int.random(in: 0..<3000, using: &rng))
    // Random blocks: sorted cut points.
    var cuts = (0..<Int.random(in: 0..<6, using: &rng)).map { _ in Int.random(in: 0...s.count, using: &rng) }.sorted()
    cuts = [0] + cuts + [s.count]
    var blocks = Spans()
    for k in 0..<(cuts.count - 1) where k % 2 == 0 { blocks.append(cuts[k], cuts[k + 1]) }
    let seg = try testSegmenter.segment(s, blocks: blocks)
    Self.check(s, blocks, seg, seed: seed)
  }

  @Test func hugeLineWithoutStops() throws {
    var rng = SeededRandom(seed: 99)
    var s: [UInt32] = []
    let words = "والبوكمال قالت للعربي 3.5 « ".unicodeScalars.map(\.value)
    while s.count < 1_000_000 { s += words[Int.random(in: 0..<words.count, using: &rng)...] }
    var blocks = Spans()
    blocks.append(0, s.count)
    let seg = try testSegmenter.segment(s, blocks: blocks)
    Self.check(s, blocks, seg, seed: 99)
  }

  @Test func blocksOutsideTheTextAreAnError() {
    var blocks = Spans()
    blocks.append(0, 50)
    #expect(throws: (any Error).self) { try testSegmenter.segment(Array("قصير".unicodeScalars.map(\.value)), blocks: blocks) }
  }

  @Test func emptyText() throws {
    let seg = try testSegmenter.segment([], blocks: Spans())
    #expect(seg.tokens.kinds.isEmpty && seg.sentences.spans.isEmpty && seg.morphs.roles.isEmpty)
  }
}
