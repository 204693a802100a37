import KhabarCore

/// A sentence with gold BIO labels.
public struct LabeledSentence: Sendable {
  public var words: [Substring]
  public var labels: [Int]
}

/// Reads ANERcorp-style files: `TOKEN<space>TAG` per line, a blank line between sentences.
public enum LabeledCorpus {
  public static func read(path: String) throws -> [LabeledSentence] {
    let text = String(decoding: try FileIO.read(path), as: UTF8.self)
    var sentences: [LabeledSentence] = []
    var current = LabeledSentence(words: [], labels: [])
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
      if trimmed.isEmpty {
        if !current.words.isEmpty { sentences.append(current) }
        current = LabeledSentence(words: [], labels: [])
        continue
      }
      guard let space = trimmed.lastIndex(of: " "), space != trimmed.startIndex else {
        throw NERModelError("\(path):\(lineNumber): expected TOKEN TAG")
      }
      let tag = trimmed[trimmed.index(after: space)...]
      guard let label = NERLabels.index(ofTag: tag) else {
        throw NERModelError("\(path):\(lineNumber): unknown tag \"\(tag)\"")
      }
      current.words.append(trimmed[..<space])
      current.labels.append(label)
    }
    if !current.words.isEmpty { sentences.append(current) }
    return sentences
  }
}
