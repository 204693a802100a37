import KhabarCore

/// The binary model file `ner.model` (little-endian), laid out so the tagger
/// uses its weights straight from a read-only mapping (`CompactChainModel`):
///
///     "KHABNER2"  magic
///     UInt32      feature version (`LinearChainModel.featureVersion`)
///     UInt32      slot bits, UInt32 label count
///     Float32     cert scale, Float32 outside bias
///     UInt32 T, T × Float32   transitions
///     table of label weights (2^slot bits rows of labelCount)
///     UInt32      edge slot bits, UInt32 0
///     table of edge weights (2^edge bits rows of labelCount²)
///
/// A table is UInt32 rows, UInt32 width, UInt32 V (value rows: the zero row and the kept rows),
/// UInt32 0, then a bitmap of the kept rows (⌈rows / 64⌉ × UInt64, bit `r & 63` of word `r >> 6`),
/// then V × width Float32 values: zeros, then the kept rows in row order. Every field is 4-byte aligned.
///
/// The weights are quantised to 16 bits per table (`q × scale`, `scale` = largest |weight| / 32767)
/// and rows whose `q` are all zero are left out. The previous format, "KHABNER1", stored the same
/// `q` and `scale` (sparse rows of UInt32 row + width × Int16); it is still read, and
/// `khabar-train --convert-only` rewrites such a file in this format with the same weights.
extension LinearChainModel {
  /// Bumped whenever `FeatureExtractor` changes meaning, so an old model is refused.
  public static let featureVersion: UInt32 = 5
  static let magic: [UInt8] = Array("KHABNER2".utf8)
  static let magicVersion1: [UInt8] = Array("KHABNER1".utf8)

  public func serialized() -> [UInt8] {
    let L = Self.labelCount
    let header = ModelFileHeader(slotBits: slotBits, certScale: certScale, outsideBias: outsideBias, transitions: transitions)
    return header.file(weights: KeptRows(quantising: weights, width: L),
                       edgeWeights: KeptRows(quantising: edgeWeights, width: L * L))
  }

  /// Reads a model file into dense tables (training, tests); the tagger uses `CompactChainModel`.
  public init(serialized bytes: [UInt8], path: String = "ner.model") throws {
    let compact = try CompactChainModel(serialized: bytes, path: path)
    self.init(slotBits: compact.slotBits, weights: compact.weights.dense(), transitions: compact.transitions,
              edgeWeights: compact.edgeWeights.dense(), certScale: compact.certScale)
    outsideBias = compact.outsideBias
  }
}

/// What a model file says before its tables.
struct ModelFileHeader {
  var slotBits: Int
  var certScale: Float
  var outsideBias: Float
  var transitions: [Float]

  /// The bytes of a model file (current format) with these tables.
  func file(weights: KeptRows, edgeWeights: KeptRows) -> [UInt8] {
    var out = LinearChainModel.magic
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func f32(_ v: Float) { u32(v.bitPattern) }
    u32(LinearChainModel.featureVersion)
    u32(UInt32(slotBits))
    u32(UInt32(LinearChainModel.labelCount))
    f32(certScale)
    f32(outsideBias)
    u32(UInt32(transitions.count))
    for t in transitions { f32(t) }
    weights.append(rowCount: 1 << slotBits, to: &out)
    u32(UInt32(FeatureExtractor.edgeBits))
    u32(0)
    edgeWeights.append(rowCount: 1 << FeatureExtractor.edgeBits, to: &out)
    return out
  }
}

/// The rows of a table that are not all zero, in row order, with their weights.
struct KeptRows {
  var width: Int
  var rows: [Int] = []
  /// `rows.count × width` weights.
  var values: [Float] = []

  init(width: Int) { self.width = width }

  /// A dense table quantised to 16 bits (`q × scale`); the rows whose `q` are all zero are left out.
  init(quantising table: [Float], width: Int) {
    self.width = width
    var maxAbs: Float = 0
    for w in table { maxAbs = max(maxAbs, abs(w)) }
    let scale = maxAbs > 0 ? maxAbs / 32767 : 1
    var q = [Int16](repeating: 0, count: width)
    for row in 0..<table.count / width {
      var any = false
      for y in 0..<width {
        q[y] = Int16(max(-32767, min(32767, (table[row * width + y] / scale).rounded())))
        if q[y] != 0 { any = true }
      }
      guard any else { continue }
      rows.append(row)
      for v in q { values.append(Float(v) * scale) }
    }
  }

  /// The table in the file format (see `ModelFile.swift`), for `rowCount` rows.
  func append(rowCount: Int, to out: inout [UInt8]) {
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    u32(UInt32(rowCount))
    u32(UInt32(width))
    u32(UInt32(rows.count + 1))
    u32(0)
    var bitmap = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
    for row in rows { bitmap[row >> 6] |= 1 << UInt64(row & 63) }
    for word in bitmap { withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0) } }
    for _ in 0..<width { u32(0) }
    for v in values { u32(v.bitPattern) }
  }
}

extension CompactChainModel {
  /// Reads a model file (either format) from bytes.
  public init(serialized bytes: [UInt8], path: String = "ner.model") throws {
    try self.init(storage: FileBytes(copying: bytes), path: path)
  }

  /// Maps a model file: its weights are used from the mapping, not copied.
  public init(path: String) throws {
    try self.init(storage: FileBytes(mapping: path), path: path)
  }

  /// The file in the current format (the same weights, whichever format it was read from).
  public var fileBytes: [UInt8] { Array(weights.storage.bytes) }

  init(storage: FileBytes, path: String) throws {
    func fail(_ why: String) -> NERModelError { NERModelError("\(path): \(why)") }
    var reader = BinaryReader(storage.bytes)
    if reader.starts(with: LinearChainModel.magicVersion1) {
      let converted = try ModelFileVersion1.convert(storage.bytes, path: path)
      try self.init(storage: FileBytes(copying: converted), path: path)
      return
    }
    guard reader.starts(with: LinearChainModel.magic) else { throw fail("not a Khabar NER model") }
    reader.position = LinearChainModel.magic.count
    func u32() throws -> UInt32 { try reader.u32(fail) }
    let (bits, L, certScale, outsideBias) = try reader.modelHeader(fail)
    let tCount = Int(try u32())
    guard tCount == (L + 1) * L, let transitions = reader.array(tCount, of: UInt32.self) else {
      throw fail("bad transition table size \(tCount)")
    }
    func table(rows: Int, width: Int) throws -> SparseRows {
      guard Int(try u32()) == rows, Int(try u32()) == width else { throw fail("unexpected weight table shape") }
      let valueRows = Int(try u32())
      _ = try u32()
      let bitmapStart = reader.position, bitmapSize = 8 * ((rows + 63) / 64), valuesStart = bitmapStart + bitmapSize
      guard valueRows >= 1, valueRows <= rows + 1, reader.remaining >= bitmapSize + 4 * valueRows * width else {
        throw fail("bad weight table size")
      }
      reader.position = valuesStart + 4 * valueRows * width
      let bitmap = UnsafeRawBufferPointer(rebasing: storage.bytes[bitmapStart..<valuesStart])
      guard let table = SparseRows(width: width, rowCount: rows, keptRows: bitmap, storage: storage,
                                   valuesStart: valuesStart, valueCount: valueRows * width)
      else { throw fail("the bitmap of kept rows does not match the weights") }
      return table
    }
    let weights = try table(rows: 1 << bits, width: L)
    guard Int(try u32()) == FeatureExtractor.edgeBits, try u32() == 0 else { throw fail("unsupported edge slot bits") }
    let edgeWeights = try table(rows: 1 << FeatureExtractor.edgeBits, width: L * L)
    guard reader.remaining == 0 else { throw fail("trailing bytes after the weight tables") }
    self.init(slotBits: bits, weights: weights, transitions: transitions.map(Float.init(bitPattern:)),
              edgeWeights: edgeWeights, outsideBias: outsideBias, certScale: certScale)
  }
}

/// The previous model format, "KHABNER1": the same header, then per table Float32 scale,
/// UInt32 N, N × (UInt32 row, width × Int16 q), rows ascending, with UInt32 edge bits between.
enum ModelFileVersion1 {
  /// The same model in the current format: every weight is the same Float (`Float(q) * scale`).
  static func convert(_ bytes: UnsafeRawBufferPointer, path: String) throws -> [UInt8] {
    func fail(_ why: String) -> NERModelError { NERModelError("\(path): \(why)") }
    var reader = BinaryReader(bytes)
    reader.position = LinearChainModel.magicVersion1.count
    func u32() throws -> UInt32 { try reader.u32(fail) }
    func f32() throws -> Float { Float(bitPattern: try u32()) }
    let (bits, L, certScale, outsideBias) = try reader.modelHeader(fail)
    var header = ModelFileHeader(slotBits: bits, certScale: certScale, outsideBias: outsideBias, transitions: [])
    let tCount = Int(try u32())
    guard tCount == (L + 1) * L else { throw fail("bad transition table size \(tCount)") }
    for _ in 0..<tCount { header.transitions.append(try f32()) }
    func table(width: Int, rows: Int) throws -> KeptRows {
      let scale = try f32()
      let count = Int(try u32())
      guard count <= rows, reader.remaining >= count * (4 + 2 * width) else { throw fail("bad weight table size") }
      var kept = KeptRows(width: width)
      kept.rows.reserveCapacity(count)
      kept.values.reserveCapacity(count * width)
      for _ in 0..<count {
        let row = Int(try u32()), previous = kept.rows.last ?? -1
        guard row > previous, row < rows else { throw fail("row \(row) out of range or out of order") }
        kept.rows.append(row)
        for _ in 0..<width {
          guard let q = reader.next(UInt16.self) else { throw fail("truncated model file") }
          kept.values.append(Float(Int16(bitPattern: q)) * scale)
        }
      }
      return kept
    }
    let weights = try table(width: L, rows: 1 << bits)
    guard Int(try u32()) == FeatureExtractor.edgeBits else { throw fail("unsupported edge slot bits") }
    let edgeWeights = try table(width: L * L, rows: 1 << FeatureExtractor.edgeBits)
    guard reader.remaining == 0 else { throw fail("trailing bytes after the weight tables") }
    return header.file(weights: weights, edgeWeights: edgeWeights)
  }
}

extension BinaryReader {
  /// The next UInt32, or `fail`'s error when the file ends.
  mutating func u32(_ fail: (String) -> NERModelError) throws -> UInt32 {
    guard let v = next(UInt32.self) else { throw fail("truncated model file") }
    return v
  }

  /// The header fields every model format has after its magic: the feature
  /// version (checked against this build), slot bits, label count, the
  /// certainty scale and the outside bias.
  mutating func modelHeader(_ fail: (String) -> NERModelError) throws
    -> (bits: Int, labels: Int, certScale: Float, outsideBias: Float)
  {
    let version = try u32(fail)
    guard version == LinearChainModel.featureVersion else {
      throw fail("model has feature version \(version), this build needs \(LinearChainModel.featureVersion): run `make train`")
    }
    let bits = Int(try u32(fail))
    let labels = Int(try u32(fail))
    guard (10...24).contains(bits), labels == LinearChainModel.labelCount else {
      throw fail("unsupported slot bits \(bits) or labels \(labels)")
    }
    let certScale = Float(bitPattern: try u32(fail))
    let outsideBias = Float(bitPattern: try u32(fail))
    return (bits, labels, certScale, outsideBias)
  }
}
