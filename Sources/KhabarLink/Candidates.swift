import KhabarCore

extension Linker {
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
    let keyHash = m.keyHash
    if m.ner != .person, adminStems.contains(keyHash),
       let head = Context.wordBefore(m.start, in: text, ifIn: Lexicon.adminHeads) {
      if tryOwnedKey(head + [NameKey.space] + key, quality: 1.0, &m) { return }
    }
    //    A name head just before the span that makes a known name (قوات + أبو الفضل
    //    العباس, عين + الأسد): the tagger cut the name, whatever type it gave.
    if let named = headedName(m, text: text), tryOwnedKey(named, quality: 0.85, &m, anyType: true) { return }

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
      if nisbaStems.contains(keyHash) {
        // Another name of one of its completions in brackets right after it («وزارة الدفاع (البنتاغون)»).
        if let alias = Context.bracketedWordAfter(m.end, in: text) {
          for e in names.lookup(prefix: .none, alias, 0..<alias.count) {
            let country = names.infos[Int(e)].country
            for form in Nisba.forms(of: country) {
              let completed = key + [NameKey.space] + form
              if names.lookup(prefix: .none, completed, 0..<completed.count).contains(e),
                tryOwnedKey(completed, quality: 0.8, &m)
              {
                return
              }
            }
          }
        }
        // A nationality right after the name is its own (وزارة الخارجية العراقية): that country's record or none.
        if let country = Context.nisbaAfter(m.end, in: text) {
          for form in Nisba.forms(of: country) where tryOwnedKey(key + [NameKey.space] + form, quality: 0.8, &m) {
            return
          }
          return
        }
        if let country = Context.nisbaBefore(m.start, in: text) {
          for form in Nisba.forms(of: country) where tryOwnedKey(key + [NameKey.space] + form, quality: 0.8, &m) {
            return
          }
        }
        // No nationality near: every completion, which only the country the article names most can choose.
        var found = false
        for country in Nisba.countries {
          for form in Nisba.forms(of: country)
          where tryOwnedKey(key + [NameKey.space] + form, quality: 0.7, &m, needsCountry: true) {
            found = true
            break
          }
        }
        if found { return }
      }
    }
    // 5b. Without a trailing descriptive adjective (الحشد الشعبي الشيعي → الحشد الشعبي).
    if m.ner != .person, words.count >= 3, let last = words.last, Nisba.isAdjective(key, last) {
      addVariants(of: 0..<words[words.count - 2].upperBound, quality: 0.8, &probes, key)
      if tryProbes(&probes, &m, names) { return }
    }
    // 6. A letter the tagger took for a proclitic (سام العوادي in بسام العوادي).
    if m.start > 0, Context.isProclitic(text[m.start - 1]), m.start == 1 || !Context.isLetter(text[m.start - 2]) {
      if tryOwnedKey([text[m.start - 1]] + key, quality: 0.8, &m) { return }
    }
    // 7. A person's family name alone.
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

  /// The name head before the mention + the mention, when that is a known name.
  func headedName(_ m: Mention, text: [UInt32]) -> [UInt32]? {
    guard groupStems.contains(m.keyHash), let head = Context.wordBefore(m.start, in: text, ifIn: Lexicon.nameHeads) else {
      return nil
    }
    let named = head + [NameKey.space] + m.key
    return names.lookup(prefix: .none, named, 0..<named.count).isEmpty ? nil : named
  }

  /// Looks up a key built for the purpose; `anyType` trusts the key over the tagger's type.
  /// `needsCountry`: the candidate may win only in an article that names its country most.
  private func tryOwnedKey(_ owned: [UInt32], quality: Double, _ m: inout Mention, anyType: Bool = false,
                           needsCountry: Bool = false) -> Bool {
    var found = false
    for e in names.lookup(prefix: .none, owned, 0..<owned.count) {
      let info = names.infos[Int(e)]
      let fit = quality * (anyType ? 1 : m.ner.compatibility(info))
      guard fit >= Candidate.keepFit, !needsCountry || info.country != 0 else { continue }
      m.candidates.append(Candidate(entry: e, fit: fit, needsCountry: needsCountry))
      if fit >= Candidate.goodFit { found = true }
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
        guard fit >= Candidate.keepFit else { continue }
        if let k = m.candidates.firstIndex(where: { $0.entry == e }) {
          m.candidates[k].fit = max(m.candidates[k].fit, fit)
        } else {
          m.candidates.append(Candidate(entry: e, fit: fit))
        }
        if fit >= Candidate.goodFit { found = true }
      }
    }
    return found
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
  /// Below this a candidate is dropped; between this and `goodFit` (another
  /// type than the tagger's) it wins only when the article links it elsewhere.
  static let keepFit = 0.25
  static let goodFit = 0.4
  var entry: Int32
  /// Name-variant quality × type compatibility.
  var fit: Double
  /// Chosen only when the entry's country leads the article's countries (a completed name).
  var needsCountry = false
}
