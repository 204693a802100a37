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
  let nisbaStems: HashTable64
  /// Hashes of knowledge-base names with a leading administrative head removed
  /// (دير الزور for محافظة دير الزور): only these look at the word before the mention.
  let adminStems: HashTable64
  /// Hashes of organisation and place names after a leading name head (قوات, كتائب, عين, تل …).
  let groupStems: HashTable64
  /// Hashes of organisation names after a leading تنظيم (القاعدة for تنظيم القاعدة).
  let tanzeemStems: HashTable64
  static let tanzeem = NameKey.make("تنظيم")

  public init(kb: KnowledgeBase, coref: Bool = true) {
    self.kb = kb
    self.names = CandidateIndex(kb: kb, partial: false)
    self.partialNames = CandidateIndex(kb: kb, partial: true)
    self.coref = coref
    self.ids = kb.entries.map(\.id)
    self.records = kb.entries.map(\.authorityRecord)
    var stems = Set<UInt64>(), admin = Set<UInt64>(), tanzeem = Set<UInt64>(), group = Set<UInt64>()
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
        if Lexicon.nameHeads.contains(key, words[0]) {
          group.insert(NameKey.hash(prefix: .none, key, words[1].lowerBound..<key.count))
        }
        if key[words[0]].elementsEqual(Linker.tanzeem) {
          tanzeem.insert(NameKey.hash(prefix: .none, key, words[1].lowerBound..<key.count))
        }
      }
    }
    self.nisbaStems = HashTable64(set: stems)
    self.adminStems = HashTable64(set: admin)
    self.tanzeemStems = HashTable64(set: tanzeem)
    self.groupStems = HashTable64(set: group)
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
      mentions.append(Mention(key: scratch, ner: NERType(e.type), lamArticle: articleLams.contains(e.start), start: e.start,
                              end: e.end))
    }
    if coref { resolveCoreference(&mentions, text: text) }

    // Candidates for every mention that is not a coreference.
    var votes = CountryVotes()
    var probes: [Probe] = []
    probes.reserveCapacity(8)
    for i in mentions.indices where mentions[i].corefTarget == nil {
      generateCandidates(&mentions[i], text: text, probes: &probes)
      mentions[i].voteCountries(into: &votes, infos: names.infos)
    }
    // Decide with the article's countries as context, then again with the
    // records that mentions under another name chose (co-occurrence: الأسد
    // makes بشار the person, not the Algerian town).
    var chosenBy: [Int32: Choosers] = [:]
    for i in mentions.indices where mentions[i].corefTarget == nil {
      decide(&mentions[i], votes: votes, chosenBy: [:])
      if let e = mentions[i].entry, mentions[i].cert >= 0.8 {
        let key = mentions[i].keyHash
        if let c = chosenBy[e] {
          if c.firstKey != key { chosenBy[e]?.severalKeys = true }
        } else {
          chosenBy[e] = Choosers(firstKey: key, severalKeys: false)
        }
      }
    }
    if !chosenBy.isEmpty {
      for i in mentions.indices where mentions[i].corefTarget == nil && mentions[i].candidates.count > 1 {
        decide(&mentions[i], votes: votes, chosenBy: chosenBy)
      }
    }

    var links = Links()
    links.items.reserveCapacity(mentions.count)
    var records = Records()
    records.records.reserveCapacity(mentions.count)
    var refOfRoot = [String?](repeating: nil, count: mentions.count)
    var entriesAdded = HashTable64(capacity: mentions.count)
    for i in mentions.indices {
      let r = root(i, mentions)
      let entry = mentions[r].entry, cert = mentions[r].cert
      let ref: String
      if let known = refOfRoot[r] { ref = known } else {  // one nil hash per chain
        ref = entry.map { ids[Int($0)] } ?? NilID.make(type: mentions[r].ner.recordType, key: mentions[r].nilKey)
        refOfRoot[r] = ref
      }
      let method = r != i ? "coref" : entry == nil ? "nil" : "kb"
      let linkCert = r == i ? cert : cert * (mentions[i].retyped ? 0.6 : 0.9)
      links.items.append(Links.Item(entity: i, ref: ref, cert: linkCert, method: method))
      if let entry {
        if entriesAdded.insert(UInt64(entry), 0) { records.records[ref] = self.records[Int(entry)] }
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

  private func root(_ i: Int, _ mentions: [Mention]) -> Int {
    var k = i, steps = 0
    while let t = mentions[k].corefTarget, steps < mentions.count {
      k = t
      steps += 1
    }
    return k
  }


  // MARK: - Decision

  /// Picks the best candidate: name fit and type, importance, the article's
  /// countries, and records that mentions under other names link (`chosenBy`:
  /// entry → the name keys of the mentions that chose it).
  func decide(_ m: inout Mention, votes: CountryVotes, chosenBy: [Int32: Choosers]) {
    m.entry = nil
    var best = -1.0, second = -1.0
    var bestEntry: Int32 = -1, bestFit = 0.0
    for c in m.candidates {
      let info = names.infos[Int(c.entry)]
      let elsewhere = chosenBy[c.entry].map { $0.severalKeys || $0.firstKey != m.keyHash } ?? false
      guard c.fit >= Candidate.goodFit || elsewhere else { continue }
      let share = votes.share(info.country)
      // A completed name (وزارة الخارجية → … الأميركية) only in an article about that country above all.
      guard !c.needsCountry || votes.leads(info.country) else { continue }
      var s = c.fit + 0.35 * info.prior + 0.5 * share
      if m.hint != 0 && info.country == m.hint { s += 0.3 }
      if elsewhere { s += 0.6 }
      // A place in a country the article never names, in an article that names some.
      if info.kind == .place, info.country != 0, share == 0, votes.total >= 2 { s -= 0.3 }
      // Ties go to the entry listed first in the knowledge base (deterministic).
      if s > best || (s == best && c.entry < bestEntry) {
        if bestEntry >= 0 { second = max(second, best) }
        best = s
        bestEntry = c.entry
        bestFit = c.fit
      } else {
        second = max(second, s)
      }
    }
    guard bestEntry >= 0 else {
      m.cert = m.key.isEmpty ? 0.3 : 0.7
      return
    }
    let margin = second < 0 ? 1 : min(1, (best - second) / 0.5)
    m.entry = bestEntry
    m.cert = min(0.99, max(0.05, max(bestFit, Candidate.goodFit) * (0.6 + 0.4 * margin)))
  }
}


/// The name keys of the mentions that chose one record (without allocating).
struct Choosers {
  var firstKey: UInt64
  var severalKeys: Bool
}

public struct LinkError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
