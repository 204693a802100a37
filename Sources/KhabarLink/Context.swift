import KhabarCore

/// The words around a mention in the text.
enum Context {
  /// How far back a nationality adjective may stand from the name it qualifies.
  static let nisbaWindow = 40

  /// The match key of the word just before `start` (quotes and spaces skipped,
  /// a one-letter proclitic dropped) when it is one of `set`, else nil.
  static func wordBefore(_ start: Int, in text: [UInt32], ifIn set: NameKey.WordSet) -> [UInt32]? {
    var i = start
    while i > 0, isSkippable(text[i - 1]) { i -= 1 }
    var j = i
    while j > 0 {
      if let m = NameKey.fold(text[j - 1]), !NameKey.isNameScalar(m) { break }
      j -= 1
    }
    guard i - j >= 2, i - j <= 12 else { return nil }  // heads are short words
    guard let w = word(endingAt: i, in: text) else { return nil }
    return head(w.key, in: set)
  }

  /// The country of the nearest nisba (العراقي, السورية …) before `start` in the same sentence.
  static func nisbaBefore(_ start: Int, in text: [UInt32]) -> UInt16? {
    var i = start
    for _ in 0..<nisbaWindow {
      while i > 0, isSkippable(text[i - 1]) { i -= 1 }
      guard let w = word(endingAt: i, in: text) else { return nil }
      if let c = Nisba.country(w.key, 0..<w.key.count) { return c }
      if w.key.count > 5, isProclitic(w.key[0]), let c = Nisba.country(w.key, 1..<w.key.count) { return c }
      i = w.start
    }
    return nil
  }

  /// The country of a nisba (العراقية, السوري …) written right after `end`, spaces between.
  static func nisbaAfter(_ end: Int, in text: [UInt32]) -> UInt16? {
    guard let w = word(startingAt: afterSpaces(end, in: text), in: text) else { return nil }
    return Nisba.country(w.key, 0..<w.key.count)
  }

  /// The match key of the one word written in brackets or quotation marks right after `end`
  /// («وزارة الدفاع (البنتاغون)»), else nil.
  static func bracketedWordAfter(_ end: Int, in text: [UInt32]) -> [UInt32]? {
    let open = afterSpaces(end, in: text)
    guard open < text.count, [0x28, 0x22, 0xAB, 0x201C].contains(text[open]),
          let w = word(startingAt: open + 1, in: text),
          w.end < text.count, [0x29, 0x22, 0xBB, 0x201D].contains(text[w.end])
    else { return nil }
    return w.key
  }

  private static func afterSpaces(_ i: Int, in text: [UInt32]) -> Int {
    var i = i
    while i < text.count, text[i] == 0x20 || text[i] == 0xA0 { i += 1 }
    return i
  }

  /// The match key of the word starting at `start`, and where it ends.
  private static func word(startingAt start: Int, in text: [UInt32]) -> (key: [UInt32], end: Int)? {
    var i = start
    var key: [UInt32] = []
    while i < text.count {
      // Diacritics and invisible marks (no match form) belong to the word.
      if let m = NameKey.fold(text[i]) {
        if !NameKey.isNameScalar(m) { break }
        key.append(m)
      }
      i += 1
    }
    return key.isEmpty ? nil : (key, i)
  }

  /// Anything between words except what ends a sentence.
  private static func isSkippable(_ v: UInt32) -> Bool {
    if v == 0x2E || v == 0x061F || v == 0x3F || v == 0x21 || v == 0x0A || v == 0x06D4 || v == 0x2026 { return false }
    guard let m = NameKey.fold(v) else { return true }
    return !NameKey.isNameScalar(m)
  }

  private static func word(endingAt end: Int, in text: [UInt32]) -> (key: [UInt32], start: Int)? {
    var j = end
    while j > 0 {
      // Diacritics and invisible marks (no match form) belong to the word.
      if let m = NameKey.fold(text[j - 1]), !NameKey.isNameScalar(m) { break }
      j -= 1
    }
    var key: [UInt32] = []
    for k in j..<end { if let m = NameKey.fold(text[k]) { key.append(m) } }
    return key.isEmpty ? nil : (key, j)
  }

  /// `word` without a one-letter proclitic (و ف ب ل ك) when what is left is in `set`.
  static func head(_ word: [UInt32], in set: NameKey.WordSet) -> [UInt32]? {
    if set.contains(word, 0..<word.count) { return word }
    if word.count > 3, isProclitic(word[0]), set.contains(word, 1..<word.count) { return Array(word.dropFirst()) }
    return nil
  }

  static func isLetter(_ v: UInt32) -> Bool { NameKey.fold(v).map(NameKey.isNameScalar) ?? true }

  static func isProclitic(_ v: UInt32) -> Bool { v == 0x0648 || v == 0x0641 || v == 0x0628 || v == 0x0644 || v == 0x0643 }
}

