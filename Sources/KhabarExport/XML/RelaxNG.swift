internal import CLibXML2
import Synchronization

/// A compiled RELAX NG schema (libxml2), compiled once and used for many
/// documents. Compiling tei_all.rng takes 7–11 s, so keep one per process.
///
/// Ownership: the schema owns its `xmlRelaxNGPtr` and frees it in `deinit`.
/// Validations are serialised by a lock: each makes its own validation
/// context, but libxml2 does not promise that one schema may be used by
/// several threads at once.
public final class RelaxNGSchema: @unchecked Sendable {
  private let schema: OpaquePointer
  private let lock = Mutex(())

  /// Compiles the schema at `path`; its errors become an `XMLErrors`.
  public init(path: String) throws {
    let (compiled, errors) = XMLErrorCollector.collecting { context -> OpaquePointer? in
      guard let parser = xmlRelaxNGNewParserCtxt(path) else { return nil }
      defer { xmlRelaxNGFreeParserCtxt(parser) }
      xmlRelaxNGSetParserStructuredErrors(parser, { context, error in
        XMLErrorCollector.record(context, error.map { UnsafePointer($0) })
      }, context)
      return xmlRelaxNGParse(parser)
    }
    guard let compiled else { throw XMLErrors(context: "compiling \(path)", errors: errors) }
    schema = compiled
  }

  deinit { xmlRelaxNGFree(schema) }

  /// Validates one XML document given as bytes. Returns the validity errors
  /// (empty when valid); throws when the bytes are not well-formed XML.
  public func validate(_ bytes: [UInt8]) throws -> [XMLError] {
    try lock.withLock { _ in
      let (result, errors) = XMLErrorCollector.collecting { context -> Int32? in
        let doc = bytes.withUnsafeBufferPointer { buffer in
          buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlReadMemory($0, Int32(buffer.count), "input.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
          }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let validator = xmlRelaxNGNewValidCtxt(schema) else { return -1 }
        defer { xmlRelaxNGFreeValidCtxt(validator) }
        xmlRelaxNGSetValidStructuredErrors(validator, { context, error in
          XMLErrorCollector.record(context, error.map { UnsafePointer($0) })
        }, context)
        return xmlRelaxNGValidateDoc(validator, doc)
      }
      guard let result else { throw XMLErrors(context: "parsing XML", errors: errors) }
      if result == 0 { return [] }
      let real = errors.filter { !$0.isWarning }
      return real.isEmpty ? [XMLError(code: Int(result), message: "invalid (no message from libxml2)")] : real
    }
  }
}
