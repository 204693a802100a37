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
/// borrowed. Strings passed in are copied by libxml2; the serialised bytes
/// are copied out and the libxml2 buffer is freed with `khabarxml_free`.
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
    // Element and attribute names are interned in a dictionary the document
    // owns (xmlFreeDoc frees it), instead of one copy per node.
    doc.pointee.dict = xmlDictCreate()
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
    let node = xmlNewChild(p, nil, name, nil)
    if node == nil { failed = true }
    return XMLNode(raw: node)
  }

  /// Appends a child element holding `text` (escaped).
  @discardableResult
  func element(_ name: String, text: String, in parent: XMLNode) -> XMLNode {
    guard let p = parent.raw else { return XMLNode(raw: nil) }
    let node = xmlNewTextChild(p, nil, name, XMLText.sanitized(text))
    if node == nil { failed = true }
    return XMLNode(raw: node)
  }

  /// Appends text to `parent` (stored literally, escaped on output).
  func text(_ text: String, in parent: XMLNode) {
    guard let p = parent.raw, !text.isEmpty else { return }
    xmlNodeAddContent(p, XMLText.sanitized(text))
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
    if xmlNewProp(n, name, XMLText.sanitized(value)) == nil { failed = true }
  }

  /// Sets `xml:<name>` (`xml:id`, `xml:lang`) to `value`.
  func xmlAttribute(_ name: String, _ value: String, on node: XMLNode) {
    guard let n = node.raw else { return }
    if xmlNewNsProp(n, xmlNamespace, name, XMLText.sanitized(value)) == nil { failed = true }
  }

  /// Sets attribute `name` from ASCII bytes already free of XML-illegal
  /// characters (no String is made; used for per-token ids).
  func attribute(_ name: String, ascii value: [UInt8], on node: XMLNode, xmlPrefix: Bool = false) {
    guard let n = node.raw else { return }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: value)
    scratch.append(0)
    let made = scratch.withUnsafeBufferPointer { buffer in
      xmlPrefix ? xmlNewNsProp(n, xmlNamespace, name, buffer.baseAddress) != nil
        : xmlNewProp(n, name, buffer.baseAddress) != nil
    }
    if !made { failed = true }
  }

  // MARK: - Output

  /// The document as UTF-8 XML, with an XML declaration and no added
  /// indentation (whitespace in mixed content is data).
  func serialize() throws -> [UInt8] {
    guard let doc, !failed else {
      throw XMLErrors(context: "building XML", errors: [XMLError(message: "libxml2 could not allocate a node")])
    }
    let (bytes, errors) = XMLErrorCollector.collecting { _ -> [UInt8]? in
      var memory: UnsafeMutablePointer<xmlChar>? = nil
      var size: Int32 = 0
      xmlDocDumpFormatMemoryEnc(doc, &memory, &size, "UTF-8", 0)
      guard let memory else { return nil }
      defer { khabarxml_free(memory) }
      return Array(UnsafeBufferPointer(start: memory, count: Int(size)))
    }
    guard let bytes, !bytes.isEmpty else {
      throw XMLErrors(context: "serialising XML", errors: errors)
    }
    return bytes
  }
}

/// Text as UTF-8 with a scalar-offset index, so any scalar range becomes a
/// C string without making a Swift String. XML-illegal scalars are replaced
/// by U+FFFD when the index is built.
final class SourceText {
  /// Sanitised UTF-8.
  let bytes: [UInt8]
  /// `byteOffset[i]` = where scalar `i` starts in `bytes`; one extra entry at the end.
  let byteOffset: [Int32]
  /// The scalars (sanitised), for offset arithmetic.
  let scalars: [Unicode.Scalar]

  init(_ text: String) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var offsets: [Int32] = []
    var scalars: [Unicode.Scalar] = []
    offsets.reserveCapacity(text.unicodeScalars.count + 1)
    scalars.reserveCapacity(text.unicodeScalars.count)
    for u in text.unicodeScalars {
      offsets.append(Int32(bytes.count))
      XMLText.appendUTF8(u, to: &bytes)
      scalars.append(XMLText.isLegal(u.value) ? u : XMLText.replacement)
    }
    offsets.append(Int32(bytes.count))
    self.bytes = bytes
    self.byteOffset = offsets
    self.scalars = scalars
  }

  var count: Int { scalars.count }

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
