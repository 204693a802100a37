@testable import KhabarExport
import KhabarTestSupport
import Testing

@Suite struct SourceTextTests {
  /// Every scalar range gives the sanitised text of those scalars.
  @Test func scalarRangesGiveTheSanitisedText() {
    var rng = SeededRandom(seed: 13)
    for _ in 0..<300 {
      let s = XMLWriterTests.randomString(&rng)
      let source = SourceText(s)
      let scalars = Array(s.unicodeScalars)
      #expect(source.count == scalars.count, "seed 13, \(scalars)")
      #expect(source.string(0..<source.count) == XMLText.sanitized(s), "seed 13, \(scalars)")
      #expect(source.bytes == Array(XMLText.sanitized(s).utf8), "seed 13, \(scalars)")
      guard source.count > 0 else { continue }
      let lo = Int.random(in: 0..<source.count, using: &rng)
      let hi = Int.random(in: lo...source.count, using: &rng)
      var piece = String.UnicodeScalarView()
      piece.append(contentsOf: scalars[lo..<hi])
      #expect(Array(source.string(lo..<hi).utf8) == Array(XMLText.sanitized(String(piece)).utf8), "seed 13, \(scalars) \(lo)..<\(hi)")
    }
  }
}
