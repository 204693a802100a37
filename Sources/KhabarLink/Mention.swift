import KhabarCore

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

/// One entity while its document is linked.
struct Mention {
  let key: [UInt32]
  let words: [Range<Int>]
  let keyHash: UInt64
  let ner: NERType
  let lamArticle: Bool
  var candidates: [Candidate] = []
  var corefTarget: Int?
  /// True when coreference overrode the tagger's type.
  var retyped = false
  var hint: UInt16 = 0
  var entry: Int32?
  var cert = 0.0

  /// The entity's start in the text.
  let start: Int
  /// The entity's end in the text.
  let end: Int

  init(key: [UInt32], ner: NERType, lamArticle: Bool, start: Int = 0, end: Int = 0) {
    self.start = start
    self.end = end
    self.key = key
    self.keyHash = NameKey.hash(key)
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

  /// Mentions whose candidates all lie in one country (الكويت: the state and
  /// its capital) tell what countries the article is about.
  func voteCountries(into votes: inout CountryVotes, infos: [CandidateIndex.EntryInfo]) {
    if hint != 0 { votes.add(hint, 0.5) }
    // A name completed from the article's countries cannot vote for them.
    guard let first = candidates.first, !first.needsCountry else { return }
    let country = infos[Int(first.entry)].country
    var anyCountry = false
    for c in candidates {
      let info = infos[Int(c.entry)]
      guard info.country == country else { return }
      anyCountry = anyCountry || info.isCountry
    }
    votes.add(country, anyCountry ? 1.0 : 0.6)
  }
}

/// Country weights of one article.
struct CountryVotes {
  private var codes: [UInt16] = []
  private var weights: [Double] = []
  private(set) var total = 0.0

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

  /// True when no country has more votes than `code`, which has some.
  func leads(_ code: UInt16) -> Bool {
    guard code != 0, let k = codes.firstIndex(of: code) else { return false }
    return weights.allSatisfy { $0 <= weights[k] }
  }
}
