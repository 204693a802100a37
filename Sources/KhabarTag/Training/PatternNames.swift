import KhabarCore

/// Names read off the unlabeled news by the words that introduce them: the
/// word (or two) after «نادي», «شركة», «حزب» … is an organisation, after
/// «اللاعب», «المدرب», «السيد» … a person, after «مدينة», «بلدة» … a place —
/// when it follows such words often enough, and in a large enough share of
/// all its occurrences (which keeps out common nouns: «شركة النفط» is
/// frequent, but «النفط» is far more frequent elsewhere). A model trained on
/// 125,000 words of ANERcorp has never seen most car makers, clubs or parties;
/// 2018 news introduces them in these frames thousands of times. The names
/// join the automatic list (`AutoNames`); no label is used, so dev stays unseen.
public enum PatternNames {
  /// The words that introduce a name of each type (index into `NERLabels.types`).
  static let frames: [(type: Int, words: [String])] = [
    (2, ["نادي", "فريق", "شركة", "شركات", "حزب", "حركة", "منظمة", "جامعة", "صحيفة", "وكالة", "مجموعة", "بنك",
         "مصرف", "قناة", "جمعية", "مؤسسة", "ميليشيا", "ميليشيات", "جماعة", "تنظيم", "مجلة"]),
    (0, ["اللاعب", "اللاعبة", "المدرب", "السيد", "السيدة", "الشيخ", "الأمير", "الملك", "النجم", "النجمة",
         "المهاجم", "الحارس", "المدافع", "الفنان", "الفنانة", "الكاتب", "الكاتبة", "الممثل", "الممثلة",
         "الرئيس", "الوزير", "الجنرال", "العقيد", "الزعيم", "القيادي", "المتحدث"]),
    (1, ["مدينة", "بلدة", "قرية", "محافظة", "ولاية", "جزيرة", "مقاطعة", "إقليم", "عاصمة", "مطار", "ميناء"]),
  ]

  public struct Settings: Sendable {
    /// Times a name must follow a frame word.
    public var minCount = 5
    /// Share of the name's occurrences that follow a frame word.
    public var minShare = 0.15
    /// Share of those that follow frame words of one type.
    public var minAgreement = 0.8
    /// A two-word name's first word may occur at most this many times as often as the name (so
    /// «ريال مدريد» is kept, «الحالي دونالد» of «الرئيس الحالي دونالد ترامب» is not).
    public var maxFirstWordRatio = 20.0
    public init() {}
  }

  /// `TYPE<TAB>name` lines, sorted.
  public static func harvest(news: [NERSentence], settings: Settings = Settings()) -> [String] {
    var frameType: [UInt64: Int] = [:]
    for (type, words) in frames {
      for w in words {
        let s = NERSentence.normalized(w)
        frameType[WordHash.of(s, 0..<s.count)] = type
      }
    }
    // Pass 1: what follows frame words (one word, and two words), by type.
    var after: [UInt64: [Int32]] = [:]
    var text: [UInt64: String] = [:]
    /// A two-word candidate's first word.
    var firstWord: [UInt64: UInt64] = [:]
    for s in news {
      for t in 0..<max(0, s.count - 1) {
        guard let type = frameType[WordHash.of(s.scalars, s.tokens[t])] else { continue }
        for length in 1...2 where t + length < s.count {
          let words = (t + 1)..<(t + 1 + length)
          guard words.allSatisfy({ isNameWord(s, $0) && frameType[WordHash.of(s.scalars, s.tokens[$0])] == nil })
          else { break }
          let h = s.phraseHash(words)
          after[h, default: [0, 0, 0, 0]][type] += 1
          if text[h] == nil {
            text[h] = s.phraseText(words)
            if length == 2 { firstWord[h] = WordHash.of(s.scalars, s.tokens[t + 1]) }
          }
        }
      }
    }
    // Pass 2: how often each candidate, and each two-word candidate's first word, occurs at all.
    var total: [UInt64: Int32] = [:]
    var firstCounts: [UInt64: Int32] = [:]
    for h in after.keys where (after[h]?.reduce(0, +) ?? 0) >= Int32(settings.minCount) {
      total[h] = 0
      if let f = firstWord[h] { firstCounts[f] = 0 }
    }
    for s in news {
      for t in 0..<s.count {
        let w = WordHash.of(s.scalars, s.tokens[t])
        if let n = firstCounts[w] { firstCounts[w] = n + 1 }
        for length in 1...2 where t + length <= s.count {
          let h = length == 1 ? w : s.phraseHash(t..<(t + length))
          if let n = total[h] { total[h] = n + 1 }
        }
      }
    }
    var kept: [UInt64: (type: Int, name: String)] = [:]
    for (h, seen) in total {
      guard let counts = after[h], let name = text[h] else { continue }
      let framed = counts.reduce(0, +)
      guard Double(framed) >= settings.minShare * Double(seen),
        let best = counts.indices.max(by: { counts[$0] < counts[$1] }),
        Double(counts[best]) >= settings.minAgreement * Double(framed)
      else { continue }
      kept[h] = (best, name)
    }
    // A two-word name whose first word is a name on its own is that name and the next word
    // («داعش في», «ارسنال الانجليزي»); one whose first word is far more frequent is a phrase.
    var lines: [String] = []
    for (h, entry) in kept {
      if let f = firstWord[h] {
        guard kept[f] == nil, let seen = total[h], Double(firstCounts[f] ?? 0) <= settings.maxFirstWordRatio * Double(seen)
        else { continue }
      }
      lines.append("\(NERLabels.types[entry.type])\t\(entry.name)")
    }
    return lines.sorted()
  }

  /// A word that can be (part of) a name: at least two letters, not a number, not a lone symbol.
  static func isNameWord(_ s: NERSentence, _ t: Int) -> Bool {
    let r = s.tokens[t]
    guard r.count >= 2 else { return false }
    return s.scalars[r].allSatisfy { ArabicText.isArabicLetter($0) || ($0 >= 0x41 && $0 <= 0x7A) }
  }
}
