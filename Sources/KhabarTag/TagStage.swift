public import KhabarCore
public import KhabarStage
import KhabarKB

/// The `tag` stage: named entities (model + knowledge base), dates and quantities.
///
/// The model runs per sentence over the `tokens` layer (clitics attached, as in
/// ANERcorp); entity spans then drop attached proclitics using the `morphs`
/// layer (role `p`; the article stays inside).
public struct TagStage: Stage {
  public static let name = "tag"
  public static let version = "1.1.0"
  public static let summary = "Named entities (PER, LOC, ORG, MISC), dates and quantities."
  public static let requires = ["text", "tokens", "morphs", "sentences"]
  public static let provides = ["entities", "dates", "measures"]
  public static let defaultOptions: [String: JSONValue] = ["kb": .bool(true)]

  let tagger: NERTagger
  let kbMatcher: KBNameMatcher?
  let temporal = TemporalTagger()

  public init(options: StageOptions, environment: StageEnvironment) throws {
    tagger = try NERTagger.load(dataDirectory: environment.dataDirectory)
    let kbPath = "\(environment.dataDirectory)/kb/entries.jsonl"
    if options.bool("kb") && FileIO.exists(kbPath) {
      kbMatcher = KBNameMatcher(try KnowledgeBase.load(dataDirectory: environment.dataDirectory))
    } else {
      kbMatcher = nil
    }
  }

  public init(tagger: NERTagger, knowledgeBase: KnowledgeBase?) {
    self.tagger = tagger
    self.kbMatcher = knowledgeBase.map(KBNameMatcher.init)
  }

  public func process(_ document: inout Document) throws {
    let textString = try document.requireText()
    let text = TemporalTagger.scalars(of: textString)
    let tokenLayer = try document.require(Tokens.self)
    let morphs = try document.require(Morphs.self)
    let sentences = try document.require(Sentences.self).spans
    let tokens = tokenLayer.spans
    for i in 0..<tokens.count where tokens[i].lowerBound < 0 || tokens[i].upperBound > text.count || tokens[i].isEmpty {
      throw StageError("tokens: span \(i) \(tokens[i]) is outside the text")
    }
    let firstStem = EntitySpans.firstNonProclitic(tokens: tokens, morphs: morphs)

    // Sentences as token index ranges.
    var sentenceTokens: [Range<Int>] = []
    var t = 0
    for s in 0..<sentences.count {
      let range = sentences[s]
      while t < tokens.count && tokens[t].upperBound <= range.lowerBound { t += 1 }
      let first = t
      while t < tokens.count && tokens[t].lowerBound < range.upperBound { t += 1 }
      if t > first { sentenceTokens.append(first..<t) }
    }
    let nerSentences = sentenceTokens.map { r in NERSentence(text: text, tokenRanges: r.map { tokens[$0] }) }
    let found = tagger.documentEntities(nerSentences)

    // Per sentence, the model's entities and the knowledge base's matches; one-word places of the
    // knowledge base stay only where the document uses the word as a place (`PlaceSupport`).
    let modelFound = sentenceTokens.indices.map { k in
      found[k].map {
        EntitySpans.Found(span: TokenSpan(start: $0.span.start + sentenceTokens[k].lowerBound,
                                          end: $0.span.end + sentenceTokens[k].lowerBound, type: $0.span.type),
                          cert: $0.cert, source: "model")
      }
    }
    let kbFound = PlaceSupport.supported(
      kb: sentenceTokens.indices.map { k in
        kbMatcher?.matches(sentence: nerSentences[k], text: text, tokens: tokens,
                           offset: sentenceTokens[k].lowerBound, firstStem: firstStem) ?? []
      },
      model: modelFound, text: text, tokens: tokens, firstStem: firstStem)
    var items: [Entities.Item] = []
    for (k, r) in sentenceTokens.enumerated() {
      let first = r.lowerBound
      var spans = modelFound[k]
      if let kbMatcher {
        spans = EntitySpans.merge(model: spans, kb: kbFound[k])
        // Names nested in a longer non-person entity (the town in معبر القائم).
        var inner: [EntitySpans.Found] = []
        for f in spans where f.span.end - f.span.start > 1 && NERLabels.types[f.span.type] != "PER" {
          inner += kbMatcher.innerMatches(
            of: (f.span.start - first)..<(f.span.end - first), sentence: nerSentences[k], text: text, tokens: tokens,
            offset: first, firstStem: firstStem)
        }
        spans += inner
      }
      for f in spans {
        items.append(Entities.Item(
          start: firstStem[f.span.start], end: tokens[f.span.end - 1].upperBound,
          type: NERLabels.types[f.span.type], cert: f.cert, source: f.source))
      }
    }
    // Outer entities before the names nested in them.
    items.sort {
      $0.start != $1.start ? $0.start < $1.start : $0.end != $1.end ? $0.end > $1.end : $0.type < $1.type
    }
    document.set(Entities(items: items))
    let (dates, measures) = temporal.annotate(
      scalars: text, tokens: tokenLayer, morphs: morphs, articleDate: document.meta["date"])
    document.set(dates)
    document.set(measures)
  }
}
