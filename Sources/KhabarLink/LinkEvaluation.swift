public import KhabarCore

/// Scores linked documents against gold mentions (see `GoldMention`).
public struct LinkEvaluation: Sendable {
  /// Within this distance a linked place counts as placed right.
  public static let toleranceKm = 25.0

  public enum Found: Sendable, Equatable {
    /// An entity with exactly the gold span.
    case exact
    /// An entity overlapping the gold span with other boundaries.
    case overlap
    case missed
  }

  /// What happened to one gold mention.
  public struct Outcome: Sendable {
    public var gold: GoldMention
    public var found: Found
    public var ref: String?
    public var method: String?
    public var record: AuthorityRecord?
    public var correct: Bool
    /// Distance from the gold coordinates to the linked record's, when both exist.
    public var distanceKm: Double?
    /// The entity's text, when found.
    public var entityText: String?
  }

  public private(set) var outcomes: [Outcome] = []
  /// Gold files with no linked document.
  public private(set) var missingFiles: [String] = []
  /// Entities in scored documents that match no gold mention.
  public private(set) var extraEntities = 0
  public private(set) var entities = 0

  public init() {}

  public mutating func noteMissing(file: String, gold: [GoldMention]) {
    missingFiles.append(file)
    for g in gold {
      outcomes.append(Outcome(gold: g, found: .missed, correct: false))
    }
  }

  /// Scores one document. `raw` is the raw file the gold offsets refer to;
  /// without it the gold surfaces are looked up in the cleaned text.
  public mutating func add(document: Document, gold: [GoldMention], raw: [UInt8]?) throws {
    let text = try document.requireText()
    let items = try document.layer(Entities.self)?.items ?? []
    let links = try document.layer(Links.self)?.items ?? []
    let records = try document.layer(Records.self)?.records ?? [:]
    var linkOf: [Int: Links.Item] = [:]
    for l in links { linkOf[l.entity] = l }
    let scalars = Array(text.unicodeScalars)

    // Entity spans as byte ranges of the same bytes the gold refers to.
    let haystack: [UInt8]
    var spans: [Range<Int>] = []
    if let raw, let offsets = document.offsets, offsets.count > 0 {
      haystack = raw
      for e in items { spans.append(offsets.rawRange(cleanStart: e.start, cleanEnd: e.end, raw: raw)) }
    } else {
      haystack = Array(text.utf8)
      var byteAt = [0]
      byteAt.reserveCapacity(scalars.count + 1)
      for s in scalars { byteAt.append(byteAt[byteAt.count - 1] + UTF8.width(s)) }
      for e in items {
        let lo = min(max(e.start, 0), scalars.count), hi = min(max(e.end, lo), scalars.count)
        spans.append(byteAt[lo]..<byteAt[hi])
      }
    }
    entities += items.count
    var used = Set<Int>()
    for g in gold {
      guard let range = g.byteRange(in: haystack) else {
        outcomes.append(Outcome(gold: g, found: .missed, correct: false))
        continue
      }
      var found = Found.missed
      var best = -1, bestOverlap = 0
      for (k, s) in spans.enumerated() {
        if s == range {
          found = .exact
          best = k
          break
        }
        let overlap = min(s.upperBound, range.upperBound) - max(s.lowerBound, range.lowerBound)
        if overlap > bestOverlap {
          bestOverlap = overlap
          best = k
          found = .overlap
        }
      }
      var outcome = Outcome(gold: g, found: found, correct: false)
      if best >= 0 {
        used.insert(best)
        let e = items[best]
        outcome.entityText = String(String.UnicodeScalarView(scalars[max(0, min(e.start, scalars.count))..<max(0, min(e.end, scalars.count))]))
        if let link = linkOf[best] {
          let record = records[link.ref]
          outcome.ref = link.ref
          outcome.method = link.method
          outcome.record = record
          outcome.correct = g.matches(ref: link.ref, record: record)
          if let (lat, lon) = g.geo, let geo = record?.geo, geo.count == 2 {
            outcome.distanceKm = Geo.distanceKm(lat, lon, geo[0], geo[1])
          }
        }
      }
      outcomes.append(outcome)
    }
    extraEntities += items.indices.filter { !used.contains($0) }.count
  }

  // MARK: - Summary

  public var goldCount: Int { outcomes.count }
  public var foundExact: Int { outcomes.filter { $0.found == .exact }.count }
  public var foundAny: Int { outcomes.filter { $0.found != .missed }.count }
  public var linkedRight: Int { outcomes.filter(\.correct).count }
  /// Right links among mentions whose span the tagger found exactly (linking
  /// judged apart from boundary disagreements such as نظام الأسد vs الأسد).
  public var linkedRightExact: Int { outcomes.filter { $0.found == .exact && $0.correct }.count }
  /// Gold places with coordinates.
  public var placesWithGeo: [Outcome] { outcomes.filter { $0.gold.geo != nil } }
  public var placesWithin: Int {
    placesWithGeo.filter { ($0.distanceKm ?? .infinity) <= LinkEvaluation.toleranceKm }.count
  }
  public var placesLinked: Int { placesWithGeo.filter { $0.found != .missed }.count }
}
