import KhabarCore

/// Parses JSON for configuration files: like `JSONValue.parse`, but a key
/// given twice in one object is an error naming its path (the generic parser
/// would silently keep the last one), and syntax errors name line and column.
enum StrictJSON {
  static func parse(_ bytes: [UInt8], origin: String) throws(CoordinatorError) -> JSONValue {
    var reader = JSONReader(bytes)
    do {
      let value = try readValue(&reader, path: "")
      try reader.expectEnd()
      return value
    } catch let error as JSONError {
      let (line, column) = position(of: error.offset, in: bytes)
      throw .config("\(origin):\(line):\(column): not valid JSON: \(error.message)")
    } catch let error as CoordinatorError {
      throw .config("\(origin): \(error.message)")
    } catch {
      throw .config("\(origin): \(error)")
    }
  }

  private static func readValue(_ r: inout JSONReader, path: String) throws -> JSONValue {
    r.skipWhitespace()
    guard r.index < r.bytes.count else { throw r.error("expected a value, found the end of the file") }
    switch r.bytes[r.index] {
    case UInt8(ascii: "{"):
      try r.beginObject()
      var object: [String: JSONValue] = [:]
      while let key = try r.nextKey() {
        let keyPath = KeyPath.join(path, key)
        if object[key] != nil { throw CoordinatorError.config("key \"\(keyPath)\" is given twice") }
        object[key] = try readValue(&r, path: keyPath)
      }
      return .object(object)
    case UInt8(ascii: "["):
      try r.beginArray()
      var array: [JSONValue] = []
      while try r.nextElement() { array.append(try readValue(&r, path: "\(path)[\(array.count)]")) }
      return .array(array)
    default:
      return try r.readValue()
    }
  }

  /// 1-based line and column (in bytes) of a byte offset.
  static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1, column = 1
    for b in bytes.prefix(offset) {
      if b == 0x0A { line += 1; column = 1 } else { column += 1 }
    }
    return (line, column)
  }
}

/// Key paths such as `stages[2].options`, for error messages.
enum KeyPath {
  static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
