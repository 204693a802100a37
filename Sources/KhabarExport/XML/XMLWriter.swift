/// Writes one XML document as a stream, in document order: start an
/// element, set its attributes, add text and child elements, end it. The
/// bytes go into a libxml2 output buffer (`XMLOutput`) and are the ones
/// `xmlSaveDoc` writes for the same tree: an XML declaration naming UTF-8,
/// empty elements as `<x/>`, no added indentation, a newline after the root.
///
/// Markup, and text that needs no escaping, is gathered in a Swift array and
/// handed to libxml2 in chunks (one C call per chunk rather than per tag).
/// Text and attribute values are checked byte by byte; only those holding a
/// character XML forbids (replaced by U+FFFD) or one that must be escaped go
/// through `XMLText.sanitized` and libxml2's escaping.
///
/// A value type, so writing is free of the exclusivity checks a class's
/// stored properties need; pass it `inout`.
struct XMLWriter {
  private let output = XMLOutput()
  /// Bytes not yet handed to `output`.
  private var staged: [UInt8] = []
  /// Names of the open elements, innermost last.
  private var open: [StaticString] = []
  /// The innermost element's start tag still takes attributes (`>` not written).
  private var inStartTag = false
  /// Reused NUL-terminated copy of source text that goes to libxml2's escaping.
  private var scratch: [UInt8] = []

  /// Staged bytes are handed to libxml2 at this size.
  private static let chunk = 1 << 16

  /// A document whose root element is `rootName`, declaring `namespace` (a
  /// constant URI) as the default namespace.
  init(rootName: StaticString, namespace: StaticString) {
    staged.reserveCapacity(Self.chunk + 4096)
    open.reserveCapacity(16)
    append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    start(rootName)
    append(" xmlns=\"")
    append(namespace)
    staged.append(UInt8(ascii: "\""))
  }

  // MARK: - Elements

  /// Starts child element `name` of the current element.
  mutating func start(_ name: StaticString) {
    endStartTag()
    staged.append(UInt8(ascii: "<"))
    append(name)
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
      append(name)
      staged.append(UInt8(ascii: ">"))
    }
    if staged.count >= Self.chunk { flush() }
  }

  /// Ends every open element and returns the document.
  mutating func finish() throws -> [UInt8] {
    while !open.isEmpty { end() }
    staged.append(UInt8(ascii: "\n"))
    flush()
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
      guard !b.contains(where: Self.attributeNeedsWork) else { return false }
      staged.append(contentsOf: b)
      return true
    }
    if !plain {
      XMLText.sanitized(value).withCString {
        $0.withMemoryRebound(to: UInt8.self, capacity: 1) { output.appendEscapedAttribute($0, to: &staged) }
      }
    }
    staged.append(UInt8(ascii: "\""))
  }

  /// Sets attribute `name` to the id `<prefix>.<letter><number>`; `prefix`
  /// is the UTF-8 of an NCName (nothing to escape or replace).
  mutating func attribute(_ name: StaticString, idPrefix prefix: [UInt8], letter: UInt8, number: Int) {
    beginAttribute(name)
    staged.append(contentsOf: prefix)
    staged.append(UInt8(ascii: "."))
    staged.append(letter)
    var count = 1, rest = max(0, number)
    while rest >= 10 {
      rest /= 10
      count += 1
    }
    var i = staged.count + count
    staged.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    rest = max(0, number)
    repeat {
      i -= 1
      staged[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    } while rest > 0
    staged.append(UInt8(ascii: "\""))
  }

  @inline(__always) private mutating func beginAttribute(_ name: StaticString) {
    staged.append(UInt8(ascii: " "))
    append(name)
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
      guard !b.contains(where: Self.textNeedsWork) else { return false }
      staged.append(contentsOf: b)
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
      guard b.contains(where: Self.sourceNeedsEscaping) else { return staged.append(contentsOf: b) }
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
    staged.append(UInt8(ascii: "\n"))
    for _ in 0..<(2 * max(0, depth)) { staged.append(UInt8(ascii: " ")) }
  }

  // MARK: - Bytes

  @inline(__always) private mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { staged.append(contentsOf: $0) }
  }

  /// Hands the staged bytes to libxml2.
  private mutating func flush() {
    staged.withUnsafeBufferPointer { output.write($0) }
    staged.removeAll(keepingCapacity: true)
  }

  /// Character data: `<`, `>`, `&`, CR are escaped; C0 controls other than
  /// TAB and LF are illegal; a 0xEF lead byte may start U+FFFE or U+FFFF.
  @inline(__always) private static func textNeedsWork(_ b: UInt8) -> Bool {
    if b < 0x20 { return b != 0x09 && b != 0x0A }
    return b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF
  }

  /// Attribute values: also `"`, and TAB and LF (written as references).
  @inline(__always) private static func attributeNeedsWork(_ b: UInt8) -> Bool {
    b < 0x20 || b == 0x22 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF
  }

  /// Sanitised source text: only `<`, `>`, `&` and CR.
  @inline(__always) private static func sourceNeedsEscaping(_ b: UInt8) -> Bool {
    b == 0x26 || b == 0x3C || b == 0x3E || b == 0x0D
  }
}
