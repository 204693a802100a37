/// Little-endian reads from the bytes of a binary data file (model, compiled lexicon).
struct BinaryReader {
  let bytes: UnsafeRawBufferPointer
  var position = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var remaining: Int { bytes.count - position }

  /// Whether the bytes start with `magic`.
  func starts(with magic: [UInt8]) -> Bool { bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic) }

  /// The next value, or nil when too few bytes remain.
  mutating func next<T: FixedWidthInteger>(_: T.Type) -> T? {
    guard remaining >= MemoryLayout<T>.size else { return nil }
    let v = T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    position += MemoryLayout<T>.size
    return v
  }

  /// The next `count` values, or nil when too few bytes remain.
  mutating func array<T: FixedWidthInteger>(_ count: Int, of _: T.Type) -> [T]? {
    let size = count * MemoryLayout<T>.size
    guard count >= 0, remaining >= size else { return nil }
    let start = position
    position += size
    return [T](unsafeUninitializedCapacity: count) { out, initialized in
      #if _endian(little)
      if size > 0 { UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: bytes.baseAddress! + start, byteCount: size) }
      #else
      for i in 0..<count {
        out[i] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: start + i * MemoryLayout<T>.size, as: T.self))
      }
      #endif
      initialized = count
    }
  }
}
