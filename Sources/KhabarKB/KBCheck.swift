/// Consistency checks of a loaded knowledge base (used by `khabar-kb check` and the tests).
public enum KBCheck {
  static let types: Set<String> = ["place", "person", "org", "misc"]
  static let precisions: Set<String> = ["point", "city", "region", "country"]

  /// Human-readable problems: duplicate ids, ids against the convention, bad fields. Empty when all is well.
  public static func problems(_ kb: KnowledgeBase) -> [String] {
    var out: [String] = []
    var seen = Set<String>()
    for e in kb.entries {
      if !seen.insert(e.id).inserted { out.append("\(e.id): duplicate id") }
      if !types.contains(e.type) { out.append("\(e.id): unknown type '\(e.type)'") }
      if let p = e.precision, !precisions.contains(p) { out.append("\(e.id): unknown precision '\(p)'") }
      if let g = e.geo, g.count != 2 || !(-90...90).contains(g[0]) || !(-180...180).contains(g[1]) {
        out.append("\(e.id): bad coordinates \(g)")
      }
      if e.ar.isEmpty, e.en == nil { out.append("\(e.id): no name") }
      let expected: String
      if let q = e.ids["wikidata"] {
        expected = "wd.\(q)"
      } else if let g = e.ids["geonames"] {
        expected = "gn.\(g)"
      } else {
        expected = "kh.\(e.type).\(KBSlug.slug(e.en ?? ""))"
      }
      if e.id != expected { out.append("\(e.id): id should be \(expected) by the convention") }
    }
    return out
  }
}
