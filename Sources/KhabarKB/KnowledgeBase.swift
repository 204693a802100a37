import KhabarCore

/// The knowledge base, loaded once per process and then only read.
///
/// Names are indexed by `ArabicText.matchKey`, so spelling variants that
/// differ only in alef forms, ى/ي, ة/ه, diacritics or tatweel meet.
public final class KnowledgeBase: Sendable {
  public let entries: [KBEntry]
  private let byID: [String: Int]
  /// Keyed by the UTF-8 bytes of the match key: byte hashing skips the Unicode
  /// normalisation that `String` hashing does for non-ASCII text.
  private let byName: [NameKey: [Int]]
  /// The longest indexed name, in space-separated words.
  public let maxNameWords: Int

  public init(entries: [KBEntry]) {
    self.entries = entries
    var byID: [String: Int] = [:]
    byID.reserveCapacity(entries.count)
    var byName: [NameKey: [Int]] = [:]
    byName.reserveCapacity(entries.count * 2)
    var maxWords = 1
    var keys: [NameKey] = []  // this entry's keys, to index each once
    for i in entries.indices {
      let e = entries[i]
      byID[e.id] = i
      keys.removeAll(keepingCapacity: true)
      for n in 0...e.ar.count {
        guard let name = n < e.ar.count ? e.ar[n] : e.en else { continue }
        let key = NameKey(matching: name)
        guard !key.bytes.isEmpty, !keys.contains(key) else { continue }
        keys.append(key)
        byName[key, default: []].append(i)
        var words = 1
        for b in key.bytes where b == 0x20 { words += 1 }
        maxWords = max(maxWords, words)
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
    (byName[NameKey(matchKey)] ?? []).map { entries[$0] }
  }

  /// True if some entry has this exact name key.
  public func contains(matchKey: String) -> Bool { byName[NameKey(matchKey)] != nil }
}

/// A name's match key as UTF-8 bytes, hashed and compared byte by byte.
struct NameKey: Hashable, Sendable {
  let bytes: [UInt8]
  /// A key that already is a match key.
  init(_ key: String) { bytes = Array(key.utf8) }

  /// The UTF-8 bytes of `ArabicText.matchKey(name)`, built without an intermediate `String`.
  init(matching name: String) {
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    for u in name.unicodeScalars {
      guard let v = ArabicText.matchScalar(u.value) else { continue }
      switch v {
      case 0..<0x80:
        out.append(UInt8(v))
      case 0x80..<0x800:
        out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
      case 0x800..<0x10000:
        out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
      default:
        out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
        out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
      }
    }
    bytes = out
  }
  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}

public struct KBError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
