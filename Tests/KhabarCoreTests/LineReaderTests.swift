#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KhabarCore
import KhabarTestSupport
import Testing

@Suite struct LineReaderTests {
  /// Every line of `content`, read through a file.
  func lines(_ content: [UInt8]) throws -> [[UInt8]] {
    let path = "\(try makeTemporaryDirectory())/lines.jsonl"
    try FileIO.writeAtomically(content, to: path)
    let fd = open(path, O_RDONLY)
    #expect(fd >= 0)
    defer { close(fd) }
    var reader = LineReader(fd: fd, path: path)
    var out: [[UInt8]] = []
    while let line = try reader.next() { out.append(line) }
    #expect(reader.lineNumber == out.count)
    return out
  }

  @Test func splitsAtNewlinesKeepingEmptyLinesAndALastUnterminatedOne() throws {
    #expect(try lines(Array("a\n\nbc\r\nd".utf8)) == [[0x61], [], [0x62, 0x63, 0x0D], [0x64]])
    #expect(try lines(Array("a\n".utf8)) == [[0x61]])
    #expect(try lines([]) == [])
  }

  @Test func readsLinesLongerThanItsBuffer() throws {
    // Lines of 0.1 to 3 buffers (64 KB), so newlines fall before, inside and across reads.
    var rng = SeededRandom(seed: 7)
    var expected: [[UInt8]] = []
    for _ in 0..<12 {
      let count = Int.random(in: 6_000..<200_000, using: &rng)
      expected.append((0..<count).map { _ in UInt8.random(in: 0x20..<0x7F, using: &rng) })
    }
    let content: [UInt8] = expected.flatMap { $0 + [0x0A] }
    #expect(try lines(content) == expected)
  }
}
