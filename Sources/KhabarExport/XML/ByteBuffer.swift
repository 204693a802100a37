/// A growable byte buffer for the XML writer's staged output: appends are a
/// capacity check and a copy, without the uniqueness check and generic
/// paths of `Array.append`. Noncopyable: it owns its memory and frees it in
/// `deinit`.
struct ByteBuffer: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always) mutating func append(_ byte: UInt8) {
    if count == capacity { grow(toAtLeast: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
    (base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  @inline(__always) mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { append($0) }
  }

  @inline(__always) mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the decimal digits of `n` (0 for a negative number).
  mutating func appendDecimal(_ n: Int) {
    var digits = 1, rest = max(0, n)
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    if count + digits > capacity { grow(toAtLeast: count + digits) }
    rest = max(0, n)
    var i = count + digits
    repeat {
      i -= 1
      base[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    } while rest > 0
    count += digits
  }

  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  mutating func removeAll() { count = 0 }

  private mutating func grow(toAtLeast needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.initialize(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = newCapacity
  }
}
