import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarTag

@Suite struct CompactModelTests {
  /// A dense model with a few hundred non-zero rows, saved and read back both ways.
  static func models(seed: UInt64 = 11) throws -> (dense: LinearChainModel, compact: CompactChainModel, bytes: [UInt8]) {
    var rng = SplitMix(seed: seed)
    var model = LinearChainModel(slotBits: 12)
    for _ in 0..<3000 { model.weights[Int(rng.next() % UInt64(model.weights.count))] = Float(Int(rng.next() % 2001) - 1000) / 100 }
    for k in model.transitions.indices { model.transitions[k] = Float(Int(rng.next() % 201) - 100) / 10 }
    for _ in 0..<2000 { model.edgeWeights[Int(rng.next() % UInt64(model.edgeWeights.count))] = Float(Int(rng.next() % 201) - 100) / 10 }
    // Row 0 has weights in both tables: the sparse layout's shared zero row must not be mistaken for it.
    model.weights[0] = 1.25
    for k in 0..<NERLabels.count * NERLabels.count { model.edgeWeights[k] = Float(k % 7) / 4 }
    model.certScale = 2.5
    model.outsideBias = 0.75
    let bytes = model.serialized()
    return (try LinearChainModel(serialized: bytes), try CompactChainModel(serialized: bytes), bytes)
  }

  /// Random feature slots for a sentence: label slots below 2^12, edge slots below 2^16.
  static func slots(_ n: Int, _ rng: inout SplitMix) -> [Int32] {
    var out: [Int32] = []
    for _ in 0..<n {
      for _ in 0..<FeatureExtractor.templateCount { out.append(Int32(rng.next() % 4096)) }
      for _ in 0..<FeatureExtractor.edgeTemplateCount { out.append(Int32(rng.next() % 65536)) }
    }
    return out
  }

  @Test func compactModelScoresExactlyLikeTheDenseOne() throws {
    let (dense, compact, _) = try Self.models()
    #expect(compact.weights.storedRowCount > 100 && compact.weights.storedRowCount < 4096)
    #expect(compact.weights.dense() == dense.weights)
    #expect(compact.edgeWeights.dense() == dense.edgeWeights)
    var rng = SplitMix(seed: 5)
    for n in [1, 2, 7, 30] {
      var slots = Self.slots(n, &rng)
      slots[0] = 0  // a label feature in slot 0
      slots[slots.count - 1] = 0  // an edge feature in slot 0
      // Bit for bit: the same additions in the same order.
      #expect(compact.emissions(slots, tokenCount: n).map(\.bitPattern) == dense.emissions(slots, tokenCount: n).map(\.bitPattern))
      #expect(compact.pairScores(slots, tokenCount: n).map(\.bitPattern) == dense.pairScores(slots, tokenCount: n).map(\.bitPattern))
      let a = compact.decode(slots: slots, tokenCount: n, withGaps: true)
      let b = dense.decode(slots: slots, tokenCount: n, withGaps: true)
      #expect(a.labels == b.labels)
      #expect(a.gaps.map(\.bitPattern) == b.gaps.map(\.bitPattern))
      #expect(compact.confidence(gap: a.gaps.max() ?? 0) == dense.confidence(gap: b.gaps.max() ?? 0))
    }
  }

  @Test func rowsAreFoundByRank() throws {
    let (dense, compact, _) = try Self.models(seed: 3)
    let L = NERLabels.count
    var stored = 0
    for row in 0..<compact.weights.rowCount {
      let expected = Array(dense.weights[row * L..<(row + 1) * L])
      #expect(compact.weights[row: row] == expected)
      if expected.contains(where: { $0 != 0 }) { stored += 1 }
    }
    #expect(stored == compact.weights.storedRowCount)
  }

  /// A model in the previous file format ("KHABNER1": sparse rows of UInt32 row + Int16 q, per table a scale).
  static func version1(_ model: LinearChainModel) -> [UInt8] {
    var out = Array("KHABNER1".utf8)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    u32(LinearChainModel.featureVersion)
    u32(UInt32(model.slotBits))
    u32(UInt32(NERLabels.count))
    u32(model.certScale.bitPattern)
    u32(model.outsideBias.bitPattern)
    u32(UInt32(model.transitions.count))
    for t in model.transitions { u32(t.bitPattern) }
    func table(_ t: [Float], width: Int) {
      let scale = (t.map(abs).max() ?? 0) / 32767
      u32(scale.bitPattern)
      let rows = (0..<t.count / width).filter { r in (0..<width).contains { (t[r * width + $0] / scale).rounded() != 0 } }
      u32(UInt32(rows.count))
      for r in rows {
        u32(UInt32(r))
        for y in 0..<width {
          withUnsafeBytes(of: Int16((t[r * width + y] / scale).rounded()).littleEndian) { out.append(contentsOf: $0) }
        }
      }
    }
    table(model.weights, width: NERLabels.count)
    u32(UInt32(FeatureExtractor.edgeBits))
    table(model.edgeWeights, width: NERLabels.count * NERLabels.count)
    return out
  }

  @Test func previousFormatReadsAsTheSameWeights() throws {
    let (dense, compact, bytes) = try Self.models()
    let old = Self.version1(dense)
    let converted = try CompactChainModel(serialized: old)
    // The conversion keeps every weight: the same Floats, so the same file.
    #expect(converted.fileBytes == bytes)
    #expect(compact.fileBytes == bytes)
    #expect(try LinearChainModel(serialized: old).weights == dense.weights)
    // Rows must ascend in the old format too.
    let header = 8 + 4 * 3 + 4 * 2 + 4 + 4 * NERLabels.count * (NERLabels.count + 1) + 8
    let record = 4 + 2 * NERLabels.count
    var swapped = old
    swapped.replaceSubrange(header..<header + 2 * record,
                            with: Array(old[header + record..<header + 2 * record] + old[header..<header + record]))
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: swapped) }
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: Array(old.dropLast(1))) }
  }

  @Test func badModelFilesAreRefused() throws {
    let (_, _, bytes) = try Self.models()
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: Array(bytes.dropLast(3))) }
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: bytes + [0, 0, 0, 0]) }
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: Array("KHABNER2 but not a model".utf8)) }
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: Array("KHABNER9".utf8) + bytes.dropFirst(8)) }
  }

  @Test func aBitmapThatDoesNotCountTheKeptRowsIsRefused() throws {
    let (dense, _, bytes) = try Self.models()
    let L = NERLabels.count
    // One more row marked as kept in the label table's bitmap (after the header and the table's 16 bytes)
    // would send lookups past the weights: refused.
    let bitmapStart = 8 + 4 * 3 + 4 * 2 + 4 + 4 * L * (L + 1) + 16
    let absent = try #require((0..<(1 << 12)).first { r in dense.weights[r * L..<(r + 1) * L].allSatisfy { $0 == 0 } })
    var damaged = bytes
    damaged[bitmapStart + absent / 8] |= UInt8(1 << (absent % 8))
    #expect(throws: NERModelError.self) { try CompactChainModel(serialized: damaged) }
  }

  @Test func theCommittedModelsLoadSparse() throws {
    // Converted to the current format (`khabar-train --convert-only`).
    for file in [NERTagger.Files.model, NERTagger.Files.documentModel] {
      let bytes = try FileIO.read("\(TestPaths.data)/\(file)")
      #expect(Array(bytes.prefix(8)) == Array("KHABNER2".utf8))
    }
    let tagger = try NERTagger.load(dataDirectory: TestPaths.data)
    #expect(tagger.model.weights.rowCount == 1 << tagger.model.slotBits)
    // Far fewer rows than slots are kept: the point of the sparse form.
    #expect(tagger.model.weights.storedRowCount < tagger.model.weights.rowCount / 4)
    #expect(tagger.documentModel != nil)
  }
}
