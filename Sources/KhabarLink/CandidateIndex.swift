import KhabarCore
import KhabarKB

/// Every knowledge-base name by match key, built once: hash → postings, with
/// the key scalars kept to rule out hash collisions. A class, so that a
/// lookup through the linker does not retain and release its four arrays.
final class CandidateIndex: Sendable {
  /// What the linker needs of an entry, precomputed.
  struct EntryInfo: Sendable {
    var kind: Kind
    /// Importance in [0, 1.5]: population, capitals and admin seats, countries.
    var prior: Double
    /// ISO 3166 alpha-2 packed in 16 bits, 0 when unknown.
    var country: UInt16
    /// True for a country (GeoNames PCL*).
    var isCountry: Bool
  }

  enum Kind: UInt8, Sendable { case person, place, org, misc }

  private struct Bucket {
    var keyStart: Int32, keyEnd: Int32
    var postStart: Int32, postEnd: Int32
  }

  let infos: [EntryInfo]
  private let table: HashTable64
  private let buckets: [Bucket]
  private let keyScalars: [UInt32]
  private let postings: [Int32]

  /// Builds the full-name index (`partial == false`) or, for persons, the
  /// index of family names (`partial == true`; first names such as علي or
  /// محمد are too common to name anyone alone).
  init(kb: KnowledgeBase, partial: Bool) {
    infos = kb.entries.map(CandidateIndex.info)
    var lists: [[UInt32]: [Int32]] = [:]
    var order: [[UInt32]] = []
    for (i, entry) in kb.entries.enumerated() {
      var keys: [[UInt32]] = []
      for name in entry.ar + (entry.en.map { [$0] } ?? []) {
        let key = NameKey.make(name)
        guard !key.isEmpty else { continue }
        if !partial {
          keys.append(key)
        } else if entry.type == "person" {
          let words = NameKey.words(key)
          guard words.count >= 2, let last = words.last, last.count >= 4 else { continue }
          keys.append(Array(key[last]))
        }
      }
      var seen = Set<[UInt32]>()
      for key in keys where seen.insert(key).inserted {
        if lists[key] == nil { order.append(key) }
        lists[key, default: []].append(Int32(i))
      }
    }
    var table = HashTable64(capacity: order.count)
    var buckets: [Bucket] = [], keyScalars: [UInt32] = [], postings: [Int32] = []
    for key in order {
      // A 64-bit collision keeps the first key (the lookup compares scalars).
      guard table.insert(NameKey.hash(key), Int32(buckets.count)) else { continue }
      let post = lists[key] ?? []
      buckets.append(Bucket(
        keyStart: Int32(keyScalars.count), keyEnd: Int32(keyScalars.count + key.count),
        postStart: Int32(postings.count), postEnd: Int32(postings.count + post.count)))
      keyScalars.append(contentsOf: key)
      postings.append(contentsOf: post)
    }
    self.table = table
    self.buckets = buckets
    self.keyScalars = keyScalars
    self.postings = postings
  }

  var isEmpty: Bool { buckets.isEmpty }

  /// The entries whose name key is `prefix + key[range]`.
  func lookup(prefix: NameKey.Prefix, _ key: [UInt32], _ range: Range<Int>) -> ArraySlice<Int32> {
    guard !range.isEmpty else { return [] }
    guard let b = table.value(NameKey.hash(prefix: prefix, key, range)) else { return [] }
    let bucket = buckets[Int(b)]
    let pre = prefix.scalars
    guard Int(bucket.keyEnd - bucket.keyStart) == pre.count + range.count else { return [] }
    let same = keyScalars.withUnsafeBufferPointer { stored in
      key.withUnsafeBufferPointer { key in
        var j = Int(bucket.keyStart)
        for v in pre {
          guard stored[j] == v else { return false }
          j += 1
        }
        for i in range {
          guard stored[j] == key[i] else { return false }
          j += 1
        }
        return true
      }
    }
    return same ? postings[Int(bucket.postStart)..<Int(bucket.postEnd)] : []
  }

  // MARK: - Priors

  static func packCountry(_ code: String?) -> UInt16 {
    guard let code else { return 0 }
    let u = Array(code.utf8)
    guard u.count == 2 else { return 0 }
    return UInt16(u[0]) << 8 | UInt16(u[1])
  }

  static func info(_ e: KBEntry) -> EntryInfo {
    let kind: Kind =
      switch e.type {
      case "person": .person
      case "place": .place
      case "org": .org
      default: .misc
      }
    let feature = e.feature ?? ""
    let isCountry = feature.hasPrefix("PCL")
    var prior = 0.3
    if let p = e.population, p > 0 {
      // 1k → 0.3, 100k → 0.5, 10M → 0.7.
      prior = min(0.9, log10Approx(Double(p)) / 10)
    }
    switch feature {
    case _ where isCountry: prior += 1.0
    case "PPLC": prior += 0.4
    case "ADM1": prior += 0.3
    case "PPLA": prior += 0.25
    case "PPLA2": prior += 0.12
    case "PPLA3", "PPLA4": prior += 0.05
    default: break
    }
    if kind != .place && e.id.hasPrefix("wd.") { prior += 0.1 }
    return EntryInfo(kind: kind, prior: prior, country: packCountry(e.country), isCountry: isCountry)
  }

  /// log10 without Foundation (accurate to a few per cent, enough for a prior).
  static func log10Approx(_ x: Double) -> Double {
    guard x > 1 else { return 0 }
    var n = 0.0, v = x
    while v >= 10 { v /= 10; n += 1 }
    return n + (v - 1) / 9 * 0.954  // piecewise-linear inside the decade
  }
}
