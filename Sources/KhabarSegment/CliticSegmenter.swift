public import KhabarCore

/// Splits Arabic words into proclitics (و ف ب ك ل س), the article ال, a stem
/// and an enclitic pronoun, using corpus word frequencies as evidence.
///
/// Each candidate split is scored by how often its stem occurs as a word on
/// its own (before a pronoun also in its free spelling: ت→ة, ي/ا→ى, ئ/ؤ→ء,
/// و→وا; after the article also with ال). The best candidate is taken when
/// its stem is seen at least `minEvidence` times and is not much rarer than
/// the whole word: stem count ≥ ratio × word count, where the ratio depends on
/// how productive the clitic is (none after و/ف + ال or لل, weak for ب/ل
/// before a noun, for و/ف before a word and for هم ها كم, strict for ك نا ني
/// كن هن, which end many verbs and names). Otherwise the word stays whole,
/// which keeps بغداد، بيروت، لبنان، فيلق whole; a short list of function words
/// and lexical و-words (كان، بين، وصف، وطن …) is never split. The article is
/// split off any stem that starts with ال and keeps two letters, except for
/// the relative pronouns and a few fixed words. The text is never rewritten:
/// للعربي is ل|ل|عربي.
public struct CliticSegmenter: Sendable {
  public let frequencies: WordFrequencies
  /// Least corpus count of a stem for a split.
  public var minEvidence: UInt32 = 3
  /// A split needs stem count ≥ ratio × word count.
  public var ratio: Double = 0.5
  /// The same, for the ambiguous enclitics ك، نا، كن، هن، ني (verb endings, names).
  public var strictRatio: Double = 2
  /// The same, for و or ف alone before a word.
  public var conjunctionRatio: Double = 0.2
  /// The same, for the unambiguous enclitics هم، هما، ها، كم، كما.
  public var weakRatio: Double = 0.1
  /// The same, for a preposition ب or ل before a noun (stem alone or with ال).
  public var prepositionRatio: Double = 0.1

  /// `neverSplit` and `articleExceptions` as hash tables (no Set hashing per word).
  private let wholeWords = WordFrequencies(forms: Self.neverSplit)
  private let articleWords = WordFrequencies(forms: Self.articleExceptions)

  public init(frequencies: WordFrequencies) { self.frequencies = frequencies }

  /// Per-document scratch buffers, so no word allocates.
  public struct Scratch {
    var letters: [UInt32] = []
    var positions: [Int] = []
    var parts: [Part] = []
    public init() {
      parts.reserveCapacity(8)
      letters.reserveCapacity(64)
      positions.reserveCapacity(64)
    }
  }

  /// The one-letter roles of the `morphs` layer.
  public enum Role {
    public static let whole = UInt8(ascii: "x")
    public static let proclitic = UInt8(ascii: "p")
    public static let article = UInt8(ascii: "a")
    public static let stem = UInt8(ascii: "s")
    public static let enclitic = UInt8(ascii: "e")
  }

  /// Appends the parts of token `start..<end` to `morphs`; they tile the token.
  public func segment(_ s: [UInt32], _ start: Int, _ end: Int, kind: UInt8, scratch: inout Scratch,
                      into morphs: inout Morphs) {
    guard kind == Tokenizer.Kind.word, end - start >= 2, end - start <= 40 else {
      morphs.spans.append(start, end)
      morphs.roles.append(Role.whole)
      return
    }
    scratch.letters.removeAll(keepingCapacity: true)
    scratch.positions.removeAll(keepingCapacity: true)
    for i in start..<end {
      switch CharClasses.of(s[i]) {
      case .arabicLetter:
        guard let key = WordFrequencies.letterKey(s[i]) else { continue }
        scratch.letters.append(key)
        scratch.positions.append(i)
      case .arabicMark, .combining:
        continue
      default:  // a letter of another script: leave the token whole
        morphs.spans.append(start, end)
        morphs.roles.append(Role.whole)
        return
      }
    }
    plan(scratch.letters, into: &scratch.parts)
    let plan = scratch.parts
    if plan.count <= 1 {
      morphs.spans.append(start, end)
      morphs.roles.append(Role.whole)
      return
    }
    var from = start
    for (k, part) in plan.enumerated() {
      let to = k == plan.count - 1 ? end : scratch.positions[part.end]
      morphs.spans.append(from, to)
      morphs.roles.append(part.role)
      from = to
    }
  }

  /// One part of a split: the letter index it ends at and its role.
  public struct Part: Equatable, Sendable {
    public var end: Int
    public var role: UInt8
  }

  /// The parts of a word given as key letters (see `WordFrequencies.letterKey`);
  /// a single part means the word stays whole.
  public func plan(_ w: [UInt32]) -> [Part] {
    var parts: [Part] = []
    plan(w, into: &parts)
    return parts
  }

  /// `plan(_:)` into a reused buffer.
  public func plan(_ w: [UInt32], into parts: inout [Part]) {
    parts.removeAll(keepingCapacity: true)
    let n = w.count
    let wholeHash = WordFrequencies.hash(w[...])
    guard n >= 2, wholeWords.count(hash: wholeHash) == 0 else {
      parts.append(Part(end: n, role: Role.whole))
      return
    }
    let whole = Double(frequencies.count(hash: wholeHash))

    var best: Candidate? = nil
    var bestEvidence: UInt32 = 0
    func consider(_ c: Candidate, _ evidence: UInt32, ratio: Double, least: UInt32 = minEvidence) {
      guard evidence >= least, Double(evidence) >= ratio * whole else { return }
      if evidence > bestEvidence {
        best = c
        bestEvidence = evidence
      }
    }

    for conj in 0...(Letters.isConjunction(w[0]) ? 1 : 0) {
      let p = w[conj]
      let hasPrep = conj + 1 < n && (p == Letters.beh || p == Letters.kaf || p == Letters.lam
        || p == Letters.seen && conj + 2 < n && Letters.isImperfectPrefix(w[conj + 1]))
      for prepLength in 0...(hasPrep ? 1 : 0) {
        let isLam = prepLength == 1 && p == Letters.lam
        let rest = conj + prepLength
        // Preposition + pronoun alone: له، بها، ولهم.
        if prepLength == 1, w[conj] != Letters.seen, w[conj] != Letters.kaf,
          let pronoun = Letters.enclitic(w, from: rest, allowYa: isLam), pronoun == n - rest
        {
          let c = Candidate(conj: conj, prep: 0, lamArticle: false, stemStart: conj, stemEnd: rest, prepIsStem: true)
          consider(c, UInt32.max / 2, ratio: 0)
          continue
        }
        // ل + ل of the article: للعربي.
        if isLam, rest + 2 < n, w[rest] == Letters.lam {
          let stem = rest + 1
          let evidence = max(lookup(w, stem, n, withArticle: true), lookup(w, stem, n, withArticle: false))
          consider(Candidate(conj: conj, prep: prepLength, lamArticle: true, stemStart: stem, stemEnd: n), evidence,
                   ratio: 0)
        }
        let restHasArticle = rest + 1 < n && w[rest] == Letters.alef && w[rest + 1] == Letters.lam
        if rest > 0, n - rest >= (restHasArticle ? 4 : 2) {
          let c = Candidate(conj: conj, prep: prepLength, lamArticle: false, stemStart: rest, stemEnd: n)
          let evidence = lookup(w, rest, n, withArticle: false)
          if restHasArticle {
            // و|ال…، ب|ال…: a clitic before the article is productive.
            consider(c, max(evidence, lookup(w, rest + 2, n, withArticle: false)), ratio: 0)
          } else if prepLength == 1, p == Letters.beh || p == Letters.lam, n - rest >= 3 {
            // ب or ل before a noun of three letters or more (بسبب، بشكل) is
            // productive too: the stem alone or with the article counts, and a
            // weaker ratio is enough.
            let noun = evidence &+ lookup(w, rest, n, withArticle: true)
            consider(c, noun, ratio: prepositionRatio, least: 20)
          } else {
            // و and ف before a word: narrative verbs occur far more often with
            // them than without (وأضاف 8,811 vs أضاف 439), so a weaker ratio.
            consider(c, evidence, ratio: prepLength == 0 ? conjunctionRatio : ratio, least: prepLength == 0 ? 20 : minEvidence)
          }
        }
        // Enclitic pronouns (not after the article).
        if !restHasArticle {
          for length in stride(from: 3, through: 1, by: -1) where Letters.endsWithEnclitic(w, length) {
            let stemEnd = n - length
            let minStem = length == 1 && w[n - 1] == Letters.kaf || Letters.isNiSuffix(w, length) ? 3 : 2
            guard stemEnd - rest >= minStem else { continue }
            let evidence = stemEvidence(w, rest, stemEnd)
            consider(Candidate(conj: conj, prep: prepLength, lamArticle: false, stemStart: rest, stemEnd: stemEnd),
                     evidence, ratio: encliticRatio(w, length))
          }
        }
      }
    }

    // A proclitic split whose stem still ends in a clear pronoun (و|زوجته):
    // judge the pronoun against the stem's own count, as if the stem stood
    // alone. Not for ه ك نا ني, which end many stems (و|توجه, not و|توج|ه).
    if var c = best, c.stemEnd == n, c.stemStart > 0, !c.prepIsStem, !c.lamArticle,
      !(n - c.stemStart >= 2 && w[c.stemStart] == Letters.alef && w[c.stemStart + 1] == Letters.lam)
    {
      let stemCount = Double(lookup(w, c.stemStart, n, withArticle: false))
      for length in stride(from: 3, through: 1, by: -1) where Letters.endsWithEnclitic(w, length) {
        let stemEnd = n - length
        let minStem = length == 1 && w[n - 1] == Letters.kaf || Letters.isNiSuffix(w, length) ? 3 : 2
        guard stemEnd - c.stemStart >= minStem else { continue }
        let evidence = stemEvidence(w, c.stemStart, stemEnd)
        let needed = encliticRatio(w, length)
        guard needed == weakRatio else { continue }  // only the clear pronouns (هم ها كم, after ة)
        if evidence >= minEvidence, Double(evidence) >= needed * stemCount {
          c.stemEnd = stemEnd
          best = c
          break
        }
      }
    }

    guard let c = best else {
      parts.append(Part(end: n, role: articleSplit(w, 0, n, into: &parts) ? Role.stem : Role.whole))
      return
    }
    if c.conj > 0 { parts.append(Part(end: c.conj, role: Role.proclitic)) }
    if c.prepIsStem {
      parts.append(Part(end: c.stemEnd, role: Role.stem))
      parts.append(Part(end: n, role: Role.enclitic))
      return
    }
    if c.prep > 0 { parts.append(Part(end: c.conj + c.prep, role: Role.proclitic)) }
    if c.lamArticle {
      parts.append(Part(end: c.stemStart, role: Role.article))
    } else {
      _ = articleSplit(w, c.stemStart, c.stemEnd, into: &parts)
    }
    parts.append(Part(end: c.stemEnd, role: Role.stem))
    if c.stemEnd < n { parts.append(Part(end: n, role: Role.enclitic)) }
  }

  /// The ratio an enclitic of `length` letters at the end of `w` needs.
  private func encliticRatio(_ w: [UInt32], _ length: Int) -> Double {
    let last = w[w.count - 1], before = w[w.count - 2]
    if w[w.count - length - 1] == Letters.teh, last != Letters.alef || before != Letters.noon {
      return weakRatio  // ة before a pronoun: زوجته، حكومتهم
    }
    switch length {
    case 3: return weakRatio  // هما كما
    case 2:
      if last == Letters.meem || last == Letters.alef && before == Letters.heh { return weakRatio }  // هم كم ها
      return strictRatio  // هن كن نا ني
    default: return last == Letters.kaf ? strictRatio : ratio
    }
  }

  private struct Candidate {
    var conj: Int
    var prep: Int
    var lamArticle: Bool
    var stemStart: Int
    var stemEnd: Int
    var prepIsStem = false
  }

  /// Splits ال off `w[start..<end]` when it starts with it and two letters remain.
  private func articleSplit(_ w: [UInt32], _ start: Int, _ end: Int, into parts: inout [Part]) -> Bool {
    guard end - start >= 4, w[start] == Letters.alef, w[start + 1] == Letters.lam else { return false }
    if articleWords.count(hash: WordFrequencies.hash(w[start..<end])) > 0 { return false }
    parts.append(Part(end: start + 2, role: Role.article))
    return true
  }

  // MARK: - Evidence

  /// Corpus count of `w[start..<end]` as a word (optionally with ال before it).
  @inline(__always) func lookup(_ w: [UInt32], _ start: Int, _ end: Int, withArticle: Bool) -> UInt32 {
    var h = WordFrequencies.fnvOffset
    if withArticle {
      h = WordFrequencies.mix(h, Letters.alef)
      h = WordFrequencies.mix(h, Letters.lam)
    }
    for i in start..<end { h = WordFrequencies.mix(h, w[i]) }
    return frequencies.count(hash: h)
  }

  /// The stem count before a pronoun, trying the stem's free spelling too:
  /// حكومت → حكومة, علي → على, مستوا → مستوى, قالو → قالوا.
  func stemEvidence(_ w: [UInt32], _ start: Int, _ end: Int) -> UInt32 {
    var best = lookup(w, start, end, withArticle: false)
    var h = WordFrequencies.fnvOffset
    for i in start..<(end - 1) { h = WordFrequencies.mix(h, w[i]) }
    let last = w[end - 1]
    switch last {
    case Letters.teh: best = max(best, frequencies.count(hash: WordFrequencies.mix(h, Letters.tehMarbuta)))
    case Letters.yeh, Letters.alef: best = max(best, frequencies.count(hash: WordFrequencies.mix(h, Letters.alefMaksura)))
    case Letters.yehHamza, Letters.wawHamza:
      best = max(best, frequencies.count(hash: WordFrequencies.mix(h, Letters.hamza)))
    case Letters.waw:
      let full = WordFrequencies.mix(WordFrequencies.mix(h, Letters.waw), Letters.alef)
      best = max(best, frequencies.count(hash: full))
    default: break
    }
    return best
  }

  // MARK: - Word lists

  /// Function words and names that look like clitic + stem but never are.
  static let neverSplit = [
    "كان", "كانت", "كانوا", "كانتا", "كانا", "لكن", "ليس", "ليست", "لدى", "لدي", "بين", "بينما", "بل", "بعد", "بعدما",
    "كل", "كلا", "كلما", "كما", "كيف", "كذلك", "كأن", "فقط", "فوق", "فيما", "لما", "لماذا", "لعل", "لو", "لولا",
    "بغداد", "بيروت", "لبنان", "ليبيا", "بريطانيا", "فرنسا", "فلسطين", "كندا", "لندن", "بوتين", "بكين", "فيلق",
    "ولاية", "وزير", "وزارة", "وكالة", "وقت", "ولد", "وحدة", "فريق", "هناك", "ذلك", "تلك", "أولئك", "هنالك",
    "بنك", "ملك", "شريك", "سنة", "سيارة", "سياسة", "فحسب",
    // Words of roots starting with و whose rest is also a word.
    "وصف", "وعد", "وطن", "ورد", "وجد", "وضع", "وقع", "وفد", "وسط", "وجه", "وجهة", "وقف", "وكيل", "وراء", "ولاء",
    "وصل", "وفق", "وفاة", "ودي", "وعي", "وحد", "فكرة", "فرص", "فرع", "فترة", "فتح",
  ]

  /// Words starting with ال that are not article + stem.
  static let articleExceptions = [
    "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللاتي", "اللواتي", "اللائي", "الآن", "الله",
    "اللهم", "الا", "الى", "الي", "إلا", "الف", "الفا", "الاف",
  ]
}

/// The letters the segmenter tests for, as scalar values.
enum Letters {
  static let alef: UInt32 = 0x0627
  static let beh: UInt32 = 0x0628
  static let teh: UInt32 = 0x062A
  static let tehMarbuta: UInt32 = 0x0629
  static let seen: UInt32 = 0x0633
  static let feh: UInt32 = 0x0641
  static let kaf: UInt32 = 0x0643
  static let lam: UInt32 = 0x0644
  static let meem: UInt32 = 0x0645
  static let noon: UInt32 = 0x0646
  static let heh: UInt32 = 0x0647
  static let waw: UInt32 = 0x0648
  static let alefMaksura: UInt32 = 0x0649
  static let yeh: UInt32 = 0x064A
  static let alefHamzaAbove: UInt32 = 0x0623
  static let hamza: UInt32 = 0x0621
  static let wawHamza: UInt32 = 0x0624
  static let yehHamza: UInt32 = 0x0626

  @inline(__always) static func isConjunction(_ v: UInt32) -> Bool { v == waw || v == feh }

  /// ي ت ن أ: the prefixes of an imperfect verb, after future س.
  @inline(__always) static func isImperfectPrefix(_ v: UInt32) -> Bool {
    v == yeh || v == teh || v == noon || v == alefHamzaAbove
  }

  /// Whether `w` ends with an enclitic pronoun of `length` letters:
  /// هما كما (3), هم كم هن كن ها نا ني (2), ه ك (1).
  @inline(__always) static func endsWithEnclitic(_ w: [UInt32], _ length: Int) -> Bool {
    let n = w.count
    guard n >= length + 2 else { return false }
    let a = w[n - 1], b = w[n - 2]
    switch length {
    case 3: return a == alef && b == meem && (w[n - 3] == heh || w[n - 3] == kaf)
    case 2:
      return (a == meem || a == noon) && (b == heh || b == kaf) || a == alef && (b == heh || b == noon)
        || a == yeh && b == noon
    default: return a == heh || a == kaf
    }
  }

  @inline(__always) static func isNiSuffix(_ w: [UInt32], _ length: Int) -> Bool {
    length == 2 && w[w.count - 1] == yeh && w[w.count - 2] == noon
  }

  /// The length of `w[from...]` when it is exactly a pronoun (for له، بها …).
  static func enclitic(_ w: [UInt32], from: Int, allowYa: Bool) -> Int? {
    let rest = w.count - from
    guard rest >= 1, rest <= 3 else { return nil }
    if rest == 1 { return w[from] == heh || w[from] == kaf || (allowYa && w[from] == yeh) ? 1 : nil }
    let a = w[from], b = w[from + 1]
    if rest == 2 {
      if a == heh, b == alef || b == meem || b == noon { return 2 }
      if a == kaf, b == meem { return 2 }
      if a == noon, b == alef { return 2 }
      return nil
    }
    return (a == heh || a == kaf) && b == meem && w[from + 2] == alef ? 3 : nil
  }
}
