import KhabarCore

/// The binary model file `ner.model` (little-endian).
///
///     "KHABNER1"  magic
///     UInt32      feature version (`ModelFile.featureVersion`)
///     UInt32      slot bits, UInt32 label count
///     Float32     cert scale, Float32 weight scale (weights are Int16 × scale)
///     UInt32 T, T × Float32   transitions
///     UInt32 N, N × (UInt32 slot, labelCount × Int16)   non-zero slots, ascending
extension LinearChainModel {
  /// Bumped whenever `FeatureExtractor` changes meaning, so an old model is refused.
  public static let featureVersion: UInt32 = 1
  static let magic: [UInt8] = Array("KHABNER1".utf8)

  public func serialized() -> [UInt8] {
    let L = Self.labelCount
    var maxAbs: Float = 0
    for w in weights { maxAbs = max(maxAbs, abs(w)) }
    let scale = maxAbs > 0 ? maxAbs / 32767 : 1
    var out = Self.magic
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func f32(_ v: Float) { u32(v.bitPattern) }
    u32(Self.featureVersion)
    u32(UInt32(slotBits))
    u32(UInt32(L))
    f32(certScale)
    f32(scale)
    u32(UInt32(transitions.count))
    for t in transitions { f32(t) }
    var rows: [UInt8] = []
    var count: UInt32 = 0
    var q = [Int16](repeating: 0, count: L)
    for slot in 0..<(1 << slotBits) {
      var any = false
      for y in 0..<L {
        q[y] = Int16(max(-32767, min(32767, (weights[slot * L + y] / scale).rounded())))
        if q[y] != 0 { any = true }
      }
      guard any else { continue }
      count += 1
      withUnsafeBytes(of: UInt32(slot).littleEndian) { rows.append(contentsOf: $0) }
      for v in q { withUnsafeBytes(of: v.littleEndian) { rows.append(contentsOf: $0) } }
    }
    u32(count)
    out.append(contentsOf: rows)
    return out
  }

  public init(serialized bytes: [UInt8], path: String = "ner.model") throws {
    var p = 0
    func fail(_ why: String) -> NERModelError { NERModelError("\(path): \(why)") }
    func u32() throws -> UInt32 {
      guard p + 4 <= bytes.count else { throw fail("truncated model file") }
      let v = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
      p += 4
      return v
    }
    func f32() throws -> Float { Float(bitPattern: try u32()) }
    guard bytes.count >= 8, Array(bytes[0..<8]) == Self.magic else { throw fail("not a Khabar NER model") }
    p = 8
    let version = try u32()
    guard version == Self.featureVersion else {
      throw fail("model has feature version \(version), this build needs \(Self.featureVersion): run `make train`")
    }
    let bits = Int(try u32())
    let L = Int(try u32())
    guard (10...24).contains(bits), L == Self.labelCount else { throw fail("unsupported slot bits \(bits) or labels \(L)") }
    let certScale = try f32()
    let scale = try f32()
    let tCount = Int(try u32())
    guard tCount == (L + 1) * L else { throw fail("bad transition table size \(tCount)") }
    var transitions: [Float] = []
    for _ in 0..<tCount { transitions.append(try f32()) }
    let rows = Int(try u32())
    guard rows <= 1 << bits, bytes.count - p == rows * (4 + 2 * L) else { throw fail("bad weight table size") }
    var weights = [Float](repeating: 0, count: (1 << bits) * L)
    for _ in 0..<rows {
      let slot = Int(try u32())
      guard slot < 1 << bits else { throw fail("slot \(slot) out of range") }
      for y in 0..<L {
        let v = Int16(bitPattern: UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8)
        p += 2
        weights[slot * L + y] = Float(v) * scale
      }
    }
    self.init(slotBits: bits, weights: weights, transitions: transitions, certScale: certScale)
  }
}
