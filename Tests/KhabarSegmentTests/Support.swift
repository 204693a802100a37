import KhabarCore
import KhabarSegment
import KhabarStage
import KhabarTestSupport

/// The segmenter with the committed statistics, loaded once for all tests.
let testSegmenter: Segmenter = {
  do {
    let frequencies = try WordFrequencies.load("\(TestPaths.data)/\(SegmentStage.statisticsFile)")
    return Segmenter(clitics: CliticSegmenter(frequencies: frequencies))
  } catch {
    fatalError("cannot load the segment statistics: \(error)")
  }
}()

/// The scalars of `text` in `range`, as a string.
func slice(_ text: String, _ r: Range<Int>) -> String {
  var view = String.UnicodeScalarView()
  view.append(contentsOf: Array(text.unicodeScalars)[r])
  return String(view)
}

func tokenStrings(_ text: String) -> [String] {
  testSegmenter.segment(text: text).tokens.spans.map { slice(text, $0) }
}

func tokenKinds(_ text: String) -> String {
  String(decoding: testSegmenter.segment(text: text).tokens.kinds, as: UTF8.self)
}

func sentenceStrings(_ text: String) -> [String] {
  testSegmenter.segment(text: text).sentences.spans.map { slice(text, $0) }
}

/// `و|ال|بوكمال`: the parts of a one-word text, joined by bars.
func parts(_ word: String) -> String {
  let seg = testSegmenter.segment(text: word)
  return seg.morphs.spans.map { slice(word, $0) }.joined(separator: "|")
}

func roles(_ word: String) -> String {
  String(decoding: testSegmenter.segment(text: word).morphs.roles, as: UTF8.self)
}
