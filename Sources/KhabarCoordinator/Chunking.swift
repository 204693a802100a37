import KhabarCore

/// Groups work into chunks (many records per stage process) and splits a
/// stage's JSON Lines output back into one record per input file.
public enum Chunking {
  /// The default largest chunk (bounds the coordinator's memory: a chunk's
  /// records are held in memory between stages).
  public static let maxChunkSize = 512

  /// Chunks are not made smaller than this by default: every stage process
  /// pays its start-up (loading models, the knowledge base) once per chunk.
  public static let minChunkSize = 16

  /// The most input bytes in one chunk (unless one record alone is more):
  /// the coordinator holds a chunk's records in memory, several copies of
  /// them between stages, and records grow to about seven times their text.
  public static let maxChunkBytes = 4 << 20

  /// Consecutive ranges covering `0..<count`. Without an explicit size, the
  /// chunks give every job about two (few process start-ups, and the last
  /// ones still balance out), hold
  /// at least `minChunkSize` records unless that would leave jobs idle, and
  /// at most `maxChunkSize`. With `bytes` (each record's input size), a
  /// chunk also ends before it would exceed `maxBytes`.
  public static func ranges(count: Int, jobs: Int, chunkSize: Int?, bytes: [Int]? = nil,
                            maxBytes: Int = maxChunkBytes) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let jobs = max(1, jobs)
    let balanced = (count + jobs * 2 - 1) / (jobs * 2)
    let perJob = (count + jobs - 1) / jobs
    let size = chunkSize ?? min(maxChunkSize, max(1, balanced, min(minChunkSize, perJob)))
    let bySize = stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    guard let bytes else { return bySize }
    var out: [Range<Int>] = []
    for range in bySize {
      var start = range.lowerBound, total = 0
      for i in range {
        if i > start && total + bytes[i] > maxBytes {
          out.append(start..<i)
          start = i
          total = 0
        }
        total += bytes[i]
      }
      out.append(start..<range.upperBound)
    }
    return out
  }

  /// One output line and the record id it carries.
  public struct Line: Sendable, Equatable {
    public var id: String
    /// The line's bytes, without the newline.
    public var bytes: [UInt8]
  }

  /// Splits JSON Lines output into records with their ids (blank lines are
  /// skipped). - Throws: a message naming the line when a line is not a
  /// JSON object with a string "id".
  public static func split(_ output: [UInt8]) throws(SplitError) -> [Line] {
    var lines = Lines()
    var start = 0
    while start < output.count {
      let end = output[start...].firstIndex(of: 0x0A) ?? output.count
      try lines.take(output[start..<end])
      start = end + 1
    }
    return lines.lines
  }

  /// `split` of a file's contents, read a block at a time: a chunk's output
  /// can be hundreds of megabytes, and this holds it once (as its lines),
  /// not twice.
  static func split(contentsOf path: String) throws -> [Line] {
    var lines = Lines()
    try FileReading.forEachLine(path) { try lines.take($0) }
    return lines.lines
  }

  /// The records of JSON Lines output, line after line. Each line's array
  /// has room for the newline its record gets back when committed.
  private struct Lines {
    var lines: [Line] = []
    var number = 0

    mutating func take(_ bytes: ArraySlice<UInt8>) throws(SplitError) {
      number += 1
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      var line: [UInt8] = []
      line.reserveCapacity(bytes.count + 1)
      line += bytes
      guard let id = recordID(line) else {
        throw SplitError(description: "output line \(number) is not a JSON record with an \"id\"")
      }
      lines.append(Line(id: id, bytes: line))
    }
  }

  /// Groups lines by id, keeping their order.
  public static func group(_ lines: [Line]) -> [String: [[UInt8]]] {
    var out: [String: [[UInt8]]] = [:]
    for line in lines { out[line.id, default: []].append(line.bytes) }
    return out
  }

  /// The top-level "id" of a JSON object line, reading nothing else into memory.
  static func recordID(_ line: [UInt8]) -> String? {
    var r = JSONReader(line)
    do {
      try r.beginObject()
      var id: String?
      while let key = try r.nextKey() {
        if key == "id" { id = try r.readString() } else { try r.skipValue() }
      }
      try r.expectEnd()
      return id
    } catch {
      return nil
    }
  }

  public struct SplitError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }
}
