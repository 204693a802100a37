/// One line of cleaned text under construction: scalars, each with the raw
/// byte range it came from.
///
/// A scalar copied or replaced one for one carries the range of its raw
/// scalar. Scalars that come from one raw unit together (a lam-alef ligature
/// expanded, a composed hamza) share one range and form a group. Removed raw
/// material is simply absent: a gap between ranges.
struct LineBuffer {
  var scalars: [UInt32] = []
  var rawStart: [Int] = []
  var rawEnd: [Int] = []

  var count: Int { scalars.count }
  var isEmpty: Bool { scalars.isEmpty }
  var last: UInt32? { scalars.last }

  mutating func reserve(_ n: Int) {
    scalars.reserveCapacity(n)
    rawStart.reserveCapacity(n)
    rawEnd.reserveCapacity(n)
  }

  @inline(__always) mutating func append(_ v: UInt32, _ start: Int, _ end: Int) {
    scalars.append(v)
    rawStart.append(start)
    rawEnd.append(end)
  }

  /// Appends scalar `i` of `other` with its provenance.
  @inline(__always) mutating func append(from other: LineBuffer, _ i: Int) {
    scalars.append(other.scalars[i])
    rawStart.append(other.rawStart[i])
    rawEnd.append(other.rawEnd[i])
  }

  mutating func removeLast() {
    scalars.removeLast()
    rawStart.removeLast()
    rawEnd.removeLast()
  }

  mutating func removeAll() {
    scalars.removeAll(keepingCapacity: true)
    rawStart.removeAll(keepingCapacity: true)
    rawEnd.removeAll(keepingCapacity: true)
  }
}
