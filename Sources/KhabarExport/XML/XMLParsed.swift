internal import CLibXML2

/// An XML element read back into plain Swift values (for checks and tests):
/// name, namespace URI, attributes in document order, and children.
public struct XMLElement: Sendable, Equatable {
  public enum Child: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
  }

  public var name: String
  public var namespace: String?
  /// Attributes as (qualified name, value); `xml:id`, `xml:lang` keep their prefix.
  public var attributes: [(name: String, value: String)]
  public var children: [Child]

  public static func == (a: XMLElement, b: XMLElement) -> Bool {
    a.name == b.name && a.namespace == b.namespace && a.children == b.children
      && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
  }

  public subscript(attribute name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }

  /// Child elements only.
  public var elements: [XMLElement] {
    children.compactMap { if case .element(let e) = $0 { e } else { nil } }
  }

  /// The concatenated text of all descendants (XPath `string()`).
  public var textContent: String {
    var out = ""
    appendText(to: &out)
    return out
  }

  private func appendText(to out: inout String) {
    for c in children {
      switch c {
      case .text(let t): out += t
      case .element(let e): e.appendText(to: &out)
      }
    }
  }

  /// Every descendant element (and this one), depth first in document order.
  public func descendants() -> [XMLElement] {
    var out: [XMLElement] = []
    func walk(_ e: XMLElement) {
      out.append(e)
      for c in e.elements { walk(c) }
    }
    walk(self)
    return out
  }

  /// First child element named `name`.
  public func first(_ name: String) -> XMLElement? { elements.first { $0.name == name } }

  /// Parses a whole XML document (no network, no DTD loading); libxml2
  /// errors become an `XMLErrors`.
  public static func parse(_ bytes: [UInt8]) throws -> XMLElement {
    let (root, errors) = XMLErrorCollector.collecting { _ -> XMLElement? in
      let doc = bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlReadMemory($0, Int32(buffer.count), "input.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
      }
      guard let doc else { return nil }
      defer { xmlFreeDoc(doc) }
      guard let root = xmlDocGetRootElement(doc) else { return nil }
      return convert(root, doc)
    }
    guard let root, !errors.contains(where: { !$0.isWarning }) else {
      throw XMLErrors(context: "parsing XML", errors: errors.isEmpty ? [XMLError(message: "empty document")] : errors)
    }
    return root
  }

  private static func convert(_ node: xmlNodePtr, _ doc: xmlDocPtr) -> XMLElement {
    var element = XMLElement(
      name: node.pointee.name.map { String(cString: $0) } ?? "",
      namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
      attributes: [], children: [])
    var attr = node.pointee.properties
    while let a = attr {
      var name = a.pointee.name.map { String(cString: $0) } ?? ""
      if let prefix = a.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
      var value = ""
      if let owned = xmlNodeListGetString(doc, a.pointee.children, 1) {
        value = String(cString: owned)
        khabarxml_free(owned)
      }
      element.attributes.append((name, value))
      attr = a.pointee.next
    }
    var child = node.pointee.children
    while let c = child {
      switch c.pointee.type {
      case XML_ELEMENT_NODE: element.children.append(.element(convert(c, doc)))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        let text = c.pointee.content.map { String(cString: $0) } ?? ""
        if case .text(let previous)? = element.children.last {
          element.children[element.children.count - 1] = .text(previous + text)
        } else {
          element.children.append(.text(text))
        }
      default: break
      }
      child = c.pointee.next
    }
    return element
  }
}
