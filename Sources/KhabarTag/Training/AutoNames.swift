/// Names induced from unlabeled news by self-training: a first model tags
/// the news; words and phrases it tags consistently as one type, often
/// enough, become a second, automatic name list (`models/ner-auto-names.tsv`).
public enum AutoNames {
  /// News paragraphs cut into sentences at `.`, `!`, `?`, `؟` (normalised tokens).
  public static func sentences(archive: String) throws -> [NERSentence] {
    var out: [NERSentence] = []
    var current = NERSentence()
    func close() {
      if !current.tokens.isEmpty { out.append(current) }
      current = NERSentence()
    }
    try NewsCorpus.forEachLine(archive: archive) { line in
      NewsCorpus.tokenize(line) { token in
        let start = current.scalars.count
        current.scalars.append(contentsOf: token)
        current.tokens.append(start..<current.scalars.count)
        if token.count == 1, let v = token.first, v == 0x2E || v == 0x21 || v == 0x3F || v == 0x061F || current.count > 120 {
          close()
        }
      }
      close()
    }
    return out
  }

  /// `TYPE<TAB>name` lines: spans of up to 3 tokens tagged ≥ `minCount` times,
  /// ≥ 80% of them with one type; one-word names also need ≥ 50% of the word's occurrences tagged.
  public static func induce(model: LinearChainModel, extractor: FeatureExtractor, news: [NERSentence], minCount: Int = 4)
    -> [String]
  {
    var wordCount: [UInt64: Int32] = [:]
    var spanCount: [UInt64: [Int32]] = [:]
    var spanText: [UInt64: String] = [:]
    for s in news {
      let labels = model.decode(slots: extractor.extract(s), tokenCount: s.count).labels
      for r in s.tokens { wordCount[WordHash.of(s.scalars, r), default: 0] += 1 }
      for span in NERLabels.spans(labels) where span.end - span.start <= 3 {
        let h = s.phraseHash(span.start..<span.end)
        if spanCount[h] == nil {
          spanCount[h] = [0, 0, 0, 0]
          spanText[h] = s.phraseText(span.start..<span.end)
        }
        spanCount[h]?[span.type] += 1
      }
    }
    var lines: [String] = []
    for (h, counts) in spanCount {
      let total = counts.reduce(0, +)
      guard total >= minCount, let text = spanText[h] else { continue }
      guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), Double(counts[best]) >= 0.8 * Double(total)
      else { continue }
      if !text.contains(" "), let seen = wordCount[h], Double(total) < 0.5 * Double(seen) { continue }
      guard text.unicodeScalars.count >= 2 else { continue }
      lines.append("\(NERLabels.types[best])\t\(text)")
    }
    return lines.sorted()
  }
}
