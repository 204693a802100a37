/// A read-only table of `rowCount` rows of `width` weights in which most rows
/// are zero. The weights of the kept rows are used straight from the bytes of
/// a model file (the all-zero row first); the file's bitmap of kept rows is
/// turned at load into one UInt32 per row saying where its weights start
/// (0 = the zero row), so a lookup is one load.
///
/// A row that is not kept reads as the all-zero row, so a sum over rows does
/// exactly the additions the dense table would do.
public struct SparseRows: Sendable {
  public let width: Int
  public let rowCount: Int
  /// Where each row's weights start in the values, in Floats.
  let offsets: PopulatedUInt32s
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
    offsets = PopulatedUInt32s(count: rowCount)
    let out = offsets.pointer
    var next = UInt32(width)
    for w in 0..<bitmap.count / 8 {
      var word = UInt64(littleEndian: bitmap.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self))
      while word != 0 {
        let row = w * 64 + word.trailingZeroBitCount
        if row < rowCount { out[row] = next }
        next += UInt32(width)
        word &= word &- 1
      }
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
    withExtendedLifetime((storage, offsets)) {
      body(Reader(offsets: offsets.pointer,
                  values: (storage.bytes.baseAddress! + valuesStart).bindMemory(to: Float.self, capacity: valueCount)))
    }
  }

  struct Reader: WeightRows {
    let offsets: UnsafeMutablePointer<UInt32>
    let values: UnsafePointer<Float>

    @inline(__always) func offset(ofRow row: Int) -> Int { Int(offsets[row]) }
  }
}

/// Weight rows as the scoring loops read them: a slot's row of Floats starts
/// at `values + offset(ofRow: slot)`.
protocol WeightRows {
  var values: UnsafePointer<Float> { get }
  func offset(ofRow row: Int) -> Int
}

/// Rows of Floats one after another, every row present (the training model).
struct DenseRows: WeightRows {
  let values: UnsafePointer<Float>
  let width: Int
  @inline(__always) func offset(ofRow row: Int) -> Int { row * width }
}
