import KhabarCore

/// One sentence as the tagger sees it: tokens as ranges into one buffer of
/// normalised scalars (`ArabicText.matchScalar`; diacritics and tatweel dropped).
public struct NERSentence: Sendable {
  public var scalars: [UInt32] = []
  public var tokens: [Range<Int>] = []

  public init() {}

  /// A sentence from token strings (ANERcorp, tests).
  public init<S: StringProtocol>(words: [S]) {
    for w in words {
      let start = scalars.count
      for u in w.unicodeScalars { if let m = ArabicText.matchScalar(u.value) { scalars.append(m) } }
      tokens.append(start..<scalars.count)
    }
  }

  /// A sentence from token ranges of a text's scalars (the tag stage).
  public init(text: [Unicode.Scalar], tokenRanges: some Sequence<Range<Int>>) {
    for r in tokenRanges {
      let start = scalars.count
      for i in r { if let m = ArabicText.matchScalar(text[i].value) { scalars.append(m) } }
      tokens.append(start..<scalars.count)
    }
  }

  public var count: Int { tokens.count }

  /// The `WordHash` of tokens `words` joined by single spaces (how a name list keys a phrase).
  func phraseHash(_ words: Range<Int>) -> UInt64 {
    var h = WordHash.seed
    for t in words {
      if t > words.lowerBound { h = WordHash.add(h, 0x20) }
      h = WordHash.of(scalars, tokens[t], seed: h)
    }
    return h
  }

  /// Tokens `words` (normalised) joined by single spaces.
  func phraseText(_ words: Range<Int>) -> String {
    var out = String.UnicodeScalarView()
    for t in words {
      if t > words.lowerBound { out.append(" ") }
      for i in tokens[t] { if let u = Unicode.Scalar(scalars[i]) { out.append(u) } }
    }
    return String(out)
  }

  /// The normalised scalars of a string.
  public static func normalized(_ string: String) -> [UInt32] {
    var out: [UInt32] = []
    for u in string.unicodeScalars { if let m = ArabicText.matchScalar(u.value) { out.append(m) } }
    return out
  }
}
