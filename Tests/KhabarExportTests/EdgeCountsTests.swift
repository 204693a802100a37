import KhabarTestSupport
import Testing

@testable import KhabarExport

/// The register's co-occurrence counts: buffered single additions and
/// weighted merges must give what a plain dictionary count gives, in any order.
@Suite struct EdgeCountsTests {
  @Test func equalToADictionaryCountAcrossBufferFlushes() {
    var rng = SeededRandom(seed: 20261206)
    var counts = EdgeCounts()
    var reference: [UInt64: Int] = [:]
    // More additions than the buffer holds, over few keys: every flush merges repeats.
    for _ in 0..<(EdgeCounts.pendingLimit * 3 + 123) {
      let key = UInt64.random(in: 0..<5_000, using: &rng) << 32 | UInt64.random(in: 0..<7, using: &rng)
      counts.add(key)
      reference[key, default: 0] += 1
    }
    // A weighted merge with keys both new and known, unsorted and repeated.
    let more: [UInt64] = [3 << 32 | 1, 9_999 << 32, 3 << 32 | 1, 0]
    counts.add(keys: more, weights: [5, 2, 1, 4])
    for (key, weight) in zip(more, [5, 2, 1, 4]) { reference[key, default: 0] += weight }

    let merged = counts.merged
    #expect(merged.keys == reference.keys.sorted())
    #expect(merged.weights == reference.keys.sorted().map { reference[$0] ?? 0 })
  }
}
