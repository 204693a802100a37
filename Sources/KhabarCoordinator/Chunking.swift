import KhabarCore

/// Groups work into chunks (many records per stage process) and splits a
/// stage's JSON Lines output back into one record per input file.
public enum Chunking {
  /// The default largest chunk (bounds the coordinator's memory: a chunk's
  /// records are held in memory between stages).
  public static let maxChunkSize = 512

  /// The most input bytes in one chunk (unless one record alone is more):
  /// the coordinator holds a chunk's records in memory, several copies of
  /// them between stages, and records grow to about seven times their text.
  public static let maxChunkBytes = 4 << 20

  /// Consecutive ranges covering `0..<count`. Without an explicit size, a run
  /// that fits in `jobs` chunks of `maxChunkSize` gets one chunk per job, of
  /// about equal input bytes when `bytes` (each record's input size) is given:
  /// every stage process starts once per chunk, and the jobs finish together
  /// (1,000 articles, JOBS=2: 1.96–1.99 s against 2.06–2.32 s with two chunks
  /// per job). Larger runs get chunks of `maxChunkSize`. With `bytes`, a chunk
  /// also ends before it would exceed `maxBytes`.
  public static func ranges(count: Int, jobs: Int, chunkSize: Int?, bytes: [Int]? = nil,
                            maxBytes: Int = maxChunkBytes) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let jobs = max(1, jobs)
    var parts: [Range<Int>]
    if chunkSize == nil && count <= jobs * maxChunkSize {
      parts = equalParts(count: count, parts: jobs, bytes: bytes).flatMap { every(maxChunkSize, in: $0) }
    } else {
      parts = every(chunkSize ?? maxChunkSize, in: 0..<count)
    }
    guard let bytes else { return parts }
    var out: [Range<Int>] = []
    for range in parts {
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

  /// Consecutive ranges of `size` records covering `range`.
  static func every(_ size: Int, in range: Range<Int>) -> [Range<Int>] {
    stride(from: range.lowerBound, to: range.upperBound, by: max(1, size)).map {
      $0..<min(range.upperBound, $0 + max(1, size))
    }
  }

  /// At most `parts` non-empty consecutive ranges covering `0..<count`, of about equal total `bytes` (of
  /// about equal counts without them).
  static func equalParts(count: Int, parts: Int, bytes: [Int]?) -> [Range<Int>] {
    let parts = min(parts, count)
    guard let bytes, parts > 1 else { return every((count + parts - 1) / parts, in: 0..<count) }
    let total = bytes.reduce(0) { $0 + max(1, $1) }
    var out: [Range<Int>] = [], start = 0, sum = 0
    for i in 0..<count {
      sum += max(1, bytes[i])
      // Part k ends once the running sum reaches k/parts of the total, leaving a record for every later part.
      let k = out.count + 1
      if k < parts && (sum * parts >= total * k || count - (i + 1) == parts - k) {
        out.append(start..<(i + 1))
        start = i + 1
      }
    }
    out.append(start..<count)
    return out
  }

  /// Where one record is in a stage's output: its line's byte offset and
  /// length (without the newline).
  public struct Place: Sendable, Equatable {
    public var offset: Int
    public var count: Int
  }

  /// Where the records of JSON Lines output are, by id, in order (blank lines
  /// are skipped). - Throws: a message naming the line when a line is not a
  /// JSON object with a string "id".
  public static func index(_ output: [UInt8]) throws(SplitError) -> [String: [Place]] {
    var index = Index()
    var start = 0
    while start < output.count {
      let end = output[start...].firstIndex(of: 0x0A) ?? output.count
      try index.take(output[start..<end])
      start = end + 1
    }
    return index.places
  }

  /// `index` of a file, read a block at a time and not held: a chunk's output
  /// can be hundreds of megabytes, and its records are then read one at a
  /// time from their places (`FileReading.withPositionalReads`).
  static func index(contentsOf path: String) throws -> [String: [Place]] {
    var index = Index()
    try FileReading.forEachLine(path) { try index.take($0) }
    return index.places
  }

  /// The places of the lines taken so far, line after line.
  private struct Index {
    var places: [String: [Place]] = [:]
    var number = 0
    var offset = 0

    mutating func take(_ bytes: ArraySlice<UInt8>) throws(SplitError) {
      number += 1
      defer { offset += bytes.count + 1 }
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      guard let id = recordID(bytes) else {
        throw SplitError(description: "output line \(number) is not a JSON record with an \"id\"")
      }
      places[id, default: []].append(Place(offset: offset, count: bytes.count))
    }
  }

  /// The top-level "id" of a JSON object line, reading nothing else into memory.
  static func recordID(_ line: ArraySlice<UInt8>) -> String? {
    var r = JSONReader(Array(line))
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
