import KhabarCore
@testable import KhabarTag

/// Hand-made text for the knowledge-base matcher's tests: words split on spaces, a `+` ends a word's
/// proclitics (و+معبر), a lone `|` ends a sentence.
struct MarkedWords {
  var text: [Unicode.Scalar] = []
  var tokens = Spans()
  /// Per token, where its stem starts (after the proclitics).
  var firstStem: [Int] = []
  /// The sentences, as ranges of token indices.
  var sentences: [Range<Int>] = []

  init(_ marked: String) {
    var sentenceStart = 0
    for word in marked.split(separator: " ") {
      if word == "|" {
        sentences.append(sentenceStart..<tokens.count)
        sentenceStart = tokens.count
        continue
      }
      if !text.isEmpty { text.append(" ") }
      let start = text.count
      var stem = start
      for u in word.unicodeScalars {
        if u == "+" { stem = text.count } else { text.append(u) }
      }
      tokens.append(start, text.count)
      firstStem.append(stem)
    }
    sentences.append(sentenceStart..<tokens.count)
  }

  /// The text of a token span, from the first token's stem.
  func surface(_ span: TokenSpan) -> String {
    String(String.UnicodeScalarView(text[firstStem[span.start]..<tokens[span.end - 1].upperBound]))
  }
}
