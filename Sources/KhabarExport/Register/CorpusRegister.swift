import KhabarCore

/// Every linked entity of a corpus, reduced from records one at a time.
///
/// A pure reduce: the result (and every file made from it) depends only on
/// the multiset of records added, never on their order, so one run, N shards
/// or a Spark job give the same bytes. Memory grows with the number of
/// distinct entities (and the articles each appears in), not with the text.
public struct CorpusRegister: Sendable {
  // Entities are numbered in the order first met; per number, tables with
  // no object per entity: the record as canonical JSON in one shared byte
  // buffer, the surface forms as numbers into one table of distinct forms.
  // (A dictionary of `Entry` took ~1 KB per entity: 30 MB for the 28,000
  // entities of 10,000 articles.)
  private var numbers: [String: UInt32] = [:]
  private var idsByNumber: [String] = []
  /// Every record's canonical JSON, back to back; `recordSpans[n]` is entity n's.
  private var recordBytes: [UInt8] = []
  private var recordSpans: [(start: UInt32, count: UInt32)] = []
  private var mentionCounts: [Int] = []
  /// Per entity: (surface number, count), in order first met.
  private var variantCounts: [[(surface: UInt32, count: UInt32)]] = []
  /// Per entity: the articles naming it, as numbers into `articleIDs`.
  private var articleNumbers: [[UInt32]] = []
  private var surfaceNumbers: [String: UInt32] = [:]
  private var surfaces: [String] = []
  /// Entries of `articleNumbers` and `variantCounts` (for `approximateBytes`).
  private var articleLinks = 0, variantLinks = 0
  /// Co-occurrence in one sentence, key = low number << 32 | high number:
  /// sorted distinct keys with their weights, plus co-occurrences not yet
  /// merged into them (a sorted list takes a third of a hash table's memory).
  private var cooccurrences = EdgeCounts()
  /// The id of every article added, numbered in the order added (an id
  /// given twice gets two numbers; the outputs list it once).
  private var articleIDs: [String] = []
  public var articleCount: Int { articleIDs.count }
  /// Distinct entities.
  public var entityCount: Int { idsByNumber.count }
  /// Distinct pairs of entities named in one sentence.
  public var edgeCount: Int { cooccurrences.merged.keys.count }

  public init() {}

  /// What one record adds to a register, worked out from the record alone,
  /// so records can be read by several threads and added in order.
  public struct Contribution: Sendable {
    var article: String
    /// The records it links to, each once, in order of first mention, with
    /// their canonical JSON.
    var records: [(id: String, canonical: [UInt8])] = []
    /// Each mention: its record (an index into `records`) and surface form.
    var mentions: [(record: Int, surface: String)] = []
    /// For each sentence naming two or more records: their indices, each once.
    var sentences: [[Int]] = []

    /// Records without links add nothing but are counted as articles.
    public init(_ document: Document) throws {
      article = document.id
      guard let links = try document.layer(Links.self), let entities = try document.layer(Entities.self),
        let recordLayer = try document.layer(Records.self), let text = document.text
      else { return }
      let utf8 = Array(text.utf8)
      let scalarStarts = CorpusRegister.scalarStarts(utf8)
      let scalarCount = scalarStarts.count - 1
      var index: [String: Int] = [:]
      var starts: [(start: Int, record: Int)] = []
      for link in links.items {
        guard link.entity >= 0, link.entity < entities.items.count, let record = recordLayer.records[link.ref] else { continue }
        let e = entities.items[link.entity]
        guard e.start >= 0, e.start < e.end, e.end <= scalarCount else { continue }
        let k: Int
        if let known = index[link.ref] {
          k = known
        } else {
          k = records.count
          index[link.ref] = k
          records.append((link.ref, CorpusRegister.canonical(record)))
        }
        let bytes = utf8[Int(scalarStarts[e.start])..<Int(scalarStarts[e.end])]
        mentions.append((k, TEIValues.oneLine(XMLText.sanitized(String(decoding: bytes, as: UTF8.self)))))
        starts.append((e.start, k))
      }
      guard let layer = try document.layer(Sentences.self), !starts.isEmpty else { return }
      starts.sort { $0.start < $1.start }
      var m = 0
      for i in 0..<layer.spans.count {
        guard let s = layer.spans.checked(i) else { continue }
        while m < starts.count && starts[m].start < s.lowerBound { m += 1 }
        var inSentence = Set<Int>()
        while m < starts.count && starts[m].start < s.upperBound {
          inSentence.insert(starts[m].record)
          m += 1
        }
        if inSentence.count > 1 { sentences.append(inSentence.sorted()) }
      }
    }
  }

  /// Folds buffered co-occurrences into the sorted list (after the last
  /// `add`: the views then read it without making a merged copy).
  public mutating func settle() { cooccurrences.settle() }

  /// Adds one record's linked mentions.
  public mutating func add(_ document: Document) throws { add(try Contribution(document)) }

  /// Adds what one record contributes (each of its records is registered once,
  /// however often it is mentioned).
  public mutating func add(_ c: Contribution) {
    let article = UInt32(articleIDs.count)
    articleIDs.append(c.article)
    var numbers: [UInt32] = []
    numbers.reserveCapacity(c.records.count)
    for (id, canonical) in c.records {
      let n = touch(id, canonical)
      numbers.append(n)
      articleNumbers[Int(n)].append(article)
      articleLinks += 1
    }
    for mention in c.mentions {
      let n = Int(numbers[mention.record])
      count(surface: mention.surface, times: 1, for: n)
      mentionCounts[n] += 1
    }
    for group in c.sentences {
      let distinct = group.map { numbers[$0] }.sorted()
      for i in 0..<(distinct.count - 1) {
        for j in (i + 1)..<distinct.count {
          cooccurrences.add(UInt64(distinct[i]) << 32 | UInt64(distinct[j]))
        }
      }
    }
  }

  /// Adds `times` to entity `n`'s count of the surface form `surface`.
  private mutating func count(surface: String, times: Int, for n: Int) {
    let s: UInt32
    if let known = surfaceNumbers[surface] {
      s = known
    } else {
      s = UInt32(surfaces.count)
      surfaceNumbers[surface] = s
      surfaces.append(surface)
    }
    if let k = variantCounts[n].firstIndex(where: { $0.surface == s }) {
      variantCounts[n][k].count += UInt32(times)
    } else {
      variantCounts[n].append((s, UInt32(times)))
      variantLinks += 1
    }
  }

  /// The UTF-8 offset at which each scalar of `utf8` starts, then its length.
  static func scalarStarts(_ utf8: [UInt8]) -> [Int32] {
    var starts: [Int32] = []
    starts.reserveCapacity(utf8.count + 1)
    for (i, b) in utf8.enumerated() where b & 0xC0 != 0x80 { starts.append(Int32(i)) }
    starts.append(Int32(utf8.count))
    return starts
  }

  /// Registers `id` (keeping the canonical record: the one whose JSON sorts
  /// first) and returns its number.
  private mutating func touch(_ id: String, _ canonical: [UInt8]) -> UInt32 {
    if let n = numbers[id] {
      if canonical.lexicographicallyPrecedes(record(number: Int(n))) { recordSpans[Int(n)] = store(canonical) }
      return n
    }
    let n = UInt32(idsByNumber.count)
    numbers[id] = n
    idsByNumber.append(id)
    recordSpans.append(store(canonical))
    mentionCounts.append(0)
    variantCounts.append([])
    articleNumbers.append([])
    return n
  }

  private mutating func store(_ canonical: [UInt8]) -> (start: UInt32, count: UInt32) {
    let start = UInt32(recordBytes.count)
    recordBytes += canonical
    return (start, UInt32(canonical.count))
  }

  private func record(number n: Int) -> ArraySlice<UInt8> {
    let span = recordSpans[n]
    return recordBytes[Int(span.start)..<Int(span.start + span.count)]
  }

  /// A record's canonical JSON (what decides between disagreeing records).
  static func canonical(_ record: AuthorityRecord) -> [UInt8] {
    var w = JSONWriter(capacity: 128)
    record.write(to: &w)
    return w.bytes
  }

  /// Merges another register (e.g. from another shard) into this one.
  public mutating func merge(_ other: CorpusRegister) {
    let offset = UInt32(articleIDs.count)
    articleIDs += other.articleIDs
    for (m, id) in other.idsByNumber.enumerated() {
      let n = Int(touch(id, Array(other.record(number: m))))
      for (s, times) in other.variantCounts[m] { count(surface: other.surfaces[Int(s)], times: Int(times), for: n) }
      mentionCounts[n] += other.mentionCounts[m]
      articleNumbers[n] += other.articleNumbers[m].map { $0 + offset }
      articleLinks += other.articleNumbers[m].count
    }
    let theirs = other.cooccurrences.merged
    var keys: [UInt64] = [], weights: [Int] = []
    for (key, weight) in zip(theirs.keys, theirs.weights) {
      let a = other.idsByNumber[Int(key >> 32)], b = other.idsByNumber[Int(key & 0xFFFF_FFFF)]
      guard let na = numbers[a], let nb = numbers[b] else { continue }
      keys.append(UInt64(min(na, nb)) << 32 | UInt64(max(na, nb)))
      weights.append(weight)
    }
    cooccurrences.add(keys: keys, weights: weights)
  }

  // MARK: - Sorted views (what every output is written from)

  /// Entity ids in byte order.
  public var sortedIDs: [String] { UTF8Order.sorted(idsByNumber) }

  /// Everything known about `id` (made now from the compact tables).
  public func entity(_ id: String) -> RegisterEntity? {
    guard let n = numbers[id].map(Int.init) else { return nil }
    var r = JSONReader(Array(record(number: n)))
    // The bytes were written by `canonical`, so they always parse.
    let record = (try? AuthorityRecord(from: &r)) ?? AuthorityRecord(type: "", ar: [])
    var variants: [String: Int] = [:]
    for (s, times) in variantCounts[n] { variants[surfaces[Int(s)]] = Int(times) }
    return RegisterEntity(id: id, record: record, variants: variants, mentions: mentionCounts[n], articles: articles(of: n))
  }

  /// The ids of the articles naming entity `n`, in byte order, each once.
  private func articles(of n: Int) -> [String] {
    Self.sortedDistinct(articleNumbers[n].map { articleIDs[Int($0)] })
  }

  /// `ids` in byte order, each once.
  static func sortedDistinct(_ ids: [String]) -> [String] {
    let sorted = UTF8Order.sorted(ids)
    return sorted.indices.compactMap { i in i > 0 && sorted[i] == sorted[i - 1] ? nil : sorted[i] }
  }

  /// Calls `body` with every entity in byte order of id, as a run of
  /// `RegisterRuns` holds it: the record's canonical JSON, the mentions, the
  /// article ids (sorted, each once) and the surface forms with their counts.
  func forEachEntityRecord(
    _ body: (String, [UInt8], (mentions: Int, articles: [String], variants: [(form: String, count: Int)])) throws -> Void
  ) throws {
    for id in sortedIDs {
      guard let n = numbers[id].map(Int.init) else { continue }
      let variants = variantCounts[n].map { (surfaces[Int($0.surface)], Int($0.count)) }
      try body(id, Array(record(number: n)), (mentionCounts[n], articles(of: n), variants))
    }
  }

  /// About how many bytes of memory the register holds (what decides when
  /// `RegisterRuns` writes it out): per entity its id, tables and record,
  /// per distinct surface form its string, 4 bytes per article of an entity,
  /// 8 per form of an entity, 16 per co-occurrence, 64 per article.
  public var approximateBytes: Int {
    idsByNumber.count * 160 + surfaces.count * 100 + recordBytes.count + articleLinks * 4 + variantLinks * 8
      + cooccurrences.approximateCount * 16 + articleIDs.count * 64
  }

  /// Arabic names: the record's own, then the forms met in the texts by
  /// falling count, then byte order.
  public func arabicNames(_ id: String) -> [String] { entity(id)?.arabicNames ?? [] }

  /// The ids of the articles naming `id`, in byte order, each once.
  public func sortedArticles(_ id: String) -> [String] { entity(id)?.articles ?? [] }

  /// Co-occurrence edges as (source id, target id, weight), source < target, sorted.
  public var edges: [(source: String, target: String, weight: Int)] {
    let ordered = sortedIDs
    return rankedEdges(ordered).map { (ordered[$0.source], ordered[$0.target], $0.weight) }
  }

  /// The edges as positions in `ordered` (= `sortedIDs`), sorted, source < target
  /// (kept as one 64-bit key an edge: 16 bytes with its weight).
  func rankedEdges(_ ordered: [String]) -> LazyMapSequence<[(key: UInt64, weight: Int)], (source: Int, target: Int, weight: Int)> {
    // Each entity's rank in byte order, so edges sort by one integer.
    var rank = [UInt32](repeating: 0, count: idsByNumber.count)
    for (r, id) in ordered.enumerated() { if let n = numbers[id] { rank[Int(n)] = UInt32(r) } }
    let all = cooccurrences.merged
    var sorted: [(key: UInt64, weight: Int)] = zip(all.keys, all.weights).map { key, weight in
      let a = rank[Int(key >> 32)], b = rank[Int(key & 0xFFFF_FFFF)]
      return (UInt64(min(a, b)) << 32 | UInt64(max(a, b)), weight)
    }
    sorted.sort { $0.key < $1.key }
    return sorted.lazy.map { (Int($0.key >> 32), Int($0.key & 0xFFFF_FFFF), $0.weight) }
  }

  /// Latitude and longitude when the record has finite ones.
  public func coordinates(_ id: String) -> (lat: Double, lon: Double)? { entity(id)?.coordinates }
}

/// Weighted 64-bit keys: single additions are buffered and merged into a
/// sorted list of distinct keys when the buffer fills.
struct EdgeCounts: Sendable {
  private var keys: [UInt64] = []
  private var weights: [Int] = []
  private var pending: [UInt64] = []
  static let pendingLimit = 1 << 16

  mutating func add(_ key: UInt64) {
    pending.append(key)
    if pending.count >= Self.pendingLimit {
      (keys, weights) = merged
      pending.removeAll(keepingCapacity: true)
    }
  }

  /// Keys held, distinct or not yet merged.
  var approximateCount: Int { keys.count + pending.count }

  /// Merges the buffered additions into the sorted list.
  mutating func settle() {
    guard !pending.isEmpty else { return }
    (keys, weights) = merged
    pending = []
  }

  /// Adds weighted keys (any order; a key may repeat).
  mutating func add(keys more: [UInt64], weights moreWeights: [Int]) {
    let order = more.indices.sorted { more[$0] < more[$1] }
    let sorted = Self.runs(order.map { more[$0] }, order.map { moreWeights[$0] })
    let current = merged
    (keys, weights) = Self.sum(current, sorted)
    pending.removeAll(keepingCapacity: true)
  }

  /// Every key with its total weight, sorted by key.
  var merged: (keys: [UInt64], weights: [Int]) {
    guard !pending.isEmpty else { return (keys, weights) }
    let sorted = pending.sorted()
    return Self.sum((keys, weights), Self.runs(sorted, [Int](repeating: 1, count: sorted.count)))
  }

  /// Sorted keys (repeats adjacent) → distinct keys with summed weights.
  private static func runs(_ keys: [UInt64], _ weights: [Int]) -> (keys: [UInt64], weights: [Int]) {
    var outKeys: [UInt64] = [], outWeights: [Int] = []
    for (key, weight) in zip(keys, weights) {
      if outKeys.last == key { outWeights[outWeights.count - 1] += weight } else {
        outKeys.append(key)
        outWeights.append(weight)
      }
    }
    return (outKeys, outWeights)
  }

  /// Two sorted distinct lists → one, weights of equal keys summed.
  private static func sum(_ a: (keys: [UInt64], weights: [Int]), _ b: (keys: [UInt64], weights: [Int]))
    -> (keys: [UInt64], weights: [Int]) {
    var keys: [UInt64] = [], weights: [Int] = []
    keys.reserveCapacity(a.keys.count + b.keys.count)
    weights.reserveCapacity(a.keys.count + b.keys.count)
    var i = 0, j = 0
    while i < a.keys.count || j < b.keys.count {
      if j == b.keys.count || (i < a.keys.count && a.keys[i] < b.keys[j]) {
        keys.append(a.keys[i]); weights.append(a.weights[i]); i += 1
      } else if i == a.keys.count || b.keys[j] < a.keys[i] {
        keys.append(b.keys[j]); weights.append(b.weights[j]); j += 1
      } else {
        keys.append(a.keys[i]); weights.append(a.weights[i] + b.weights[j]); i += 1; j += 1
      }
    }
    return (keys, weights)
  }
}
