/// Unicode NFC on a `LineBuffer`.
///
/// Text already in NFC is left as is: only runs of scalars outside the fast
/// path (`ScalarClass.isNFCInert`) are looked at, together with the starter
/// before them. Runs of Arabic marks are reordered by combining class and
/// composed with their letter (ا+ٓ→آ, ا+ٔ→أ, ا+ٕ→إ, و+ٔ→ؤ, ي+ٔ→ئ, ە+ٔ→ۀ, ہ+ٔ→ۂ, ے+ٔ→ۓ)
/// here; any other run goes through the standard library's NFC. A run that
/// changes becomes one group in the offset map.
struct Composition {
  let persianLetters: Bool

  /// Normalises `line` in place; returns true when anything changed.
  @discardableResult
  func run(_ line: inout LineBuffer) -> Bool {
    let n = line.count
    var out = LineBuffer()
    var copied = 0  // scalars of `line` already moved to `out` (once a change is made)
    var changed = false
    var i = 0
    while i < n {
      if ScalarClass.isNFCInert(line.scalars[i]) {
        i += 1
        continue
      }
      // A run [runStart, runEnd) of non-inert scalars, with the starter before it.
      var runEnd = i + 1
      while runEnd < n, !ScalarClass.isNFCInert(line.scalars[runEnd]) { runEnd += 1 }
      let from = i > 0 ? i - 1 : i
      let original = Array(line.scalars[from..<runEnd])
      var normalized = Self.normalize(original)
      if persianLetters {
        for k in normalized.indices { normalized[k] = ScalarClass.arabicLetter(forPersian: normalized[k]) }
      }
      if normalized != original {
        if !changed {
          changed = true
          out.reserve(n)
        }
        // Widen the group back over scalars that share the starter's raw unit.
        var groupStart = from
        while groupStart > copied, line.rawStart[groupStart - 1] == line.rawStart[from] { groupStart -= 1 }
        for k in copied..<groupStart { out.append(from: line, k) }
        // …and forward over scalars that share the last one's raw unit.
        var groupEnd = runEnd
        while groupEnd < n, line.rawStart[groupEnd] == line.rawStart[runEnd - 1] { groupEnd += 1 }
        let rs = line.rawStart[groupStart], re = line.rawEnd[groupEnd - 1]
        for k in groupStart..<from { out.append(line.scalars[k], rs, re) }
        for v in normalized { out.append(v, rs, re) }
        for k in runEnd..<groupEnd { out.append(line.scalars[k], rs, re) }
        copied = groupEnd
        i = groupEnd
        continue
      }
      i = runEnd
    }
    guard changed else { return false }
    for k in copied..<n { out.append(from: line, k) }
    line = out
    return true
  }

  /// NFC of a short sequence (a starter and the marks after it, or a run of
  /// other scripts).
  static func normalize(_ s: [UInt32]) -> [UInt32] {
    let marksFrom = ScalarClass.isArabicMark(s[0]) ? 0 : 1
    if marksFrom < s.count, s[marksFrom...].allSatisfy(ScalarClass.isArabicMark) {
      return normalizeArabic(s, marksFrom: marksFrom)
    }
    var text = String.UnicodeScalarView()
    for v in s {
      if let scalar = Unicode.Scalar(v) { text.append(scalar) }
    }
    let nfc = String(text)._nfcCodeUnits
    return String(decoding: nfc, as: UTF8.self).unicodeScalars.map(\.value)
  }

  /// Canonical ordering of Arabic marks, then composition with the starter.
  static func normalizeArabic(_ s: [UInt32], marksFrom: Int) -> [UInt32] {
    var marks = Array(s[marksFrom...])
    // Stable insertion sort by combining class (runs are a few marks long).
    if marks.count > 1 {
      for k in 1..<marks.count {
        let m = marks[k], c = combiningClass(m)
        var j = k - 1
        while j >= 0, combiningClass(marks[j]) > c {
          marks[j + 1] = marks[j]
          j -= 1
        }
        marks[j + 1] = m
      }
    }
    guard marksFrom == 1 else { return marks }
    var starter = s[0]
    var kept: [UInt32] = []
    var lastClass: UInt8 = 0
    for m in marks {
      let c = combiningClass(m)
      let blocked = lastClass != 0 && lastClass >= c
      if !blocked, let composite = compose(starter, m) {
        starter = composite
      } else {
        kept.append(m)
        lastClass = c
      }
    }
    return [starter] + kept
  }

  /// The canonical combining class of `v`.
  @inline(__always) static func combiningClass(_ v: UInt32) -> UInt8 {
    switch v {
    case 0x064B...0x0652: UInt8(27 + (v - 0x064B))  // fathatan 27 … sukun 34
    case 0x0670: 35
    case 0x0653, 0x0654: 230
    case 0x0655: 220
    default: Unicode.Scalar(v).map { $0.properties.canonicalCombiningClass.rawValue } ?? 0
    }
  }

  /// The primary composite of an Arabic letter and hamza/madda, if any.
  @inline(__always) static func compose(_ base: UInt32, _ mark: UInt32) -> UInt32? {
    switch (base, mark) {
    case (0x0627, 0x0653): 0x0622
    case (0x0627, 0x0654): 0x0623
    case (0x0648, 0x0654): 0x0624
    case (0x0627, 0x0655): 0x0625
    case (0x064A, 0x0654): 0x0626
    case (0x06D5, 0x0654): 0x06C0
    case (0x06C1, 0x0654): 0x06C2
    case (0x06D2, 0x0654): 0x06D3
    default: nil
    }
  }
}
