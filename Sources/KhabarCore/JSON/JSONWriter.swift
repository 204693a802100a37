/// A compact, deterministic JSON writer that appends UTF-8 bytes.
///
/// Callers write keys in sorted order so that output is byte-stable; the
/// writer adds commas and escapes strings (quote, backslash, C0 controls).
/// Non-ASCII text is written as raw UTF-8.
public struct JSONWriter {
  public var bytes: [UInt8]
  private var first: [Bool] = []

  public init(capacity: Int = 1024) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  // MARK: - Containers

  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    first.append(true)
  }

  public mutating func endObject() {
    first.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    first.append(true)
  }

  public mutating func endArray() {
    first.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes `"name":`; the value written next belongs to it.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    pendingValueAfterKey = true
  }

  // MARK: - Values

  public mutating func string(_ value: String) {
    separate()
    appendQuoted(value)
  }

  public mutating func int(_ value: Int) {
    separate()
    appendInt(value)
  }

  public mutating func double(_ value: Double) {
    separate()
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      appendInt(Int(value))
    } else if value.isFinite {
      bytes.append(contentsOf: Array("\(value)".utf8))
    } else {
      bytes.append(contentsOf: Array("null".utf8))
    }
  }

  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
  }

  public mutating func null() {
    separate()
    bytes.append(contentsOf: Array("null".utf8))
  }

  public mutating func raw(_ value: RawJSON) {
    separate()
    bytes.append(contentsOf: value.bytes)
  }

  public mutating func intArray(_ values: [Int]) {
    beginArray()
    for v in values {
      if !first[first.count - 1] { bytes.append(UInt8(ascii: ",")) }
      first[first.count - 1] = false
      appendInt(v)
    }
    endArray()
  }

  public mutating func stringArray(_ values: [String]) {
    beginArray()
    for v in values { string(v) }
    endArray()
  }

  public mutating func doubleArray(_ values: [Double]) {
    beginArray()
    for v in values { double(v) }
    endArray()
  }

  /// An object of strings, keys sorted.
  public mutating func stringMap(_ values: [String: String]) {
    beginObject()
    for k in values.keys.sorted() {
      key(k)
      string(values[k]!)
    }
    endObject()
  }

  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    case .double(let d): double(d)
    case .string(let s): string(s)
    case .array(let a):
      beginArray()
      for v in a { self.value(v) }
      endArray()
    case .object(let o):
      beginObject()
      for k in o.keys.sorted() {
        key(k)
        self.value(o[k]!)
      }
      endObject()
    }
  }

  // MARK: - Internals

  private var pendingValueAfterKey = false

  private mutating func separate() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      return
    }
    guard !first.isEmpty else { return }
    if first[first.count - 1] {
      first[first.count - 1] = false
    } else {
      bytes.append(UInt8(ascii: ","))
    }
  }

  private mutating func appendInt(_ value: Int) {
    if value == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    var v = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &buffer) { p in
      while v > 0 {
        p[19 - n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
        v /= 10
        n += 1
      }
      bytes.append(contentsOf: p[(20 - n)..<20])
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  private mutating func appendQuoted(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      var runStart = 0
      for i in 0..<utf8.count {
        let b = utf8[i]
        if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
        if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
        runStart = i + 1
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
          bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30,
                                    Self.hexDigits[Int(b >> 4)], Self.hexDigits[Int(b & 0xF)]])
        }
      }
      if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
