import KhabarCore

/// The binary model file `ner.model` (little-endian).
///
///     "KHABNER1"  magic
///     UInt32      feature version (`ModelFile.featureVersion`)
///     UInt32      slot bits, UInt32 label count
///     Float32     cert scale, Float32 outside bias
///     UInt32 T, T × Float32   transitions
///     sparse table of label weights (row width labelCount)
///     UInt32      edge slot bits
///     sparse table of edge weights (row width labelCount²)
/// A sparse table is Float32 scale, UInt32 N, N × (UInt32 row, width × Int16): non-zero rows, ascending.
extension LinearChainModel {
  /// Bumped whenever `FeatureExtractor` changes meaning, so an old model is refused.
  public static let featureVersion: UInt32 = 4
  static let magic: [UInt8] = Array("KHABNER1".utf8)

  public func serialized() -> [UInt8] {
    let L = Self.labelCount
    var out = Self.magic
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func f32(_ v: Float) { u32(v.bitPattern) }
    u32(Self.featureVersion)
    u32(UInt32(slotBits))
    u32(UInt32(L))
    f32(certScale)
    f32(outsideBias)
    u32(UInt32(transitions.count))
    for t in transitions { f32(t) }
    Self.writeSparse(weights, rowWidth: L, rows: 1 << slotBits, to: &out)
    u32(UInt32(FeatureExtractor.edgeBits))
    Self.writeSparse(edgeWeights, rowWidth: L * L, rows: 1 << FeatureExtractor.edgeBits, to: &out)
    return out
  }

  /// Float32 scale, UInt32 N, then N × (UInt32 row, rowWidth × Int16) for the rows that are not all zero.
  static func writeSparse(_ table: [Float], rowWidth: Int, rows: Int, to out: inout [UInt8]) {
    var maxAbs: Float = 0
    for w in table { maxAbs = max(maxAbs, abs(w)) }
    let scale = maxAbs > 0 ? maxAbs / 32767 : 1
    var body: [UInt8] = []
    var count: UInt32 = 0
    var q = [Int16](repeating: 0, count: rowWidth)
    for row in 0..<rows {
      var any = false
      for y in 0..<rowWidth {
        q[y] = Int16(max(-32767, min(32767, (table[row * rowWidth + y] / scale).rounded())))
        if q[y] != 0 { any = true }
      }
      guard any else { continue }
      count += 1
      withUnsafeBytes(of: UInt32(row).littleEndian) { body.append(contentsOf: $0) }
      for v in q { withUnsafeBytes(of: v.littleEndian) { body.append(contentsOf: $0) } }
    }
    withUnsafeBytes(of: scale.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    withUnsafeBytes(of: count.littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: body)
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
    func sparse(rowWidth: Int, rows: Int) throws -> [Float] {
      let scale = try f32()
      let count = Int(try u32())
      guard count <= rows, bytes.count - p >= count * (4 + 2 * rowWidth) else { throw fail("bad weight table size") }
      var table = [Float](repeating: 0, count: rows * rowWidth)
      for _ in 0..<count {
        let row = Int(try u32())
        guard row < rows else { throw fail("row \(row) out of range") }
        for y in 0..<rowWidth {
          let v = Int16(bitPattern: UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8)
          p += 2
          table[row * rowWidth + y] = Float(v) * scale
        }
      }
      return table
    }
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
    let outsideBias = try f32()
    let tCount = Int(try u32())
    guard tCount == (L + 1) * L else { throw fail("bad transition table size \(tCount)") }
    var transitions: [Float] = []
    for _ in 0..<tCount { transitions.append(try f32()) }
    let weights = try sparse(rowWidth: L, rows: 1 << bits)
    guard Int(try u32()) == FeatureExtractor.edgeBits else { throw fail("unsupported edge slot bits") }
    let edgeWeights = try sparse(rowWidth: L * L, rows: 1 << FeatureExtractor.edgeBits)
    guard p == bytes.count else { throw fail("trailing bytes after the weight tables") }
    self.init(slotBits: bits, weights: weights, transitions: transitions, edgeWeights: edgeWeights, certScale: certScale)
    self.outsideBias = outsideBias
  }
}
