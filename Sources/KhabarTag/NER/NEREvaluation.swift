import KhabarCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `khabar-eval ner`: accuracy on a labeled file and tagging speed.
public enum NEREvaluation {
  /// Scores the tagger on `testPath` and times it over `passes` passes; returns the report text.
  public static func report(tagger: NERTagger, testPath: String, dataDirectory: String, passes: Int, dump: String? = nil) throws -> String {
    let gold = try LabeledCorpus.read(path: testPath)
    let sentences = gold.map { NERSentence(words: $0.words) }
    var score = NERScore()
    let documents = stride(from: 0, to: sentences.count, by: NERTraining.documentSize).map {
      Array(sentences[$0..<min($0 + NERTraining.documentSize, sentences.count)])
    }
    let allPredicted = documents.flatMap { tagger.documentLabels($0) }
    var dumped = ""
    for (g, predicted) in zip(gold, allPredicted) {
      score.add(gold: g.labels, predicted: predicted)
      guard dump != nil else { continue }
      for i in g.words.indices { dumped += "\(g.words[i]) \(NERLabels.tag(of: g.labels[i])) \(NERLabels.tag(of: predicted[i]))\n" }
      dumped += "\n"
    }
    if let dump { try FileIO.writeAtomically(Array(dumped.utf8), to: dump) }
    let tokens = sentences.reduce(0) { $0 + $1.count }

    var best = Double.infinity, bestCPU = Double.infinity
    var checksum = 0
    for _ in 0..<max(1, passes) {
      let start = now(), startCPU = now(CLOCK_THREAD_CPUTIME_ID)
      for d in documents { checksum &+= tagger.documentLabels(d).count }
      best = min(best, now() - start)
      bestCPU = min(bestCPU, now(CLOCK_THREAD_CPUTIME_ID) - startCPU)
    }
    var out = "NER on \(testPath)\n"
    out += tagger.documentModel == nil ? "first pass only\n" : "two passes; documents = blocks of \(NERTraining.documentSize) consecutive sentences (the file has no document breaks)\n"
    out += "spans: exact match; conlleval/seqeval convention (an I-X that does not continue an X span opens a new span)\n"
    out += "tokens \(tokens), sentences \(sentences.count), gold entities \(score.gold.reduce(0, +))\n\n"
    out += table(score)
    if let dev = devSummary(dataDirectory) { out += "\n\(dev)\n" }
    out += "\nspeed: \(Int(Double(tokens) / bestCPU)) tokens/s per CPU-second of the tagging thread, \(Int(Double(tokens) / best)) tokens/s wall clock on one thread\n"
    out += "  (both passes, features + Viterbi from normalised token scalars, \(checksum) sentences tagged; "
    out += "best of \(max(1, passes)) passes over the test set, \(tokens) tokens per pass)\n"
    return out
  }

  static func table(_ score: NERScore) -> String {
    var out = "type   precision  recall     F1   gold  predicted\n"
    func row(_ name: String, _ t: Int?) {
      let (p, r, f) = score.prf(t)
      let g = t.map { score.gold[$0] } ?? score.gold.reduce(0, +)
      let pr = t.map { score.predicted[$0] } ?? score.predicted.reduce(0, +)
      out += pad(name, 6) + pad(fmt(p), 10, right: true) + pad(fmt(r), 8, right: true) + pad(fmt(f), 7, right: true)
        + pad(String(g), 7, right: true) + pad(String(pr), 11, right: true) + "\n"
    }
    for (t, name) in NERLabels.types.enumerated() { row(name, t) }
    row("micro", nil)
    return out
  }

  static func devSummary(_ dataDirectory: String) -> String? {
    guard let bytes = try? FileIO.read("\(dataDirectory)/\(NERTagger.Files.summary)"),
      case .object(let o)? = try? JSONValue.parse(bytes), case .object(let dev)? = o["dev"],
      case .array(let micro)? = dev["micro"], micro.count == 3
    else { return nil }
    let v = micro.compactMap(\.doubleValue)
    guard v.count == 3 else { return nil }
    return "dev (last 10% of train, model selection run, from \(NERTagger.Files.summary)): micro P \(fmt(v[0])) R \(fmt(v[1])) F1 \(fmt(v[2]))"
  }

  static func fmt(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    var s = String(r)
    if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) == 2 { s += "0" }
    return s
  }

  static func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, n - s.count))
    return right ? fill + s : s + fill
  }

  static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
