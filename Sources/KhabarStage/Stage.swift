public import KhabarCore

/// A pipeline stage: a pure record-to-record transform.
///
/// A stage keeps no state across records: everything it loads (models, the
/// knowledge base) is loaded once in `init` and only read afterwards, so the
/// same binary runs unchanged under Spark's `RDD.pipe`, Hadoop Streaming or a
/// Slurm job array.
public protocol Stage {
  /// Short name: "clean", "segment", "tag", "link", "export".
  static var name: String { get }
  /// Numeric dotted version (TEI `application/@version` rejects suffixes).
  static var version: String { get }
  static var summary: String { get }
  /// Fields and layers a record must have: "raw", "text", or layer names.
  static var requires: [String] { get }
  /// Fields and layers the stage adds (or replaces).
  static var provides: [String] { get }
  /// Every option the stage knows, with its default. Unknown keys are errors.
  static var defaultOptions: [String: JSONValue] { get }

  init(options: StageOptions, environment: StageEnvironment) throws

  /// Transforms one record. Throw `StageError` for bad data in this record.
  func process(_ document: inout Document) throws
}

/// Where a stage finds its data files and puts side outputs.
public struct StageEnvironment: Sendable {
  /// The `data/` folder (knowledge base, models).
  public var dataDirectory: String
  /// Where side outputs go (the export stage's TEI files), if any.
  public var artifactsDirectory: String?

  public init(dataDirectory: String, artifactsDirectory: String?) {
    self.dataDirectory = dataDirectory
    self.artifactsDirectory = artifactsDirectory
  }
}

/// A record a stage cannot process.
public struct StageError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The stage's options after merging the user's over the defaults.
public struct StageOptions: Sendable {
  public let values: [String: JSONValue]

  /// Merges `user` over `defaults`; unknown keys and type mismatches are errors.
  public init(user: [String: JSONValue], defaults: [String: JSONValue], stage: String) throws {
    var merged = defaults
    for (key, value) in user {
      guard let def = defaults[key] else {
        let known = defaults.keys.sorted().joined(separator: ", ")
        throw OptionsError("\(stage): unknown option \"\(key)\" (known: \(known.isEmpty ? "none" : known))")
      }
      guard Self.sameKind(def, value) else {
        throw OptionsError("\(stage): option \"\(key)\" must be \(def.kindName), not \(value.kindName)")
      }
      merged[key] = value
    }
    values = merged
  }

  public init(defaults: [String: JSONValue]) { values = defaults }

  /// First 16 hex digits of the SHA-256 of the canonical merged options.
  public var hash: String {
    String(SHA256.hex(JSONValue.object(values).canonicalBytes).prefix(16))
  }

  public func bool(_ key: String) -> Bool { values[key]?.boolValue ?? false }
  public func int(_ key: String) -> Int { values[key]?.intValue ?? 0 }
  public func double(_ key: String) -> Double { values[key]?.doubleValue ?? 0 }
  public func string(_ key: String) -> String { values[key]?.stringValue ?? "" }
  public subscript(key: String) -> JSONValue? { values[key] }

  private static func sameKind(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.bool, .bool), (.string, .string), (.array, .array), (.object, .object), (.null, _): true
    case (.int, .int), (.int, .double), (.double, .int), (.double, .double): true
    default: false
    }
  }
}

public struct OptionsError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
