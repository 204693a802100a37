import CPrefetch

/// A read-only table of `rowCount` rows of `width` weights in which most rows
/// are zero. The weights of the kept rows are used straight from the bytes of
/// a model file (the all-zero row first). Where a row's weights start comes
/// from the file's bitmap of kept rows and a rank directory built at load:
/// per 64 rows, the bitmap word and the number of kept rows before it, side by
/// side (16 bytes per 64 rows: 256 KB for 2^20 rows, which stays in the L2
/// cache, where one UInt32 offset per row took 4 MB and missed it).
///
/// A row that is not kept reads as the all-zero row, so a sum over rows does
/// exactly the additions the dense table would do.
public struct SparseRows: Sendable {
  public let width: Int
  public let rowCount: Int
  /// Per 64 rows: the bitmap word of kept rows, then the kept rows before it.
  let directory: PopulatedUInt64s
  /// The bytes the values live in (a mapped model file).
  let storage: FileBytes
  /// Byte offset of the values (Float32) in `storage`.
  let valuesStart: Int
  /// Floats in the values: the zero row, then the kept rows.
  let valueCount: Int

  /// A table from its bitmap of kept rows (`(rowCount + 63) / 64` words, bit `r & 63` of word `r >> 6`),
  /// or nil when the bitmap does not count `valueCount / width − 1` kept rows.
  init?(width: Int, rowCount: Int, keptRows bitmap: UnsafeRawBufferPointer, storage: FileBytes, valuesStart: Int,
        valueCount: Int)
  {
    precondition(width > 0 && bitmap.count == 8 * ((rowCount + 63) / 64))
    precondition(valuesStart % 4 == 0 && valuesStart + 4 * valueCount <= storage.bytes.count)
    guard valueCount >= width, valueCount % width == 0 else { return nil }
    var kept = 0
    for w in 0..<bitmap.count / 8 { kept += bitmap.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self).nonzeroBitCount }
    guard kept == valueCount / width - 1, (kept + 1) * width <= Int(UInt32.max) else { return nil }
    let words = bitmap.count / 8
    directory = PopulatedUInt64s(count: 2 * words)
    let out = directory.pointer
    var before: UInt64 = 0
    for w in 0..<words {
      var word = UInt64(littleEndian: bitmap.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self))
      if w == words - 1 && rowCount % 64 != 0 { word &= (1 << UInt64(rowCount % 64)) - 1 }  // rows past the end
      out[2 * w] = word
      out[2 * w + 1] = before
      before += UInt64(word.nonzeroBitCount)
    }
    self.width = width
    self.rowCount = rowCount
    self.storage = storage
    self.valuesStart = valuesStart
    self.valueCount = valueCount
  }

  /// The number of rows that are kept (not all zero).
  public var storedRowCount: Int { valueCount / width - 1 }

  /// The weights of row `row` (zeros when it is not kept).
  public subscript(row row: Int) -> [Float] {
    precondition(row >= 0 && row < rowCount)
    return withReader { rows in
      let offset = rows.offset(ofRow: row)
      return (0..<width).map { rows.values[offset + $0] }
    }
  }

  /// The whole table, zeros included.
  public func dense() -> [Float] {
    var out = [Float](repeating: 0, count: rowCount * width)
    withReader { rows in
      for row in 0..<rowCount {
        let offset = rows.offset(ofRow: row)
        for y in 0..<width { out[row * width + y] = rows.values[offset + y] }
      }
    }
    return out
  }

  /// Runs `body` with a reader of the table's bytes (valid only inside `body`).
  @inline(__always)
  func withReader<R>(_ body: (Reader) -> R) -> R {
    withExtendedLifetime((storage, directory)) {
      body(Reader(directory: directory.pointer, width: width,
                  values: (storage.bytes.baseAddress! + valuesStart).bindMemory(to: Float.self, capacity: valueCount)))
    }
  }

  struct Reader: WeightRows {
    let directory: UnsafeMutablePointer<UInt64>
    let width: Int
    let values: UnsafePointer<Float>

    /// Starts loading the directory entry `offset(ofRow:)` reads.
    @inline(__always) func prefetchRow(_ row: Int) { khabar_prefetch(directory + 2 * (row >> 6)) }
    var zeroRowFirst: Bool { true }

    /// The kept rows before `row`'s word plus those before it in the word, plus the zero row; 0 (the zero row)
    /// when the row is not kept. Branch-free: whether a feature's row is kept is a coin toss for the predictor.
    @inline(__always) func offset(ofRow row: Int) -> Int {
      let entry = directory + 2 * (row >> 6)
      let word = entry[0], shift = UInt64(row & 63)
      let kept = (word >> shift) & 1
      let rank = entry[1] + UInt64((word & ((1 << shift) &- 1)).nonzeroBitCount) + 1
      return Int(truncatingIfNeeded: (rank &* kept)) &* width
    }
  }
}

/// Weight rows as the scoring loops read them: a slot's row of Floats starts
/// at `values + offset(ofRow: slot)`.
protocol WeightRows {
  var values: UnsafePointer<Float> { get }
  /// True when offset 0 is an all-zero row that rows without weights share (so it can be skipped),
  /// false when it is row 0's own weights.
  var zeroRowFirst: Bool { get }
  func offset(ofRow row: Int) -> Int
  /// Starts loading what `offset(ofRow:)` will read (a hint).
  func prefetchRow(_ row: Int)
}

/// Rows of Floats one after another, every row present (the training model).
struct DenseRows: WeightRows {
  let values: UnsafePointer<Float>
  let width: Int
  @inline(__always) func offset(ofRow row: Int) -> Int { row * width }
  @inline(__always) func prefetchRow(_ row: Int) {}
  var zeroRowFirst: Bool { false }
}
