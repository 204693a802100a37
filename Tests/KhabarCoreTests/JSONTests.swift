import KhabarCore
import KhabarTestSupport
import Testing

@Suite struct JSONTests {
  @Test func roundTripsEscapesAndArabic() throws {
    let text = "قال \"هذا\" \\ سطر\nجديد\t\u{0001} 😀"
    var w = JSONWriter()
    w.string(text)
    var r = JSONReader(w.bytes)
    #expect(try r.readString() == text)
  }

  @Test func decodesSurrogatePairsAndRejectsUnpaired() throws {
    var r = JSONReader(Array(#""\ud83d\ude00""#.utf8))
    #expect(try r.readString() == "😀")
    var bad = JSONReader(Array(#""\ud83d x""#.utf8))
    #expect(throws: JSONError.self) { try bad.readString() }
    var lone = JSONReader(Array(#""\ude00""#.utf8))
    #expect(throws: JSONError.self) { try lone.readString() }
  }

  @Test(arguments: ["{", "[1,", "{\"a\":}", "\"abc", "01", "{\"a\":1,}", "[1 2]", "nul", "{\"a\" 1}", "\"a\u{0001}\""])
  func rejectsMalformed(_ input: String) {
    var r = JSONReader(Array(input.utf8))
    #expect(throws: JSONError.self) {
      try r.skipValue()
      try r.expectEnd()
    }
  }

  @Test func readsIntArraysCompactOrSpaced() throws {
    let cases: [(String, [Int])] = [
      ("[]", []), ("[ ]", []), ("[0,12,-3,45]", [0, 12, -3, 45]), ("[ 1 , 2 ]", [1, 2]), ("[-0,007]", [0, 7]),
      ("[999999999999999999,-999999999999999999]", [999_999_999_999_999_999, -999_999_999_999_999_999]),
      ("[9223372036854775807]", [Int.max]),
    ]
    for (input, expected) in cases {
      var r = JSONReader(Array((input + " ,").utf8))
      #expect(try r.readIntArray() == expected, "\(input)")
      #expect(r.index == input.utf8.count)
    }
  }

  @Test(arguments: ["[1,]", "[1.5]", "[1e3]", "[-]", "[1", "[", "[9223372036854775808]", "[1,,2]", "[\"1\"]", "{}"])
  func rejectsBadIntArrays(_ input: String) {
    var r = JSONReader(Array(input.utf8))
    #expect(throws: JSONError.self) { try r.readIntArray() }
  }

  @Test func canonicalFormSortsKeys() throws {
    let v = try JSONValue.parse(#"{"b":[1,2.5,true,null],"a":{"z":"x","c":-3}}"#)
    #expect(v.canonicalString == #"{"a":{"c":-3,"z":"x"},"b":[1,2.5,true,null]}"#)
  }

  @Test func randomStringsRoundTrip() throws {
    var rng = SeededRandom(seed: 42)
    for _ in 0..<500 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0..<40, using: &rng) {
        let pick = Int.random(in: 0..<4, using: &rng)
        let v: UInt32 = switch pick {
        case 0: UInt32.random(in: 0..<0x80, using: &rng)
        case 1: UInt32.random(in: 0x0600..<0x0700, using: &rng)
        case 2: UInt32.random(in: 0x1F600..<0x1F650, using: &rng)
        default: UInt32.random(in: 0xE000..<0xFFFE, using: &rng)
        }
        if let s = Unicode.Scalar(v) { scalars.append(s) }
      }
      let s = String(scalars)
      var w = JSONWriter()
      w.string(s)
      var r = JSONReader(w.bytes)
      #expect(try r.readString() == s)
    }
  }
}

@Suite struct DocumentTests {
  @Test func recordRoundTripsAndPassesUnknownLayersThrough() throws {
    var doc = inputRecord(id: "a1", raw: "نص")
    doc.text = "نص"
    doc.offsets = OffsetMap(anchors: [0, 0, 2, 4])
    doc.layers["custom"] = try RawJSON(parsing: Array(#"{"x":[1,2]}"#.utf8))
    var tokens = Tokens()
    tokens.spans.append(0, 2)
    tokens.kinds = Array("w".utf8)
    doc.set(tokens)
    let line = doc.jsonLine()
    let back = try Document(jsonLine: line)
    #expect(back == doc)
    #expect(back.jsonLine() == line)
    #expect(try back.layer(Tokens.self) == tokens)
  }

  @Test func aPartOfAFileRoundTripsAndABadPartIsRejected() throws {
    let source = Document.Source(path: "big.txt", sha256: "ab", bytes: 10, part: Document.Part(index: 2, count: 3, offset: 4096))
    let line = Document(id: "big.part-2", source: source, raw: "x").jsonLine()
    #expect(String(decoding: line, as: UTF8.self).contains(#""source":{"bytes":10,"part":{"count":3,"index":2,"offset":4096},"path":"big.txt""#))
    #expect(try Document(jsonLine: line).source == source)
    #expect(throws: RecordError.self) {
      try Document(jsonLine: Array(#"{"id":"x","source":{"path":"p","part":{"count":1,"index":2,"offset":0}}}"#.utf8))
    }
    #expect(throws: RecordError.missingField("source.part.offset")) {
      try Document(jsonLine: Array(#"{"id":"x","source":{"path":"p","part":{"count":1,"index":1}}}"#.utf8))
    }
  }

  @Test func rejectsNewerSchemaAndMissingFields() {
    #expect(throws: RecordError.unsupportedSchema(9)) {
      try Document(jsonLine: Array(#"{"id":"x","schema":9,"source":{"path":"p"}}"#.utf8))
    }
    #expect(throws: RecordError.missingField("id")) {
      try Document(jsonLine: Array(#"{"source":{"path":"p"}}"#.utf8))
    }
  }

  @Test func offsetMapStepsThroughCopiedSegments() throws {
    // raw "أ‌ب" (with ZWNJ removed) → clean "أب"
    let raw = Array("أ\u{200C}ب".utf8)
    let map = OffsetMap(anchors: [0, 0, 1, 2, 1, 5, 2, 7])
    try map.validate(textLength: 2)
    #expect(map.rawRange(cleanStart: 0, cleanEnd: 1, raw: raw) == 0..<2)
    #expect(map.rawRange(cleanStart: 1, cleanEnd: 2, raw: raw) == 5..<7)
  }

  @Test func sha256KnownAnswers() {
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = String(repeating: "a", count: 1000)
    #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }

  /// One-shot digests of short messages are computed in Swift, streamed ones
  /// by libcrypto: both agree at every length around the block boundaries and
  /// the switch-over, and for a message fed in uneven pieces.
  @Test func sha256SoftwareAndLibcryptoAgree() {
    var rng = SeededRandom(seed: 256)
    for length in Array(0...200) + Array(1000...1100) + [4096, 100_000] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
      var streamed = SHA256()
      var at = 0
      while at < bytes.count {
        let piece = min(bytes.count - at, Int.random(in: 1...97, using: &rng))
        streamed.update(bytes[at..<(at + piece)])
        at += piece
      }
      #expect(SHA256.hash(bytes) == streamed.finalize(), "length \(length)")
    }
  }

  /// A copied hasher is a value: before and after hashing moves to libcrypto,
  /// the copy and the original go on independently.
  @Test func sha256HashersAreValues() {
    for prefixLength in [100, 200_000] {
      let prefix = [UInt8](repeating: 7, count: prefixLength)
      var original = SHA256()
      original.update(prefix)
      var copy = original
      original.update([1, 2, 3])
      copy.update([4, 5])
      #expect(original.finalize() == SHA256.hash(prefix + [1, 2, 3]))
      #expect(copy.finalize() == SHA256.hash(prefix + [4, 5]))
    }
  }

  @Test func matchKeyNormalisesArabicVariants() {
    #expect(ArabicText.matchKey("أَبو كمال") == ArabicText.matchKey("ابو كمال"))
    #expect(ArabicText.matchKey("مدرسة") == "مدرسه")
    #expect(ArabicText.matchKey("على") == "علي")
    #expect(ArabicText.matchKey("٢٠١٧") == "2017")
  }
}
