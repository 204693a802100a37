/// Maps offsets in the cleaned text back to byte offsets in the raw file.
///
/// Stored as a flat list of anchors `[c0, r0, c1, r1, …]`: cleaned-text
/// scalar offset `c_k` corresponds to raw byte offset `r_k`. Both sequences
/// are non-decreasing; the first anchor is `(0, r)` and the last is
/// `(text length, end of the last raw byte used)`. Between two anchors the
/// cleaned scalars `[c_k, c_k+1)` come from the raw bytes `[r_k, r_k+1)`:
/// when both sides hold the same number of scalars they map one to one
/// (copied or replaced letter by letter), otherwise the segment maps as a
/// whole (for example NFC composition or a removed run, where c_k == c_k+1).
public struct OffsetMap: Sendable, Equatable {
  public private(set) var anchors: [Int]

  public init(anchors: [Int]) { self.anchors = anchors }
  public init() { anchors = [] }

  public var count: Int { anchors.count / 2 }
  public func clean(_ k: Int) -> Int { anchors[2 * k] }
  public func raw(_ k: Int) -> Int { anchors[2 * k + 1] }

  /// Appends an anchor; a repeat of the last one is dropped.
  public mutating func append(clean c: Int, raw r: Int) {
    if anchors.count >= 2, anchors[anchors.count - 2] == c, anchors[anchors.count - 1] == r { return }
    anchors.append(c)
    anchors.append(r)
  }

  /// Checks the invariants against the text's length (in scalars).
  public func validate(textLength: Int) throws {
    guard anchors.count % 2 == 0 else { throw RecordError.invalid("offsets must hold pairs") }
    if anchors.isEmpty {
      if textLength == 0 { return }
      throw RecordError.invalid("offsets are empty but the text is not")
    }
    var lastC = -1, lastR = -1
    for k in 0..<count {
      let c = clean(k), r = raw(k)
      guard c >= lastC, r >= lastR, c >= 0, r >= 0 else {
        throw RecordError.invalid("offsets must not decrease (anchor \(k))")
      }
      lastC = c
      lastR = r
    }
    guard clean(0) == 0, lastC == textLength else {
      throw RecordError.invalid("offsets must span the text: 0…\(textLength), found \(clean(0))…\(lastC)")
    }
  }

  /// The raw byte range of the cleaned scalars `[start, end)`.
  ///
  /// - Parameter raw: the raw file's bytes (needed to step through one-to-one
  ///   segments scalar by scalar).
  public func rawRange(cleanStart start: Int, cleanEnd end: Int, raw: [UInt8]) -> Range<Int> {
    let lo = rawOffset(start, raw: raw, preferEnd: false)
    let hi = rawOffset(end, raw: raw, preferEnd: true)
    return lo..<max(lo, hi)
  }

  /// The raw byte offset of cleaned offset `c`. At a position where a
  /// deletion happened (several anchors share `c`), `preferEnd` picks the
  /// earliest raw offset for an end and the latest for a start, so ranges
  /// never swallow removed material.
  public func rawOffset(_ c: Int, raw: [UInt8], preferEnd: Bool) -> Int {
    guard count > 0 else { return 0 }
    // Binary search for the last anchor with clean <= c (or first, for ends).
    var lo = 0, hi = count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if clean(mid) <= c { lo = mid } else { hi = mid - 1 }
    }
    var k = lo
    if clean(k) == c {
      if preferEnd {
        while k > 0, clean(k - 1) == c { k -= 1 }
      }
      return self.raw(k)
    }
    // c lies strictly inside segment k..k+1.
    guard k + 1 < count else { return self.raw(k) }
    let c0 = clean(k), c1 = clean(k + 1), r0 = self.raw(k), r1 = self.raw(k + 1)
    let rawScalars = Self.scalarCount(raw, r0, r1)
    if rawScalars == c1 - c0 {
      return Self.advance(raw, from: r0, scalars: c - c0)
    }
    return preferEnd ? r1 : r0
  }

  static func scalarCount(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
    var n = 0
    var i = from
    let end = min(to, bytes.count)
    while i < end {
      if bytes[i] & 0xC0 != 0x80 { n += 1 }
      i += 1
    }
    return n
  }

  static func advance(_ bytes: [UInt8], from: Int, scalars: Int) -> Int {
    var i = from
    var n = 0
    while i < bytes.count {
      if bytes[i] & 0xC0 != 0x80 {
        if n == scalars { return i }
        n += 1
      }
      i += 1
    }
    return i
  }
}
