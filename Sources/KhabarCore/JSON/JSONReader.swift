/// A fast, strict, pull-style JSON reader over UTF-8 bytes.
///
/// Stages read one JSON Lines record at a time. The reader never builds a
/// tree unless asked (`readValue`); layers a stage does not own are kept as
/// raw bytes (`readRaw`) and written back unchanged.
///
///     var r = JSONReader(bytes)
///     try r.beginObject()
///     while let key = try r.nextKey() {
///       switch key { case "id": id = try r.readString(); default: try r.skipValue() }
///     }
public struct JSONReader {
  public let bytes: [UInt8]
  public private(set) var index: Int
  /// Nesting stack: true = the next element/key is the first of its container.
  private var first: [Bool] = []
  private var depthLimit = 512

  public init(_ bytes: [UInt8], from start: Int = 0) {
    self.bytes = bytes
    self.index = start
  }

  // MARK: - Containers

  public mutating func beginObject() throws {
    try expect(UInt8(ascii: "{"))
    first.append(true)
    if first.count > depthLimit { throw error("nesting deeper than \(depthLimit)") }
  }

  /// The next key of the current object, or nil at its closing brace.
  public mutating func nextKey() throws -> String? {
    skipWhitespace()
    guard index < bytes.count else { throw error("unterminated object") }
    if bytes[index] == UInt8(ascii: "}") {
      index += 1
      first.removeLast()
      return nil
    }
    if first[first.count - 1] {
      first[first.count - 1] = false
    } else {
      try expect(UInt8(ascii: ","))
      skipWhitespace()
    }
    let key = try readString()
    try expect(UInt8(ascii: ":"))
    return key
  }

  public mutating func beginArray() throws {
    try expect(UInt8(ascii: "["))
    first.append(true)
    if first.count > depthLimit { throw error("nesting deeper than \(depthLimit)") }
  }

  /// True if another element follows in the current array (consumes the comma);
  /// false at its closing bracket (consumes it).
  public mutating func nextElement() throws -> Bool {
    skipWhitespace()
    guard index < bytes.count else { throw error("unterminated array") }
    if bytes[index] == UInt8(ascii: "]") {
      index += 1
      first.removeLast()
      return false
    }
    if first[first.count - 1] {
      first[first.count - 1] = false
    } else {
      try expect(UInt8(ascii: ","))
    }
    return true
  }

  // MARK: - Scalars

  public mutating func readNull() throws -> Bool {
    skipWhitespace()
    if matchLiteral("null") { return true }
    return false
  }

  public mutating func readBool() throws -> Bool {
    skipWhitespace()
    if matchLiteral("true") { return true }
    if matchLiteral("false") { return false }
    throw error("expected true or false")
  }

  public mutating func readInt() throws -> Int {
    skipWhitespace()
    var i = index
    var negative = false
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
    let digitsStart = i
    var value = 0
    while i < bytes.count {
      let d = bytes[i] &- UInt8(ascii: "0")
      if d > 9 { break }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int(d))
      if o1 || o2 { throw error("integer out of range") }
      value = s
      i += 1
    }
    if i == digitsStart { throw error("expected an integer") }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      throw error("expected an integer, found a fraction or exponent")
    }
    index = i
    return negative ? -value : value
  }

  public mutating func readDouble() throws -> Double {
    skipWhitespace()
    let start = index
    try scanNumber()
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else { throw error("bad number \(text)") }
    return value
  }

  /// Reads an array of integers (the flat offset arrays of dense layers).
  public mutating func readIntArray() throws -> [Int] {
    skipWhitespace()
    if first.count < depthLimit, let (values, end) = compactIntArray(from: index) {
      index = end
      return values
    }
    try beginArray()
    var out: [Int] = []
    while try nextElement() { out.append(try readInt()) }
    return out
  }

  /// The fast path of `readIntArray`: an array written as our writer writes it, `[12,-3,45]` with no
  /// whitespace and at most 18 digits a number, and the index just after it; nil for anything else
  /// (which the general path then reads, or reports where it is wrong).
  private func compactIntArray(from start: Int) -> ([Int], Int)? {
    bytes.withUnsafeBufferPointer { b -> ([Int], Int)? in
      guard start < b.count, b[start] == UInt8(ascii: "[") else { return nil }
      var i = start + 1
      var out: [Int] = []
      if i < b.count, b[i] == UInt8(ascii: "]") { return (out, i + 1) }
      while i < b.count {
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var value = 0
        while i < b.count {
          let d = b[i] &- UInt8(ascii: "0")
          if d > 9 { break }
          value = value &* 10 &+ Int(d)
          i += 1
        }
        guard i > digitsStart, i - digitsStart <= 18, i < b.count else { return nil }
        out.append(negative ? -value : value)
        if b[i] == UInt8(ascii: "]") { return (out, i + 1) }
        guard b[i] == UInt8(ascii: ",") else { return nil }
        i += 1
      }
      return nil
    }
  }

  public mutating func readStringArray() throws -> [String] {
    try beginArray()
    var out: [String] = []
    while try nextElement() { out.append(try readString()) }
    return out
  }

  public mutating func readDoubleArray() throws -> [Double] {
    try beginArray()
    var out: [Double] = []
    while try nextElement() { out.append(try readDouble()) }
    return out
  }

  /// An object whose values are all strings (e.g. identifiers by authority).
  public mutating func readStringMap() throws -> [String: String] {
    try beginObject()
    var out: [String: String] = [:]
    while let key = try nextKey() { out[key] = try readString() }
    return out
  }

  public mutating func readString() throws -> String {
    skipWhitespace()
    try expect(UInt8(ascii: "\""))
    let start = index
    // Fast path: no escapes.
    var i = start
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        index = i + 1
        return String(decoding: bytes[start..<i], as: UTF8.self)
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { index = i; throw error("control character U+\(hex4(UInt32(b))) inside a string") }
      i += 1
    }
    if i >= bytes.count { throw error("unterminated string") }
    // Slow path with escapes.
    var out: [UInt8] = Array(bytes[start..<i])
    index = i
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw error("control character U+\(hex4(UInt32(b))) inside a string") }
      if b != UInt8(ascii: "\\") {
        // The whole run up to the next quote, backslash or control character at once.
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
          end += 1
        }
        out.append(contentsOf: bytes[index..<end])
        index = end
        continue
      }
      index += 1
      guard index < bytes.count else { break }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
          else { throw error("unpaired surrogate \\u\(hex4(code))") }
          index += 2
          let low = try readHex4()
          guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate \\u\(hex4(code))") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
          throw error("unpaired surrogate \\u\(hex4(code))")
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid code point") }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default:
        throw error("invalid escape \\\(Character(Unicode.Scalar(e)))")
      }
    }
    throw error("unterminated string")
  }

  // MARK: - Whole values

  /// Skips one value, validating it.
  public mutating func skipValue() throws {
    skipWhitespace()
    let start = index
    let end = bytes.withUnsafeBufferPointer {
      JSONSkip.value($0, from: start, depthLimit: depthLimit - first.count)
    }
    if let end {
      index = end
      return
    }
    try skipValueSlowly()  // invalid: find out what is wrong, and where
  }

  /// `skipValue` one element at a time, for its error messages.
  private mutating func skipValueSlowly() throws {
    skipWhitespace()
    guard index < bytes.count else { throw error("expected a value, found end of line") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try beginObject()
      while try nextKey() != nil { try skipValueSlowly() }
    case UInt8(ascii: "["):
      try beginArray()
      while try nextElement() { try skipValueSlowly() }
    case UInt8(ascii: "\""):
      try skipString()
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      _ = try readBool()
    case UInt8(ascii: "n"):
      if !(try readNull()) { throw error("unexpected character") }
    default:
      try scanNumber()
    }
  }

  /// One value's exact bytes, validated, for pass-through.
  public mutating func readRaw() throws -> RawJSON {
    skipWhitespace()
    let start = index
    try skipValue()
    return RawJSON(validated: Array(bytes[start..<index]))
  }

  public mutating func readValue() throws -> JSONValue {
    skipWhitespace()
    guard index < bytes.count else { throw error("expected a value, found end of line") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try beginObject()
      var object: [String: JSONValue] = [:]
      while let key = try nextKey() { object[key] = try readValue() }
      return .object(object)
    case UInt8(ascii: "["):
      try beginArray()
      var array: [JSONValue] = []
      while try nextElement() { array.append(try readValue()) }
      return .array(array)
    case UInt8(ascii: "\""):
      return .string(try readString())
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      return .bool(try readBool())
    case UInt8(ascii: "n"):
      if try readNull() { return .null }
      throw error("unexpected character")
    default:
      let start = index
      try scanNumber()
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      if let i = Int(text) { return .int(i) }
      guard let d = Double(text) else { throw error("bad number \(text)") }
      return .double(d)
    }
  }

  /// Checks that only whitespace remains.
  public mutating func expectEnd() throws {
    skipWhitespace()
    if index != bytes.count { throw error("unexpected data after the value") }
  }

  // MARK: - Internals

  public mutating func skipWhitespace() {
    while index < bytes.count {
      let b = bytes[index]
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 } else { break }
    }
  }

  private mutating func expect(_ byte: UInt8) throws {
    skipWhitespace()
    guard index < bytes.count else {
      throw error("expected '\(Character(Unicode.Scalar(byte)))', found end of line")
    }
    guard bytes[index] == byte else {
      throw error("expected '\(Character(Unicode.Scalar(byte)))', found '\(describe(bytes[index]))'")
    }
    index += 1
  }

  private mutating func matchLiteral(_ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard index + n <= bytes.count else { return false }
    let p = literal.utf8Start
    for k in 0..<n where bytes[index + k] != p[k] { return false }
    index += n
    return true
  }

  private mutating func skipString() throws {
    try expect(UInt8(ascii: "\""))
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") { index += 1; return }
      if b < 0x20 { throw error("control character U+\(hex4(UInt32(b))) inside a string") }
      if b == UInt8(ascii: "\\") {
        index += 1
        guard index < bytes.count else { break }
        let e = bytes[index]
        if e == UInt8(ascii: "u") {
          index += 1
          let code = try readHex4()
          if (0xD800...0xDBFF).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate \\u\(hex4(code))") }
            index += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate \\u\(hex4(code))") }
          } else if (0xDC00...0xDFFF).contains(code) {
            throw error("unpaired surrogate \\u\(hex4(code))")
          }
          continue
        }
        guard "\"\\/bfnrt".utf8.contains(e) else { throw error("invalid escape") }
      }
      index += 1
    }
    throw error("unterminated string")
  }

  private mutating func scanNumber() throws {
    let start = index
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let intStart = index
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
    if index == intStart { index = start; throw error("expected a value") }
    if index - intStart > 1, bytes[intStart] == 0x30 { throw error("leading zero in a number") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let f = index
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      if index == f { throw error("expected digits after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let e = index
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      if index == e { throw error("expected digits in exponent") }
    }
  }

  private mutating func readHex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let d = JSONSkip.hexValue(bytes[index]) else { throw error("bad hex digit in \\u escape") }
      v = v << 4 | d
      index += 1
    }
    return v
  }

  private func describe(_ b: UInt8) -> String {
    b >= 0x20 && b < 0x7F ? String(Character(Unicode.Scalar(b))) : "0x" + String(b, radix: 16)
  }

  public func error(_ message: String) -> JSONError {
    JSONError(message: message, offset: index)
  }
}

func hex4(_ v: UInt32) -> String {
  let s = String(v, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

/// A JSON syntax or shape error, with the byte offset where it was found.
public struct JSONError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var offset: Int
  public init(message: String, offset: Int) {
    self.message = message
    self.offset = offset
  }
  public var description: String { "\(message) (at byte \(offset + 1))" }
}
