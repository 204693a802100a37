internal import CLibXML2

/// A libxml2 error turned into a Swift error: domain and code from libxml2,
/// its message (trimmed) and the line it refers to (0 when unknown).
public struct XMLError: Error, CustomStringConvertible, Sendable, Equatable {
  public var domain: Int
  public var code: Int
  public var line: Int
  public var message: String
  /// True for warnings (libxml2 level XML_ERR_WARNING).
  public var isWarning: Bool

  public init(domain: Int = 0, code: Int = 0, line: Int = 0, message: String, isWarning: Bool = false) {
    self.domain = domain
    self.code = code
    self.line = line
    self.message = message
    self.isWarning = isWarning
  }

  public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// Several libxml2 errors from one operation.
public struct XMLErrors: Error, CustomStringConvertible, Sendable {
  public var context: String
  public var errors: [XMLError]
  public var description: String {
    let shown = errors.prefix(5).map(\.description).joined(separator: "; ")
    let more = errors.count > 5 ? " (and \(errors.count - 5) more)" : ""
    return "\(context): \(shown.isEmpty ? "unknown libxml2 error" : shown)\(more)"
  }
}

/// The process-wide libxml2 setup, done once (Swift runs a global's
/// initialiser exactly once, thread-safely).
private let libxmlInitialised: Bool = {
  xmlInitParser()
  return true
}()

/// Collects libxml2's structured errors for one operation on this thread.
///
/// libxml2 keeps its error handlers per thread (Debian builds it with thread
/// support), so installing a collector here never affects another thread.
final class XMLErrorCollector {
  private(set) var errors: [XMLError] = []

  /// Ensures libxml2 is initialised and that nothing it reports reaches
  /// stderr on this thread: generic errors are dropped, structured ones go
  /// to a collector while an operation runs (see `collecting`) and are
  /// dropped otherwise.
  static func prepare() {
    _ = libxmlInitialised
    khabarxml_silence_generic_errors()
    xmlSetStructuredErrorFunc(nil) { _, _ in }
  }

  /// Runs `body` with this thread's structured error handler pointing at a
  /// fresh collector, then installs a handler that drops errors so nothing
  /// ever reaches stderr.
  static func collecting<T>(_ body: (UnsafeMutableRawPointer) throws -> T) rethrows -> (T, [XMLError]) {
    _ = libxmlInitialised
    khabarxml_silence_generic_errors()
    let collector = XMLErrorCollector()
    let context = Unmanaged.passUnretained(collector).toOpaque()
    xmlSetStructuredErrorFunc(context) { context, error in
      XMLErrorCollector.record(context, error.map { UnsafePointer($0) })
    }
    defer {
      xmlSetStructuredErrorFunc(nil) { _, _ in }
      withExtendedLifetime(collector) {}
    }
    let value = try body(context)
    return (value, collector.errors)
  }

  /// The C callback body: appends one error to the collector behind `context`.
  static func record(_ context: UnsafeMutableRawPointer?, _ error: UnsafePointer<xmlError>?) {
    guard let context, let error else { return }
    let collector = Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
    let e = error.pointee
    var message = e.message.map { String(cString: $0) } ?? "libxml2 error \(e.code)"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    collector.errors.append(XMLError(
      domain: Int(e.domain), code: Int(e.code), line: Int(e.line), message: message,
      isWarning: e.level == XML_ERR_WARNING))
  }
}
