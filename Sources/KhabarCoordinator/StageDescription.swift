public import KhabarCore

/// What a stage executable says about itself with `--describe`.
public struct StageDescription: Sendable, Equatable {
  public var name: String
  public var version: String
  public var schema: Int
  public var summary: String
  public var requires: [String]
  public var provides: [String]
  /// Every option the stage knows, with its default.
  public var options: [String: JSONValue]

  public init(name: String, version: String, schema: Int = 1, summary: String = "",
              requires: [String], provides: [String], options: [String: JSONValue] = [:]) {
    self.name = name
    self.version = version
    self.schema = schema
    self.summary = summary
    self.requires = requires
    self.provides = provides
    self.options = options
  }

  /// Parses the JSON object a stage prints for `--describe`.
  public init(json bytes: [UInt8], executable: String) throws(CoordinatorError) {
    let what = "\(executable) --describe"
    let value: JSONValue
    do { value = try JSONValue.parse(bytes) } catch {
      let shown = String(decoding: bytes.prefix(120), as: UTF8.self)
      throw .config("\(what) did not print valid JSON (\(error)): \(shown.isEmpty ? "(nothing)" : shown)")
    }
    guard case .object(let o) = value else { throw .config("\(what) printed \(value.kindName), not an object") }
    func string(_ key: String) throws(CoordinatorError) -> String {
      guard let s = o[key]?.stringValue, !s.isEmpty else { throw .config("\(what): \"\(key)\" must be a non-empty string") }
      return s
    }
    func strings(_ key: String) throws(CoordinatorError) -> [String] {
      guard let a = o[key]?.arrayValue else { throw .config("\(what): \"\(key)\" must be an array of strings") }
      var out: [String] = []
      for v in a {
        guard let s = v.stringValue else { throw .config("\(what): \"\(key)\" must be an array of strings") }
        out.append(s)
      }
      return out
    }
    name = try string("name")
    version = try string("version")
    schema = o["schema"]?.intValue ?? 1
    summary = o["summary"]?.stringValue ?? ""
    requires = try strings("requires")
    provides = try strings("provides")
    if let v = o["options"] {
      guard let opts = v.objectValue else { throw .config("\(what): \"options\" must be an object") }
      options = opts
    } else {
      options = [:]
    }
  }

  /// Checks user options against the stage's defaults (same rule as the
  /// stage itself applies: known keys, same kind of value) and returns the
  /// merged options.
  public func merge(_ user: [String: JSONValue], path: String) throws(CoordinatorError) -> [String: JSONValue] {
    var merged = options
    for key in user.keys.sorted() {
      let value = user[key] ?? .null
      guard let def = options[key] else {
        let known = options.keys.sorted().joined(separator: ", ")
        throw .config("\(path).\(key): stage \(name) has no option \"\(key)\" (known: \(known.isEmpty ? "none" : known))")
      }
      guard Self.sameKind(def, value) else {
        throw .config("\(path).\(key): option \"\(key)\" of stage \(name) must be \(def.kindName), not \(value.kindName)")
      }
      merged[key] = value
    }
    return merged
  }

  private static func sameKind(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.bool, .bool), (.string, .string), (.array, .array), (.object, .object), (.null, _): true
    case (.int, .int), (.int, .double), (.double, .int), (.double, .double): true
    default: false
    }
  }
}
