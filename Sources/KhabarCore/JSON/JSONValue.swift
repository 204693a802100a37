/// A generic JSON value, for small documents (options, `--describe`,
/// pipeline.json). Records use the typed `Document` instead.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Parses one complete JSON text.
  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    var reader = JSONReader(bytes)
    let value = try reader.readValue()
    try reader.expectEnd()
    return value
  }

  public static func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }

  /// Canonical bytes: sorted keys, no spaces. Equal values give equal bytes.
  public var canonicalBytes: [UInt8] {
    var w = JSONWriter()
    w.value(self)
    return w.bytes
  }

  public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d == d.rounded(): return Int(exactly: d)
    default: return nil
    }
  }
  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }
  public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
  public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }

  /// A short name of the value's kind, for error messages.
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// The exact bytes of one already-validated JSON value, kept for pass-through.
public struct RawJSON: Sendable, Equatable {
  public let bytes: [UInt8]
  public init(validated bytes: [UInt8]) { self.bytes = bytes }

  /// Parses and validates `bytes` as exactly one JSON value.
  public init(parsing bytes: [UInt8]) throws {
    var r = JSONReader(bytes)
    try r.skipValue()
    try r.expectEnd()
    self.bytes = bytes
  }

  public var reader: JSONReader { JSONReader(bytes) }
  public func value() throws -> JSONValue { try JSONValue.parse(bytes) }
}
