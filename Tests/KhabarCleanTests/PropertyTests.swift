import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarClean

/// Seeded random properties: idempotence, an exact and monotonic offset map,
/// NFC and XML-safe output, no crash on any input.
@Suite struct PropertyTests {
  /// Pieces random articles are made of: the defects the cleaner handles.
  static let pieces: [String] = [
    "ا", "ل", "ب", "ي", "و", "ه", "ة", "ى", "ء", "أ", "ئ", "ؤ", "ت", "م", "ن", "ع", "ر", "القائم", "البوكمال", "بغداد",
    "\u{064E}", "\u{064B}", "\u{0651}", "\u{0652}", "\u{0650}", "\u{0653}", "\u{0654}", "\u{0655}", "\u{0670}",
    "\u{0640}", "\u{0640}\u{0640}", " ", "  ", "\t", "\u{00A0}", "\n", "\n\n", "\r\n", "\r", "\u{2028}", "\u{0085}",
    ".", ",", "،", "؛", "؟", "!", ":", ". .", "., ", " ،", " .", "...", "…", "«", "»", "\"", "“", "”", "(", ")",
    "(غيتي)", "[ad_1]", " – ", " - ", "@handle", "المصدر", "صحافية", "x", "U.S.", "2017", "٢٠١٧",
    "\u{FEFB}", "\u{FEF7}", "\u{FBFE}", "\u{FB8F}", "\u{FE8D}", "\u{FDF2}", "\u{FC60}", "\u{FE70}", "\u{FE71}", "\u{06CC}", "\u{06A9}", "\u{06C0}",
    "\u{06D5}\u{0654}", "\u{200B}", "\u{200F}", "\u{202B}", "\u{2067}", "\u{061C}", "\u{FEFF}", "\u{00AD}",
    "\u{0000}", "\u{0002}", "\u{001B}", "\u{007F}", "\u{009B}", "\u{FFFF}", "\u{FFFE}", "\u{000B}", "\u{000C}",
    "e\u{0301}", "\u{212B}", "\u{1100}\u{1161}", "\u{11A8}", "中文", "😀", "\u{0301}", "\u{05B4}",
  ]

  static func randomArticle(_ rng: inout SeededRandom, pieces count: Int) -> String {
    var s = ""
    for _ in 0..<count {
      if Int.random(in: 0..<10, using: &rng) == 0 {
        // Any scalar at all.
        let v = UInt32.random(in: 0...0x10FFFF, using: &rng)
        if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
      } else {
        s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
      }
    }
    return s
  }

  @Test func cleaningIsIdempotent() {
    for seed in UInt64(1)...300 {
      var rng = SeededRandom(seed: seed)
      let raw = Self.randomArticle(&rng, pieces: Int.random(in: 0..<120, using: &rng))
      let once = Cleaner().clean(raw)
      let twice = Cleaner().clean(once.text)
      #expect(twice.text == once.text, "seed \(seed): not idempotent\nraw:   \(debug(raw))\nonce:  \(debug(once.text))\ntwice: \(debug(twice.text))")
      if twice.text != once.text { return }
    }
  }

  @Test func everyOptionCombinationIsIdempotent() {
    for seed in UInt64(1)...300 {
      var rng = SeededRandom(seed: seed)
      let flags = CleanOptions.names.map { ($0, Bool.random(using: &rng)) }
      let options = CleanOptions { name in flags.first { $0.0 == name }?.1 }
      let raw = Self.randomArticle(&rng, pieces: Int.random(in: 0..<80, using: &rng))
      let once = Cleaner(options: options).clean(raw)
      let twice = Cleaner(options: options).clean(once.text)
      #expect(twice.text == once.text, "seed \(seed), options \(flags.filter(\.1).map(\.0)): \nraw:   \(debug(raw))\nonce:  \(debug(once.text))\ntwice: \(debug(twice.text))")
      if twice.text != once.text { return }
      #expect(throws: Never.self) { try once.offsets.validate(textLength: once.text.unicodeScalars.count) }
    }
  }

  @Test func seedsAreIdempotent() throws {
    for file in SeedWordTests.seeds {
      let raw = try String(contentsOfFile: "\(TestPaths.seeds)/\(file)", encoding: .utf8)
      let once = Cleaner().clean(raw)
      #expect(Cleaner().clean(once.text).text == once.text, "\(file)")
    }
  }

  @Test func offsetMapIsExactAndMonotonic() throws {
    for seed in UInt64(1)...300 {
      var rng = SeededRandom(seed: seed)
      let raw = Self.randomArticle(&rng, pieces: Int.random(in: 0..<120, using: &rng))
      let cleaned = Cleaner().clean(raw)
      try checkMap(raw: raw, cleaned: cleaned, context: "seed \(seed)")
    }
  }

  @Test func seedMapsAreExact() throws {
    for file in SeedWordTests.seeds {
      let raw = try String(contentsOfFile: "\(TestPaths.seeds)/\(file)", encoding: .utf8)
      try checkMap(raw: raw, cleaned: Cleaner().clean(raw), context: file)
    }
  }

  @Test func outputIsNFCAndXMLSafe() {
    for seed in UInt64(1)...300 {
      var rng = SeededRandom(seed: seed)
      let raw = Self.randomArticle(&rng, pieces: Int.random(in: 0..<120, using: &rng))
      let text = Cleaner().clean(raw).text
      #expect(text.unicodeScalars.allSatisfy { !ScalarClass.isXMLIllegal($0.value) }, "seed \(seed)")
      #expect(Array(text.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars),
              "seed \(seed): not NFC: \(debug(text))")
      for u in text.unicodeScalars {
        let v = u.value
        #expect(!ScalarClass.isInvisible(v) && !(0xFB50...0xFDFF).contains(v) || PresentationForms.expansion(v) == nil,
                "seed \(seed): \(String(v, radix: 16)) left in the text")
      }
    }
  }

  @Test func blocksTileTheLines() {
    for seed in UInt64(1)...200 {
      var rng = SeededRandom(seed: seed)
      let raw = Self.randomArticle(&rng, pieces: Int.random(in: 0..<120, using: &rng))
      let cleaned = Cleaner().clean(raw)
      let scalars = Array(cleaned.text.unicodeScalars)
      var expected: [Range<Int>] = []
      var start = 0
      for (i, u) in scalars.enumerated() where u == "\n" {
        expected.append(start..<i)
        start = i + 1
      }
      if !scalars.isEmpty { expected.append(start..<scalars.count) }
      #expect(Array(cleaned.blocks.spans) == expected, "seed \(seed): \(debug(cleaned.text))")
      #expect(!cleaned.text.hasPrefix(" ") && !cleaned.text.contains("\n\n") && !cleaned.text.contains(" \n"))
    }
  }

  @Test func arbitraryScalarsAndLongLinesNeverCrash() {
    var rng = SeededRandom(seed: 42)
    var view = String.UnicodeScalarView()
    var count = 0
    while count < 300_000 {
      let v = UInt32.random(in: 0...0x10FFFF, using: &rng)
      if let u = Unicode.Scalar(v), u != "\n", u != "\r" {
        view.append(u)
        count += 1
      }
    }
    let line = String(view)
    let cleaned = Cleaner().clean(line)
    #expect(cleaned.text.unicodeScalars.allSatisfy { !ScalarClass.isXMLIllegal($0.value) })
    #expect(throws: Never.self) { try cleaned.offsets.validate(textLength: cleaned.text.unicodeScalars.count) }

    // A 1 MB line of Arabic with defects.
    var big = ""
    while big.utf8.count < 1_000_000 { big += "الـــعراق ، ”قال” \u{200B}\u{FEFB}. ." }
    let b = Cleaner().clean(big)
    #expect(b.blocks.spans.count == 1)
    #expect(throws: Never.self) { try b.offsets.validate(textLength: b.text.unicodeScalars.count) }
  }

  @Test func emptyInputGivesEmptyText() {
    for raw in ["", "\n", "\r\n\r\n", " \t\u{200B}\u{0000}\n"] {
      let cleaned = Cleaner().clean(raw)
      #expect(cleaned.text == "")
      #expect(cleaned.offsets.anchors.isEmpty)
      #expect(cleaned.blocks.spans.count == 0)
    }
  }
}

/// Checks the offset map of `cleaned` against `raw`: valid, and in every
/// one-to-one segment each cleaned scalar comes from the raw scalar it maps to.
func checkMap(raw: String, cleaned: CleanedArticle, context: String) throws {
  let map = cleaned.offsets
  let text = Array(cleaned.text.unicodeScalars.map(\.value))
  let bytes = Array(raw.utf8)
  try map.validate(textLength: text.count)
  if text.isEmpty { return }
  #expect(map.raw(map.count - 1) <= bytes.count, "\(context): map runs past the raw bytes")
  for k in 0..<(map.count - 1) {
    let c0 = map.clean(k), c1 = map.clean(k + 1), r0 = map.raw(k), r1 = map.raw(k + 1)
    let rawScalars = String(decoding: bytes[r0..<r1], as: UTF8.self).unicodeScalars.map(\.value)
    if c1 == c0 { continue }  // a removed run
    // Segment boundaries fall on scalar boundaries of the raw text.
    #expect(r0 == bytes.count || bytes[r0] & 0xC0 != 0x80, "\(context): anchor \(k) splits a raw scalar")
    guard rawScalars.count == c1 - c0 else { continue }  // a whole group
    for i in 0..<rawScalars.count {
      let r = rawScalars[i], c = text[c0 + i]
      #expect(r == c || isAllowedReplacement(raw: r, clean: c),
              "\(context): clean \(c0 + i) U+\(String(c, radix: 16)) maps to raw U+\(String(r, radix: 16))")
    }
  }
}

/// The one-for-one replacements the cleaner makes.
func isAllowedReplacement(raw r: UInt32, clean c: UInt32) -> Bool {
  if ScalarClass.isSpace(r) && c == 0x20 { return true }
  if (r == 0x0A || r == 0x0D || ScalarClass.isOtherLineBreak(r)) && c == 0x0A { return true }
  if ScalarClass.isSpace(r) && c == 0x0A { return true }  // a paragraph split or a dateline
  if QuoteRepair.isQuote(r) && QuoteRepair.isQuote(c) { return true }
  if ScalarClass.arabicLetter(forPersian: r) == c { return true }
  // A presentation form whose other scalars (a tatweel) were removed.
  if let e = PresentationForms.expansion(r), e.contains(where: { ScalarClass.arabicLetter(forPersian: UInt32($0)) == c }) {
    return true
  }
  // Marks reordered by NFC within one letter's cluster.
  if let u = Unicode.Scalar(r), let v = Unicode.Scalar(c), u.properties.canonicalCombiningClass.rawValue != 0,
    v.properties.canonicalCombiningClass.rawValue != 0
  {
    return true
  }
  // An NFC singleton (Å for the Ångström sign).
  if let u = Unicode.Scalar(r), let v = Unicode.Scalar(c) {
    return String(u).precomposedStringWithCanonicalMapping == String(v)
  }
  return false
}

func debug(_ s: String) -> String {
  s.unicodeScalars.map { $0.value < 0x80 && $0.value >= 0x20 ? String($0) : "<\(String($0.value, radix: 16))>" }.joined()
}
