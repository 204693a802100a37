import KhabarCore

/// Counts Arabic word forms in running text, for `words.tsv` (see `WordFrequencies`).
public struct WordCounter {
  /// Count of each form (key letters, see `WordFrequencies.letterKey`).
  public private(set) var counts: [[UInt32]: UInt32] = [:]
  /// Arabic word tokens seen.
  public private(set) var words = 0

  public init() {}

  /// Counts the Arabic words of one line or paragraph.
  public mutating func add(_ text: String) {
    let s = text.unicodeScalars.map(\.value)
    var tokens = Tokens()
    Tokenizer.tokenize(s, 0..<s.count, into: &tokens)
    var letters: [UInt32] = []
    tokenLoop: for k in 0..<tokens.kinds.count where tokens.kinds[k] == Tokenizer.Kind.word {
      letters.removeAll(keepingCapacity: true)
      for i in tokens.spans[k] {
        switch CharClasses.of(s[i]) {
        case .arabicLetter: if let key = WordFrequencies.letterKey(s[i]) { letters.append(key) }
        case .arabicMark, .combining: continue
        default: continue tokenLoop
        }
      }
      guard !letters.isEmpty, letters.count <= 40 else { continue }
      counts[letters, default: 0] += 1
      words += 1
    }
  }

  /// `words.tsv`: a comment header, then `form<TAB>count` for forms seen at
  /// least `minCount` times, most frequent first (ties in code-point order).
  public func tsv(minCount: UInt32, header: [String]) -> [UInt8] {
    let kept = counts.filter { $0.value >= minCount }.sorted { a, b in
      a.value != b.value ? a.value > b.value : a.key.lexicographicallyPrecedes(b.key)
    }
    var out: [UInt8] = []
    for line in header { out += Array("# \(line)\n".utf8) }
    for (letters, count) in kept {
      var form = String.UnicodeScalarView()
      for v in letters { if let u = Unicode.Scalar(v) { form.append(u) } }
      out += Array(String(form).utf8)
      out.append(0x09)
      out += Array(String(count).utf8)
      out.append(0x0A)
    }
    return out
  }
}

/// The text of articles in the ANT corpus's TREC-like markup: the `<TITLE>`
/// line and the lines inside `<TEXT>`…`</TEXT>` (the `<ABSTRACT>` repeats the
/// first paragraph and is skipped).
public struct TRECTextExtractor {
  private var inText = false
  public init() {}

  /// The article text carried by one line of the stream, if any.
  public mutating func text(ofLine line: String) -> String? {
    if line.hasPrefix("<TEXT>") {
      inText = true
      let rest = line.dropFirst(6)
      return rest.isEmpty ? nil : String(rest)
    }
    if line.hasPrefix("</TEXT>") || line.hasPrefix("<DOC>") {
      inText = false
      return nil
    }
    if line.hasPrefix("<TITLE>") {
      var t = line.dropFirst(7)
      if t.hasSuffix("</TITLE>") { t = t.dropLast(8) }
      return String(t)
    }
    return inText ? line : nil
  }
}
