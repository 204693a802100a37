import KhabarCore

/// One entity as the register's files show it.
public struct RegisterEntity: Sendable {
  public var id: String
  /// The authority record (the one whose canonical JSON sorts first when records disagree).
  public var record: AuthorityRecord
  /// Surface forms met in the texts, with their counts.
  public var variants: [String: Int]
  public var mentions: Int
  /// The ids of the articles naming it, in byte order, each once.
  public var articles: [String]

  /// Arabic names: the record's own, then the forms met in the texts by
  /// falling count, then byte order.
  public var arabicNames: [String] {
    let seen = variants.sorted { a, b in
      a.value != b.value ? a.value > b.value : UTF8Order.precedes(a.key, b.key)
    }.map(\.key)
    return TEIRecords.arabicNames(record, seen: seen)
  }

  /// Latitude and longitude when the record has finite ones.
  public var coordinates: (lat: Double, lon: Double)? {
    guard let g = record.geo, g.count == 2, g[0].isFinite, g[1].isFinite, abs(g[0]) <= 90, abs(g[1]) <= 180
    else { return nil }
    return (g[0], g[1])
  }
}

/// What the register's four files are written from: every entity in byte
/// order of id, and the co-occurrence edges. Held in memory
/// (`CorpusRegister`) or merged from sorted runs on disk (`RegisterRuns`):
/// the same contents give the same bytes.
public protocol RegisterContents {
  /// Records reduced (an article given twice counts twice).
  var articleCount: Int { get }
  var entityCount: Int { get }
  /// Calls `body` with the entities, in byte order of id, whose position in
  /// that order `keep` accepts (the others are not made at all).
  func forEachEntity(where keep: (_ position: Int) -> Bool, _ body: (RegisterEntity) throws -> Void) throws
  /// Calls `body` with every edge (source id < target id in byte order, weight),
  /// sorted by source then target.
  func forEachEdge(_ body: (_ source: String, _ target: String, _ weight: Int) throws -> Void) throws
}

extension RegisterContents {
  /// Calls `body` with every entity, in byte order of id.
  public func forEachEntity(_ body: (RegisterEntity) throws -> Void) throws {
    try forEachEntity(where: { _ in true }, body)
  }
}

extension CorpusRegister: RegisterContents {
  public func forEachEntity(where keep: (Int) -> Bool, _ body: (RegisterEntity) throws -> Void) throws {
    try SortedRegister(self).forEachEntity(where: keep, body)
  }

  public func forEachEdge(_ body: (String, String, Int) throws -> Void) throws {
    try SortedRegister(self).forEachEdge(body)
  }
}

/// A `CorpusRegister` with its ids sorted once, for writing several files.
public struct SortedRegister: RegisterContents, Sendable {
  public let register: CorpusRegister
  let ordered: [String]

  public init(_ register: CorpusRegister) {
    self.register = register
    ordered = register.sortedIDs
  }

  public var articleCount: Int { register.articleCount }
  public var entityCount: Int { register.entityCount }

  public func forEachEntity(where keep: (Int) -> Bool, _ body: (RegisterEntity) throws -> Void) throws {
    for (position, id) in ordered.enumerated() where keep(position) {
      guard let e = register.entity(id) else { continue }
      try body(e)
    }
  }

  public func forEachEdge(_ body: (String, String, Int) throws -> Void) throws {
    for edge in register.rankedEdges(ordered) { try body(ordered[edge.source], ordered[edge.target], edge.weight) }
  }
}
