import KhabarCore

/// Turning token-level entities into text spans.
enum EntitySpans {
  struct Found: Equatable {
    var span: TokenSpan
    var cert: Double
    var source: String
    /// A one-word place of the knowledge base that is kept only where the document uses the word as a
    /// place (`PlaceSupport`).
    var needsSupport = false
  }

  /// For every token, the offset where it starts once attached proclitics
  /// (morph role `p`) are dropped; never past the token's last morph.
  static func firstNonProclitic(tokens: Spans, morphs: Morphs) -> [Int] {
    let roles = morphs.roles
    let morphs = morphs.spans
    var starts = (0..<tokens.count).map { tokens[$0].lowerBound }
    var m = 0
    for t in 0..<tokens.count {
      let tok = tokens[t]
      while m < morphs.count && morphs[m].upperBound <= tok.lowerBound { m += 1 }
      var k = m
      while k < morphs.count && morphs[k].lowerBound >= tok.lowerBound && morphs[k].upperBound < tok.upperBound
        && roles[k] == UInt8(ascii: "p")
      {
        starts[t] = morphs[k].upperBound
        k += 1
      }
    }
    return starts
  }

  /// Model entities first; a knowledge-base match is added where the model
  /// found nothing, and replaces model entities it strictly covers when they all have its type;
  /// a name of several words also replaces what it covers whatever the type, and gives its type
  /// to a model entity of exactly its span.
  static func merge(model: [Found], kb: [Found]) -> [Found] {
    var result = model
    for k in kb {
      let overlapping = result.indices.filter { result[$0].span.start < k.span.end && k.span.start < result[$0].span.end }
      if overlapping.isEmpty {
        result.append(k)
        continue
      }
      // A knowledge-base name of several words is strong evidence: it replaces what it covers whatever
      // the model's type (قوات سوريا الديموقراطية over the place سوريا); a one-word match only its own type.
      let multiword = k.span.end - k.span.start > 1
      let covered = overlapping.allSatisfy {
        (multiword || result[$0].span.type == k.span.type)
          && result[$0].span.start >= k.span.start && result[$0].span.end <= k.span.end
      }
      let longer = overlapping.allSatisfy { result[$0].span.end - result[$0].span.start < k.span.end - k.span.start }
      // «مسعود بارزاني» is a person in the knowledge base whatever type the model guessed for it.
      let retyped = multiword && overlapping.count == 1 && result[overlapping[0]].span.start == k.span.start
        && result[overlapping[0]].span.end == k.span.end && result[overlapping[0]].span.type != k.span.type
      guard covered && (longer || retyped) else { continue }
      let cert = overlapping.map { result[$0].cert }.max() ?? k.cert
      for i in overlapping.reversed() { result.remove(at: i) }
      result.append(Found(span: k.span, cert: max(cert, k.cert), source: "kb"))
    }
    return result.sorted { $0.span.start < $1.span.start }
  }
}
