public import KhabarCore

/// Groups the tokens of one block into sentences.
///
/// A sentence ends at . ! ? ؟ … ؛ (with any closing quotes or brackets glued
/// to them) and at line breaks. A dot does not end a sentence after an
/// abbreviation (د. أ. Dr. U.S.); numbers, URLs and domain names never break
/// because the tokenizer keeps them whole. A stop right before a closing
/// quote or bracket does not end the sentence when the sentence goes on (a
/// comma or a speech verb follows).
public enum SentenceSplitter {
  /// Appends the sentences of tokens `tokenRange` (all inside one block) to `sentences`.
  public static func split(_ s: [UInt32], _ tokens: Tokens, _ tokenRange: Range<Int>, into sentences: inout Sentences) {
    var first = tokenRange.lowerBound
    var k = tokenRange.lowerBound
    let end = tokenRange.upperBound
    while k < end {
      if k > first, gapHasLineBreak(s, tokens.spans.flat[2 * k - 1], tokens.spans.flat[2 * k]) {
        sentences.spans.append(tokens.spans.flat[2 * first], tokens.spans.flat[2 * k - 1])
        first = k
      }
      guard tokens.kinds[k] == Tokenizer.Kind.punctuation, isStop(s, tokens, k) else {
        k += 1
        continue
      }
      // Glue further stops and closing quotes or brackets.
      var last = k
      var closed = false
      while last + 1 < end, tokens.kinds[last + 1] == Tokenizer.Kind.punctuation,
        tokens.spans.flat[2 * last + 2] == tokens.spans.flat[2 * last + 1]
      {
        let next = s[tokens.spans.flat[2 * last + 2]]
        if isCloser(next) {
          closed = true
        } else if !isStopScalar(next) {
          break
        }
        last += 1
      }
      let breaks = last + 1 < end && !(closed && continuesSentence(s, tokens, last + 1))
        && !(s[tokens.spans.flat[2 * k]] == 0x2E && isAbbreviation(s, tokens, k, tokenRange.lowerBound))
        && !continuesAfterStop(s, tokens, last + 1)
      if breaks {
        sentences.spans.append(tokens.spans.flat[2 * first], tokens.spans.flat[2 * last + 1])
        first = last + 1
      }
      k = last + 1
    }
    if first < end {
      sentences.spans.append(tokens.spans.flat[2 * first], tokens.spans.flat[2 * end - 1])
    }
  }

  // MARK: - Stops

  static func isStop(_ s: [UInt32], _ tokens: Tokens, _ k: Int) -> Bool {
    isStopScalar(s[tokens.spans.flat[2 * k]])
  }

  /// . ! ? ؟ … ؛ and the dot runs of an ellipsis.
  @inline(__always) static func isStopScalar(_ v: UInt32) -> Bool {
    v == 0x2E || v == 0x21 || v == 0x3F || v == 0x061F || v == 0x2026 || v == 0x061B || v == 0x06D4
  }

  /// Closing quotes and brackets that stay with the sentence they end.
  @inline(__always) static func isCloser(_ v: UInt32) -> Bool {
    v == 0xBB || v == 0x201D || v == 0x2019 || v == 0x22 || v == 0x27 || v == 0x29 || v == 0x5D || v == 0x203A
  }

  static func gapHasLineBreak(_ s: [UInt32], _ from: Int, _ to: Int) -> Bool {
    for i in from..<to where CharClasses.isLineBreak(s[i]) { return true }
    return false
  }

  // MARK: - Exceptions

  /// A dot after a one-letter Arabic abbreviation (د. أ. م.), a Latin initial
  /// or a known Latin abbreviation (Dr. Mr. etc.).
  static func isAbbreviation(_ s: [UInt32], _ tokens: Tokens, _ k: Int, _ firstInBlock: Int) -> Bool {
    guard k > firstInBlock else { return false }
    let prev = k - 1
    let start = tokens.spans.flat[2 * prev], end = tokens.spans.flat[2 * prev + 1]
    guard end == tokens.spans.flat[2 * k] else { return false }  // the dot must touch the word
    var letters = 0
    var letter: UInt32 = 0
    for i in start..<end where CharClasses.of(s[i]) != .arabicMark && CharClasses.of(s[i]) != .combining {
      letters += 1
      letter = s[i]
    }
    switch tokens.kinds[prev] {
    case Tokenizer.Kind.word:
      guard letters == 1 else { return false }
      // "2017 م." and "1439 هـ." end sentences: a year marker after a number.
      if (letter == 0x0645 || letter == 0x0647), prev > firstInBlock, tokens.kinds[prev - 1] == Tokenizer.Kind.number {
        return false
      }
      return true
    case Tokenizer.Kind.latin:
      if letters == 1 { return CharClasses.of(s[start]) == .latinLetter && s[start] < 0x61 }  // an initial: J.
      return latinAbbreviations.contains(lowercased(s, start..<end))
    default:
      return false
    }
  }

  private static let latinAbbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "gen",
    "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "dept", "approx", "fig", "vol", "pp", "ed", "al",
  ]

  static func lowercased(_ s: [UInt32], _ r: Range<Int>) -> String {
    var out = ""
    for i in r {
      let v = (0x41...0x5A).contains(s[i]) ? s[i] + 0x20 : s[i]
      if let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
    }
    return out
  }

  /// After a quote closed by a stop: does the sentence go on? Yes when a
  /// comma, colon or closing mark follows, or a speech verb (قال، أضاف …).
  static func continuesSentence(_ s: [UInt32], _ tokens: Tokens, _ next: Int) -> Bool {
    let start = tokens.spans.flat[2 * next], end = tokens.spans.flat[2 * next + 1]
    if tokens.kinds[next] == Tokenizer.Kind.punctuation {
      let v = s[start]
      return v == 0x2C || v == 0x060C || v == 0x3A || v == 0x2D || v == 0x2013 || v == 0x2014
    }
    guard tokens.kinds[next] == Tokenizer.Kind.word else { return false }
    var letters: [UInt32] = []
    for i in start..<end where CharClasses.of(s[i]) == .arabicLetter { letters.append(s[i]) }
    return speechVerbs.contains(letters)
  }

  /// A stop followed by a comma or a lower-case Latin word (etc., e.g. …) does not end the sentence.
  static func continuesAfterStop(_ s: [UInt32], _ tokens: Tokens, _ next: Int) -> Bool {
    guard next < tokens.kinds.count else { return false }
    let v = s[tokens.spans.flat[2 * next]]
    if tokens.kinds[next] == Tokenizer.Kind.punctuation { return v == 0x2C || v == 0x060C }
    if tokens.kinds[next] == Tokenizer.Kind.latin { return (0x61...0x7A).contains(v) }
    return false
  }

  private static let speechVerbs: Set<[UInt32]> = Set(
    ["قال", "قالت", "يقول", "تقول", "أضاف", "أضافت", "تابع", "تابعت", "أكد", "أكدت", "أوضح", "أوضحت", "بحسب",
     "حسب", "وفق", "وفقا", "كما", "على", "في", "من", "هكذا", "قالها", "يضيف", "تضيف", "ختم", "ختمت"]
      .map { $0.unicodeScalars.map(\.value) })
}
