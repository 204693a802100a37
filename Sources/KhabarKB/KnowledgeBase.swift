public import KhabarCore

/// The knowledge base, loaded once per process and then only read.
///
/// Names are indexed by `ArabicText.matchKey`, so spelling variants that
/// differ only in alef forms, ى/ي, ة/ه, diacritics or tatweel meet.
public final class KnowledgeBase: Sendable {
  public let entries: [KBEntry]
  private let byID: [String: Int]
  private let byName: [String: [Int]]
  /// The longest indexed name, in space-separated words.
  public let maxNameWords: Int

  public init(entries: [KBEntry]) {
    self.entries = entries
    var byID: [String: Int] = [:]
    var byName: [String: [Int]] = [:]
    var maxWords = 1
    for (i, e) in entries.enumerated() {
      byID[e.id] = i
      var seen = Set<String>()
      for name in e.ar + (e.en.map { [$0] } ?? []) {
        let key = ArabicText.matchKey(name)
        guard !key.isEmpty, seen.insert(key).inserted else { continue }
        byName[key, default: []].append(i)
        maxWords = max(maxWords, 1 + key.utf8.reduce(0) { $1 == 0x20 ? $0 + 1 : $0 })
      }
    }
    self.byID = byID
    self.byName = byName
    self.maxNameWords = maxWords
  }

  /// Loads `<dataDirectory>/kb/entries.jsonl`.
  public static func load(dataDirectory: String) throws -> KnowledgeBase {
    let path = "\(dataDirectory)/kb/entries.jsonl"
    let bytes = try FileIO.read(path)
    var entries: [KBEntry] = []
    entries.reserveCapacity(bytes.count / 180)
    var lineStart = 0
    var lineNumber = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      lineNumber += 1
      defer { lineStart = i + 1 }
      guard i > lineStart else { continue }
      // The reader shares `bytes` (no per-line copy); the entry must end the line.
      var r = JSONReader(bytes, from: lineStart)
      do {
        entries.append(try KBEntry(from: &r))
        guard r.index <= i, !bytes[r.index..<i].contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else {
          throw r.error("unexpected data after the entry (one entry per line)")
        }
      } catch {
        throw KBError("\(path):\(lineNumber): \(error)")
      }
    }
    return KnowledgeBase(entries: entries)
  }

  public func entry(id: String) -> KBEntry? { byID[id].map { entries[$0] } }

  /// Entries with a name whose match key equals `matchKey` (exact, no clitics stripped).
  public func candidates(matchKey: String) -> [KBEntry] {
    (byName[matchKey] ?? []).map { entries[$0] }
  }

  /// True if some entry has this exact name key.
  public func contains(matchKey: String) -> Bool { byName[matchKey] != nil }
}

public struct KBError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
