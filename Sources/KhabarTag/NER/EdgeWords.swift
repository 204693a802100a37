import KhabarCore

/// Words that never begin or end a name: adverbs of time («آنذاك» "then»,
/// «حينها»), particles and conjunctions («قد», «لكن», «ثم», «بينما»), the
/// auxiliary «كان», with their common clitic forms. When the model takes one
/// into a name's edge («آنذاك قاسم سليماني», «وكان حالوتس»), it is left out of
/// the name. The list is grammar, not a corpus's convention: none of its
/// 2,465 occurrences in ANERcorp train is the first or last word of a name.
/// (Names may contain them inside: only the edges are trimmed.)
enum EdgeWords {
  static let words = [
    "آنذاك", "آنئذ", "حينها", "حينذاك", "وقتها", "أيضا", "وأيضا", "كذلك", "وكذلك", "بينما", "وبينما", "لكن", "ولكن",
    "لكنه", "ثم", "قد", "وقد", "فقد", "لقد", "ولقد", "كان", "وكان", "فكان", "كانت", "وكانت", "يكون", "فقط", "حتى",
    "وحتى", "إذ", "إذا", "عندما", "وعندما", "حيث", "حاليا", "سابقا", "لاحقا",
  ]

  static let person = NERLabels.types.firstIndex(of: "PER")!

  /// A word of the shape of a definite adjective of relation (nisba): ال + at least three letters
  /// ending in ي (or يه, the feminine ة in matching form), after at most one proclitic و ف ب ك ل —
  /// «العاجي», «الفرنسية», «والإيراني». Of the 1,602 person names of two or more words in ANERcorp
  /// train, 2 begin with one; a family name of that shape comes last («رفيق الحريري») and is kept.
  static func isDefiniteNisba(_ s: [UInt32], _ word: Range<Int>) -> Bool {
    var i = word.lowerBound
    if word.count >= 6, [0x0648, 0x0641, 0x0628, 0x0643, 0x0644].contains(s[i]), s[i + 1] == 0x0627, s[i + 2] == 0x0644 {
      i += 1
    }
    let w = i..<word.upperBound
    guard w.count >= 5, s[w.lowerBound] == 0x0627, s[w.lowerBound + 1] == 0x0644 else { return false }
    let last = s[w.upperBound - 1], beforeLast = s[w.upperBound - 2]
    return last == 0x064A || (last == 0x0647 && beforeLast == 0x064A && w.count >= 6)
  }

  /// The `WordHash` of each word's normalised scalars (how `NERSentence` holds tokens).
  static let hashes: Set<UInt64> = Set(words.map { w in
    let s = NERSentence.normalized(w)
    return WordHash.of(s, 0..<s.count)
  })

  /// Sets to `O` the edge-word tokens at the start and end of every entity in `labels`, and the
  /// adjective a person's name of two or more words begins with (`isDefiniteNisba`: «الدولي العاجي
  /// ايمانويل ايبوي» names ايمانويل ايبوي); an entity that loses its first token begins with `B-` at
  /// its new first token. An entity made only of edge words is dropped.
  static func trim(_ labels: inout [Int], _ sentence: NERSentence) {
    func isEdge(_ t: Int) -> Bool { hashes.contains(WordHash.of(sentence.scalars, sentence.tokens[t])) }
    for span in NERLabels.spans(labels) {
      var start = span.start, end = span.end
      while start < end && isEdge(start) { start += 1 }
      while end > start && isEdge(end - 1) { end -= 1 }
      if span.type == person, end - start >= 2, isDefiniteNisba(sentence.scalars, sentence.tokens[start]) { start += 1 }
      guard start != span.start || end != span.end else { continue }
      for t in span.start..<start { labels[t] = 0 }
      for t in end..<span.end { labels[t] = 0 }
      if start < end && start != span.start { labels[start] = 1 + 2 * span.type }
    }
  }
}
