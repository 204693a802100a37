import KhabarCore

/// Writes one XML document as a stream, in document order: start an
/// element, set its attributes, add text and child elements, end it. The
/// bytes go into a libxml2 output buffer (`XMLOutput`) and are the ones
/// `xmlSaveDoc` writes for the same tree: an XML declaration naming UTF-8,
/// empty elements as `<x/>`, no added indentation, a newline after the root.
///
/// Markup, and text that needs no escaping, is gathered in a `ByteBuffer` and
/// handed to libxml2 in chunks (one C call per chunk rather than per tag).
/// Text and attribute values are checked eight bytes at a time (`ByteScan`);
/// only those holding a character XML forbids (replaced by U+FFFD) or one
/// that must be escaped go through `XMLText.sanitized` and libxml2's escaping.
///
/// A noncopyable value (it owns its staging buffer), so writing is free of
/// the exclusivity checks a class's stored properties need; pass it `inout`.
struct XMLWriter: ~Copyable {
  private let output: XMLOutput
  private var streaming: Bool { output.streams }
  /// Bytes not yet handed to `output`.
  private var staged = ByteBuffer(capacity: chunk + 4096)
  /// Names of the open elements, innermost last.
  private var open: [StaticString] = []
  /// The innermost element's start tag still takes attributes (`>` not written).
  private var inStartTag = false
  /// Reused NUL-terminated copy of source text that goes to libxml2's escaping.
  private var scratch: [UInt8] = []

  /// A line break and 15 levels of indentation (the old tree writer's maximum).
  private static let indentation: StaticString = "\n                              "

  /// Staged bytes are handed to libxml2 at this size.
  private static let chunk = 1 << 16

  /// A document whose root element is `rootName`, declaring `namespace` (a
  /// constant URI) as the default namespace.
  ///
  /// With a `sink`, the document streams into it (`finish()` returns nothing
  /// then); without, it is kept in memory and returned by `finish()`.
  init(rootName: StaticString, namespace: StaticString, sink: ByteSink? = nil) {
    output = sink.map { XMLOutput(sink: $0) } ?? XMLOutput()
    open.reserveCapacity(16)
    staged.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    start(rootName)
    staged.append(" xmlns=\"")
    staged.append(namespace)
    staged.append(UInt8(ascii: "\""))
  }

  // MARK: - Elements

  /// Starts child element `name` of the current element.
  mutating func start(_ name: StaticString) {
    endStartTag()
    staged.append(UInt8(ascii: "<"))
    staged.append(name)
    open.append(name)
    inStartTag = true
  }

  /// Ends the current element: `<x/>` when nothing was written inside it.
  mutating func end() {
    guard let name = open.popLast() else { return }
    if inStartTag {
      staged.append(UInt8(ascii: "/"))
      staged.append(UInt8(ascii: ">"))
      inStartTag = false
    } else {
      staged.append(UInt8(ascii: "<"))
      staged.append(UInt8(ascii: "/"))
      staged.append(name)
      staged.append(UInt8(ascii: ">"))
    }
    if staged.count >= Self.chunk { flush() }
  }

  /// Ends every open element and returns the document (empty when it
  /// streamed into a sink, which then has all of it).
  @discardableResult
  mutating func finish() throws -> [UInt8] {
    while !open.isEmpty { end() }
    staged.append(UInt8(ascii: "\n"))
    flush()
    if streaming {
      try output.flushToSink()
      return []
    }
    return try output.content()
  }

  @inline(__always) private mutating func endStartTag() {
    if inStartTag {
      staged.append(UInt8(ascii: ">"))
      inStartTag = false
    }
  }

  // MARK: - Attributes

  /// Sets attribute `name` (a qualified name such as `type` or `xml:id`)
  /// of the element just started.
  mutating func attribute(_ name: StaticString, _ value: String) {
    beginAttribute(name)
    var value = value
    let plain = value.withUTF8 { b in
      guard !Self.attributeNeedsWork(b) else { return false }
      staged.append(b)
      return true
    }
    if !plain {
      XMLText.sanitized(value).withCString {
        $0.withMemoryRebound(to: UInt8.self, capacity: 1) { output.escapeAttribute($0) { staged.append($0) } }
      }
    }
    staged.append(UInt8(ascii: "\""))
  }

  /// Sets attribute `name` to the id `<prefix>.<letter><number>`; `prefix`
  /// is the UTF-8 of an NCName (nothing to escape or replace).
  mutating func attribute(_ name: StaticString, idPrefix prefix: [UInt8], letter: UInt8, number: Int) {
    beginAttribute(name)
    staged.append(prefix)
    staged.append(UInt8(ascii: "."))
    staged.append(letter)
    staged.appendDecimal(number)
    staged.append(UInt8(ascii: "\""))
  }

  @inline(__always) private mutating func beginAttribute(_ name: StaticString) {
    staged.append(UInt8(ascii: " "))
    staged.append(name)
    staged.append(UInt8(ascii: "="))
    staged.append(UInt8(ascii: "\""))
  }

  // MARK: - Text

  /// Appends `text` to the current element. The element then has content
  /// even when `text` is empty (`<x></x>`, as libxml2 writes an element
  /// holding an empty text node).
  mutating func text(_ text: String) {
    endStartTag()
    var text = text
    let plain = text.withUTF8 { b in
      guard !Self.textNeedsWork(b) else { return false }
      staged.append(b)
      return true
    }
    if !plain {
      flush()
      XMLText.sanitized(text).withCString {
        $0.withMemoryRebound(to: UInt8.self, capacity: 1) { output.writeEscapedText($0) }
      }
    }
    if staged.count >= Self.chunk { flush() }
  }

  /// Appends the text of `range` (scalar offsets) of `source`; nothing
  /// (not even the end of the start tag) when the range is empty.
  mutating func text(_ source: SourceText, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    endStartTag()
    source.withUTF8(range) { b in
      // The source is already free of XML-illegal characters.
      guard Self.sourceNeedsEscaping(b) else { return staged.append(b) }
      flush()
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: b)
      scratch.append(0)
      scratch.withUnsafeBufferPointer { output.writeEscapedText($0.baseAddress!) }
    }
    if staged.count >= Self.chunk { flush() }
  }

  /// Appends a line break and `depth` levels of two-space indentation as text.
  mutating func newline(indent depth: Int) {
    endStartTag()
    Self.indentation.withUTF8Buffer { line in
      staged.append(UnsafeBufferPointer(rebasing: line[..<(1 + 2 * min(max(0, depth), 15))]))
    }
  }

  // MARK: - Bytes

  /// Hands the staged bytes to libxml2.
  private mutating func flush() {
    staged.withBytes { output.write($0) }
    staged.removeAll()
  }

  /// Character data: `<`, `>`, `&`, CR are escaped; C0 controls other than
  /// TAB and LF are illegal; a 0xEF lead byte may start U+FFFE or U+FFFF.
  private static func textNeedsWork(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    ByteScan.contains(b, below: 0x20, equal: specials) { c in
      c < 0x20 ? c != 0x09 && c != 0x0A : c == 0x26 || c == 0x3C || c == 0x3E || c == 0xEF
    }
  }

  /// Attribute values: also `"`, and TAB and LF (written as references).
  private static func attributeNeedsWork(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    ByteScan.contains(b, below: 0x20, equal: specials) { c in
      c < 0x20 || c == 0x22 || c == 0x26 || c == 0x3C || c == 0x3E || c == 0xEF
    }
  }

  /// Sanitised source text: only `<`, `>`, `&` and CR.
  private static func sourceNeedsEscaping(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    ByteScan.contains(b, below: 0x0E, equal: specials) { c in c == 0x26 || c == 0x3C || c == 0x3E || c == 0x0D }
  }

  /// `"`, `&`, `<`, `>` and 0xEF (the lead byte of U+FFFE and U+FFFF).
  private static let specials: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0x22, 0x26, 0x3C, 0x3E, 0xEF)
}
