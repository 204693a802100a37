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
  public static let version = "1.0.0"
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
    let text = Array(try document.requireText().unicodeScalars)
    let tokenLayer = try document.require(Tokens.self)
    let morphs = try document.require(Morphs.self)
    let sentences = try document.require(Sentences.self).spans
    let tokens = tokenLayer.spans
    for i in 0..<tokens.count where tokens[i].lowerBound < 0 || tokens[i].upperBound > text.count || tokens[i].isEmpty {
      throw StageError("tokens: span \(i) \(tokens[i]) is outside the text")
    }
    let firstStem = EntitySpans.firstNonProclitic(tokens: tokens, morphs: morphs)

    var items: [Entities.Item] = []
    var t = 0
    for s in 0..<sentences.count {
      let range = sentences[s]
      while t < tokens.count && tokens[t].upperBound <= range.lowerBound { t += 1 }
      let first = t
      while t < tokens.count && tokens[t].lowerBound < range.upperBound { t += 1 }
      guard t > first else { continue }
      let tokenRanges = (first..<t).map { tokens[$0] }
      let sentence = NERSentence(text: text, tokenRanges: tokenRanges)
      var found = tagger.entities(sentence).map {
        EntitySpans.Found(span: TokenSpan(start: $0.span.start + first, end: $0.span.end + first, type: $0.span.type),
                          cert: $0.cert, source: "model")
      }
      if let kbMatcher {
        let kbFound = kbMatcher.matches(sentence: sentence, text: text, tokens: tokens, offset: first, firstStem: firstStem)
        found = EntitySpans.merge(model: found, kb: kbFound)
      }
      for f in found {
        items.append(Entities.Item(
          start: firstStem[f.span.start], end: tokens[f.span.end - 1].upperBound,
          type: NERLabels.types[f.span.type], cert: f.cert, source: f.source))
      }
    }
    document.set(Entities(items: items))
    let (dates, measures) = temporal.annotate(
      text: String(String.UnicodeScalarView(text)), tokens: tokenLayer, morphs: morphs, articleDate: document.meta["date"])
    document.set(dates)
    document.set(measures)
  }
}
