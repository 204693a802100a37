import KhabarCore

/// Whether a document uses a word as a place. Most cities share their
/// one-word names with common words (صور "pictures" and Tyre, العين "the eye"
/// and Al Ain, الخبر "the news" and Khobar, بلد "a country" and Balad): a
/// knowledge-base match of such a name where the model found nothing
/// (`EntitySpans.Found.needsSupport`) is kept only when the same word is used
/// as a place somewhere in the document:
/// - after a word that introduces a place: a place noun (مدينة، بلدة، قضاء،
///   ريف، معبر …), a compass word (شمال، شرقي …) or a preposition of place
///   (في، من، إلى، نحو، قرب …) when the word is not annexed to the next one
///   (`opensConstruct`) and the document does not also write it with the
///   article or a possessive suffix: «مدينة القائم», «نحو القائم», not «في سن
///   المراهقة» nor «في بلد ليس بلدها»;
/// - inside a longer name after its first word («معبر القائم»), or found by
///   the model as a place;
/// - joined by و to a place that needs no support («أبوظبي والعين»).
/// On 1,000 real articles this and `KBNameMatcher.isAttribute` took the
/// one-word places of the knowledge base from 580 to 213: of the 367 dropped,
/// 6 were places (الموصل، البصرة، عبادان، أبها، عمران, and السعودية as an
/// object), the rest common words and adjectives. Every place of the seeds'
/// gold set stays.
struct PlaceSupport {
  /// Nouns and compass words that introduce a place.
  static let placeWords = NameShapes.WordTable([
    "مدينة", "بلدة", "قرية", "محافظة", "ولاية", "قضاء", "ناحية", "ريف", "منطقة", "حي", "مخيم", "معبر", "مطار",
    "ميناء", "عاصمة", "مدينتي", "بلدتي", "محافظتي", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي",
    "غربي", "أطراف", "ضواحي",
  ])
  /// Prepositions of place: they introduce a place unless the word after them opens a construct
  /// (`opensConstruct`).
  static let prepositions = NameShapes.WordTable(["في", "من", "إلى", "الى", "نحو", "باتجاه", "قرب", "عند", "داخل", "حول"])
  /// Definite words of time that may follow a place without being annexed to it («في حلب الخميس»).
  static let timeWords = NameShapes.WordTable([
    "اليوم", "الليلة", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "الأسبوع", "الشهر", "العام", "الصباح", "المساء", "الآن",
  ])

  static let place = NERLabels.types.firstIndex(of: "LOC")!
  static let waw: UInt32 = 0x0648
  static let alef: UInt32 = 0x0627
  static let lam: UInt32 = 0x0644
  static let yeh: UInt32 = 0x064A
  static let heh: UInt32 = 0x0647
  static let teh: UInt32 = 0x062A
  /// Possessive suffixes in their matching form (ها، هم، هما، هن، نا، كم، ك); not ي, which also ends an
  /// adjective of relation (حلبي), nor ه, which the matching form cannot tell from ة (حلبة "a ring").
  static let possessiveSuffixes: [[UInt32]] = [[heh, alef], [heh, 0x0645], [heh, 0x0645, alef], [heh, 0x0646],
                                               [0x0646, alef], [0x0643, 0x0645], [0x0643]]

  /// An adjective of relation (nisba) in its matching form: ـي، ـية، ـيين، ـيون، ـيات («صور اللبنانية»).
  static func isRelationAdjective(_ w: [UInt32]) -> Bool {
    let endings: [[UInt32]] = [[yeh], [yeh, heh], [yeh, yeh, 0x0646], [yeh, waw, 0x0646], [yeh, alef, teh]]
    return endings.contains { e in w.count > e.count + 2 && Array(w.suffix(e.count)) == e }
  }

  /// The hashes of the words used as places in the document.
  let supported: Set<UInt64>
  /// Per token, the hash of its normalised stem (proclitics dropped).
  let stems: [UInt64]

  /// - Parameters:
  ///   - found: every sentence's entities from the model and the knowledge base, before they are merged,
  ///     over the document's token indices.
  init(text: [Unicode.Scalar], tokens: Spans, firstStem: [Int], found: [EntitySpans.Found]) {
    let n = tokens.count
    func hash(_ range: Range<Int>) -> UInt64 {
      var h = WordHash.seed
      for i in range { if let m = ArabicText.matchScalar(text[i].value) { h = WordHash.add(h, m) } }
      return h
    }
    let stems = (0..<n).map { hash(firstStem[$0]..<tokens[$0].upperBound) }
    var nameStart = [Bool](repeating: false, count: n)
    for f in found { nameStart[f.span.start] = true }
    // A name cannot be annexed to what follows it: a word followed by a definite noun (not an adjective
    // of relation, not a word of time) or by a name is a common noun («في سن المراهقة», «في بورصة موسكو»).
    func opensConstruct(_ t: Int) -> Bool {
      guard t + 1 < n, firstStem[t + 1] == tokens[t + 1].lowerBound else { return false }
      if nameStart[t + 1] { return true }
      let next = tokens[t + 1].compactMap { ArabicText.matchScalar(text[$0].value) }
      guard next.count >= 4, next[0] == Self.alef, next[1] == Self.lam else { return false }
      return !Self.isRelationAdjective(next) && !Self.timeWords.contains(hash: stems[t + 1])
    }
    // A word the document also writes with the article or a possessive suffix (بلد beside البلد or بلدها)
    // is a common noun there: a preposition does not make it a place.
    let written = Set(stems)
    func commonNoun(_ t: Int) -> Bool {
      let word = (firstStem[t]..<tokens[t].upperBound).compactMap { ArabicText.matchScalar(text[$0].value) }
      guard word.count >= 2, !(word[0] == Self.alef && word[1] == Self.lam) else { return false }
      if written.contains(WordHash.of([Self.alef, Self.lam] + word, 0..<(word.count + 2))) { return true }
      let base = word.last == Self.heh ? word.dropLast() + [Self.teh] : word[...]
      return Self.possessiveSuffixes.contains { suffix in
        let form = Array(base) + suffix
        return written.contains(WordHash.of(form, 0..<form.count))
      }
    }
    var supported = Set<UInt64>()
    for t in 1..<max(1, n) {
      // The word before, with its proclitics (في) and without them (وفي → في).
      let before = (whole: hash(tokens[t - 1]), stem: stems[t - 1])
      func follows(_ words: NameShapes.WordTable) -> Bool {
        words.contains(hash: before.stem) || words.contains(hash: before.whole)
      }
      if follows(Self.placeWords) || follows(Self.prepositions) && !opensConstruct(t) && !commonNoun(t) {
        supported.insert(stems[t])
      }
    }
    // Places that need no support, by their first and last token.
    var placeStart = [Bool](repeating: false, count: n), placeEnd = placeStart
    for f in found where f.span.type == Self.place && !f.needsSupport {
      placeStart[f.span.start] = true
      placeEnd[f.span.end - 1] = true
      if f.source == "model" {
        for t in f.span.start..<f.span.end { supported.insert(stems[t]) }
      } else {
        for t in (f.span.start + 1)..<f.span.end { supported.insert(stems[t]) }
      }
    }
    for f in found where f.span.type != Self.place {
      for t in (f.span.start + 1)..<f.span.end { supported.insert(stems[t]) }
    }
    func joinedByWaw(_ t: Int) -> Bool {
      firstStem[t] > tokens[t].lowerBound && text[tokens[t].lowerBound].value == Self.waw
    }
    for t in 0..<n {
      if t > 0 && joinedByWaw(t) && placeEnd[t - 1] { supported.insert(stems[t]) }
      if t + 1 < n && joinedByWaw(t + 1) && placeStart[t + 1] { supported.insert(stems[t]) }
    }
    self.supported = supported
    self.stems = stems
  }

  /// The knowledge base's matches, per sentence, without the one-word places the document does not
  /// support; `model` holds the model's entities per sentence. All spans are over the document's tokens.
  static func supported(kb: [[EntitySpans.Found]], model: [[EntitySpans.Found]], text: [Unicode.Scalar],
                        tokens: Spans, firstStem: [Int]) -> [[EntitySpans.Found]]
  {
    guard kb.contains(where: { $0.contains(where: \.needsSupport) }) else { return kb }
    let support = PlaceSupport(text: text, tokens: tokens, firstStem: firstStem,
                               found: model.flatMap { $0 } + kb.flatMap { $0 })
    return kb.map { $0.filter(support.supports) }
  }

  /// True when a one-word match is used as a place in the document (or needs no support).
  func supports(_ f: EntitySpans.Found) -> Bool {
    !f.needsSupport || supported.contains(stems[f.span.start])
  }
}
