import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarTag

@Suite struct LexiconFileTests {
  static let clusters = "قاسم\t3\t30\nالبوكمال\t4\t41\n\nبغدادُ\t5\t52\nبغداد\t6\t63\nٱلقائم\t+7\t-0\n"
  static let names = "PER\tقاسم سليماني\nLOC\tالبوكمال\nLOC\tقاسم\nORG\tوزارة  الدفاع العراقية\nMISC\tكأس ـالعالم\n"
  static let autoNames = "ORG\tالبوكمال\nPER\tعلي\n"

  /// A data folder with the three lexicon sources.
  static func dataFolder(autoNames: String? = Self.autoNames) throws -> String {
    let dir = try makeTemporaryDirectory()
    try FileIO.makeDirectories("\(dir)/clusters")
    try FileIO.makeDirectories("\(dir)/models")
    try FileIO.writeAtomically(Array(clusters.utf8), to: "\(dir)/\(NERTagger.Files.clusters)")
    try FileIO.writeAtomically(Array(names.utf8), to: "\(dir)/\(NERTagger.Files.names)")
    if let autoNames { try FileIO.writeAtomically(Array(autoNames.utf8), to: "\(dir)/\(NERTagger.Files.autoNames)") }
    return dir
  }

  /// The lexicon built line by line through `addCluster` / `addName` (the String path).
  static func expected(autoNames: String? = Self.autoNames) -> NERLexicon {
    var lexicon = NERLexicon()
    for line in clusters.split(separator: "\n") {
      let f = line.split(separator: "\t")
      lexicon.addCluster(word: String(f[0]), coarse: Int(f[1])!, fine: Int(f[2])!)
    }
    lexicon.addNames(lines: names.split(separator: "\n").map(String.init), automatic: false)
    if let autoNames { lexicon.addNames(lines: autoNames.split(separator: "\n").map(String.init), automatic: true) }
    return lexicon
  }

  static func lookups(_ lexicon: NERLexicon) -> [UInt32?] {
    var out: [UInt32?] = []
    for w in ["قاسم", "البوكمال", "بغداد", "القائم", "قاسم سليماني", "وزارة  الدفاع العراقية", "كاس العالم", "علي", "سليماني"] {
      let h = WordHash.of(normalizing: w)
      out += [lexicon.clusters[h], lexicon.names[h], lexicon.namePrefixes[h]]
    }
    return out
  }

  @Test func bytesReaderBuildsWhatTheStringPathBuilds() throws {
    let dir = try Self.dataFolder()
    let parsed = try NERTagger.loadLexiconSources(dataDirectory: dir)
    let expected = Self.expected()
    #expect(Self.lookups(parsed) == Self.lookups(expected))
    #expect(parsed.maxNameWords == 4)
    #expect(parsed.maxNameWords == expected.maxNameWords)
    // Normalised on the way in: the diacritic of بغدادُ and the alef wasla of ٱلقائم.
    #expect(parsed.clusters[WordHash.of(normalizing: "بغداد")] == UInt32(7 | 64 << 8))
    #expect(parsed.clusters[WordHash.of(normalizing: "القائم")] == UInt32(8 | 1 << 8))
    // Types of the same name from both lists are or-ed: LOC (bit 1) and automatic ORG (bit 4 + 2).
    #expect(parsed.names[WordHash.of(normalizing: "البوكمال")] == UInt32(1 << 1 | 1 << 6))
  }

  @Test func malformedLinesAreRefusedWithTheirLineNumber() throws {
    let dir = try Self.dataFolder()
    var lexicon = NERLexicon()
    let path = "\(dir)/bad.tsv"
    for bad in ["قاسم\t3\n", "قاسم\t3\tx\n", "قاسم\t3\t70000\n", "قاسم\t-3\t1\n", "قاسم\t3\t4\r\n", "قاسم\t\t4\n",
                "قاسم\t300\t4\n", "قاسم\t3\t2047\n", "قاسم\t3\t4\t8191\n", "قاسم\t3\t4\t5\t6\n"] {
      try FileIO.writeAtomically(Array(("علي\t1\t2\n" + bad).utf8), to: path)
      #expect(throws: NERModelError.self) { try lexicon.loadClusters(path: path) }
    }
    for bad in ["PERS\tعلي\n", "PER\tعلي\tx\n", "PER علي\n", "PER\tعلي\r\n"] {
      try FileIO.writeAtomically(Array(("LOC\tبغداد\n" + bad).utf8), to: path)
      do {
        try lexicon.loadNames(path: path)
        Issue.record("accepted \(bad)")
      } catch let error as NERModelError {
        #expect(error.description.hasSuffix("bad.tsv:2: expected TYPE<TAB>name"))
      }
    }
  }

  @Test func threeClassColumnsAndStemClasses() throws {
    let dir = try Self.dataFolder()
    try FileIO.writeAtomically(Array("قاسم\t3\t30\t3000\nبغداد\t1\t2\n".utf8), to: "\(dir)/\(NERTagger.Files.clusters)")
    try FileIO.writeAtomically(Array("بغداد\t254\t2046\t8190\n".utf8), to: "\(dir)/\(NERTagger.Files.stemClusters)")
    let lexicon = try NERTagger.loadLexiconSources(dataDirectory: dir)
    let qasim = try #require(lexicon.clusters[WordHash.of(normalizing: "قاسم")])
    #expect([0, 1, 2].map { NERLexicon.classColumn(qasim, $0) } == [4, 31, 3001])
    let word = try #require(lexicon.clusters[WordHash.of(normalizing: "بغداد")])
    #expect([0, 1, 2].map { NERLexicon.classColumn(word, $0) } == [2, 3, 0])
    let s = NERSentence.normalized("بغداد")
    let stem = try #require(lexicon.clusters[WordHash.of(s, 0..<s.count, seed: NERLexicon.stemSeed)])
    #expect([0, 1, 2].map { NERLexicon.classColumn(stem, $0) } == [255, 2047, 8191])
    // The stem list is one of the compiled lexicon's sources.
    try LexiconFile.write(dataDirectory: dir)
    #expect(try LexiconFile.load(dataDirectory: dir) == lexicon)
    try FileIO.writeAtomically(Array("بغداد\t1\t1\t1\n".utf8), to: "\(dir)/\(NERTagger.Files.stemClusters)")
    #expect(try LexiconFile.load(dataDirectory: dir) == nil)
  }

  @Test func compiledLexiconEqualsTheParsedOne() throws {
    for autoNames in [Self.autoNames, nil] {
      let dir = try Self.dataFolder(autoNames: autoNames)
      #expect(try LexiconFile.load(dataDirectory: dir) == nil)
      try LexiconFile.write(dataDirectory: dir)
      let compiled = try #require(try LexiconFile.load(dataDirectory: dir))
      #expect(compiled == (try NERTagger.loadLexiconSources(dataDirectory: dir)))
      #expect(Self.lookups(compiled) == Self.lookups(Self.expected(autoNames: autoNames)))
    }
  }

  @Test func aChangedSourceMakesTheCompiledFileStale() throws {
    let dir = try Self.dataFolder()
    try LexiconFile.write(dataDirectory: dir)
    #expect(try LexiconFile.load(dataDirectory: dir) != nil)
    // One more name: the compiled file no longer matches, and loading parses the TSVs.
    try FileIO.writeAtomically(Array((Self.names + "PER\tحسن\n").utf8), to: "\(dir)/\(NERTagger.Files.names)")
    #expect(try LexiconFile.load(dataDirectory: dir) == nil)
    let loaded = try NERTagger.loadLexicon(dataDirectory: dir)
    #expect(loaded.names[WordHash.of(normalizing: "حسن")] == 1)
    // Removing the automatic names changes the fingerprint too.
    try LexiconFile.write(dataDirectory: dir)
    FileIO.remove("\(dir)/\(NERTagger.Files.autoNames)")
    #expect(try LexiconFile.load(dataDirectory: dir) == nil)
  }

  @Test func corruptCompiledFilesAreRefused() throws {
    let dir = try Self.dataFolder()
    try LexiconFile.write(dataDirectory: dir)
    let path = "\(dir)/\(NERTagger.Files.lexicon)"
    let good = try FileIO.read(path)
    for bad in [Array(good.dropLast(4)), good + [0, 0, 0, 0], Array("KHABLEX0".utf8) + good.dropFirst(8)] {
      try FileIO.writeAtomically(bad, to: path)
      #expect(throws: NERModelError.self) { try LexiconFile.load(dataDirectory: dir) }
    }
    // A table whose slots are all used would make a missing key's probe loop forever.
    let lexicon = try NERTagger.loadLexiconSources(dataDirectory: dir)
    let keys = lexicon.namePrefixes.slotKeys.map { _ in UInt64(7) }
    #expect(HashTable(slotKeys: keys, slotValues: lexicon.namePrefixes.slotValues) == nil)
    #expect(HashTable(slotKeys: [0, 0, 0], slotValues: [0, 0, 0]) == nil)
  }

  @Test func theCommittedCompiledLexiconIsCurrent() throws {
    // `khabar-train --convert-only` rebuilds it whenever the TSV files change.
    let compiled = try #require(try LexiconFile.load(dataDirectory: TestPaths.data),
                                "data/models/ner-lexicon.bin is missing or stale: run khabar-train --convert-only")
    #expect(compiled == (try NERTagger.loadLexiconSources(dataDirectory: TestPaths.data)))
  }
}
