import CLibXML2
import Glibc
import KhabarCore
@testable import KhabarExport
import KhabarTestSupport
import Testing

/// The streaming writer must write exactly what libxml2 writes when it
/// serialises the same document built as a tree (`xmlSaveDoc`), which is
/// how the TEI was written before: these tests build both and compare bytes.
@Suite struct XMLWriterTests {
  /// Pieces that exercise escaping, illegal characters and white space.
  static let alphabet = [
    "a", "ب", "محمد", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1}", "\u{B}", "\u{1F}",
    "\u{7F}", "\u{85}", "\u{A0}", "\u{200F}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "🚀", "]]>", " ",
    "&amp;", "&#10;", "_", "é", "\u{301}",
  ]

  static func randomString(_ rng: inout SeededRandom, maxPieces: Int = 14) -> String {
    let n = Int.random(in: 0...maxPieces, using: &rng)
    return (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }.joined()
  }

  @Test func textAndAttributesMatchLibxml2TreeSerialisation() throws {
    var rng = SeededRandom(seed: 11)
    for _ in 0..<600 {
      let text = Self.randomString(&rng), value = Self.randomString(&rng)
      let streamed = try Self.streamed(text: text, value: value)
      let tree = Self.libxml2Tree(text: text, value: value)
      #expect(streamed == tree, "seed 11, text \(Array(text.unicodeScalars)), value \(Array(value.unicodeScalars))")
    }
  }

  @Test func longDocumentsWithEscapesAcrossChunksMatch() throws {
    var rng = SeededRandom(seed: 12)
    var text = ""
    while text.utf8.count < 300_000 { text += Self.randomString(&rng, maxPieces: 40) }
    #expect(try Self.streamed(text: text, value: "v") == Self.libxml2Tree(text: text, value: "v"))
  }

  @Test func streamingIntoASinkWritesTheSameBytes() throws {
    var rng = SeededRandom(seed: 13)
    var text = ""
    while text.utf8.count < 300_000 { text += Self.randomString(&rng, maxPieces: 40) }
    let sink = ByteSink.memory()
    #expect(try Self.streamed(text: text, value: "v", sink: sink).isEmpty, "a streaming writer hands everything to its sink")
    #expect(sink.contents == (try Self.streamed(text: text, value: "v")))
  }

  @Test func aFailingSinkIsAnError() throws {
    let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
    try #require(fd >= 0, "no /dev/full")
    defer { close(fd) }
    var w = XMLWriter(rootName: "r", namespace: "urn:k", sink: ByteSink(fd: fd, path: "/dev/full"))
    for _ in 0..<40_000 {
      w.start("e")
      w.text("نص يملأ القرص")
      w.end()
    }
    #expect(throws: (any Error).self) { try w.finish() }
  }

  @Test func emptyElementsAndIDs() throws {
    var w = XMLWriter(rootName: "TEI", namespace: "http://www.tei-c.org/ns/1.0")
    w.attribute("xml:lang", "ar")
    w.start("p")
    w.end()
    w.start("s")
    w.attribute("xml:id", idPrefix: Array("d1".utf8), letter: UInt8(ascii: "w"), number: 120)
    w.text("")
    w.end()
    w.start("w")
    w.attribute("xml:id", idPrefix: Array("d1".utf8), letter: UInt8(ascii: "s"), number: 0)
    w.end()
    let xml = String(decoding: try w.finish(), as: UTF8.self)
    #expect(xml == """
      <?xml version="1.0" encoding="UTF-8"?>
      <TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><p/><s xml:id="d1.w120"></s><w xml:id="d1.s0"/></TEI>

      """)
  }

  // MARK: - The two ways of writing one small document

  /// `<r xmlns="urn:k"><c a="value">text</c><s>text</s></r>` streamed; the
  /// second text comes from a `SourceText` (the path tokens take).
  static func streamed(text: String, value: String, sink: ByteSink? = nil) throws -> [UInt8] {
    var w = XMLWriter(rootName: "r", namespace: "urn:k", sink: sink)
    w.start("c")
    w.attribute("a", value)
    w.text(text)
    w.end()
    w.start("s")
    let source = SourceText(text)
    w.text(source, 0..<source.count)
    w.end()
    return try w.finish()
  }

  /// The same document built as a libxml2 tree and saved with `xmlSaveDoc`.
  static func libxml2Tree(text: String, value: String) -> [UInt8] {
    let doc = xmlNewDoc("1.0")!
    defer { xmlFreeDoc(doc) }
    let root = xmlNewDocNode(doc, nil, "r", nil)!
    xmlDocSetRootElement(doc, root)
    xmlSetNs(root, xmlNewNs(root, "urn:k", nil))
    let clean = XMLText.sanitized(text)
    let c = clean.withCString { xmlNewTextChild(root, nil, "c", UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    _ = XMLText.sanitized(value).withCString { xmlNewProp(c, "a", UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    let s = xmlNewChild(root, nil, "s", nil)
    if !clean.isEmpty {
      clean.withCString { xmlNodeAddContent(s, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
    let buffer = xmlBufferCreate()!
    defer { xmlBufferFree(buffer) }
    let context = xmlSaveToBuffer(buffer, "UTF-8", 0)!
    xmlSaveDoc(context, doc)
    xmlSaveClose(context)
    return Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: Int(xmlBufferLength(buffer))))
  }
}
