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

/// The byte-level shortcuts of `TEIValues` give what the general,
/// scalar-by-scalar versions give.
@Suite struct TEIValuesShortcutTests {
  static let pieces = XMLWriterTests.alphabet + ["1", "2", "0", ".", "..", "-beta", "_", "__", "\u{3000}", "\u{2009}"]

  static func randomString(_ rng: inout SeededRandom) -> String {
    (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
  }

  @Test func shortcutsAgreeWithTheGeneralCase() {
    var rng = SeededRandom(seed: 14)
    for _ in 0..<3000 {
      let s = Self.randomString(&rng)
      let scalars = Array(s.unicodeScalars)
      // Bytes, not String ==, which would accept a canonically equivalent result.
      #expect(TEIValues.token(s).map { Array($0.utf8) } == TEIValues.tokenByScalars(s).map { Array($0.utf8) }, "seed 14, \(scalars)")
      #expect(Array(TEIValues.oneLine(s).utf8) == Array(TEIValues.oneLineByScalars(s).utf8), "seed 14, \(scalars)")
      #expect(Array(TEIValues.applicationVersion(s).utf8) == Array(TEIValues.applicationVersionByComponents(s).utf8),
              "seed 14, \(scalars)")
    }
    #expect(TEIValues.token("link_") == "link")
    #expect(TEIValues.applicationVersion("1.0.0") == "1.0.0")
    #expect(TEIValues.oneLine("a  b") == "a b")
  }
}
