import KhabarCore
import KhabarSegment
import KhabarTestSupport
import Testing

@Suite struct PUDEvaluationTests {
  static let sample = """
    # sent_id = 1
    # text = نشرتها للسلطة, أمس.
    1\tنشرت\t_\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
    2\tها\t_\tPRON\t_\t_\t1\tobj\t_\t_
    3\tل\t_\tADP\t_\t_\t4\tcase\t_\tSpaceAfter=No
    4\tلسلطة\t_\tNOUN\t_\t_\t1\tobl\t_\tSpaceAfter=No
    5\t,\t_\tPUNCT\t_\t_\t1\tpunct\t_\t_
    6\tأمس\t_\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No
    7\t.\t_\tPUNCT\t_\t_\t1\tpunct\t_\t_

    # sent_id = 2
    # text = وقال الوزير.
    1\tو\t_\tCCONJ\t_\t_\t2\tcc\t_\tSpaceAfter=No
    2\tقال\t_\tVERB\t_\t_\t0\troot\t_\t_
    3\tالوزير\t_\tNOUN\t_\t_\t2\tnsubj\t_\tSpaceAfter=No
    4\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_

    """

  @Test func goldLayout() {
    let gold = PUDEvaluation.gold(PUDEvaluation.parse(Self.sample))
    #expect(gold.text == "نشرتها للسلطة, أمس. وقال الوزير.")
    #expect(gold.sentences == [0..<19, 20..<32])
    #expect(gold.tokens.map { slice(gold.text, $0) } == ["نشرتها", "للسلطة", ",", "أمس", ".", "وقال", "الوزير", "."])
    #expect(gold.tokenWords[1].map { slice(gold.text, $0) } == ["ل", "لسلطة"])
    #expect(gold.misaligned == 0)
  }

  @Test func scoresMergeTheArticle() {
    let gold = PUDEvaluation.gold(PUDEvaluation.parse(Self.sample))
    let result = PUDEvaluation.score(gold, testSegmenter.segment(text: gold.text))
    #expect(result.sentences.f1 == 1)
    #expect(result.tokens.f1 == 1)
    // ل|ل|سلطة is scored as ل|لسلطة, و|ال|وزير as الوزير … only whole Arabic tokens compared.
    #expect(result.comparedTokens == 5)
    #expect(result.clitics.f1 == 1, "\(result.overSplit) \(result.underSplit)")
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared (corpora); absent on user machines"))
  func pudScoresAreSane() throws {
    let path = "\(TestPaths.shared ?? "")/corpora/ud-arabic-pud/ar_pud-ud-test.conllu"
    let sentences = PUDEvaluation.parse(String(decoding: try FileIO.read(path), as: UTF8.self))
    #expect(sentences.count == 1000)
    let gold = PUDEvaluation.gold(sentences)
    let result = PUDEvaluation.score(gold, testSegmenter.segment(text: gold.text))
    // Floors well below what `make eval-segment` reports: they catch breakage, not tune.
    #expect(result.sentences.f1 > 0.9)
    #expect(result.tokens.f1 > 0.95)
    #expect(result.clitics.f1 > 0.9)
  }
}
