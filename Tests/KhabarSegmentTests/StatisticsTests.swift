import KhabarSegment
import Testing

@Suite struct StatisticsTests {
  @Test func trecBodiesAndTitlesAreCounted() {
    let stream = """
      <DOC>
      <DOCNO>SK-1</DOCNO>
      <TITLE>قالت الوزارة</TITLE>
      <ABSTRACT>
      مقدمة مكررة
      </ABSTRACT>
      <TEXT>
      قالت الوزارةُ إن القوات وصلت. Reuters 2017
      </TEXT>
      </DOC>
      """
    var extractor = TRECTextExtractor()
    var counter = WordCounter()
    for line in stream.split(separator: "\n") {
      if let text = extractor.text(ofLine: String(line)) { counter.add(text) }
    }
    let tsv = String(decoding: counter.tsv(minCount: 2, header: ["test"]), as: UTF8.self)
    // Diacritics are dropped (الوزارةُ counts as الوزارة); the abstract, Latin words and numbers are not counted.
    #expect(tsv == "# test\nالوزارة\t2\nقالت\t2\n")
    #expect(counter.words == 7)
  }

  @Test func countsRoundTripThroughTheFile() throws {
    var counter = WordCounter()
    counter.add("كتاب كتاب كتاب قلم")
    let table = try WordFrequencies.parse(counter.tsv(minCount: 1, header: []), path: "t")
    #expect(table.count(hash: WordFrequencies.hash(Array("كتاب".unicodeScalars.map(\.value))[...])) == 3)
    #expect(table.count(hash: WordFrequencies.hash(Array("قلم".unicodeScalars.map(\.value))[...])) == 1)
    #expect(table.count(hash: WordFrequencies.hash(Array("بيت".unicodeScalars.map(\.value))[...])) == 0)
  }
}
