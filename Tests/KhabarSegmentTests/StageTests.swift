import KhabarCore
import KhabarSegment
import KhabarStage
import KhabarTestSupport
import Testing

@Suite struct StageTests {
  static func stage(data: String = TestPaths.data) throws -> SegmentStage {
    try SegmentStage(options: StageOptions(defaults: [:]),
                     environment: StageEnvironment(dataDirectory: data, artifactsDirectory: nil))
  }

  @Test func setsTheThreeLayers() throws {
    var doc = Document(id: "d", source: .init(path: "x", sha256: "", bytes: 0), text: "وقالت الوزارة.\nكتابهم هنا.")
    var blocks = Blocks()
    blocks.spans.append(0, 14)
    blocks.kinds.append("title")
    blocks.spans.append(15, 26)
    blocks.kinds.append("paragraph")
    doc.set(blocks)
    try Self.stage().process(&doc)
    let sentences = try doc.require(Sentences.self), tokens = try doc.require(Tokens.self)
    let morphs = try doc.require(Morphs.self)
    #expect(sentences.spans.flat == [0, 14, 15, 26])
    #expect(String(decoding: tokens.kinds, as: UTF8.self) == "wwpwwp")
    #expect(String(decoding: morphs.roles, as: UTF8.self) == "psasxsexx")
  }

  @Test func missingBlocksIsAnError() throws {
    var doc = Document(id: "d", source: .init(path: "x", sha256: "", bytes: 0), text: "نص")
    #expect(throws: (any Error).self) { try Self.stage().process(&doc) }
  }

  @Test func missingStatisticsIsAClearError() {
    #expect(throws: SegmentDataError.self) { try Self.stage(data: "/nonexistent") }
  }

  @Test func malformedStatisticsAreRejected() {
    #expect(throws: SegmentDataError.self) { try WordFrequencies.parse(Array("كتاب\tعشرة\n".utf8), path: "t") }
    #expect(throws: SegmentDataError.self) { try WordFrequencies.parse(Array("كتاب 12\n".utf8), path: "t") }
    #expect((try? WordFrequencies.parse(Array("# comment\nكتاب\t12\n".utf8), path: "t"))?.formCount == 1)
  }
}

