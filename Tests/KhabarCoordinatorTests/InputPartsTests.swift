import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarCoordinator

@Suite struct InputPartsTests {
  @Test func aCutPrefersAParagraphBreakThenALineBreakThenASpace() {
    #expect(InputParts.cut(in: Array("ab\n\ncd\nef gh".utf8)) == 4)
    #expect(InputParts.cut(in: Array("ab\r\n\r\ncd ef".utf8)) == 6)
    #expect(InputParts.cut(in: Array("ab\ncd ef".utf8)) == 3)
    #expect(InputParts.cut(in: Array("ab cd\tef".utf8)) == 6)
  }

  @Test func aCutWithoutWhiteSpaceNeverSplitsACharacter() {
    let tail = Array("بغداددمشق".utf8)
    let cut = InputParts.cut(in: tail)
    #expect(cut > 0 && cut < tail.count)
    #expect(String(validating: tail[..<cut], as: UTF8.self) != nil)
    #expect(String(validating: tail[cut...], as: UTF8.self) != nil)
  }

  /// Random Arabic-and-ASCII files of random sizes split at random limits:
  /// the parts tile the file, none is over the limit, and every part is
  /// valid UTF-8 (the file is).
  @Test func partsTileTheFileWithinTheLimit() throws {
    let dir = try makeTemporaryDirectory()
    var rng = SeededRandom(seed: 7)
    let alphabet = Array("بغداد القائم\nالبوكمال.\n\n".unicodeScalars) + ["x", " ", "\r"]
    for round in 0..<40 {
      let limit = Int.random(in: 16...400, using: &rng)
      var text = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...3000, using: &rng) { text.append(alphabet.randomElement(using: &rng)!) }
      let bytes = Array(String(text).utf8)
      let path = "\(dir)/f\(round).txt"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let starts = try InputParts.cuts(path: path, size: bytes.count, limit: limit)
      #expect(starts.first == 0)
      let ends = Array(starts.dropFirst()) + [bytes.count]
      for (start, end) in zip(starts, ends) {
        #expect(start < end && end - start <= limit, "round \(round): part \(start)..<\(end), limit \(limit)")
        #expect(String(validating: bytes[start..<end], as: UTF8.self) != nil, "round \(round): a character was cut")
      }
      #expect(try InputParts.cuts(path: path, size: bytes.count, limit: limit) == starts, "not deterministic")
    }
  }

  @Test func onlyFilesOverTheLimitAreSplitAndPartsAreNamedInOrder() throws {
    let dir = try makeTemporaryDirectory()
    let big = String(repeating: "قال مسؤول في بغداد.\n\n", count: 400)  // 10,800 bytes
    try Data(big.utf8).write(to: URL(fileURLWithPath: "\(dir)/big.txt"))
    let files = [InputFile(path: "\(dir)/big.txt", id: "big", bytes: big.utf8.count),
                 InputFile(path: "\(dir)/small.txt", id: "small", bytes: 100)]
    let expansion = InputParts.expand(files, limit: 1024)
    let parts = expansion.files.filter { $0.path.hasSuffix("big.txt") }
    #expect(parts.count >= 11 && parts.count <= 99)
    #expect(parts.map(\.id) == (1...parts.count).map { String(format: "big.part-%02d", $0) })
    #expect(parts.map { $0.part?.index ?? 0 } == Array(1...parts.count))
    #expect(parts.allSatisfy { $0.part?.count == parts.count })
    #expect(parts.reduce(0) { $0 + $1.bytes } == big.utf8.count)
    #expect(expansion.files.last == files[1])
    #expect(expansion.notes.count == 1 && expansion.notes[0].contains("big.txt"))
    // A part id that another input already has is refused, not overwritten.
    let clash = InputParts.expand(files + [InputFile(path: "\(dir)/big.part-01.txt", id: "big.part-01", bytes: 5)], limit: 1024)
    #expect(clash.rejected.map(\.path) == ["\(dir)/big.txt"])
  }

  @Test func chunksAlsoEndAtTheirByteBudget() {
    let bytes = [3, 3, 3, 10, 1, 1]
    #expect(Chunking.ranges(count: 6, jobs: 1, chunkSize: 100, bytes: bytes, maxBytes: 6) == [0..<2, 2..<3, 3..<4, 4..<6])
    #expect(Chunking.ranges(count: 6, jobs: 1, chunkSize: 2, bytes: bytes, maxBytes: 100) == [0..<2, 2..<4, 4..<6])
  }
}
