/// Finds photo credits inside paragraphs, `(غيتي)`, and the caption sentence
/// before one: text that is not the author's, marked but left in place.
enum CreditMarks {
  struct Mark {
    var kind: String
    var start: Int
    var end: Int
  }

  /// Scans one line (UTF-8 `bytes[from..<to]`, starting at scalar `firstScalar`).
  ///
  /// A credit counts only at the start of the line or right after the end of
  /// a sentence (`… مرة أخرى. (غيتي)`); an agency after a dateline place
  /// (`بيروت (رويترز) -`) is not a photo credit. When a sentence precedes the
  /// credit on the same line, that sentence is marked as its caption.
  static func scan(_ bytes: [UInt8], _ from: Int, _ to: Int, firstScalar: Int, into marks: inout [Mark]) {
    guard bytes[from..<to].contains(0x28) else { return }  // no parenthesis, no credit
    var scalar = firstScalar
    var sentenceStart = firstScalar  // start of the current sentence
    var lastSentenceStart = -1  // start of the sentence that just ended
    var lastSentenceEnd = -1  // scalar offset just after the last sentence-final stop
    var i = from
    while i < to {
      let b = bytes[i]
      if b == 0x28, scalar == firstScalar || scalar == lastSentenceEnd + 1,
        let close = closingParen(bytes, i + 1, min(to, i + 120))
      {
        let inner = decode(bytes, i + 1, close)
        if Structure.isCredit(inner) {
          let end = scalar + inner.count + 2
          if lastSentenceStart >= 0, scalar == lastSentenceEnd + 1 {
            marks.append(Mark(kind: "caption", start: lastSentenceStart, end: lastSentenceEnd))
          }
          marks.append(Mark(kind: "credit", start: scalar, end: end))
          scalar = end
          i = close + 1
          sentenceStart = end
          lastSentenceStart = -1
          if i < to, bytes[i] == 0x20 {
            i += 1
            scalar += 1
            sentenceStart += 1
          }
          continue
        }
      }
      // Sentence ends: . ! ? ؟ (U+061F is D8 9F) followed by a space.
      let isStop = b == 0x2E || b == 0x21 || b == 0x3F || (b == 0xD8 && i + 1 < to && bytes[i + 1] == 0x9F)
      let width = ScalarClass.utf8Length(lead: b)
      if isStop, i + width < to, bytes[i + width] == 0x20 {
        lastSentenceStart = sentenceStart
        lastSentenceEnd = scalar + 1
        sentenceStart = scalar + 2
      }
      scalar += 1
      i += width
    }
  }

  private static func closingParen(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int? {
    var i = from
    while i < to {
      if bytes[i] == 0x29 { return i }
      if bytes[i] == 0x28 { return nil }
      i += 1
    }
    return nil
  }

  static func decode(_ bytes: [UInt8], _ from: Int, _ to: Int) -> [UInt32] {
    String(decoding: bytes[from..<to], as: UTF8.self).unicodeScalars.map(\.value)
  }
}
