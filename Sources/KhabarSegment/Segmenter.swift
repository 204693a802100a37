public import KhabarCore
public import KhabarStage

/// Sentences, tokens and clitic parts of one cleaned text.
public struct Segmentation: Sendable, Equatable {
  public var sentences = Sentences()
  public var tokens = Tokens()
  public var morphs = Morphs()
  public init() {}
}

/// Segments a cleaned text block by block: tokens, then sentences (never
/// across a block), then the clitic parts of every token.
public struct Segmenter: Sendable {
  public let clitics: CliticSegmenter

  public init(clitics: CliticSegmenter) { self.clitics = clitics }

  /// Segments `scalars` (the text's Unicode scalar values).
  ///
  /// Block boundaries (and the gaps between blocks) are hard limits: no token
  /// or sentence crosses them. Spans outside the text are an error.
  public func segment(_ scalars: [UInt32], blocks: Spans) throws(StageError) -> Segmentation {
    let n = scalars.count
    var cuts: [Int] = [0, n]
    cuts.reserveCapacity(blocks.flat.count + 2)
    for (k, r) in blocks.enumerated() {
      guard r.lowerBound >= 0, r.lowerBound <= r.upperBound, r.upperBound <= n else {
        throw StageError("blocks: span \(k) [\(r.lowerBound), \(r.upperBound)) is outside the text (\(n) scalars)")
      }
      cuts.append(r.lowerBound)
      cuts.append(r.upperBound)
    }
    cuts.sort()

    var out = Segmentation()
    out.tokens.spans.flat.reserveCapacity(n / 3)
    out.tokens.kinds.reserveCapacity(n / 6)
    var previous = 0
    for cut in cuts.dropFirst() where cut > previous {
      let first = out.tokens.kinds.count
      Tokenizer.tokenize(scalars, previous..<cut, into: &out.tokens)
      SentenceSplitter.split(scalars, out.tokens, first..<out.tokens.kinds.count, into: &out.sentences)
      previous = cut
    }

    var scratch = CliticSegmenter.Scratch()
    out.morphs.spans.flat.reserveCapacity(out.tokens.spans.flat.count * 5 / 4)
    out.morphs.roles.reserveCapacity(out.tokens.kinds.count * 5 / 4)
    for k in 0..<out.tokens.kinds.count {
      clitics.segment(scalars, out.tokens.spans.flat[2 * k], out.tokens.spans.flat[2 * k + 1],
                      kind: out.tokens.kinds[k], scratch: &scratch, into: &out.morphs)
    }
    return out
  }

  /// Segments a string given as text with one block over all of it.
  public func segment(text: String) -> Segmentation {
    let scalars = scalarValues(of: text)
    var blocks = Spans()
    blocks.append(0, scalars.count)
    return (try? segment(scalars, blocks: blocks)) ?? Segmentation()
  }
}

/// The Unicode scalar values of a string, decoded straight from its UTF-8.
public func scalarValues(of text: String) -> [UInt32] {
  var text = text
  return text.withUTF8 { utf8 in
    var out = [UInt32]()
    out.reserveCapacity(utf8.count)
    var i = 0
    let n = utf8.count
    while i < n {
      let b0 = UInt32(utf8[i])
      if b0 < 0x80 {
        out.append(b0)
        i += 1
      } else if b0 < 0xE0 {
        out.append((b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F))
        i += 2
      } else if b0 < 0xF0 {
        out.append((b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F))
        i += 3
      } else {
        out.append((b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
          | UInt32(utf8[i + 3] & 0x3F))
        i += 4
      }
    }
    return out
  }
}
