public import KhabarCore

/// One hand-annotated mention of `data/gold/link-gold.tsv`.
public struct GoldMention: Sendable, Equatable {
  /// The seed's file stem.
  public var file: String
  /// The mention as written in the raw file.
  public var surface: String
  /// 1-based: the n-th occurrence of `surface` as a substring of the raw file.
  public var occurrence: Int
  /// "person", "place" or "org".
  public var type: String
  public var id: String
  /// True coordinates (latitude, longitude) of a point-like place.
  public var geo: (Double, Double)?

  public init(file: String, surface: String, occurrence: Int, type: String, id: String, geo: (Double, Double)?) {
    self.file = file
    self.surface = surface
    self.occurrence = occurrence
    self.type = type
    self.id = id
    self.geo = geo
  }

  public static func == (a: GoldMention, b: GoldMention) -> Bool {
    a.file == b.file && a.surface == b.surface && a.occurrence == b.occurrence && a.type == b.type && a.id == b.id
      && a.geo?.0 == b.geo?.0 && a.geo?.1 == b.geo?.1
  }

  /// Parses the gold file: tab-separated `file surface occurrence type id lat lon`,
  /// `#` comments and blank lines ignored.
  public static func parse(_ text: String, origin: String = "gold") throws -> [GoldMention] {
    var out: [GoldMention] = []
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
      if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) || trimmed.hasPrefix("#") { continue }
      let f = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      func fail(_ why: String) -> GoldError { GoldError("\(origin):\(lineNumber): \(why)") }
      guard f.count == 7 else { throw fail("expected 7 tab-separated columns, found \(f.count)") }
      guard !f[0].isEmpty, !f[1].isEmpty, !f[4].isEmpty else { throw fail("file, surface and id must not be empty") }
      guard let occurrence = Int(f[2]), occurrence >= 1 else { throw fail("occurrence must be a positive integer, not \"\(f[2])\"") }
      var geo: (Double, Double)?
      if f[5] != "-" || f[6] != "-" {
        guard let lat = Double(f[5]), let lon = Double(f[6]), abs(lat) <= 90, abs(lon) <= 180 else {
          throw fail("lat and lon must be degrees or both \"-\", not \"\(f[5])\" \"\(f[6])\"")
        }
        geo = (lat, lon)
      }
      out.append(GoldMention(file: f[0], surface: f[1], occurrence: occurrence, type: f[3], id: f[4], geo: geo))
    }
    return out
  }

  /// The byte range of this mention in the raw file's bytes, or nil when the
  /// surface occurs fewer than `occurrence` times.
  public func byteRange(in raw: [UInt8]) -> Range<Int>? {
    let needle = Array(surface.utf8)
    guard !needle.isEmpty, needle.count <= raw.count else { return nil }
    var seen = 0
    var i = 0
    while i + needle.count <= raw.count {
      if raw[i] == needle[0] && raw[i..<(i + needle.count)].elementsEqual(needle) {
        seen += 1
        if seen == occurrence { return i..<(i + needle.count) }
      }
      i += 1
    }
    return nil
  }

  /// True when `ref` (with its record) is the gold record: the same id, or a
  /// record carrying the gold id's GeoNames or Wikidata identifier.
  public func matches(ref: String, record: AuthorityRecord?) -> Bool {
    if ref == id { return true }
    guard let record else { return false }
    if id.hasPrefix("gn."), record.ids["geonames"] == String(id.dropFirst(3)) { return true }
    if id.hasPrefix("wd."), record.ids["wikidata"] == String(id.dropFirst(3)) { return true }
    return false
  }
}

public struct GoldError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
