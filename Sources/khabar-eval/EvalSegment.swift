import ArgumentParser
import KhabarCore
import KhabarSegment
import KhabarStage
#if canImport(Glibc)
import Glibc
#endif

/// `khabar-eval segment`: sentence, token and clitic F1 on UD Arabic-PUD, and throughput.
struct EvalSegment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Sentence / token / clitic F1 on a CoNLL-U treebank (UD Arabic-PUD), and tokens/s.")

  @Option(help: "The CoNLL-U file (UD Arabic-PUD test).")
  var pud: String

  @Option(help: "The data folder. Default: $KHABAR_DATA or the repo's data/.")
  var data: String?

  @Option(help: "Tokens to segment for the throughput measurement.")
  var throughputTokens = 2_000_000

  @Option(help: "Show this many of the most frequent clitic disagreements.")
  var showErrors = 15

  func run() throws {
    let dataDirectory = data ?? DataLocator.locate()
    let stage = try SegmentStage(options: StageOptions(defaults: [:]),
                                 environment: StageEnvironment(dataDirectory: dataDirectory, artifactsDirectory: nil))
    let conllu = String(decoding: try FileIO.read(pud), as: UTF8.self)
    let sentences = PUDEvaluation.parse(conllu)
    let gold = PUDEvaluation.gold(sentences)
    let ours = stage.segmenter.segment(text: gold.text)
    let result = PUDEvaluation.score(gold, ours)

    print("UD Arabic-PUD: \(sentences.count) sentences joined by spaces into one block, \(gold.tokens.count) gold tokens"
      + (gold.misaligned > 0 ? ", \(gold.misaligned) gold words not aligned to the text" : ""))
    print("sentence boundaries   \(result.sentences)")
    print("tokens (orthographic) \(result.tokens)")
    print("clitic units          \(result.clitics)")
    print("clitic split points   \(result.splitPoints)")
    print("  (clitics scored on \(result.comparedTokens) Arabic tokens where both tokenizations agree;")
    print("   our article part ال / the ل of لل is merged into the stem, since PUD never splits the article)")
    printSentenceErrors(gold, ours)
    printErrors("we split, PUD does not", result.overSplit)
    printErrors("PUD splits, we do not", result.underSplit)
    try measureThroughput(stage, sentences)
  }

  /// Sentence ends only one side has, with a little context (ours marked ⟦.⟧).
  private func printSentenceErrors(_ gold: PUDEvaluation.Gold, _ ours: Segmentation) {
    guard showErrors > 0 else { return }
    let s = Array(gold.text.unicodeScalars)
    let goldEnds = Set(gold.sentences.map(\.upperBound)), ourEnds = Set(ours.sentences.spans.map(\.upperBound))
    func context(_ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: s[max(0, end - 30)..<end])
      view.append(contentsOf: "⟧".unicodeScalars)
      view.append(contentsOf: s[end..<min(s.count, end + 20)])
      return String(view)
    }
    let extra = ourEnds.subtracting(goldEnds).sorted().prefix(showErrors).map(context)
    let missed = goldEnds.subtracting(ourEnds).sorted().prefix(showErrors).map(context)
    print("  sentence ends we add: " + extra.joined(separator: " ‖ "))
    print("  sentence ends we miss: " + missed.joined(separator: " ‖ "))
  }

  private func printErrors(_ title: String, _ errors: [String: Int]) {
    guard showErrors > 0, !errors.isEmpty else { return }
    let top = errors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(showErrors)
    print("  most frequent: \(title): " + top.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))
  }

  /// Segments PUD-made articles (20 sentences, one paragraph block per
  /// sentence, repeated) with the stage's `process`, and with the bare segmenter.
  private func measureThroughput(_ stage: SegmentStage, _ sentences: [PUDEvaluation.Sentence]) throws {
    var documents: [Document] = []
    var tokens = 0
    var round = 0
    while tokens < throughputTokens {
      for start in stride(from: 0, to: sentences.count, by: 20) {
        let lines = sentences[start..<min(start + 20, sentences.count)].map(\.text)
        let text = lines.joined(separator: "\n")
        var doc = Document(id: "pud-\(round)-\(start)", source: .init(path: "pud", sha256: "", bytes: 0), text: text)
        var blocks = Blocks()
        var offset = 0
        for line in lines {
          let n = line.unicodeScalars.count
          blocks.spans.append(offset, offset + n)
          blocks.kinds.append("paragraph")
          offset += n + 1
        }
        doc.set(blocks)
        documents.append(doc)
        tokens += stage.segmenter.segment(text: text).tokens.kinds.count
      }
      round += 1
    }
    let scalarsCount = documents.reduce(0) { $0 + ($1.text?.unicodeScalars.count ?? 0) }

    var copies = documents
    let t0 = monotonicSeconds(), c0 = cpuSeconds()
    for i in copies.indices { try stage.process(&copies[i]) }
    let stageSeconds = monotonicSeconds() - t0, stageCPU = cpuSeconds() - c0

    let texts = documents.map { ($0.text ?? "").unicodeScalars.map(\.value) }
    let blocks = try documents.map { try $0.require(Blocks.self).spans }
    let t1 = monotonicSeconds(), c1 = cpuSeconds()
    var check = 0
    for (k, s) in texts.enumerated() { check &+= try stage.segmenter.segment(s, blocks: blocks[k]).morphs.roles.count }
    let coreSeconds = monotonicSeconds() - t1, coreCPU = cpuSeconds() - c1

    print("throughput (one core, \(documents.count) documents, \(tokens) tokens, \(scalarsCount) scalars):")
    print("  SegmentStage.process (text → scalars, segment, encode 3 layers): \(Int(Double(tokens) / stageSeconds)) tokens/s"
      + " wall, \(Int(Double(tokens) / stageCPU)) tokens/s CPU")
    print("  Segmenter.segment on scalars: \(Int(Double(tokens) / coreSeconds)) tokens/s wall,"
      + " \(Int(Double(tokens) / coreCPU)) tokens/s CPU (\(check) morphs)")
  }
}

/// `khabar-eval segment-stats`: derives `data/segment/words.tsv` from the news sample.
struct SegmentStats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment-stats",
    abstract: "Count Arabic word forms in the ANT news corpus (.tar.xz) into <out>/words.tsv.")

  @Option(help: "The ANT corpus archive (antcorpus-multisource-v2.1.tar.xz).")
  var news: String

  @Option(help: "Output folder (data/segment).")
  var out: String

  @Option(help: "Keep forms seen at least this often.")
  var minCount: UInt32 = 3

  func run() throws {
    guard FileIO.exists(news) else { throw ValidationError("\(news): no such file") }
    let escaped = news.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
    guard let pipe = popen("tar -xJOf '\(escaped)'", "r") else { throw ValidationError("cannot run tar") }
    var counter = WordCounter()
    var extractor = TRECTextExtractor()
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var lines = 0
    while true {
      let n = fread(&buffer, 1, buffer.count, pipe)
      if n <= 0 { break }
      pending += buffer[0..<n]
      var start = 0
      while let nl = pending[start...].firstIndex(of: 0x0A) {
        let line = String(decoding: pending[start..<nl], as: UTF8.self)
        if let text = extractor.text(ofLine: line) { counter.add(text) }
        lines += 1
        start = nl + 1
      }
      pending.removeFirst(start)
    }
    let status = pclose(pipe)
    guard status == 0 else { throw ValidationError("tar failed on \(news) (status \(status))") }
    try FileIO.makeDirectories(out)
    let header = [
      "Arabic word forms and their counts in the ANT multi-source news corpus v2.1 (titles and bodies),",
      "diacritics and tatweel removed; forms seen fewer than \(minCount) times dropped. Statistics only.",
      "Made by: khabar-eval segment-stats --news antcorpus-multisource-v2.1.tar.xz --out data/segment",
      "\(counter.words) word tokens, \(counter.counts.count) distinct forms before pruning.",
    ]
    let bytes = counter.tsv(minCount: minCount, header: header)
    try FileIO.writeAtomically(bytes, to: "\(out)/words.tsv")
    print("\(lines) lines, \(counter.words) Arabic words, \(counter.counts.count) forms; wrote \(out)/words.tsv (\(bytes.count) bytes)")
  }
}

/// CPU time of this process (one thread here), so a busy machine does not skew tokens/s.
private func cpuSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
