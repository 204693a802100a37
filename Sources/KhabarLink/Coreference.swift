import KhabarCore

extension Linker {
  /// Short person names (بشار, الأسد) → a full name in the article holding
  /// that word; short organisation names (الحشد) → a longer one they begin;
  /// the anaphor التنظيم → the last organisation named تنظيم ….
  ///
  /// Longer names are indexed by word first, so a document with many
  /// mentions costs a lookup per mention, not a scan.
  func resolveCoreference(_ mentions: inout [Mention], text: [UInt32]) {
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
      // عين + الأسد is a place whatever the tagger thought: no coreference.
      if m.words.count == 1, headedName(m, text: text) != nil { continue }
      switch m.ner {
      case .person where m.words.count == 1:
        let list = personsByWord[Mention.bareHash(m.key, m.words[0])] ?? []
        mentions[i].corefTarget = nearest(to: i, among: list) { j in mentions[j].containsWord(m.key, m.words[0]) }
      case .place where m.words.count == 1, .misc where m.words.count == 1:
        // A word of a person's full name in this article, tagged as a place
        // (بشار in قوات بشار): the person, at a lower certainty.
        let list = personsByWord[Mention.bareHash(m.key, m.words[0])] ?? []
        if let j = nearest(to: i, among: list, { j in mentions[j].containsWord(m.key, m.words[0]) }) {
          mentions[i].corefTarget = j
          mentions[i].retyped = true
        }
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
  func nearest(to i: Int, among list: [Int], _ test: (Int) -> Bool) -> Int? {
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
}
