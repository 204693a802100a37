#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// Splits input files larger than a limit into consecutive parts, each of
/// which becomes a document of its own (`<id>.part-<k>`), so no stage process
/// holds more than about `limit` bytes of text at once: a stage's memory grows
/// with the size of the one record it works on (tens of bytes per byte of
/// text), and a 50 MB "article" would otherwise take gigabytes.
///
/// A part ends at the last paragraph break (a blank line) in the second half
/// of its `limit`-byte window, else at the last line break there, else after
/// the last space or tab, else before the last UTF-8 lead byte. The parts,
/// concatenated, are the file byte for byte, and no character is cut in two.
/// Cuts depend only on the file's bytes and the limit, so reruns split alike.
public enum InputParts {
  /// The default of `maxDocumentBytes` (pipeline.json): 1 MiB, a hundred times
  /// a long news article.
  public static let defaultLimit = 1 << 20

  /// What `expand` made of the inputs.
  public struct Expansion: Sendable {
    public var files: [InputFile]
    /// One note per split file, for the user.
    public var notes: [String]
    /// Files that could not be read to be split, with the reason.
    public var rejected: [(path: String, message: String)]
  }

  /// `files` with each file over `limit` bytes replaced by its parts.
  public static func expand(_ files: [InputFile], limit: Int) -> Expansion {
    var result = Expansion(files: [], notes: [], rejected: [])
    guard files.contains(where: { $0.bytes > limit }) else {
      result.files = files
      return result
    }
    var taken = Set(files.map(\.id))
    for file in files {
      guard file.bytes > limit else {
        result.files.append(file)
        continue
      }
      let starts: [Int]
      do { starts = try cuts(path: file.path, size: file.bytes, limit: limit) } catch {
        result.rejected.append((file.path, "cannot read the file to split it into parts: \(error.reason)"))
        continue
      }
      let parts = self.parts(of: file, starts: starts)
      if let clash = parts.first(where: { taken.contains($0.id) }) {
        result.rejected.append((file.path, "the file is split into parts, and the id of one (\(clash.id)) is also another input's; rename one of them"))
        continue
      }
      taken.formUnion(parts.map(\.id))
      result.files.append(contentsOf: parts)
      result.notes.append(
        "\(file.path) is \(file.bytes) bytes, more than maxDocumentBytes (\(limit)): it is processed as \(parts.count) documents, \(parts[0].id) … \(parts[parts.count - 1].id)")
    }
    return result
  }

  /// The parts of `file` that start at the byte offsets `starts` (the first 0).
  static func parts(of file: InputFile, starts: [Int]) -> [InputFile] {
    let width = String(starts.count).count
    return starts.indices.map { k in
      let end = k + 1 < starts.count ? starts[k + 1] : file.bytes
      let number = String(k + 1)
      let padded = String(repeating: "0", count: width - number.count) + number
      return InputFile(
        path: file.path, id: "\(file.id).part-\(padded)", bytes: end - starts[k],
        part: Document.Part(index: k + 1, count: starts.count, offset: starts[k]))
    }
  }

  /// The start offsets of the parts of a file of `size` bytes.
  static func cuts(path: String, size: Int, limit: Int) throws(IOError) -> [Int] {
    var starts = [0]
    var start = 0
    while size - start > limit {
      // Only the window's second half can hold the cut.
      let half = limit / 2
      let tail = try FileReading.read(path, offset: start + half, count: limit - half)
      guard tail.count == limit - half else {
        throw IOError(path: path, reason: "the file shrank while it was being split")
      }
      start += half + cut(in: tail)
      starts.append(start)
    }
    return starts
  }

  /// Where to end a part whose last bytes are `tail`: an index in `1...tail.count`.
  static func cut(in tail: [UInt8]) -> Int {
    let newline: UInt8 = 0x0A
    var lastBreak: Int?
    var i = tail.count - 1
    while i >= 1 {
      if tail[i] == newline {
        if lastBreak == nil { lastBreak = i }
        if tail[i - 1] == newline || (i >= 2 && tail[i - 1] == 0x0D && tail[i - 2] == newline) { return i + 1 }
      }
      i -= 1
    }
    if let lastBreak { return lastBreak + 1 }
    if let space = tail.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }), space > 0 { return space + 1 }
    // No white space at all: before the last character (a byte that is not a
    // UTF-8 continuation byte 10xxxxxx).
    if let lead = tail.indices.reversed().first(where: { $0 > 0 && tail[$0] & 0xC0 != 0x80 }) { return lead }
    return tail.count
  }
}
