import ArgumentParser
import KhabarCore
import KhabarKB
import KhabarLink
import KhabarStage
#if canImport(Glibc)
import Glibc
#endif

/// `khabar-eval link`: linking accuracy against the hand-made gold set, or,
/// with `--bench`, linking speed against the real knowledge base.
struct EvalLink: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link",
    abstract: "Entity-linking accuracy on a gold set (or speed with --bench).")

  @Option(help: "Gold mentions (TSV: file surface occurrence type id lat lon).")
  var gold: String = "data/gold/link-gold.tsv"

  @Option(help: "The link stage's output: a .jsonl file or a folder of them.")
  var linked: String = "out/work/link"

  @Option(help: "Folder of the raw .txt files the gold offsets refer to (used when a record's source path is not found).")
  var seeds: String = "seeds"

  @Flag(help: "Link the gold spans themselves (raw seed text, perfect entities): the linker alone, without the tagger.")
  var oracle = false

  @Flag(help: "Measure linking speed on synthetic mentions instead.")
  var bench = false

  @Option(help: "The data folder holding kb/entries.jsonl (for --bench).")
  var data: String?

  @Option(help: "Number of synthetic mentions for --bench.")
  var mentions: Int = 2_000_000

  @Flag(help: "With --bench: list the places the self-retrieval check does not link back to themselves.")
  var listMisses = false

  func run() throws {
    if bench {
      try LinkBenchmark(dataDirectory: data ?? DataLocator.locate(), mentions: mentions, listMisses: listMisses).run()
      return
    }
    let goldText = String(decoding: try FileIO.read(gold), as: UTF8.self)
    let goldMentions = try GoldMention.parse(goldText, origin: gold)
    var byFile: [String: [GoldMention]] = [:]
    for g in goldMentions { byFile[g.file, default: []].append(g) }

    var evaluation = LinkEvaluation()
    var scored = Set<String>()
    if oracle {
      let linker = Linker(kb: try KnowledgeBase.load(dataDirectory: data ?? DataLocator.locate()))
      for file in byFile.keys.sorted() {
        let gold = byFile[file] ?? []
        var document = try Self.oracleDocument(file: file, gold: gold, raw: try FileIO.read("\(seeds)/\(file).txt"))
        try LinkStage(linker: linker).process(&document)
        try evaluation.add(document: document, gold: gold, raw: nil)
      }
      print(Self.report(evaluation))
      return
    }
    for path in try linkedFiles() {
      let bytes = try FileIO.read(path)
      var lineNumber = 0
      for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        lineNumber += 1
        guard !line.isEmpty else { continue }
        let document: Document
        do { document = try Document(jsonLine: Array(line)) } catch {
          throw ValidationError("\(path):\(lineNumber): \(error)")
        }
        let stem = Self.stem(document.source.path)
        let key = byFile[stem] != nil ? stem : document.id
        guard let gold = byFile[key], !scored.contains(key) else { continue }
        scored.insert(key)
        try evaluation.add(document: document, gold: gold, raw: rawBytes(document, stem: stem))
      }
    }
    for file in byFile.keys.sorted() where !scored.contains(file) {
      evaluation.noteMissing(file: file, gold: byFile[file] ?? [])
    }
    print(Self.report(evaluation))
  }

  /// The raw seed as text with the gold spans as its entities.
  static func oracleDocument(file: String, gold: [GoldMention], raw: [UInt8]) throws -> Document {
    let text = String(decoding: raw, as: UTF8.self)
    // Byte offset → scalar offset.
    var scalarAt = [Int](repeating: 0, count: raw.count + 1)
    var k = 0
    for (i, b) in raw.enumerated() {
      scalarAt[i] = k
      if b & 0xC0 != 0x80 { k += 1 }
    }
    scalarAt[raw.count] = k
    var items: [Entities.Item] = []
    for g in gold {
      guard let r = g.byteRange(in: raw) else { throw ValidationError("\(file): gold «\(g.surface)»#\(g.occurrence) is not in the raw file") }
      let type = ["person": "PER", "place": "LOC", "org": "ORG"][g.type] ?? "MISC"
      items.append(Entities.Item(start: scalarAt[r.lowerBound], end: scalarAt[r.upperBound], type: type, cert: 1, source: "gold"))
    }
    items.sort { ($0.start, $0.end) < ($1.start, $1.end) }
    var document = Document(id: file, source: .init(path: "\(file).txt", sha256: SHA256.hex(raw), bytes: raw.count), text: text)
    document.set(Entities(items: items))
    return document
  }

  private func linkedFiles() throws -> [String] {
    guard FileIO.exists(linked) else { throw ValidationError("\(linked): no such file or folder (run `make` first)") }
    guard FileIO.isDirectory(linked) else { return [linked] }
    let files = try FileIO.list(linked).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().map { "\(linked)/\($0)" }
    guard !files.isEmpty else { throw ValidationError("\(linked): no .jsonl files") }
    return files
  }

  private func rawBytes(_ document: Document, stem: String) -> [UInt8]? {
    for path in [document.source.path, "\(seeds)/\(stem).txt"] where FileIO.exists(path) {
      if let bytes = try? FileIO.read(path) { return bytes }
    }
    printError("khabar-eval: warning: raw file of \(stem) not found; matching gold surfaces in the cleaned text")
    return nil
  }

  static func stem(_ path: String) -> String {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
    return String(base[..<dot])
  }

  static func percent(_ n: Int, _ d: Int) -> String {
    guard d > 0 else { return "n/a" }
    let p = (Double(n) / Double(d) * 1000).rounded() / 10
    return "\(n)/\(d) = \(p)%"
  }

  static func report(_ e: LinkEvaluation) -> String {
    var lines: [String] = []
    let n = e.goldCount
    lines.append("gold mentions                      \(n)")
    lines.append("found by the tagger (exact span)   \(percent(e.foundExact, n))")
    lines.append("found (exact or overlapping)       \(percent(e.foundAny, n))")
    lines.append("linked right / gold mentions       \(percent(e.linkedRight, n))")
    lines.append("linked right / found mentions      \(percent(e.linkedRight, e.foundAny))")
    lines.append("linked right / exact-span mentions \(percent(e.linkedRightExact, e.foundExact))")
    let places = e.placesWithGeo
    lines.append("places within \(Int(LinkEvaluation.toleranceKm)) km / gold places    \(percent(e.placesWithin, places.count))")
    lines.append("places within \(Int(LinkEvaluation.toleranceKm)) km / found places   \(percent(e.placesWithin, e.placesLinked))")
    lines.append("entities not in the gold set       \(e.extraEntities) of \(e.entities)")
    if !e.missingFiles.isEmpty { lines.append("gold files with no linked record:  \(e.missingFiles.joined(separator: " "))") }
    var methods: [String: Int] = [:]
    for o in e.outcomes { if let m = o.method { methods[m, default: 0] += 1 } }
    lines.append("link methods on found gold mentions: " + methods.keys.sorted().map { "\($0) \(methods[$0] ?? 0)" }.joined(separator: ", "))

    let errors = e.outcomes.filter { o in
      !o.correct || (o.gold.geo != nil && (o.distanceKm ?? .infinity) > LinkEvaluation.toleranceKm)
    }
    lines.append("")
    lines.append("errors (\(errors.count)):")
    for o in errors {
      let g = o.gold
      var line = "  \(g.file.prefix(3)) \(g.surface)#\(g.occurrence) gold \(g.id)"
      switch o.found {
      case .missed: line += "  NOT FOUND by the tagger"
      case .exact, .overlap:
        if o.found == .overlap { line += "  [span «\(o.entityText ?? "")»]" }
        line += "  got \(o.ref ?? "no link") (\(o.method ?? "-")"
        if let r = o.record { line += ", \(r.en ?? r.ar.first ?? r.type)" }
        line += ")"
        if let d = o.distanceKm { line += " \(Int(d.rounded())) km off" } else if g.geo != nil { line += " no coordinates" }
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}


/// Links many synthetic mentions (names drawn from the knowledge base, with
/// clitic and article variants, plus unknown names) and prints the throughput.
struct LinkBenchmark {
  var dataDirectory: String
  var mentions: Int
  var listMisses: Bool

  func run() throws {
    let clock = ContinuousClock()
    let t0 = clock.now
    let kb = try KnowledgeBase.load(dataDirectory: dataDirectory)
    let t1 = clock.now
    let linker = Linker(kb: kb)
    let t2 = clock.now
    guard !kb.entries.isEmpty else { throw KBError("the knowledge base is empty") }
    print("knowledge base: \(kb.entries.count) entries; load \(ms(t1 - t0)) ms, index \(ms(t2 - t1)) ms")

    // Synthetic documents of 40 mentions each.
    var rng = SplitMix(seed: 20_260_522)
    let perDoc = 40
    var docs: [([UInt32], [Entities.Item])] = []
    var total = 0
    let types = ["person": "PER", "place": "LOC", "org": "ORG"]
    let syllables = ["كا", "مي", "رو", "سا", "لي", "دو", "نا", "بر", "تو", "فا"]
    while total < min(mentions, 200_000) {
      var text: [UInt32] = []
      var items: [Entities.Item] = []
      for _ in 0..<perDoc {
        let roll = rng.next() % 10
        var name: String
        var type = "LOC"
        if roll < 7 {
          let e = kb.entries[Int(rng.next() % UInt64(kb.entries.count))]
          name = e.ar.isEmpty ? (e.en ?? "x") : e.ar[Int(rng.next() % UInt64(e.ar.count))]
          type = types[e.type] ?? "MISC"
          if roll == 0, name.hasPrefix("ال") { name = String(name.dropFirst(2)) }  // article dropped
        } else {
          name = (0..<3).map { _ in syllables[Int(rng.next() % 10)] }.joined()
          type = ["PER", "LOC", "ORG"][Int(rng.next() % 3)]
        }
        text.append(contentsOf: "في ".unicodeScalars.map(\.value))
        let start = text.count
        text.append(contentsOf: name.unicodeScalars.map(\.value))
        items.append(Entities.Item(start: start, end: text.count, type: type, cert: 0.9, source: "model"))
        text.append(contentsOf: " و".unicodeScalars.map(\.value))
      }
      docs.append((text, items))
      total += items.count
    }

    // Link until `mentions` mentions have been linked.
    var linked = 0, refs = 0
    let cpu0 = Self.cpuSeconds()
    let t3 = clock.now
    while linked < mentions {
      for (text, items) in docs {
        let (links, _) = try linker.link(text: text, entities: items)
        refs &+= links.items.count
        linked += items.count
        if linked >= mentions { break }
      }
    }
    let seconds = seconds(clock.now - t3)
    let cpu = Self.cpuSeconds() - cpu0
    print("linked \(linked) mentions in \(format3(seconds)) s wall, \(format3(cpu)) s CPU (one thread): "
      + "\(Int(Double(linked) / seconds)) mentions/s wall, \(Int(Double(linked) / cpu)) mentions per CPU-second"
      + (refs == linked ? "" : " (link count mismatch!)"))
    try selfRetrieval(kb: kb, linker: linker)
  }

  /// Every place with a country, named by its preferred Arabic name in a
  /// sentence that also names its country: how often the linker returns it.
  /// Homonyms (the same name in several places) make this less than 100%.
  private func selfRetrieval(kb: KnowledgeBase, linker: Linker) throws {
    var countryName: [String: String] = [:]
    for e in kb.entries where (e.feature ?? "").hasPrefix("PCL") {
      if let c = e.country, let name = e.ar.first, countryName[c] == nil { countryName[c] = name }
    }
    var tried = 0, right = 0, homonyms = 0, homonymsRight = 0
    for e in kb.entries where e.type == "place" && !(e.feature ?? "").hasPrefix("PCL") {
      guard let c = e.country, let country = countryName[c], let name = e.ar.first else { continue }
      let prefix = Array("في ".unicodeScalars.map(\.value))
      let middle = Array(" شرق ".unicodeScalars.map(\.value))
      let nameScalars = name.unicodeScalars.map(\.value), countryScalars = country.unicodeScalars.map(\.value)
      let text = prefix + nameScalars + middle + countryScalars
      let items = [
        Entities.Item(start: prefix.count, end: prefix.count + nameScalars.count, type: "LOC", cert: 1, source: "bench"),
        Entities.Item(start: text.count - countryScalars.count, end: text.count, type: "LOC", cert: 1, source: "bench"),
      ]
      let (links, _) = try linker.link(text: text, entities: items)
      let ok = links.items[0].ref == e.id
      if !ok, listMisses { print("  miss \(e.id) \(e.en ?? "") \(name) → \(links.items[0].ref)") }
      let shared = kb.candidates(matchKey: ArabicText.matchKey(name)).count > 1
      tried += 1
      if ok { right += 1 }
      if shared {
        homonyms += 1
        if ok { homonymsRight += 1 }
      }
    }
    print("self-retrieval: \(right)/\(tried) places linked back to themselves by name + country "
      + "(\(homonymsRight)/\(homonyms) of those whose name is shared)")
  }

  private func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
  /// CPU time of this process (the wall clock lies on a shared machine).
  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  private func ms(_ d: Duration) -> Int { Int(seconds(d) * 1000) }
  private func format3(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
}

/// SplitMix64, so the synthetic mentions are the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E3779B97F4A7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
    return z ^ (z >> 31)
  }
}
