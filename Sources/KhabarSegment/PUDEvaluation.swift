/// Scores segmentation against a CoNLL-U treebank without multiword-token
/// lines, where clitics are separate words joined by `SpaceAfter=No`
/// (UD Arabic-PUD).
///
/// - Running text: the sentences' `# text` lines joined by one space.
/// - Sentences: exact span match.
/// - Tokens: gold words re-joined where `SpaceAfter=No` joins two non-PUNCT
///   words (orthographic tokens); punctuation stays separate.
/// - Clitics: inside every Arabic token both sides agree on, gold words vs our
///   parts, with our article part merged into what follows (PUD never splits
///   ال, and writes لل as ل + ل…).
public struct PUDEvaluation {
  public struct Word {
    public var form: String
    public var isPunct: Bool
    public var spaceAfter: Bool
  }

  public struct Sentence {
    public var text: String
    public var words: [Word]
  }

  /// Precision, recall and F1 from counts.
  public struct Score: CustomStringConvertible {
    public var truePositives = 0
    public var gold = 0
    public var predicted = 0
    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var description: String {
      func pct(_ x: Double) -> String { String(format1: x * 100) }
      return "P \(pct(precision))  R \(pct(recall))  F1 \(pct(f1))  (gold \(gold), ours \(predicted), matched \(truePositives))"
    }
    mutating func add(gold g: Set<Range<Int>>, predicted p: Set<Range<Int>>) {
      gold += g.count
      predicted += p.count
      truePositives += g.intersection(p).count
    }
  }

  /// The gold standard laid out on the running text.
  public struct Gold {
    public var text: String
    public var sentences: [Range<Int>] = []
    public var tokens: [Range<Int>] = []
    /// Words of each token (parallel to `tokens`).
    public var tokenWords: [[Range<Int>]] = []
    /// Words whose form was not found at its place in the text.
    public var misaligned = 0
  }

  /// Parses CoNLL-U text: `# text` lines and word lines (ranges and empty nodes skipped).
  public static func parse(_ conllu: String) -> [Sentence] {
    var sentences: [Sentence] = []
    var current = Sentence(text: "", words: [])
    for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        if !current.words.isEmpty { sentences.append(current) }
        current = Sentence(text: "", words: [])
      } else if line.hasPrefix("# text = ") {
        current.text = String(line.dropFirst(9))
      } else if !line.hasPrefix("#") {
        let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard cols.count >= 10, !cols[0].contains("-"), !cols[0].contains(".") else { continue }
        current.words.append(Word(form: String(cols[1]), isPunct: cols[3] == "PUNCT",
                                  spaceAfter: !cols[9].split(separator: "|").contains("SpaceAfter=No")))
      }
    }
    if !current.words.isEmpty { sentences.append(current) }
    return sentences
  }

  /// Lays the gold sentences, tokens and words out on the joined text.
  public static func gold(_ sentences: [Sentence]) -> Gold {
    var text: [UInt32] = []
    var g = Gold(text: "")
    for sentence in sentences {
      if !text.isEmpty { text.append(0x20) }
      let base = text.count
      let s = sentence.text.unicodeScalars.map(\.value)
      text += s
      var lo = 0, hi = s.count
      while lo < hi, CharClasses.of(s[lo]) == .space { lo += 1 }
      while hi > lo, CharClasses.of(s[hi - 1]) == .space { hi -= 1 }
      g.sentences.append((base + lo)..<(base + hi))

      var p = 0
      var previous: (range: Range<Int>, word: Word)? = nil
      for word in sentence.words {
        let f = word.form.unicodeScalars.map(\.value)
        while p < s.count, CharClasses.of(s[p]) == .space { p += 1 }
        guard let at = find(f, in: s, from: p) else {
          g.misaligned += 1
          continue
        }
        let r = (base + at)..<(base + at + f.count)
        p = at + f.count
        if let prev = previous, !prev.word.spaceAfter, prev.range.upperBound == r.lowerBound,
          !prev.word.isPunct, !word.isPunct, !g.tokens.isEmpty
        {
          g.tokens[g.tokens.count - 1] = g.tokens[g.tokens.count - 1].lowerBound..<r.upperBound
          g.tokenWords[g.tokenWords.count - 1].append(r)
        } else {
          g.tokens.append(r)
          g.tokenWords.append([r])
        }
        previous = (r, word)
      }
    }
    var view = String.UnicodeScalarView()
    for v in text { if let u = Unicode.Scalar(v) { view.append(u) } }
    g.text = String(view)
    return g
  }

  /// The first place at or after `from` (within 40 scalars) where `f` occurs in `s`.
  static func find(_ f: [UInt32], in s: [UInt32], from: Int) -> Int? {
    guard !f.isEmpty else { return nil }
    var at = from
    while at + f.count <= s.count, at <= from + 40 {
      if s[at..<(at + f.count)].elementsEqual(f) { return at }
      at += 1
    }
    return nil
  }

  /// The three scores, and how many tokens the clitic score compared.
  public struct Result {
    public var sentences = Score()
    public var tokens = Score()
    /// All units of compared Arabic tokens (unsplit tokens count as one unit).
    public var clitics = Score()
    /// Only the split points inside compared Arabic tokens.
    public var splitPoints = Score()
    public var comparedTokens = 0
    /// Split points we made and PUD did not, and the reverse, with counts (for the report).
    public var overSplit: [String: Int] = [:]
    public var underSplit: [String: Int] = [:]
  }

  /// Scores `ours` (segmentation of `gold.text`) against `gold`.
  public static func score(_ gold: Gold, _ ours: Segmentation) -> Result {
    var result = Result()
    let s = gold.text.unicodeScalars.map(\.value)
    result.sentences.add(gold: Set(gold.sentences), predicted: Set(ours.sentences.spans.map { $0 }))
    result.tokens.add(gold: Set(gold.tokens), predicted: Set(ours.tokens.spans.map { $0 }))

    // Our units per token start, with the article merged into what follows.
    var tokenIndex: [Int: Int] = [:]
    for k in 0..<ours.tokens.kinds.count { tokenIndex[ours.tokens.spans[k].lowerBound] = k }
    var morphStart: [Int: Int] = [:]  // token start → first morph index
    var m = 0
    for k in 0..<ours.tokens.kinds.count {
      let r = ours.tokens.spans[k]
      while m < ours.morphs.roles.count, ours.morphs.spans[m].lowerBound < r.lowerBound { m += 1 }
      morphStart[r.lowerBound] = m
    }
    for (t, tokenRange) in gold.tokens.enumerated() {
      guard let k = tokenIndex[tokenRange.lowerBound], ours.tokens.spans[k] == tokenRange,
        ours.tokens.kinds[k] == Tokenizer.Kind.word, var mi = morphStart[tokenRange.lowerBound]
      else { continue }
      result.comparedTokens += 1
      var units: [Range<Int>] = []
      var unitStart = tokenRange.lowerBound
      while mi < ours.morphs.roles.count, ours.morphs.spans[mi].upperBound <= tokenRange.upperBound {
        let r = ours.morphs.spans[mi]
        if ours.morphs.roles[mi] != CliticSegmenter.Role.article || r.upperBound == tokenRange.upperBound {
          units.append(unitStart..<r.upperBound)
          unitStart = r.upperBound
        }
        mi += 1
      }
      let goldUnits = Set(gold.tokenWords[t])
      result.clitics.add(gold: goldUnits, predicted: Set(units))
      let goldPoints = Set(gold.tokenWords[t].dropFirst().map { $0.lowerBound..<$0.lowerBound })
      let ourPoints = Set(units.dropFirst().map { $0.lowerBound..<$0.lowerBound })
      result.splitPoints.add(gold: goldPoints, predicted: ourPoints)
      if goldPoints != ourPoints {
        let word = render(s, tokenRange, ourPoints.map(\.lowerBound))
        let goldWord = render(s, tokenRange, goldPoints.map(\.lowerBound))
        if !ourPoints.subtracting(goldPoints).isEmpty { result.overSplit["\(word) (PUD \(goldWord))", default: 0] += 1 }
        if !goldPoints.subtracting(ourPoints).isEmpty { result.underSplit["\(word) (PUD \(goldWord))", default: 0] += 1 }
      }
    }
    return result
  }

  /// `و|قالت`: the token with bars at the given split points.
  static func render(_ s: [UInt32], _ r: Range<Int>, _ points: [Int]) -> String {
    let cuts = Set(points)
    var view = String.UnicodeScalarView()
    for i in r {
      if cuts.contains(i) { view.append("|") }
      if let u = Unicode.Scalar(s[i]) { view.append(u) }
    }
    return String(view)
  }
}

extension String {
  /// A number with one decimal, without Foundation.
  init(format1 x: Double) {
    let tenths = Int((x * 10).rounded())
    self = "\(tenths / 10).\(abs(tenths % 10))"
  }
}
