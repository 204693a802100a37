/// The 0-based byte offset of the first invalid UTF-8 sequence in `bytes`, or
/// nil when they are valid UTF-8 (the whole check runs in the standard
/// library's validator, in place; the offset is searched only on failure).
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
  if #available(macOS 26, *) {
    if (try? UTF8Span(validating: bytes.span)) != nil { return nil }
  } else if String(validating: bytes, as: UTF8.self) != nil {
    return nil
  }
  var i = 0
  while i < bytes.count {
    let b = bytes[i]
    let n: Int
    if b < 0x80 { n = 1 } else if b & 0xE0 == 0xC0 { n = 2 } else if b & 0xF0 == 0xE0 { n = 3 } else if b & 0xF8 == 0xF0 { n = 4 } else { return i }
    if i + n > bytes.count { return i }
    if String(validating: bytes[i..<(i + n)], as: UTF8.self) == nil { return i }
    i += n
  }
  return nil
}
