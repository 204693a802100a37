public import KhabarCore
public import KhabarKB

/// Links the entities of one document to knowledge-base records, or to
/// derived `nil.` records for names the knowledge base does not hold.
///
/// Built once per process (every name key is indexed at init); `link` keeps
/// no state between documents and is deterministic.
public final class Linker: Sendable {
  public let kb: KnowledgeBase
  let names: CandidateIndex
  let partialNames: CandidateIndex
  let coref: Bool
  /// Entry ids and authority records, by entry index (built once).
  let ids: [String]
  let records: [AuthorityRecord]
  /// Hashes of knowledge-base names with their trailing nisba removed
  /// (وزارة الدفاع for وزارة الدفاع العراقية): only these are completed from context.
  let nisbaStems: Set<UInt64>
  /// Hashes of knowledge-base names with a leading administrative head removed
  /// (دير الزور for محافظة دير الزور): only these look at the word before the mention.
  let adminStems: Set<UInt64>
  /// Hashes of organisation names after a leading تنظيم (القاعدة for تنظيم القاعدة).
  let tanzeemStems: Set<UInt64>
  private static let tanzeem = NameKey.make("تنظيم")

  public init(kb: KnowledgeBase, coref: Bool = true) {
    self.kb = kb
    self.names = CandidateIndex(kb: kb, partial: false)
    self.partialNames = CandidateIndex(kb: kb, partial: true)
    self.coref = coref
    self.ids = kb.entries.map(\.id)
    self.records = kb.entries.map(\.authorityRecord)
    var stems = Set<UInt64>(), admin = Set<UInt64>(), tanzeem = Set<UInt64>()
    for e in kb.entries where e.type != "person" {
      for name in e.ar {
        let key = NameKey.make(name)
        let words = NameKey.words(key)
        guard words.count >= 2, let last = words.last else { continue }
        if Nisba.country(key, last) != nil {
          stems.insert(NameKey.hash(prefix: .none, key, 0..<words[words.count - 2].upperBound))
        }
        if Lexicon.adminHeads.contains(key, words[0]) {
          admin.insert(NameKey.hash(prefix: .none, key, words[1].lowerBound..<key.count))
        }
        if key[words[0]].elementsEqual(Linker.tanzeem) {
          tanzeem.insert(NameKey.hash(prefix: .none, key, words[1].lowerBound..<key.count))
        }
      }
    }
    self.nisbaStems = stems
    self.adminStems = admin
    self.tanzeemStems = tanzeem
  }

  /// The links (one per entity, same order) and the records they point at.
  ///
  /// - Parameters:
  ///   - text: the document's text as scalar values.
  ///   - entities: the tagger's entities; spans must lie inside `text`.
  ///   - articleLams: offsets where a lone ل is the article of a لل-form
  ///     (from the `morphs` layer, when present).
  public func link(text: [UInt32], entities: [Entities.Item], articleLams: Set<Int> = []) throws -> (Links, Records) {
    var mentions: [Mention] = []
    mentions.reserveCapacity(entities.count)
    var scratch: [UInt32] = []
    for (i, e) in entities.enumerated() {
      guard e.start >= 0, e.end <= text.count, e.start < e.end else {
        throw LinkError("entity \(i) has span \(e.start)..<\(e.end) outside the text (\(text.count) scalars)")
      }
      NameKey.make(text, e.start..<e.end, into: &scratch)
      mentions.append(Mention(key: scratch, ner: NERType(e.type), lamArticle: articleLams.contains(e.start), start: e.start))
    }
    if coref { resolveCoreference(&mentions) }

    // Candidates for every mention that is not a coreference.
    var votes = CountryVotes()
    var probes: [Probe] = []
    probes.reserveCapacity(8)
    for i in mentions.indices where mentions[i].corefTarget == nil {
      generateCandidates(&mentions[i], text: text, probes: &probes)
      mentions[i].voteCountries(into: &votes, infos: names.infos)
    }
    // Decide with the article's countries as context.
    for i in mentions.indices where mentions[i].corefTarget == nil {
      decide(&mentions[i], votes: votes)
    }

    var links = Links()
    links.items.reserveCapacity(mentions.count)
    var records = Records()
    var refOfRoot = [String?](repeating: nil, count: mentions.count)
    var entriesAdded = Set<Int32>()
    for i in mentions.indices {
      let r = root(i, mentions)
      let entry = mentions[r].entry, cert = mentions[r].cert
      let ref: String
      if let known = refOfRoot[r] { ref = known } else {  // one nil hash per chain
        ref = entry.map { ids[Int($0)] } ?? NilID.make(type: mentions[r].ner.recordType, key: mentions[r].nilKey)
        refOfRoot[r] = ref
      }
      let method = r != i ? "coref" : entry == nil ? "nil" : "kb"
      links.items.append(Links.Item(entity: i, ref: ref, cert: r != i ? cert * 0.9 : cert, method: method))
      if let entry {
        if entriesAdded.insert(entry).inserted { records.records[ref] = self.records[Int(entry)] }
      } else {
        // A name outside the knowledge base: its record lists the names met.
        let surface = NameKey.surface(text, entities[i].start..<entities[i].end)
        if records.records[ref] == nil {
          records.records[ref] = AuthorityRecord(type: mentions[r].ner.recordType, ar: surface.isEmpty ? [] : [surface])
        } else if !surface.isEmpty, records.records[ref]?.ar.contains(surface) == false {
          records.records[ref]?.ar.append(surface)
        }
      }
    }
    return (links, records)
  }

  // MARK: - Coreference

  /// Short person names (بشار, الأسد) → a full name in the article holding
  /// that word; short organisation names (الحشد) → a longer one they begin;
  /// the anaphor التنظيم → the last organisation named تنظيم ….
  ///
  /// Longer names are indexed by word first, so a document with many
  /// mentions costs a lookup per mention, not a scan.
  func resolveCoreference(_ mentions: inout [Mention]) {
    var personsByWord: [UInt64: [Int]] = [:]
    var orgsByPrefix: [UInt64: [Int]] = [:]
    var orgsByHead: [UInt64: [Int]] = [:]
    for (j, o) in mentions.enumerated() where o.words.count >= 2 {
      if o.ner == .person {
        for w in o.words { personsByWord[Mention.bareHash(o.key, w), default: []].append(j) }
      } else if o.ner == .org {
        orgsByHead[NameKey.hash(prefix: .none, o.key, o.words[0]), default: []].append(j)
        for k in 0..<(o.words.count - 1) {
          orgsByPrefix[NameKey.hash(prefix: .none, o.key, 0..<o.words[k].upperBound), default: []].append(j)
        }
      }
    }
    for i in mentions.indices {
      let m = mentions[i]
      switch m.ner {
      case .person where m.words.count == 1:
        let list = personsByWord[Mention.bareHash(m.key, m.words[0])] ?? []
        mentions[i].corefTarget = nearest(to: i, among: list) { j in mentions[j].containsWord(m.key, m.words[0]) }
      case .org where m.words.count >= 1:
        if m.words.count == 1, Lexicon.orgAnaphors.contains(m.key, m.words[0]) {
          // Only backwards: the anaphor refers to an organisation already named.
          let head = m.words[0].dropFirst(2)
          let list = orgsByHead[NameKey.hash(prefix: .none, m.key, head)] ?? []
          for j in list.reversed() where j < i {
            let o = mentions[j]
            if o.corefTarget == nil, o.key[o.words[0]].elementsEqual(m.key[head]) {
              mentions[i].corefTarget = j
              break
            }
          }
        } else {
          // Not when the longer name only adds a nationality: وزارة الدفاع ≠ وزارة الدفاع السورية.
          let list = orgsByPrefix[NameKey.hash(m.key)] ?? []
          mentions[i].corefTarget = nearest(to: i, among: list) { j in
            let other = mentions[j]
            return other.words.count > m.words.count && other.key.starts(with: m.key)
              && other.key[m.key.count] == NameKey.space
              && !(other.words.count == m.words.count + 1 && Nisba.country(other.key, other.words[other.words.count - 1]) != nil)
          }
        }
      default: break
      }
    }
  }

  /// The closest index of `list` (ascending) before `i` passing `test`, else the closest after.
  private func nearest(to i: Int, among list: [Int], _ test: (Int) -> Bool) -> Int? {
    guard !list.isEmpty else { return nil }
    var lo = 0, hi = list.count  // first position with list[pos] >= i
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < i { lo = mid + 1 } else { hi = mid }
    }
    var k = lo - 1
    while k >= 0 {
      if test(list[k]) { return list[k] }
      k -= 1
    }
    k = lo
    while k < list.count {
      if list[k] != i, test(list[k]) { return list[k] }
      k += 1
    }
    return nil
  }

  private func root(_ i: Int, _ mentions: [Mention]) -> Int {
    var k = i, steps = 0
    while let t = mentions[k].corefTarget, steps < mentions.count {
      k = t
      steps += 1
    }
    return k
  }

  // MARK: - Candidates

  /// Tries the name's variants in order of faith and keeps the first group
  /// that yields a type-compatible candidate.
  func generateCandidates(_ m: inout Mention, text: [UInt32], probes: inout [Probe]) {
    let key = m.key, n = key.count
    guard n > 0 else { return }
    let full = 0..<n
    let words = m.words
    probes.removeAll(keepingCapacity: true)

    // 0. An administrative head just before the span names the division:
    //    محافظة دير الزور is the governorate, not the city.
    let keyHash = NameKey.hash(key)
    if m.ner != .person, adminStems.contains(keyHash),
       let head = Context.wordBefore(m.start, in: text, ifIn: Lexicon.adminHeads) {
      if tryOwnedKey(head + [NameKey.space] + key, quality: 1.0, &m) { return }
    }

    // 1. The name as written (a لل-form's ل restored to ال first).
    if m.lamArticle, n >= 3 { probes.append(Probe(.alef, full, 1.0)) }
    probes.append(Probe(.none, full, 1.0))
    if tryProbes(&probes, &m, names) { return }
    // 2. With or without the article; a لل-form read as ل + ال.
    if NameKey.hasArticle(key, full) {
      probes.append(Probe(.none, 2..<n, 0.95))
    } else {
      probes.append(Probe(.article, full, 0.95))
      if key[0] == NameKey.lam, n >= 3, !m.lamArticle {
        probes.append(Probe(.alef, full, 0.9))
        probes.append(Probe(.none, 1..<n, 0.85))
      }
    }
    // A proclitic the tagger left on (والبوكمال, بالعراق).
    if n >= 5, Context.isProclitic(key[0]), NameKey.hasArticle(key, 1..<n) {
      probes.append(Probe(.none, 1..<n, 0.85))
      probes.append(Probe(.none, 3..<n, 0.8))
    }
    if tryProbes(&probes, &m, names) { return }
    // 3. Without a leading title, place classifier or organisation head.
    if words.count >= 2 {
      let heads: [NameKey.WordSet] =
        switch m.ner {
        case .person: [Lexicon.titles]
        case .place: [Lexicon.placeHeads]
        case .org: [Lexicon.orgHeads, Lexicon.placeHeads]
        case .misc: [Lexicon.placeHeads, Lexicon.orgHeads, Lexicon.titles]
        }
      if heads.contains(where: { $0.contains(key, words[0]) }) {
        let rest = words[1].lowerBound..<n
        addVariants(of: rest, quality: 0.9, &probes, key)
        if tryProbes(&probes, &m, names) { return }
      }
    }
    // 4. Without a trailing nisba (دير الزور السورية → دير الزور), which hints a country.
    if words.count >= 2, let last = words.last, let country = Nisba.country(key, last) {
      m.hint = country
      let rest = 0..<words[words.count - 2].upperBound
      addVariants(of: rest, quality: 0.85, &probes, key)
      if words.count >= 3 {
        let heads = m.ner == .person ? Lexicon.titles : Lexicon.placeHeads
        if heads.contains(key, words[0]) || Lexicon.orgHeads.contains(key, words[0]) {
          addVariants(of: words[1].lowerBound..<rest.upperBound, quality: 0.8, &probes, key)
        }
      }
      if tryProbes(&probes, &m, names) { return }
    }
    // 5. An organisation named without its تنظيم (القاعدة → تنظيم القاعدة) or its
    //    nationality (وزارة الدفاع → وزارة الدفاع العراقية, by the nearest nisba before it).
    if m.ner == .org {
      if tanzeemStems.contains(keyHash), tryOwnedKey(Linker.tanzeem + [NameKey.space] + key, quality: 0.9, &m) { return }
      if nisbaStems.contains(keyHash), let country = Context.nisbaBefore(m.start, in: text) {
        for form in Nisba.forms(of: country) where tryOwnedKey(key + [NameKey.space] + form, quality: 0.8, &m) {
          return
        }
      }
    }
    // 6. A person's first or family name alone.
    if m.ner == .person || m.ner == .misc, words.count == 1 {
      addVariants(of: full, quality: 0.6, &probes, key)
      _ = tryProbes(&probes, &m, partialNames)
    }
  }

  private func addVariants(of r: Range<Int>, quality q: Double, _ probes: inout [Probe], _ key: [UInt32]) {
    guard !r.isEmpty else { return }
    probes.append(Probe(.none, r, q))
    if NameKey.hasArticle(key, r) {
      probes.append(Probe(.none, (r.lowerBound + 2)..<r.upperBound, q * 0.97))
    } else {
      probes.append(Probe(.article, r, q * 0.97))
    }
  }

  private func tryOwnedKey(_ owned: [UInt32], quality: Double, _ m: inout Mention) -> Bool {
    var found = false
    for e in names.lookup(prefix: .none, owned, 0..<owned.count) {
      let info = names.infos[Int(e)]
      let fit = quality * m.ner.compatibility(info)
      guard fit >= 0.4 else { continue }
      m.candidates.append(Candidate(entry: e, fit: fit))
      found = true
    }
    return found
  }

  /// Looks the probes up; keeps their candidates and returns true when one is compatible.
  private func tryProbes(_ probes: inout [Probe], _ m: inout Mention, _ index: CandidateIndex) -> Bool {
    defer { probes.removeAll(keepingCapacity: true) }
    var found = false
    for p in probes {
      for e in index.lookup(prefix: p.prefix, m.key, p.range) {
        let info = index.infos[Int(e)]
        let fit = p.quality * m.ner.compatibility(info)
        guard fit >= 0.4 else { continue }
        if let k = m.candidates.firstIndex(where: { $0.entry == e }) {
          m.candidates[k].fit = max(m.candidates[k].fit, fit)
        } else {
          m.candidates.append(Candidate(entry: e, fit: fit))
        }
        found = true
      }
    }
    return found
  }

  // MARK: - Decision

  func decide(_ m: inout Mention, votes: CountryVotes) {
    guard !m.candidates.isEmpty else {
      m.cert = m.key.isEmpty ? 0.3 : 0.7
      return
    }
    var best = -1.0, second = -1.0
    var bestEntry: Int32 = -1
    for c in m.candidates {
      let info = names.infos[Int(c.entry)]
      var s = c.fit + 0.35 * info.prior + 0.5 * votes.share(info.country)
      if m.hint != 0 && info.country == m.hint { s += 0.3 }
      // Ties go to the entry listed first in the knowledge base (deterministic).
      if s > best || (s == best && c.entry < bestEntry) {
        if bestEntry >= 0 { second = max(second, best) }
        best = s
        bestEntry = c.entry
      } else {
        second = max(second, s)
      }
    }
    let fit = m.candidates.first(where: { $0.entry == bestEntry })?.fit ?? 0
    let margin = second < 0 ? 1 : min(1, (best - second) / 0.5)
    m.entry = bestEntry
    m.cert = min(0.99, max(0.05, fit * (0.6 + 0.4 * margin)))
  }
}

/// A mention's type, from the tagger's label.
enum NERType: Sendable {
  case person, place, org, misc

  init(_ label: String) {
    switch label {
    case "PER", "PERS", "PERSON": self = .person
    case "LOC", "GPE", "FAC": self = .place
    case "ORG", "ORGANIZATION", "NORP": self = .org
    default: self = .misc
    }
  }

  var recordType: String {
    switch self {
    case .person: "person"
    case .place: "place"
    case .org: "org"
    case .misc: "misc"
    }
  }

  /// How well an entry of this kind fits a mention of this type, in [0, 1].
  func compatibility(_ info: CandidateIndex.EntryInfo) -> Double {
    switch (self, info.kind) {
    case (.person, .person), (.place, .place), (.org, .org), (.misc, .misc): 1.0
    case (.org, .place): info.isCountry ? 0.85 : 0.5  // a state acting: إيران دعمت …
    case (.place, .org): 0.5
    case (.misc, _): 0.6
    case (_, .misc): 0.5
    case (.person, _): 0.2
    case (_, .person): 0.3
    }
  }
}

struct Probe {
  var prefix: NameKey.Prefix
  var range: Range<Int>
  var quality: Double
  init(_ prefix: NameKey.Prefix, _ range: Range<Int>, _ quality: Double) {
    self.prefix = prefix
    self.range = range
    self.quality = quality
  }
}

struct Candidate {
  var entry: Int32
  /// Name-variant quality × type compatibility.
  var fit: Double
}

/// One entity while its document is linked.
struct Mention {
  let key: [UInt32]
  let words: [Range<Int>]
  let ner: NERType
  let lamArticle: Bool
  var candidates: [Candidate] = []
  var corefTarget: Int?
  var hint: UInt16 = 0
  var entry: Int32?
  var cert = 0.0

  /// The entity's start in the text.
  let start: Int

  init(key: [UInt32], ner: NERType, lamArticle: Bool, start: Int = 0) {
    self.start = start
    self.key = key
    self.words = NameKey.words(key)
    self.ner = ner
    self.lamArticle = lamArticle
  }

  /// The hash of `key[word]` without its article.
  static func bareHash(_ key: [UInt32], _ word: Range<Int>) -> UInt64 {
    let bare = NameKey.hasArticle(key, word) ? (word.lowerBound + 2)..<word.upperBound : word
    return NameKey.hash(prefix: .none, key, bare)
  }

  /// True when one of this name's words equals `other[word]`, article or not.
  func containsWord(_ other: [UInt32], _ word: Range<Int>) -> Bool {
    let bare = NameKey.hasArticle(other, word) ? (word.lowerBound + 2)..<word.upperBound : word
    for w in words {
      let mine = NameKey.hasArticle(key, w) ? (w.lowerBound + 2)..<w.upperBound : w
      if key[mine].elementsEqual(other[bare]) { return true }
    }
    return false
  }

  /// The name a `nil.` id is derived from: no leading article (nor the ل of a لل-form), no title.
  var nilKey: ArraySlice<UInt32> {
    var lo = 0
    if ner == .person, words.count >= 2, Lexicon.titles.contains(key, words[0]) { lo = words[1].lowerBound }
    let r = lo..<key.count
    if NameKey.hasArticle(key, r) { lo += 2 } else if lamArticle, r.count >= 3 { lo += 1 }
    return key[lo...]
  }

  /// Unambiguous mentions tell what countries the article is about.
  func voteCountries(into votes: inout CountryVotes, infos: [CandidateIndex.EntryInfo]) {
    if hint != 0 { votes.add(hint, 0.5) }
    guard candidates.count == 1, let c = candidates.first else { return }
    let info = infos[Int(c.entry)]
    votes.add(info.country, info.isCountry ? 1.0 : 0.6)
  }
}

/// Country weights of one article.
struct CountryVotes {
  private var codes: [UInt16] = []
  private var weights: [Double] = []
  private var total = 0.0

  mutating func add(_ code: UInt16, _ w: Double) {
    guard code != 0 else { return }
    total += w
    if let k = codes.firstIndex(of: code) { weights[k] += w } else {
      codes.append(code)
      weights.append(w)
    }
  }

  func share(_ code: UInt16) -> Double {
    guard code != 0, total > 0, let k = codes.firstIndex(of: code) else { return 0 }
    return weights[k] / total
  }
}

/// Nationality adjectives (nisbas) that may trail a name, with their country.
enum Nisba {
  private static let pairs: [(String, String)] = [
      ("عراقي", "IQ"), ("سوري", "SY"), ("ايراني", "IR"), ("لبناني", "LB"), ("اردني", "JO"),
      ("اميركي", "US"), ("امريكي", "US"), ("روسي", "RU"), ("تركي", "TR"), ("اسرائيلي", "IL"),
      ("افغاني", "AF"), ("سعودي", "SA"), ("مصري", "EG"), ("كردي", "IQ"), ("فلسطيني", "PS"),
      ("يمني", "YE"), ("كويتي", "KW"), ("قطري", "QA"), ("فرنسي", "FR"), ("بريطاني", "GB"),
  ]

  private static let table: [UInt64: UInt16] = {
    var t: [UInt64: UInt16] = [:]
    for (stem, code) in pairs { t[NameKey.hash(NameKey.make(stem))] = CandidateIndex.packCountry(code) }
    return t
  }()

  /// The nisba forms of a country, feminine first (وزارة, قوات …), each with the article.
  static func forms(of country: UInt16) -> [[UInt32]] {
    guard let stem = stems[country] else { return [] }
    let al = [NameKey.alef, NameKey.lam]
    return [al + stem + [NameKey.heh], al + stem]
  }

  private static let stems: [UInt16: [UInt32]] = {
    var t: [UInt16: [UInt32]] = [:]
    for (stem, code) in pairs where t[CandidateIndex.packCountry(code)] == nil {
      t[CandidateIndex.packCountry(code)] = NameKey.make(stem)
    }
    return t
  }()

  /// The country of a nisba word such as العراقية or السوري, else nil.
  static func country(_ key: [UInt32], _ word: Range<Int>) -> UInt16? {
    guard NameKey.hasArticle(key, word) else { return nil }
    var hi = word.upperBound
    if key[hi - 1] == NameKey.heh { hi -= 1 }  // feminine ة (matched as ه)
    let stem = (word.lowerBound + 2)..<hi
    guard stem.count >= 3, key[hi - 1] == NameKey.yeh else { return nil }
    return table[NameKey.hash(prefix: .none, key, stem)]
  }
}

public struct LinkError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
