import KhabarSegment
import Testing

@Suite struct SentenceSplitterTests {
  @Test func arabicAndLatinStops() {
    #expect(sentenceStrings("وصلت القوات. هل انسحبت؟ نعم! انتهى؛ ثم عاد… وهكذا") ==
      ["وصلت القوات.", "هل انسحبت؟", "نعم!", "انتهى؛", "ثم عاد…", "وهكذا"])
  }

  @Test func lineBreaks() {
    #expect(sentenceStrings("العنوان الأول\nالفقرة الثانية") == ["العنوان الأول", "الفقرة الثانية"])
  }

  @Test func notInsideNumbers() {
    #expect(sentenceStrings("بلغت النسبة 3.5 في المئة يوم 30/9 الماضي. ثم تراجعت.") ==
      ["بلغت النسبة 3.5 في المئة يوم 30/9 الماضي.", "ثم تراجعت."])
  }

  @Test func notAfterAbbreviations() {
    #expect(sentenceStrings("قال د. محمد إن أ. علي غادر. ثم عاد.") == ["قال د. محمد إن أ. علي غادر.", "ثم عاد."])
    #expect(sentenceStrings("التقى Dr. Smith و Mr. Jones. ثم غادر.") == ["التقى Dr. Smith و Mr. Jones.", "ثم غادر."])
  }

  @Test func yearMarkerEndsSentence() {
    #expect(sentenceStrings("وقع ذلك عام 2017 م. ثم تغير كل شيء.") == ["وقع ذلك عام 2017 م.", "ثم تغير كل شيء."])
  }

  @Test func notInsideUrlsAndDomains() {
    #expect(sentenceStrings("ذكر موقع العربية.نت أن الهجوم وقع. وأضاف www.bbc.com أن") ==
      ["ذكر موقع العربية.نت أن الهجوم وقع.", "وأضاف www.bbc.com أن"])
  }

  @Test func quotes() {
    // The stop inside the quote ends the sentence with the closing quote …
    #expect(sentenceStrings("قال: «لن نتراجع.» وأضاف أن القتال مستمر.") ==
      ["قال: «لن نتراجع.»", "وأضاف أن القتال مستمر."])
    // … unless the sentence goes on after it.
    #expect(sentenceStrings("«لن نتراجع!» قال القائد للصحفيين.") == ["«لن نتراجع!» قال القائد للصحفيين."])
    #expect(sentenceStrings("\"انتهى الأمر.\"، بحسب المصدر. ثم") == ["\"انتهى الأمر.\"، بحسب المصدر.", "ثم"])
    #expect(sentenceStrings("وقال \"سنقاتل حتى النهاية\". وانسحب") == ["وقال \"سنقاتل حتى النهاية\".", "وانسحب"])
  }

  @Test func parentheses() {
    #expect(sentenceStrings("انسحبت القوات (بعد معارك عنيفة.) وهذا مهم.") ==
      ["انسحبت القوات (بعد معارك عنيفة.)", "وهذا مهم."])
  }

  @Test func neverAcrossBlocks() throws {
    let text = "عنوان بلا نقطة\nفقرة أولى"
    let scalars = text.unicodeScalars.map(\.value)
    var blocks = KhabarCore.Spans()
    blocks.append(0, 14)
    blocks.append(15, scalars.count)
    let seg = try testSegmenter.segment(scalars, blocks: blocks)
    #expect(seg.sentences.spans.map { $0 } == [0..<14, 15..<scalars.count])
  }
}

import KhabarCore
