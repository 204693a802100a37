import KhabarCore
import KhabarTestSupport
import Testing
@testable import KhabarKB

/// The name index of `KnowledgeBase`.
@Suite struct KnowledgeBaseIndexTests {
  /// Scalars the random names are drawn from: Arabic letters and marks, Persian letters, digits, Latin, controls.
  static let alphabet: [UInt32] = Array(0x0621...0x064A) + Array(0x064B...0x0652) + [0x0640, 0x0670, 0x0671, 0x06A9, 0x06CC, 0x06C1, 0x06C0]
    + Array(0x0660...0x0669) + Array(0x06F0...0x06F9) + [0x20, 0x41, 0x5A, 0x61, 0x2E, 0x200C, 0x200F, 0xFEFF, 0x1F600]

  @Test func byteKeyEqualsMatchKey() {
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SeededRandom(seed: seed)
    for _ in 0..<2000 {
      var s = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...12, using: &rng) {
        if let u = Unicode.Scalar(Self.alphabet.randomElement(using: &rng) ?? 0x20) { s.append(u) }
      }
      let name = String(s)
      #expect(NameKey(matching: name).bytes == Array(ArabicText.matchKey(name).utf8), "seed \(seed): \(name)")
    }
  }

  @Test func lookupFoldsSpellingsAndIndexesEnglishLabels() {
    let kb = KnowledgeBase(entries: [
      KBEntry(id: "kh.place.a", type: "place", en: "Al-Qaim", ar: ["القائم", "القَائِم"]),
      KBEntry(id: "kh.place.b", type: "place", en: "Qaim Two", ar: ["القائم"]),
      KBEntry(id: "kh.org.c", type: "org", en: "Three Word Name Here", ar: ["قوات سوريا الديموقراطية"]),
    ])
    #expect(kb.candidates(matchKey: ArabicText.matchKey("القـائم")).map(\.id) == ["kh.place.a", "kh.place.b"])
    #expect(kb.candidates(matchKey: "al-qaim").map(\.id) == ["kh.place.a"])
    #expect(kb.contains(matchKey: ArabicText.matchKey("قوات سوريا الديموقراطيّة")))
    #expect(!kb.contains(matchKey: "قوات"))
    #expect(kb.maxNameWords == 4)
    #expect(kb.entry(id: "kh.org.c")?.type == "org")
    #expect(kb.entry(id: "kh.org.x") == nil)
  }
}
