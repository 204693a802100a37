import KhabarCore

/// Accumulates the cleaned text (as UTF-8) and its offset map back to the raw bytes.
///
/// Anchors are placed so that between two of them the cleaned scalars either
/// map one to one onto the raw scalars (copied or replaced letter by letter)
/// or form one whole group (an expansion, a composition, a removed run with
/// no cleaned scalars). See `OffsetMap`.
struct TextBuilder {
  private(set) var bytes: [UInt8] = []
  /// Length of the text in scalars.
  private(set) var length = 0
  private(set) var map = OffsetMap()
  /// Raw offset where the last mapped material ended (-1 before any).
  private var rawCursor = -1
  /// The raw file, to tell one-scalar ranges from groups.
  private let raw: UnsafeBufferPointer<UInt8>

  init(raw: UnsafeBufferPointer<UInt8>, capacity: Int) {
    self.raw = raw
    bytes.reserveCapacity(capacity)
  }

  /// Appends scalars `[from, to)` of `line` with their provenance.
  mutating func append(_ line: LineBuffer, _ from: Int, _ to: Int) {
    var i = from
    while i < to {
      let rs = line.rawStart[i], re = line.rawEnd[i]
      var j = i + 1
      while j < to, line.rawStart[j] == rs, line.rawEnd[j] == re { j += 1 }
      let oneToOne = j == i + 1 && rs < raw.count && re - rs == ScalarClass.utf8Length(lead: raw[rs])
      if !oneToOne, let lastStart = ambiguousGroupEnd(line.scalars[i..<j], rs, re) {
        // Equal counts would read as one to one: leave the last raw scalar out
        // of the group (as removed) so the group maps as a whole.
        mapUnit(count: j - i, rawStart: rs, rawEnd: lastStart, oneToOne: false)
      } else {
        mapUnit(count: j - i, rawStart: rs, rawEnd: re, oneToOne: oneToOne)
      }
      for k in i..<j { encode(line.scalars[k]) }
      i = j
    }
  }

  /// For a group whose scalar count equals its raw scalar count (which the
  /// offset map would read as one to one) and that is not a reordering of
  /// the same scalars, the start of its last raw scalar; else nil.
  private func ambiguousGroupEnd(_ scalars: ArraySlice<UInt32>, _ rs: Int, _ re: Int) -> Int? {
    guard re <= raw.count, re - rs <= 4 * scalars.count else { return nil }
    var rawScalars: [UInt32] = []
    var lastStart = rs
    for u in String(decoding: UnsafeBufferPointer(rebasing: raw[rs..<re]), as: UTF8.self).unicodeScalars {
      rawScalars.append(u.value)
      if rawScalars.count > scalars.count { return nil }
    }
    guard rawScalars.count == scalars.count, rawScalars.sorted() != scalars.sorted() else { return nil }
    var p = rs
    while p < re {
      lastStart = p
      p += ScalarClass.utf8Length(lead: raw[p])
    }
    return lastStart
  }

  /// Appends one scalar that comes from raw bytes `[rawStart, rawEnd)`.
  mutating func append(_ v: UInt32, rawStart: Int, rawEnd: Int) {
    let oneToOne = rawStart < raw.count && rawEnd - rawStart == ScalarClass.utf8Length(lead: raw[rawStart])
    mapUnit(count: 1, rawStart: rawStart, rawEnd: rawEnd, oneToOne: oneToOne)
    encode(v)
  }

  /// Closes the map: the last anchor is (text length, end of the last raw byte used).
  mutating func finish() -> OffsetMap {
    if rawCursor >= 0 { map.append(clean: length, raw: rawCursor) }
    return map
  }

  /// Maps `count` cleaned scalars (about to be appended) to raw `[rs, re)`.
  private mutating func mapUnit(count: Int, rawStart: Int, rawEnd: Int, oneToOne: Bool) {
    // Never let the map run backwards, whatever a pass did.
    let rs = max(rawStart, rawCursor)
    let re = max(rawEnd, rs)
    if rawCursor < 0 {
      map.append(clean: length, raw: rs)
    } else if rs != rawCursor || !oneToOne || !lastWasOneToOne {
      map.append(clean: length, raw: rawCursor)
      map.append(clean: length, raw: rs)
    }
    if !oneToOne { map.append(clean: length + count, raw: re) }
    lastWasOneToOne = oneToOne
    rawCursor = re
    length += count
  }

  private var lastWasOneToOne = false

  @inline(__always) private mutating func encode(_ v: UInt32) {
    if v < 0x80 {
      bytes.append(UInt8(v))
    } else if v < 0x800 {
      bytes.append(UInt8(0xC0 | (v >> 6)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      bytes.append(UInt8(0xE0 | (v >> 12)))
      bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      bytes.append(UInt8(0xF0 | (v >> 18)))
      bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  /// Replaces the ASCII byte at `byteOffset` by another ASCII byte (same length, same mapping).
  mutating func replaceASCII(at byteOffset: Int, with b: UInt8) { bytes[byteOffset] = b }
}
