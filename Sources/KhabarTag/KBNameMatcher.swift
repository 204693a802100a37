import KhabarCore
import KhabarKB

/// Finds knowledge-base names in a sentence by hashed lookups (no strings
/// unless a hash hits), longest match first, the first word's proclitics dropped.
struct KBNameMatcher: Sendable {
  let kb: KnowledgeBase
  /// Name hash → 1.
  let names: HashTable
  /// The first words of every name of two or more words → 1 (see `NERLexicon.namePrefixes`).
  let prefixes: HashTable
  /// Organisation names of two or more words with their trailing nationality dropped
  /// (وزارة الدفاع for وزارة الدفاع العراقية) → 1: a name the linker completes from context.
  let nisbaStems: HashTable
  /// Organisations' one-word titles that are definite common words, their records also naming them after
  /// a medium word (البناء beside صحيفة البناء) → 1: matched alone only in quotation marks, since البناء
  /// alone is "the construction".
  let titles: HashTable
  let maxWords: Int

  static let alef: UInt32 = 0x0627
  static let lam: UInt32 = 0x0644
  static let place = NERLabels.types.firstIndex(of: "LOC")!

  init(_ kb: KnowledgeBase) {
    self.kb = kb
    var names = HashTable(capacity: kb.entries.count * 2)
    var prefixes = HashTable(capacity: kb.entries.count)
    var stems = HashTable(capacity: 256)
    var titles = HashTable(capacity: 16)
    var maxWords = 1
    for e in kb.entries {
      for name in e.ar {
        let s = NERSentence.normalized(name)
        guard s.count >= 2 else { continue }
        maxWords = max(maxWords, s.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 })
        names.set(WordHash.of(s, 0..<s.count), 1)
        let spaces = s.indices.filter { s[$0] == 0x20 }
        for i in spaces { prefixes.set(WordHash.of(s, 0..<i), 1) }
        if e.type == "org", spaces.count >= 2, let last = spaces.last, NameShapes.isNationality(s, (last + 1)..<s.count) {
          stems.set(WordHash.of(s, 0..<last), 1)
        }
        if e.type == "org", spaces.count == 1, let space = spaces.first, NameShapes.isMediumWord(s, 0..<space),
          s.count - space > 3, s[space + 1] == Self.alef, s[space + 2] == Self.lam
        {
          let title = WordHash.of(s, (space + 1)..<s.count)
          if e.ar.contains(where: { WordHash.of(normalizing: $0) == title }) { titles.set(title, 1) }
        }
      }
    }
    self.names = names
    self.prefixes = prefixes
    self.nisbaStems = stems
    self.titles = titles
    self.maxWords = min(maxWords, 6)
  }

  /// Matches, as token spans offset by `offset`, with the entry's type.
  ///
  /// One-word matches count only for persons and organisations, and for
  /// places that are countries, first-level divisions or cities of 100,000+:
  /// GeoNames holds many small places named like common words.
  func matches(sentence: NERSentence, text: [Unicode.Scalar], tokens: Spans, offset: Int, firstStem: [Int])
    -> [EntitySpans.Found]
  {
    var found: [EntitySpans.Found] = []
    var t = 0
    while t < sentence.count {
      if let m = longestMatch(at: t, before: sentence.count, sentence, text, tokens, offset, firstStem),
        !(m.length == 1 && m.type == Self.place && isAttribute(t, sentence, text, tokens, offset, firstStem)),
        !(m.title && !isQuoted(t, sentence))
      {
        found.append(EntitySpans.Found(span: TokenSpan(start: t + offset, end: t + m.length + offset, type: m.type),
                                       cert: m.length > 1 ? 0.8 : 0.6, source: "kb", needsSupport: m.weak))
        t += m.length
      } else if let m = platformMatch(at: t, sentence) {
        found.append(EntitySpans.Found(span: TokenSpan(start: t + offset, end: t + 1 + offset, type: m), cert: 0.6,
                                       source: "kb"))
        t += 1
      } else {
        t += 1
      }
    }
    return found
  }

  /// Names inside a longer entity that a container word introduces: the town in
  /// معبر القائم, the person in نظام الأسد, the city in السفارة الأميركية في بغداد.
  /// `outer` is a token span of the sentence (not offset).
  func innerMatches(of outer: Range<Int>, sentence: NERSentence, text: [Unicode.Scalar], tokens: Spans, offset: Int,
                    firstStem: [Int]) -> [EntitySpans.Found]
  {
    var found: [EntitySpans.Found] = []
    var t = outer.lowerBound + 1
    while t < outer.upperBound {
      let head = stemStart(t - 1, sentence, text, tokens, offset, firstStem)..<sentence.tokens[t - 1].upperBound
      guard NameShapes.isContainerHead(sentence.scalars, head)
              || NameShapes.isContainerHead(sentence.scalars, sentence.tokens[t - 1]),
            let m = longestMatch(at: t, before: outer.upperBound, sentence, text, tokens, offset, firstStem)
      else {
        t += 1
        continue
      }
      found.append(EntitySpans.Found(span: TokenSpan(start: t + offset, end: t + m.length + offset, type: m.type),
                                     cert: m.length > 1 ? 0.75 : 0.6, source: "kb"))
      t += m.length
    }
    return found
  }

  /// The longest name starting at token `t` and ending before token `end`.
  private func longestMatch(at t: Int, before end: Int, _ sentence: NERSentence, _ text: [Unicode.Scalar],
                            _ tokens: Spans, _ offset: Int, _ firstStem: [Int]) -> Match?
  {
    let s = sentence.scalars, toks = sentence.tokens
    let start = stemStart(t, sentence, text, tokens, offset, firstStem)
    let skip = start - toks[t].lowerBound
    var best = match(at: t, firstWord: Array(s[start..<toks[t].upperBound]), before: end, sentence)
    // A لل-form (للعربي الجديد): the stem's ل is the article's, whose alef the spelling dropped.
    if skip > 0, start < toks[t].upperBound, s[start] == Self.lam, s[start - 1] == Self.lam,
       let m = match(at: t, firstWord: [Self.alef] + s[start..<toks[t].upperBound], before: end, sentence),
       m.length > (best?.length ?? 0)
    {
      best = m
    }
    if best?.length == 1, isCommonWordForm(token: tokens[t + offset], stem: firstStem[t + offset], text) { return nil }
    return best
  }

  /// True when a one-word name is written as a common word, not a name: with tanween, which marks an
  /// indefinite noun («مشهدٌ» "a scene", not Mashhad); after the particle ك "like" («كسرت» "she broke",
  /// not Sirte); or ending in ه where every entry of that key ends its name in ة, the pronoun ـه "his"
  /// («حديثه» "his talk", not Haditha; the match key folds ة into ه).
  func isCommonWordForm(token: Range<Int>, stem: Int, _ text: [Unicode.Scalar]) -> Bool {
    let tanween: ClosedRange<UInt32> = 0x064B...0x064D
    if text[token].contains(where: { tanween.contains($0.value) }) { return true }
    if text[token.lowerBound..<stem].contains(where: { $0.value == 0x0643 }) { return true }
    let letters = text[stem..<token.upperBound].filter { ArabicText.matchScalar($0.value) != nil || $0.value == 0x0629 }
    guard letters.last?.value == 0x0647 else { return false }
    let key = ArabicText.matchKey(String(String.UnicodeScalarView(letters)))
    let names = kb.candidates(matchKey: key).filter(Self.strongSingleWord).flatMap(\.ar).filter {
      ArabicText.matchKey($0) == key
    }
    return !names.isEmpty && names.allSatisfy { name in
      name.unicodeScalars.last(where: { ArabicText.matchScalar($0.value) != nil })?.value == 0x0629
    }
  }

  /// Where token `t` starts in the sentence's scalars once its proclitics are dropped,
  /// as the morphs layer says (its offsets are in the text, so count normalised scalars).
  private func stemStart(_ t: Int, _ sentence: NERSentence, _ text: [Unicode.Scalar], _ tokens: Spans, _ offset: Int,
                         _ firstStem: [Int]) -> Int
  {
    let token = tokens[t + offset]
    var skip = 0
    for i in token.lowerBound..<firstStem[t + offset] where ArabicText.matchScalar(text[i].value) != nil { skip += 1 }
    return min(sentence.tokens[t].lowerBound + skip, sentence.tokens[t].upperBound)
  }

  /// A name found: its length in tokens, its type, and whether it is a one-word place that needs the
  /// document's support (`PlaceSupport`).
  struct Match {
    var length: Int
    var type: Int
    var weak = false
    /// A medium's one-word title that is also a common word (`titles`): matched only in quotation marks.
    var title = false
  }

  private func match(at t: Int, firstWord: [UInt32], before end: Int, _ sentence: NERSentence) -> Match? {
    let s = sentence.scalars, toks = sentence.tokens
    guard !firstWord.isEmpty else { return nil }
    var h = WordHash.of(firstWord, 0..<firstWord.count)
    var best = names[h] != nil ? 1 : 0
    var stem = 0
    var length = 1
    while length < maxWords && t + length < end && prefixes[h] != nil {
      h = WordHash.of(s, toks[t + length], seed: WordHash.add(h, 0x20))
      length += 1
      if names[h] != nil { best = length }
      if length >= 2 && nisbaStems[h] != nil { stem = length }
    }
    // The words are copied out only for a name found (most tokens start none).
    if best > 0, let entry = entryType([firstWord] + toks[(t + 1)..<(t + best)].map { Array(s[$0]) }) {
      return Match(length: best, type: entry.type, weak: entry.weak, title: entry.title)
    }
    // A ministry or army named without its nationality: an organisation the linker completes.
    if stem >= 2, let org = NERLabels.types.firstIndex(of: "ORG") { return Match(length: stem, type: org) }
    return nil
  }

  /// A platform named in Latin letters after a word that introduces one (على X, منصة X):
  /// names shorter than two letters are matched only there.
  private func platformMatch(at t: Int, _ sentence: NERSentence) -> Int? {
    let s = sentence.scalars, toks = sentence.tokens
    guard t > 0, toks[t].count == 1, (0x61...0x7A).contains(s[toks[t].lowerBound]),
          NameShapes.isPlatformCue(s, toks[t - 1])
    else { return nil }
    let word = String(String.UnicodeScalarView(s[toks[t]].compactMap(Unicode.Scalar.init)))
    guard let e = kb.candidates(matchKey: word).first(where: { $0.type == "org" }) else { return nil }
    return NERLabels.types.firstIndex(of: e.nerType)
  }

  /// The type of the entry named by these words (joined with single spaces, as names are indexed), whether
  /// it is a one-word place no entry of which is self-evident (`selfEvidentPlace`), and whether it is a
  /// medium's title (`titles`).
  private func entryType(_ words: [[UInt32]]) -> (type: Int, weak: Bool, title: Bool)? {
    var view = String.UnicodeScalarView()
    for (i, w) in words.enumerated() {
      if i > 0 { view.append(" ") }
      view.append(contentsOf: w.compactMap(Unicode.Scalar.init))
    }
    let entries = kb.candidates(matchKey: String(view)).filter { words.count > 1 || Self.strongSingleWord($0) }
    guard let first = entries.first else { return nil }
    let weakPlace = words.count == 1 && !entries.contains(where: Self.selfEvidentPlace)
    // A one-word city that is also a person's or an organisation's name is the latter (بشار: Béchar, Bashar
    // al-Assad).
    let e = weakPlace ? entries.first { $0.type != "place" } ?? first : first
    guard let type = NERLabels.types.firstIndex(of: e.nerType) else { return nil }
    let title = words.count == 1 && e.type == "org" && titles[WordHash.of(words[0], 0..<words[0].count)] != nil
    return (type, weakPlace && e.type == "place", title)
  }

  /// Places whose one-word name is taken wherever it stands: countries, first-level divisions, capitals,
  /// and the curated places of the region (bases, crossings, fields). Other cities share their names with
  /// common words (صور "pictures" / Tyre, العين "the eye" / Al Ain, الخبر "the news" / Khobar) and need
  /// the document's support.
  static func selfEvidentPlace(_ e: KBEntry) -> Bool {
    guard e.type == "place" else { return false }
    if e.id.hasPrefix("kh.") { return true }
    guard let f = e.feature else { return false }
    return ["PCLI", "PCLD", "PCLS", "PCLF", "ADM1", "PPLC"].contains(f)
  }

  /// True when the one-word name at `t`, with the article and no proclitic, follows a definite word: an
  /// adjective agreeing with its noun («القيادة السعودية» "the Saudi leadership", «المدى القصير» "the short
  /// term"), not a place: a noun that a place name completes has no article («مدينة القصير»), and
  /// after one that has it the name is an adjective too («العاصمة السعودية» "the Saudi capital").
  func isAttribute(_ t: Int, _ sentence: NERSentence, _ text: [Unicode.Scalar], _ tokens: Spans, _ offset: Int,
                   _ firstStem: [Int]) -> Bool
  {
    guard t > 0, firstStem[t + offset] == tokens[t + offset].lowerBound else { return false }
    let s = sentence.scalars, word = sentence.tokens[t]
    let previous = stemStart(t - 1, sentence, text, tokens, offset, firstStem)..<sentence.tokens[t - 1].upperBound
    func definite(_ r: Range<Int>) -> Bool {
      r.count >= 4 && s[r.lowerBound] == Self.alef && s[r.lowerBound + 1] == Self.lam
    }
    return definite(word) && definite(previous)
  }

  /// True when token `t` stands between two quotation marks («البناء»).
  func isQuoted(_ t: Int, _ sentence: NERSentence) -> Bool {
    let s = sentence.scalars, toks = sentence.tokens
    func quote(_ i: Int) -> Bool {
      toks[i].count == 1 && [0xAB, 0xBB, 0x22, 0x201C, 0x201D, 0x2039, 0x203A, 0x201E].contains(s[toks[i].lowerBound])
    }
    return t > 0 && t + 1 < sentence.count && quote(t - 1) && quote(t + 1)
  }

  static func strongSingleWord(_ e: KBEntry) -> Bool {
    switch e.type {
    case "person", "org": return true
    case "place":
      if let f = e.feature, ["PCLI", "PCLD", "PCLS", "PCLF", "ADM1", "PPLC", "PPLA", "PPLA2"].contains(f) { return true }
      // Curated places (bases, crossings, fields, districts) are named in the region's news on purpose.
      if e.id.hasPrefix("kh.") { return true }
      return (e.population ?? 0) >= 100_000
    default: return false
    }
  }
}
