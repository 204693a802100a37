internal import CLibXML2
import KhabarCore

/// A libxml2 output buffer (`xmlOutputBuffer`) that receives one XML
/// document, and libxml2's own escaping for character data and attribute
/// values: the routines `xmlSaveDoc` uses on a tree
/// (`xmlOutputBufferWriteEscape` with the default content escaping, and
/// `xmlAttrSerializeTxtContent` for a UTF-8 document), so what `XMLWriter`
/// writes through it is byte-identical to serialising the same document
/// built as a libxml2 tree.
///
/// Ownership: this object owns the output buffer (`xmlOutputBufferClose`),
/// the scratch `xmlBuffer` for attribute values (`xmlBufferFree`) and the
/// empty document that tells libxml2 the output is UTF-8 (`xmlFreeDoc`),
/// and frees them in `deinit`.
final class XMLOutput {
  private let output: xmlOutputBufferPtr?
  /// Created on first use: most documents need no attribute escaping.
  private var attributeScratch: xmlBufferPtr?
  private var utf8Document: xmlDocPtr?
  /// Set when libxml2 failed (out of memory); `finish` then throws.
  private var failed = false

  /// Where a streaming buffer's bytes go, and the first error writing them.
  private final class Drain {
    let sink: ByteSink
    var error: (any Error)?
    init(_ sink: ByteSink) { self.sink = sink }
  }

  /// Nil for a buffer that keeps the document (`content`).
  private let drain: Drain?

  /// True for a buffer made with `init(sink:)`.
  var streams: Bool { drain != nil }

  /// A buffer that keeps the whole document in memory (see `content`).
  init() {
    XMLErrorCollector.prepare()
    drain = nil
    output = xmlAllocOutputBuffer(nil)
    if output == nil { failed = true }
  }

  /// A buffer that hands its bytes to `sink` as it fills (libxml2 flushes
  /// a few kilobytes at a time), so a document of any size is written in
  /// bounded memory; `flushToSink` writes the rest.
  init(sink: ByteSink) {
    XMLErrorCollector.prepare()
    let drain = Drain(sink)
    self.drain = drain
    // The buffer holds an unretained reference: `drain` lives as long as this object.
    let context = Unmanaged.passUnretained(drain).toOpaque()
    output = xmlOutputBufferCreateIO({ context, bytes, count in
      guard let context, let bytes, count > 0 else { return 0 }
      let drain = Unmanaged<Drain>.fromOpaque(context).takeUnretainedValue()
      guard drain.error == nil else { return -1 }
      do {
        try bytes.withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
          try drain.sink.write(UnsafeBufferPointer(start: $0, count: Int(count)))
        }
        return count
      } catch {
        drain.error = error
        return -1
      }
    }, nil, context, nil)
    if output == nil { failed = true }
  }

  deinit {
    if let output { xmlOutputBufferClose(output) }
    if let attributeScratch { xmlBufferFree(attributeScratch) }
    if let utf8Document { xmlFreeDoc(utf8Document) }
  }

  /// Appends `bytes` as they are (markup, and text that needs no escaping).
  func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let output, !failed, let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let written = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
      xmlOutputBufferWrite(output, Int32(bytes.count), $0)
    }
    if written < 0 { failed = true }
  }

  /// Appends the NUL-terminated UTF-8 `text` as character data: `<`, `>`,
  /// `&` and CR become references (libxml2's `xmlEscapeContent`).
  func writeEscapedText(_ text: UnsafePointer<UInt8>) {
    guard let output, !failed else { return }
    if xmlOutputBufferWriteEscape(output, text, nil) < 0 { failed = true }
  }

  /// Calls `body` with the NUL-terminated UTF-8 `value` escaped as an
  /// attribute value between double quotes: `"`, `<`, `>`, `&`, TAB, LF
  /// and CR become references, other characters stay as they are.
  func escapeAttribute(_ value: UnsafePointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    guard let scratch = prepareAttributeScratch() else {
      failed = true
      return
    }
    xmlBufferEmpty(scratch)
    xmlAttrSerializeTxtContent(scratch, utf8Document, nil, value)
    guard let content = xmlBufferContent(scratch) else { return }
    body(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(scratch))))
  }

  /// The scratch buffer, and a document whose encoding is UTF-8: without
  /// one, libxml2 writes every non-ASCII character of an attribute as a
  /// character reference (`xmlSaveDoc` sets the encoding while it saves).
  private func prepareAttributeScratch() -> xmlBufferPtr? {
    if let attributeScratch { return attributeScratch }
    guard let doc = xmlNewDoc("1.0") else { return nil }
    doc.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
    utf8Document = doc
    attributeScratch = xmlBufferCreate()
    return attributeScratch
  }

  /// Hands what the buffer still holds to the sink of `init(sink:)`.
  func flushToSink() throws {
    if let error = drain?.error { throw error }
    guard let output, !failed, drain != nil, xmlOutputBufferFlush(output) >= 0 else {
      if let error = drain?.error { throw error }
      throw XMLErrors(context: "writing XML", errors: [XMLError(message: "libxml2 could not write the output")])
    }
    if let error = drain?.error { throw error }
  }

  /// Everything written so far.
  func content() throws -> [UInt8] {
    guard let output, !failed, let content = xmlOutputBufferGetContent(output) else {
      throw XMLErrors(context: "writing XML", errors: [XMLError(message: "libxml2 could not write the output (out of memory)")])
    }
    return Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(output))))
  }
}
