/// SHA-256 (FIPS 180-4) in Swift, for short messages: a name key or a
/// cache-key text hashes faster here than through libcrypto's EVP layer,
/// whose per-call set-up costs more than compressing one or two blocks.
/// `SHA256` uses it for one-shot digests below `SHA256.shortMessage` bytes
/// and for streamed messages that stay below `SHA256.streamThreshold`.
struct SoftwareSHA256: Sendable {
  private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
    (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

  private static let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]

  /// The digest of `p` in one pass: whole blocks straight from `p`, the
  /// padded tail in a stack buffer (no intermediate arrays).
  static func digest(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var s = SoftwareSHA256()
    let whole = p.count / 64 * 64
    var off = 0
    while off < whole {
      s.compress(p, off)
      off += 64
    }
    let rest = p.count - whole
    let tailCount = rest < 56 ? 64 : 128
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
      tail.initialize(repeating: 0)
      for k in 0..<rest { tail[k] = p[whole + k] }
      tail[rest] = 0x80
      let bitLength = UInt64(p.count) &* 8
      for k in 0..<8 { tail[tailCount - 1 - k] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(k) * 8)) }
      let blocks = UnsafeBufferPointer(rebasing: tail[0..<tailCount])
      s.compress(blocks, 0)
      if tailCount == 128 { s.compress(blocks, 64) }
    }
    return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
      let words = [s.h.0, s.h.1, s.h.2, s.h.3, s.h.4, s.h.5, s.h.6, s.h.7]
      for w in 0..<8 {
        let v = words[w]
        out[w * 4] = UInt8(v >> 24)
        out[w * 4 + 1] = UInt8(truncatingIfNeeded: v >> 16)
        out[w * 4 + 2] = UInt8(truncatingIfNeeded: v >> 8)
        out[w * 4 + 3] = UInt8(truncatingIfNeeded: v)
      }
      count = 32
    }
  }

  /// One 64-byte block at `off`; the message schedule is kept in 16 rolling
  /// words (registers, not memory), the rounds unrolled by 16.
  private mutating func compress(_ p: UnsafeBufferPointer<UInt8>, _ off: Int) {
    guard let base = p.baseAddress else { return }
    let b = base + off
    @inline(__always) func load(_ t: Int) -> UInt32 {
      UInt32(b[t * 4]) << 24 | UInt32(b[t * 4 + 1]) << 16 | UInt32(b[t * 4 + 2]) << 8 | UInt32(b[t * 4 + 3])
    }
    var w0 = load(0), w1 = load(1), w2 = load(2), w3 = load(3), w4 = load(4), w5 = load(5), w6 = load(6), w7 = load(7)
    var w8 = load(8), w9 = load(9), w10 = load(10), w11 = load(11), w12 = load(12), w13 = load(13), w14 = load(14), w15 = load(15)
    var (a, bb, c, d, e, f, g, hh) = h
    Self.k.withUnsafeBufferPointer { k in
      @inline(__always) func round(_ x: UInt32, _ t: Int) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ch = (e & f) ^ (~e & g)
        let t1 = hh &+ s1 &+ ch &+ k[t] &+ x
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let maj = (a & bb) ^ (a & c) ^ (bb & c)
        hh = g; g = f; f = e; e = d &+ t1
        d = c; c = bb; bb = a; a = t1 &+ s0 &+ maj
      }
      @inline(__always) func next(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
        return w16 &+ s0 &+ w7 &+ s1
      }
      var t = 0
      while true {
        round(w0, t); round(w1, t + 1); round(w2, t + 2); round(w3, t + 3)
        round(w4, t + 4); round(w5, t + 5); round(w6, t + 6); round(w7, t + 7)
        round(w8, t + 8); round(w9, t + 9); round(w10, t + 10); round(w11, t + 11)
        round(w12, t + 12); round(w13, t + 13); round(w14, t + 14); round(w15, t + 15)
        t += 16
        if t == 64 { break }
        // The next 16 schedule words, each from the 16 before it.
        w0 = next(w0, w1, w9, w14); w1 = next(w1, w2, w10, w15); w2 = next(w2, w3, w11, w0)
        w3 = next(w3, w4, w12, w1); w4 = next(w4, w5, w13, w2); w5 = next(w5, w6, w14, w3)
        w6 = next(w6, w7, w15, w4); w7 = next(w7, w8, w0, w5); w8 = next(w8, w9, w1, w6)
        w9 = next(w9, w10, w2, w7); w10 = next(w10, w11, w3, w8); w11 = next(w11, w12, w4, w9)
        w12 = next(w12, w13, w5, w10); w13 = next(w13, w14, w6, w11); w14 = next(w14, w15, w7, w12)
        w15 = next(w15, w0, w8, w13)
      }
    }
    h = (h.0 &+ a, h.1 &+ bb, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
  }

  @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

