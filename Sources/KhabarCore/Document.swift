/// One article as it flows through the pipeline: a JSON Lines record.
///
/// Schema version 1 (documented in README.md, "The record"):
///
///     {"id":…, "layers":{…}, "meta":{…}, "offsets":[…], "provenance":[…],
///      "raw":…, "schema":1, "source":{"bytes":…,"part":{…},"path":…,"sha256":…}, "text":…}
///
/// * `raw` is the decoded source file; only the input of `clean` has it.
/// * `text` is the cleaned text. No stage after `clean` rewrites it.
/// * Offsets everywhere are Unicode scalar offsets into `text`, half-open.
/// * `offsets` maps `text` back to the raw file (see `OffsetMap`).
/// * `layers` holds one JSON value per layer name. A stage decodes only the
///   layers it reads; every other layer is passed through byte for byte.
public struct Document: Sendable, Equatable {
  public static let schemaVersion = 1

  public var schema: Int = Document.schemaVersion
  public var id: String
  public var source: Source
  public var raw: String?
  public var text: String?
  public var offsets: OffsetMap?
  public var meta: [String: String] = [:]
  public var layers: [String: RawJSON] = [:]
  public var provenance: [Provenance] = []

  public init(id: String, source: Source, raw: String? = nil, text: String? = nil) {
    self.id = id
    self.source = source
    self.raw = raw
    self.text = text
  }

  /// The provenance entry a stage adds when it has processed the record.
  public struct Provenance: Sendable, Equatable {
    public var stage: String
    public var version: String
    public var options: String
    public init(stage: String, version: String, options: String) {
      self.stage = stage
      self.version = version
      self.options = options
    }
  }

  /// The input file a record was made from. `sha256` and `bytes` describe
  /// the bytes the record holds: the whole file, or one part of a file too
  /// large to be one document (`part`).
  public struct Source: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var part: Part?
    public init(path: String, sha256: String, bytes: Int, part: Part? = nil) {
      self.path = path
      self.sha256 = sha256
      self.bytes = bytes
      self.part = part
    }
  }

  /// Part `index` (from 1) of `count` consecutive parts of a file, starting
  /// at byte `offset` of the file.
  public struct Part: Sendable, Equatable {
    public var index: Int
    public var count: Int
    public var offset: Int
    public init(index: Int, count: Int, offset: Int) {
      self.index = index
      self.count = count
      self.offset = offset
    }
  }

  // MARK: - Typed layers

  public func has(_ name: String) -> Bool { layers[name] != nil }

  /// Decodes a layer, or nil when the record does not have it.
  public func layer<L: Layer>(_ type: L.Type) throws -> L? {
    guard let raw = layers[L.name] else { return nil }
    var reader = raw.reader
    do {
      let value = try L(from: &reader)
      try reader.expectEnd()
      return value
    } catch let e as JSONError {
      throw RecordError.badLayer(L.name, e.description)
    }
  }

  /// Decodes a layer the stage requires, failing with a clear message when absent.
  public func require<L: Layer>(_ type: L.Type) throws -> L {
    guard let value = try layer(type) else { throw RecordError.missingLayer(L.name) }
    return value
  }

  public mutating func set<L: Layer>(_ value: L) {
    var w = JSONWriter(capacity: 256)
    value.write(to: &w)
    layers[L.name] = RawJSON(validated: w.bytes)
  }

  /// The cleaned text, or an error when the record has not been through `clean`.
  public func requireText() throws -> String {
    guard let text else { throw RecordError.missingField("text") }
    return text
  }
}

/// A typed annotation layer stored under `layers[name]`.
public protocol Layer: Sendable {
  static var name: String { get }
  init(from reader: inout JSONReader) throws
  func write(to writer: inout JSONWriter)
}

/// A record that is well-formed JSON but not a valid document.
public enum RecordError: Error, CustomStringConvertible, Sendable, Equatable {
  case missingField(String)
  case wrongType(String, expected: String)
  case unsupportedSchema(Int)
  case missingLayer(String)
  case badLayer(String, String)
  case invalid(String)

  public var description: String {
    switch self {
    case .missingField(let f): "missing field \"\(f)\""
    case .wrongType(let f, let expected): "field \"\(f)\" must be \(expected)"
    case .unsupportedSchema(let v):
      "record schema \(v) is newer than this stage supports (\(Document.schemaVersion))"
    case .missingLayer(let l): "missing layer \"\(l)\" (run the stage that provides it first)"
    case .badLayer(let l, let why): "layer \"\(l)\" is malformed: \(why)"
    case .invalid(let why): why
    }
  }
}
