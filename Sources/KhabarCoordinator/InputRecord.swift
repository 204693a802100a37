import KhabarCore

/// Turns an input file (or one part of it) into the record the first stage
/// reads: `{"id", "raw", "schema":1, "source":{"bytes","part"?,"path","sha256"}}`.
public enum InputRecord {
  /// An input file that cannot become a record.
  public struct Invalid: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Names the record's format in the hash cache: bump it when the bytes
  /// `jsonLine` makes from the same file change.
  static let format = 1

  /// The record as one JSON line (without the newline); `bytes` are the
  /// file's, or the part's when `file` is a part.
  /// - Throws: `Invalid` when the bytes are not UTF-8 (naming the byte offset in the file).
  public static func jsonLine(for file: InputFile, bytes: [UInt8]) throws(Invalid) -> [UInt8] {
    if let offset = KhabarCore.firstInvalidUTF8(bytes) {
      let inFile = offset + (file.part?.offset ?? 0)
      throw Invalid(description: "not valid UTF-8 at byte offset \(inFile) (convert the file to UTF-8)")
    }
    let raw = String(decoding: bytes, as: UTF8.self)
    let source = Document.Source(path: file.path, sha256: SHA256.hex(bytes), bytes: bytes.count, part: file.part)
    return Document(id: file.id, source: source, raw: raw).jsonLine()
  }
}
