import KhabarCore
import KhabarStage
import KhabarTestSupport
import Testing

@testable import KhabarTag

@Suite struct NERLabelTests {
  func labels(_ tags: [String]) -> [Int] { tags.compactMap { NERLabels.index(ofTag: $0[...]) } }

  @Test func tagsRoundTrip() {
    for label in 0..<NERLabels.count { #expect(NERLabels.index(ofTag: NERLabels.tag(of: label)[...]) == label) }
    #expect(NERLabels.index(ofTag: "B-PERS") == NERLabels.index(ofTag: "B-PER"))
    #expect(NERLabels.index(ofTag: "B-FOO") == nil)
  }

  @Test func spansFollowSeqevalIncludingOrphanInside() {
    let spans = NERLabels.spans(labels(["O", "I-PER", "I-PER", "B-LOC", "I-ORG", "B-MISC", "B-MISC", "I-MISC", "O", "I-LOC"]))
    #expect(spans.map { [$0.start, $0.end] } == [[1, 3], [3, 4], [4, 5], [5, 6], [6, 8], [9, 10]])
    #expect(spans.map(\.typeName) == ["PER", "LOC", "ORG", "MISC", "MISC", "LOC"])
  }

  @Test func scoreCountsExactSpansOnly() {
    var score = NERScore()
    score.add(gold: labels(["B-PER", "I-PER", "O", "B-LOC"]), predicted: labels(["B-PER", "O", "O", "B-LOC"]))
    #expect(score.truePositives == [0, 1, 0, 0])
    #expect(score.prf().f1 == 50)
  }
}

@Suite struct LightStemmerTests {
  func analyze(_ word: String) -> CliticAnalysis {
    let s = NERSentence.normalized(word)
    return LightStemmer.analyze(s, 0..<s.count)
  }

  @Test func stripsProcliticsAndArticle() {
    #expect(analyze("والبوكمال").procliticLength == 1)
    #expect(analyze("والبوكمال").articleLength == 2)
    #expect(analyze("بالعراق").stemOffset == 3)
    #expect(analyze("للعربي").procliticLength == 1)
    #expect(analyze("للعربي").articleLength == 1)
    #expect(analyze("بغداد").stemOffset == 0)
    #expect(analyze("لبنان").stemOffset == 0)
  }
}

@Suite struct FeatureTests {
  static func lexicon() -> NERLexicon {
    var lexicon = NERLexicon()
    lexicon.addName("البوكمال", type: 1)
    lexicon.addName("قاسم سليماني", type: 0)
    lexicon.addCluster(word: "قاسم", coarse: 3, fine: 30)
    return lexicon
  }

  @Test func extractionIsDeterministic() {
    let words = ["قتل", "قاسم", "سليماني", "في", "والبوكمال", "."]
    let a = FeatureExtractor(lexicon: Self.lexicon(), slotBits: 18).extract(NERSentence(words: words))
    let b = FeatureExtractor(lexicon: Self.lexicon(), slotBits: 18).extract(NERSentence(words: words))
    #expect(a == b)
    #expect(a.count == words.count * FeatureExtractor.slotsPerToken)
    #expect(a.allSatisfy { $0 >= 0 && $0 < 1 << 18 })
    // The same word in another position shares its word feature (template 1) but not every feature.
    let c = FeatureExtractor(lexicon: Self.lexicon(), slotBits: 18).extract(NERSentence(words: ["قاسم"]))
    let S = FeatureExtractor.slotsPerToken
    #expect(c[1] == a[S + 1])
    #expect(Array(c[0..<S]) != Array(a[S..<2 * S]))
  }

  @Test func secondPassSlotsFromFirstPassSlots() {
    let extractor = FeatureExtractor(lexicon: Self.lexicon(), slotBits: 18)
    let sentence = NERSentence(words: ["قتل", "قاسم", "سليماني", "في", "والبوكمال", "."])
    let context = (0..<sentence.count * FeatureExtractor.contextCount).map { UInt64($0 * 37 % 11) | 0x100 }
    let first = extractor.extract(sentence)
    #expect(extractor.withContext(first, context) == extractor.extract(sentence, context: context))
    #expect(extractor.withContext(first, context) != first)
  }

  @Test func gazetteerMarksNamesAfterProclitics() {
    let extractor = FeatureExtractor(lexicon: Self.lexicon(), slotBits: 18)
    let sentence = NERSentence(words: ["قتل", "قاسم", "سليماني", "في", "والبوكمال"])
    var info = extractor.tokenInfo(sentence)
    extractor.markGazetteerSpans(sentence, &info)
    #expect(info.map(\.gazTag) == [0, 1 << 2 | 1, 1 << 2 | 2, 0, 2 << 2 | 1])
  }
}

@Suite struct ViterbiTests {
  @Test func decodesTheBestPathOfAHandBuiltModel() {
    var model = LinearChainModel(slotBits: 10)
    let L = NERLabels.count
    let O = 0, bPER = 1, iPER = 2, bLOC = 3
    // Emissions: token 0 prefers B-PER, token 1 prefers I-PER a little over B-LOC, token 2 prefers O.
    var e = [Float](repeating: 0, count: 3 * L)
    e[0 * L + bPER] = 2
    e[1 * L + iPER] = 1.0
    e[1 * L + bLOC] = 1.5
    e[2 * L + O] = 1
    #expect(model.decode(e, tokenCount: 3) == [bPER, bLOC, O])
    // A transition bonus for B-PER → I-PER flips token 1.
    model.transitions[bPER * L + iPER] = 1
    let (labels, gaps) = model.decode(e, tokenCount: 3, withGaps: true)
    #expect(labels == [bPER, iPER, O])
    #expect(abs(gaps[1] - 0.5) < 1e-6)
    #expect(gaps.allSatisfy { $0 >= 0 })
  }

  @Test func saveLoadRoundTrip() throws {
    var rng = SplitMix(seed: 7)
    var model = LinearChainModel(slotBits: 12)
    for _ in 0..<500 { model.weights[Int(rng.next() % UInt64(model.weights.count))] = Float(Int(rng.next() % 2001) - 1000) / 100 }
    for k in model.transitions.indices { model.transitions[k] = Float(Int(rng.next() % 201) - 100) / 10 }
    for _ in 0..<200 { model.edgeWeights[Int(rng.next() % UInt64(model.edgeWeights.count))] = Float(Int(rng.next() % 201) - 100) / 10 }
    model.certScale = 3.5
    let loaded = try LinearChainModel(serialized: model.serialized())
    let maxEdgeError = zip(loaded.edgeWeights, model.edgeWeights).map { abs($0 - $1) }.max() ?? 1
    #expect(maxEdgeError <= 10.0 / 32767 + 1e-6)
    #expect(loaded.slotBits == 12)
    #expect(loaded.certScale == 3.5)
    #expect(loaded.transitions == model.transitions)
    let maxError = zip(loaded.weights, model.weights).map { abs($0 - $1) }.max() ?? 1
    #expect(maxError <= 10.0 / 32767 + 1e-6)
    #expect(throws: NERModelError.self) { try LinearChainModel(serialized: Array(model.serialized().dropLast(3))) }
    #expect(throws: NERModelError.self) { try LinearChainModel(serialized: Array("not a model".utf8)) }
  }
}

@Suite struct EntitySpanTests {
  @Test func procliticsAreLeftOutOfEntitySpans() {
    // "في والبوكمال": tokens [0,2) [3,12); morphs of the second: و (p) ال (a) بوكمال (s).
    var tokens = Spans()
    tokens.append(0, 2)
    tokens.append(3, 12)
    var morphs = Morphs()
    for (r, role) in [(0..<2, "x"), (3..<4, "p"), (4..<6, "a"), (6..<12, "s")] {
      morphs.spans.append(r)
      morphs.roles.append(Character(role).asciiValue ?? 0)
    }
    #expect(EntitySpans.firstNonProclitic(tokens: tokens, morphs: morphs) == [0, 4])
  }

  @Test func knowledgeBaseFillsGapsAndExtendsCoveredSpans() {
    let model = [EntitySpans.Found(span: TokenSpan(start: 2, end: 3, type: 0), cert: 0.7, source: "model")]
    let kb = [
      EntitySpans.Found(span: TokenSpan(start: 1, end: 3, type: 0), cert: 0.8, source: "kb"),
      EntitySpans.Found(span: TokenSpan(start: 5, end: 6, type: 1), cert: 0.6, source: "kb"),
    ]
    let merged = EntitySpans.merge(model: model, kb: kb)
    #expect(merged.map(\.span) == [TokenSpan(start: 1, end: 3, type: 0), TokenSpan(start: 5, end: 6, type: 1)])
    #expect(merged.map(\.source) == ["kb", "kb"])
  }

  @Test func knowledgeBaseNameOfSeveralWordsGivesItsTypeToTheSameSpan() {
    // The model typed «مسعود بارزاني» (tokens 3–5) ORG; the knowledge base has the person. A one-word
    // knowledge-base match does not retype a model entity.
    let model = [
      EntitySpans.Found(span: TokenSpan(start: 3, end: 5, type: 2), cert: 0.34, source: "model"),
      EntitySpans.Found(span: TokenSpan(start: 7, end: 8, type: 1), cert: 0.9, source: "model"),
    ]
    let kb = [
      EntitySpans.Found(span: TokenSpan(start: 3, end: 5, type: 0), cert: 0.8, source: "kb"),
      EntitySpans.Found(span: TokenSpan(start: 7, end: 8, type: 0), cert: 0.8, source: "kb"),
    ]
    let merged = EntitySpans.merge(model: model, kb: kb)
    #expect(merged.map(\.span) == [TokenSpan(start: 3, end: 5, type: 0), TokenSpan(start: 7, end: 8, type: 1)])
    #expect(merged.map(\.source) == ["kb", "model"])
  }
}

/// Tests against the committed model in data/ (they can fail when the model changes).
@Suite struct CommittedModelTests {
  static let tagger: NERTagger? = try? NERTagger.load(dataDirectory: TestPaths.data)

  @Test func loads() { #expect(Self.tagger != nil) }

  @Test func tagsSeedSentence() throws {
    let tagger = try #require(Self.tagger)
    let text = "وقال مسؤول عراقي إن قائد فيلق القدس قاسم سليماني زار والبوكمال أمس ."
    let scalars = Array(text.unicodeScalars)
    var doc = Document(id: "t", source: .init(path: "t.txt", sha256: "", bytes: 0), text: text)
    var tokens = Tokens(), morphs = Morphs(), sentences = Sentences()
    var i = 0
    while i < scalars.count {
      if scalars[i] == " " {
        i += 1
        continue
      }
      var j = i
      while j < scalars.count && scalars[j] != " " { j += 1 }
      tokens.spans.append(i, j)
      tokens.kinds.append(scalars[i] == "." ? UInt8(ascii: "p") : UInt8(ascii: "w"))
      // Hand-made morphs: a leading و is a proclitic.
      if scalars[i] == "و" && j - i > 3 {
        morphs.spans.append(i, i + 1)
        morphs.roles.append(UInt8(ascii: "p"))
        morphs.spans.append(i + 1, j)
        morphs.roles.append(UInt8(ascii: "s"))
      } else {
        morphs.spans.append(i, j)
        morphs.roles.append(UInt8(ascii: "x"))
      }
      i = j
    }
    sentences.spans.append(0, scalars.count)
    doc.set(tokens)
    doc.set(morphs)
    doc.set(sentences)
    try TagStage(tagger: tagger, knowledgeBase: nil).process(&doc)
    let entities = try doc.require(Entities.self).items
    let found = entities.map { (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.type) }
    #expect(found.contains { $0 == ("قاسم سليماني", "PER") }, "\(found)")
    #expect(found.contains { $0 == ("البوكمال", "LOC") }, "\(found)")
    #expect(entities.allSatisfy { $0.cert >= 0 && $0.cert <= 1 && $0.source == "model" })
    #expect(doc.has("dates") && doc.has("measures"))
  }

  @Test func tokensOutsideTheTextAreAnError() throws {
    let tagger = try #require(Self.tagger)
    var doc = Document(id: "t", source: .init(path: "t.txt", sha256: "", bytes: 0), text: "بغداد")
    var tokens = Tokens(), morphs = Morphs(), sentences = Sentences()
    tokens.spans.append(0, 9)
    tokens.kinds = [UInt8(ascii: "w")]
    morphs.spans.append(0, 9)
    morphs.roles = [UInt8(ascii: "x")]
    sentences.spans.append(0, 5)
    doc.set(tokens)
    doc.set(morphs)
    doc.set(sentences)
    #expect(throws: StageError.self) { try TagStage(tagger: tagger, knowledgeBase: nil).process(&doc) }
  }

  @Test func emptyDocumentGivesEmptyLayers() throws {
    let tagger = try #require(Self.tagger)
    var doc = Document(id: "t", source: .init(path: "t.txt", sha256: "", bytes: 0), text: "")
    doc.set(Tokens())
    doc.set(Morphs())
    doc.set(Sentences())
    try TagStage(tagger: tagger, knowledgeBase: nil).process(&doc)
    #expect(try doc.require(Entities.self).items.isEmpty)
  }
}

/// The BIO tags of `words` after `rule` (a post-decoding rule of `NERTagger`) rewrote `tags`.
func relabeled(_ words: [String], _ tags: [String], by rule: (inout [Int], NERSentence) -> Void) -> [String] {
  var labels = tags.compactMap { NERLabels.index(ofTag: $0[...]) }
  rule(&labels, NERSentence(words: words))
  return labels.map(NERLabels.tag(of:))
}

@Suite struct EdgeWordTests {
  func trimmed(_ words: [String], _ tags: [String]) -> [String] { relabeled(words, tags, by: EdgeWords.trim) }

  @Test func edgeWordsLeaveNamesButNotTheirInside() {
    // The seed's «آنذاك قاسم سليماني»: the adverb leaves the name, which begins at قاسم.
    #expect(trimmed(["الإيراني", "آنذاك", "قاسم", "سليماني"], ["O", "B-PER", "I-PER", "I-PER"])
      == ["O", "O", "B-PER", "I-PER"])
    // At the end, with a clitic form; and diacritics or alef forms do not hide the word.
    #expect(trimmed(["حالوتس", "وكان"], ["B-PER", "I-PER"]) == ["B-PER", "O"])
    #expect(trimmed(["اذاً", "بغداد"], ["B-LOC", "I-LOC"]) == ["O", "B-LOC"])
    // Inside a name an edge word stays; a name made only of edge words goes.
    #expect(trimmed(["بنك", "ثم", "المال"], ["B-ORG", "I-ORG", "I-ORG"]) == ["B-ORG", "I-ORG", "I-ORG"])
    #expect(trimmed(["قد", "لقد", "عاد"], ["B-MISC", "I-MISC", "O"]) == ["O", "O", "O"])
    // Two names side by side keep their own types.
    #expect(trimmed(["كان", "زيد", "عمان"], ["B-PER", "I-PER", "B-LOC"]) == ["O", "B-PER", "B-LOC"])
  }

  @Test func aPersonsNameDoesNotBeginWithAnAdjective() {
    #expect(trimmed(["الدولي", "العاجي", "ايمانويل", "ايبوي"], ["O", "B-PER", "I-PER", "I-PER"])
      == ["O", "O", "B-PER", "I-PER"])
    #expect(trimmed(["والإيرانية", "مريم", "رجوي"], ["B-PER", "I-PER", "I-PER"]) == ["O", "B-PER", "I-PER"])
    // A family name of that shape comes last and stays; a name of one word stays; other types keep theirs.
    #expect(trimmed(["رفيق", "الحريري"], ["B-PER", "I-PER"]) == ["B-PER", "I-PER"])
    #expect(trimmed(["الحريري", "قال"], ["B-PER", "O"]) == ["B-PER", "O"])
    #expect(trimmed(["العربي", "الجديد"], ["B-ORG", "I-ORG"]) == ["B-ORG", "I-ORG"])
    // Not the shape: no article, or not ending in ي.
    #expect(trimmed(["الشيخ", "زايد"], ["B-PER", "I-PER"]) == ["B-PER", "I-PER"])
    #expect(trimmed(["عراقي", "زيد"], ["B-PER", "I-PER"]) == ["B-PER", "I-PER"])
  }
}

@Suite struct QuotedPlaceTests {
  func applied(_ words: [String], _ tags: [String]) -> [String] { relabeled(words, tags, by: QuotedPlaces.apply) }

  @Test func aQuotedNameAfterAPlaceNounIsAPlaceNotAPerson() {
    // The seed's compound: the model read «علي» as a person.
    #expect(applied(["تدمير", "مجمع", "\"", "الإمام", "علي", "\"", "بالكامل"], ["O", "O", "O", "O", "B-PER", "O", "O"])
      == ["O", "O", "O", "B-LOC", "I-LOC", "O", "O"])
    // Found nothing, with a proclitic on the noun and guillemets; ة/ى forms of the noun.
    #expect(applied(["وقاعدة", "«", "حميميم", "»"], ["O", "O", "O", "O"]) == ["O", "O", "B-LOC", "O"])
    #expect(applied(["مستشفى", "“", "ابن", "سينا", "”"], ["O", "O", "B-PER", "I-PER", "O"])
      == ["O", "O", "B-LOC", "I-LOC", "O"])
  }

  @Test func theModelsOtherTypesStayAndTheNameIsWhole() {
    #expect(applied(["ملعب", "\"", "سانتياغو", "برنابيو", "\""], ["O", "O", "B-MISC", "O", "O"])
      == ["O", "O", "B-MISC", "I-MISC", "O"])
    #expect(applied(["مستشفى", "«", "سانت", "توماس", "»"], ["O", "O", "B-ORG", "I-ORG", "O"])
      == ["O", "O", "B-ORG", "I-ORG", "O"])
  }

  @Test func onlyShortQuotedNamesRightAfterTheNoun() {
    // No closing quote, punctuation inside, more than four words, a noun not on the list, no quote.
    let none = ["O", "O", "O", "B-PER", "O"]
    #expect(applied(["مجمع", "\"", "الإمام", "علي", "قال"], ["O", "O", "O", "B-PER", "O"]) == none)
    #expect(applied(["مجمع", "\"", "الإمام", "،", "\""], ["O", "O", "O", "O", "O"]) == ["O", "O", "O", "O", "O"])
    let long = ["مجمع", "\"", "أ", "ب", "ت", "ث", "ج", "\""]
    #expect(applied(long, long.map { _ in "O" }) == long.map { _ in "O" })
    #expect(applied(["بيت", "\"", "الإمام", "علي", "\""], ["O", "O", "O", "B-PER", "O"]) == ["O", "O", "O", "B-PER", "O"])
    #expect(applied(["مجمع", "الإمام", "علي", "في", "بغداد"], ["O", "O", "B-PER", "O", "B-LOC"])
      == ["O", "O", "B-PER", "O", "B-LOC"])
  }
}
