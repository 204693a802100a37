import KhabarCore
import KhabarExport

/// Checks RELAX NG cannot do: pointers resolve, ids are unique, tokens
/// rebuild the text.
enum TEIChecks {
  /// Every `xml:id` in the document, with duplicates reported.
  static func ids(_ root: XMLElement) -> (all: Set<String>, duplicates: [String]) {
    var all = Set<String>(), duplicates: [String] = []
    for e in root.descendants() {
      if let id = e[attribute: "xml:id"], !all.insert(id).inserted { duplicates.append(id) }
    }
    return (all, duplicates)
  }

  /// Local pointers (`#id` in ref, resp, rendition, calendar, datingMethod, who)
  /// that do not resolve, and external refs that are not http(s) URIs.
  static func danglingPointers(_ root: XMLElement) -> [String] {
    let known = ids(root).all
    var bad: [String] = []
    for e in root.descendants() {
      for (name, value) in e.attributes where ["ref", "resp", "rendition", "calendar", "datingMethod", "who", "target"].contains(name) {
        for pointer in value.split(separator: " ") {
          if pointer.hasPrefix("#") {
            if !known.contains(String(pointer.dropFirst())) { bad.append("\(e.name)/@\(name)=\(pointer)") }
          } else if name == "ref" && !(pointer.hasPrefix("http://") || pointer.hasPrefix("https://")) {
            bad.append("\(e.name)/@\(name)=\(pointer)")
          }
        }
      }
    }
    return bad
  }

  /// The `s` elements in document order.
  static func sentences(_ root: XMLElement) -> [XMLElement] { root.descendants().filter { $0.name == "s" } }

  /// The block elements of the body div, in order.
  static func blocks(_ root: XMLElement) -> [XMLElement] {
    root.first("text")?.first("body")?.first("div")?.elements ?? []
  }

  /// Rebuilds a sentence from its `w`/`pc` tokens alone, ignoring the text
  /// between them: tokens joined by one space unless `@join` says they touch
  /// (what a tool that drops whitespace-only nodes has to do).
  static func rebuildFromTokens(_ s: XMLElement) -> String {
    var tokens: [XMLElement] = []
    func walk(_ e: XMLElement) {
      for c in e.elements { if c.name == "w" || c.name == "pc" { tokens.append(c) } else { walk(c) } }
    }
    walk(s)
    var out = ""
    for (i, t) in tokens.enumerated() {
      if i > 0 {
        let prevJoin = tokens[i - 1][attribute: "join"], join = t[attribute: "join"]
        let joined = prevJoin == "right" || prevJoin == "both" || join == "left" || join == "both"
        if !joined { out += " " }
      }
      out += t.textContent
    }
    return out
  }
}
