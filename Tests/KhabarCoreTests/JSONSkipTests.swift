import KhabarCore
import KhabarTestSupport
import Testing

/// `skipValue` finds a value's end in one tight pass and falls back to the
/// element-by-element reader only for its error messages; these tests hold
/// it to the element-by-element reader's verdict on valid and broken JSON.
@Suite struct JSONSkipTests {
  static let seeds = [
    #"{"id":"000001_x","layers":{"tokens":{"spans":[0,4,5,9],"kinds":["w","w"]},"e":[]},"text":"نص \"مقتبس\" \\ \u0627\ud83d\ude00","n":-12.5e+3,"t":true,"f":false,"z":null,"o":{}}"#,
    #"[1,0,-0.5,2E9,[[[]]],{"a":[{"b":"c"}]}," \t\n"]"#,
    #"  {"a" : [ 1 , 2 ] , "b" : { "c" : "d" } }  "#,
  ]

  /// Bytes that make or break JSON, for mutations.
  static let alphabet = Array(#"{}[],:"\ 0123456789.eE+-truefalsnu/bx"#.utf8) + [0x01, 0x0A, 0xD8, 0xA7]

  /// skipValue + expectEnd accepts exactly what JSONValue.parse (which reads
  /// element by element) accepts, on 30,000 seeded mutations of records.
  @Test func agreesWithTheElementReaderOnMutatedRecords() {
    var rng = SeededRandom(seed: 20261206)
    var accepted = 0, rejected = 0
    for i in 0..<30_000 {
      var bytes = Array(Self.seeds[i % Self.seeds.count].utf8)
      for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        let byte = Self.alphabet.randomElement(using: &rng)!
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(byte, at: at)
        default: bytes[at] = byte
        }
      }
      let skipped = Self.skipsWhole(bytes)
      let parsed = (try? JSONValue.parse(bytes)) != nil
      #expect(skipped == parsed, "mutation \(i): \(String(decoding: bytes, as: UTF8.self))")
      if skipped { accepted += 1 } else { rejected += 1 }
    }
    // The mutations exercise both verdicts.
    #expect(accepted > 1_000 && rejected > 1_000)
  }

  static func skipsWhole(_ bytes: [UInt8]) -> Bool {
    var reader = JSONReader(bytes)
    do {
      try reader.skipValue()
      try reader.expectEnd()
      return true
    } catch {
      return false
    }
  }

  /// A skipped value inside an object leaves the reader at the next key.
  @Test func skipsNestedValuesInPlace() throws {
    var r = JSONReader(Array(#"{"a":{"x":[1,{"y":"}"}]},"b":"kept"}"#.utf8))
    try r.beginObject()
    #expect(try r.nextKey() == "a")
    try r.skipValue()
    #expect(try r.nextKey() == "b")
    #expect(try r.readString() == "kept")
    #expect(try r.nextKey() == nil)
  }

  /// Broken values still get the element reader's message and position.
  @Test func brokenValuesKeepTheirMessage() {
    #expect(!Self.skipsWhole(Array(#"{"a":[1,2,}"#.utf8)))
    var reader = JSONReader(Array(#"{"a":"\q"}"#.utf8))
    var message = ""
    do { try reader.skipValue() } catch { message = "\(error)" }
    #expect(message.contains("invalid escape"))
  }

  /// Nesting beyond the reader's limit is refused, as element by element.
  @Test func deepNestingIsRefused() {
    let deep = Array(String(repeating: "[", count: 600).utf8) + Array(String(repeating: "]", count: 600).utf8)
    #expect(!Self.skipsWhole(deep))
    let fine = Array(String(repeating: "[", count: 100).utf8) + Array(String(repeating: "]", count: 100).utf8)
    #expect(Self.skipsWhole(fine))
  }
}
