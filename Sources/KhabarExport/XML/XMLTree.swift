internal import CLibXML2

/// A node inside an `XMLTree`. It is a borrowed pointer: valid only while the
/// tree that made it is alive, and never stored beyond the builder function
/// that uses it. The tree owns every node.
struct XMLNode {
  fileprivate let raw: xmlNodePtr?
}

/// A libxml2 document being built, and its single owner.
///
/// Ownership: the tree owns its `xmlDocPtr` and every node in it, and frees
/// them all with `xmlFreeDoc` in `deinit`. Nodes handed out (`XMLNode`) are
/// borrowed. Strings passed in are borrowed for the call and copied by
/// libxml2. `serialize` writes into an `xmlBuffer` it creates and frees
/// (`xmlBufferFree`) after copying the bytes into a Swift array. Strings
/// libxml2 allocates for us elsewhere (`XMLElement.parse`) are freed with
/// the shim's `khabarxml_free`, never with Swift's `deallocate`.
/// Text goes in only through `xmlNewTextChild` / `xmlNodeAddContent`, which
/// store it literally (escaped on output), after XML-illegal characters are
/// replaced by U+FFFD.
final class XMLTree {
  private let doc: xmlDocPtr?
  private var xmlNamespace: xmlNsPtr?
  /// The root element.
  private(set) var root = XMLNode(raw: nil)
  /// Set when libxml2 failed to allocate a node; `serialize` then throws.
  private var failed = false
  /// Reused UTF-8 buffer for text taken from scalar ranges.
  private var scratch: [UInt8] = []

  /// A document whose root element is `rootName` in namespace `namespace`.
  init(rootName: String, namespace: String?) {
    XMLErrorCollector.prepare()
    doc = xmlNewDoc("1.0")
    guard let doc else {
      failed = true
      return
    }
    let node = xmlNewDocNode(doc, nil, rootName, nil)
    guard let node else {
      failed = true
      return
    }
    xmlDocSetRootElement(doc, node)
    if let namespace {
      let ns = xmlNewNs(node, namespace, nil)
      xmlSetNs(node, ns)
    }
    xmlNamespace = xmlSearchNsByHref(doc, node, khabarxml_xml_namespace())
    root = XMLNode(raw: node)
    scratch.reserveCapacity(256)
  }

  deinit {
    if let doc { xmlFreeDoc(doc) }
  }

  // MARK: - Building

  /// Appends an empty child element (in the parent's namespace).
  @discardableResult
  func element(_ name: String, in parent: XMLNode) -> XMLNode {
    guard let p = parent.raw else { return XMLNode(raw: nil) }
    let node = xmlChars(name) { xmlNewChild(p, nil, $0, nil) }
    if node == nil { failed = true }
    return XMLNode(raw: node)
  }

  /// Appends a child element holding `text` (escaped).
  @discardableResult
  func element(_ name: String, text: String, in parent: XMLNode) -> XMLNode {
    guard let p = parent.raw else { return XMLNode(raw: nil) }
    let node = xmlChars(name) { n in xmlChars(XMLText.sanitized(text)) { xmlNewTextChild(p, nil, n, $0) } }
    if node == nil { failed = true }
    return XMLNode(raw: node)
  }

  /// Appends text to `parent` (stored literally, escaped on output).
  func text(_ text: String, in parent: XMLNode) {
    guard let p = parent.raw, !text.isEmpty else { return }
    xmlChars(XMLText.sanitized(text)) { xmlNodeAddContent(p, $0) }
  }

  /// Appends the text of `range` (scalar offsets) of `source` to `parent`.
  func text(_ source: SourceText, _ range: Range<Int>, in parent: XMLNode) {
    guard let p = parent.raw, !range.isEmpty else { return }
    source.cString(range, into: &scratch)
    scratch.withUnsafeBufferPointer { xmlNodeAddContentLen(p, $0.baseAddress, Int32($0.count - 1)) }
  }

  /// Appends a child element holding the text of `range` of `source`.
  @discardableResult
  func element(_ name: String, _ source: SourceText, _ range: Range<Int>, in parent: XMLNode) -> XMLNode {
    let node = element(name, in: parent)
    text(source, range, in: node)
    return node
  }

  /// Sets attribute `name` (no prefix) to `value`.
  func attribute(_ name: String, _ value: String, on node: XMLNode) {
    guard let n = node.raw else { return }
    let made = xmlChars(name) { k in xmlChars(XMLText.sanitized(value)) { xmlNewProp(n, k, $0) != nil } }
    if !made { failed = true }
  }

  /// Sets `xml:<name>` (`xml:id`, `xml:lang`) to `value`.
  func xmlAttribute(_ name: String, _ value: String, on node: XMLNode) {
    guard let n = node.raw else { return }
    let ns = xmlNamespace
    let made = xmlChars(name) { k in xmlChars(XMLText.sanitized(value)) { xmlNewNsProp(n, ns, k, $0) != nil } }
    if !made { failed = true }
  }

  /// Sets attribute `name` to a value known to hold only XML-legal
  /// characters (constants, numbers, ids made from NCNames): no check.
  func attribute(_ name: String, legal value: String, on node: XMLNode) {
    guard let n = node.raw else { return }
    let made = xmlChars(name) { k in xmlChars(value) { xmlNewProp(n, k, $0) != nil } }
    if !made { failed = true }
  }

  /// Sets attribute `qualifiedName` (e.g. `xml:id`) from ASCII bytes already
  /// free of XML-illegal characters, without making a String.
  ///
  /// The attribute is stored under its qualified name rather than in the XML
  /// namespace: it serialises identically, and libxml2 then does not index
  /// every token id in its ID table (an allocation and a hash insert per
  /// token that nothing here looks up).
  func attribute(_ qualifiedName: String, ascii value: [UInt8], on node: XMLNode) {
    guard let n = node.raw else { return }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: value)
    scratch.append(0)
    let made = xmlChars(qualifiedName) { k in scratch.withUnsafeBufferPointer { xmlNewProp(n, k, $0.baseAddress) != nil } }
    if !made { failed = true }
  }

  // MARK: - Output

  /// The document as UTF-8 XML, with an XML declaration and no added
  /// indentation (whitespace in mixed content is data).
  /// `sizeHint` pre-sizes the output buffer (fewer reallocations).
  func serialize(sizeHint: Int = 4096) throws -> [UInt8] {
    guard let doc, !failed else {
      throw XMLErrors(context: "building XML", errors: [XMLError(message: "libxml2 could not allocate a node")])
    }
    let (bytes, errors) = XMLErrorCollector.collecting { _ -> [UInt8]? in
      // The buffer is ours (freed below); the save context only writes to it.
      guard let buffer = xmlBufferCreateSize(max(4096, sizeHint)) else { return nil }
      defer { xmlBufferFree(buffer) }
      guard let context = xmlSaveToBuffer(buffer, "UTF-8", 0) else { return nil }
      let written = xmlSaveDoc(context, doc)
      guard xmlSaveClose(context) >= 0, written >= 0, let content = xmlBufferContent(buffer) else { return nil }
      return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
    guard let bytes, !bytes.isEmpty else {
      throw XMLErrors(context: "serialising XML", errors: errors)
    }
    return bytes
  }
}

/// Runs `body` with `s` as a NUL-terminated `xmlChar` string.
///
/// Passing a String straight to a `const xmlChar *` parameter makes Swift
/// copy it into a new heap array on every call (the implicit conversion
/// exists for `CChar` pointers only); `withCString` borrows the storage,
/// or uses the stack for short strings. `char` and `unsigned char` may alias.
@inline(__always)
func xmlChars<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) throws -> R) rethrows -> R {
  try s.withCString { try body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}

/// Text as UTF-8 with a scalar-offset index, so any scalar range becomes a
/// C string without making a Swift String. XML-illegal scalars are replaced
/// by U+FFFD when the index is built.
final class SourceText {
  /// Sanitised UTF-8.
  let bytes: [UInt8]
  /// `byteOffset[i]` = where scalar `i` starts in `bytes`; one extra entry at the end.
  let byteOffset: [Int32]
  /// The number of scalars.
  let count: Int

  init(_ text: String) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var offsets: [Int32] = []
    offsets.reserveCapacity(text.utf8.count + 1)
    for u in text.unicodeScalars {
      offsets.append(Int32(bytes.count))
      XMLText.appendUTF8(u, to: &bytes)
    }
    count = offsets.count
    offsets.append(Int32(bytes.count))
    self.bytes = bytes
    self.byteOffset = offsets
  }

  /// Writes the UTF-8 of `range` plus a terminating 0 into `buffer`.
  func cString(_ range: Range<Int>, into buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    let lo = Int(byteOffset[range.lowerBound]), hi = Int(byteOffset[range.upperBound])
    buffer.append(contentsOf: bytes[lo..<hi])
    buffer.append(0)
  }

  /// The text of `range` as a String (for headers and names, not per token).
  func string(_ range: Range<Int>) -> String {
    let lo = Int(byteOffset[range.lowerBound]), hi = Int(byteOffset[range.upperBound])
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}
