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
        // Only the part that changed becomes a group: drop the common prefix and suffix.
        var prefix = 0
        while prefix < min(original.count, normalized.count), original[prefix] == normalized[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(original.count, normalized.count) - prefix,
          original[original.count - 1 - suffix] == normalized[normalized.count - 1 - suffix]
        {
          suffix += 1
        }
        let changeFrom = from + prefix, changeTo = runEnd - suffix
        // Widen the group over neighbours that share a raw unit with its ends.
        var groupStart = changeFrom
        while groupStart > copied, line.rawStart[groupStart - 1] == line.rawStart[changeFrom] { groupStart -= 1 }
        var groupEnd = changeTo
        while groupEnd < n, line.rawStart[groupEnd] == line.rawStart[changeTo - 1] { groupEnd += 1 }
        for k in copied..<groupStart { out.append(from: line, k) }
        let rs = line.rawStart[groupStart], re = line.rawEnd[groupEnd - 1]
        for k in groupStart..<changeFrom { out.append(line.scalars[k], rs, re) }
        for v in normalized[prefix..<(normalized.count - suffix)] { out.append(v, rs, re) }
        for k in changeTo..<groupEnd { out.append(line.scalars[k], rs, re) }
        copied = groupEnd
        i = max(runEnd, groupEnd)
        if groupEnd < runEnd {
          for k in groupEnd..<runEnd { out.append(from: line, k) }
          copied = runEnd
        }
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
    if marksFrom < s.count, marksFrom == 0 || ScalarClass.isNFCInert(s[0]),
      s[marksFrom...].allSatisfy(ScalarClass.isArabicMark)
    {
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
    var starter = marksFrom == 1 ? s[0] : 0
    // A composed letter is taken apart first: أ + ٕ must become إ + ٔ.
    if marksFrom == 1, let (base, mark) = decompose(starter) {
      starter = base
      marks.insert(mark, at: 0)
    }
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

  /// The canonical decomposition of an Arabic letter with hamza or madda.
  @inline(__always) static func decompose(_ v: UInt32) -> (UInt32, UInt32)? {
    switch v {
    case 0x0622: (0x0627, 0x0653)
    case 0x0623: (0x0627, 0x0654)
    case 0x0624: (0x0648, 0x0654)
    case 0x0625: (0x0627, 0x0655)
    case 0x0626: (0x064A, 0x0654)
    case 0x06C0: (0x06D5, 0x0654)
    case 0x06C2: (0x06C1, 0x0654)
    case 0x06D3: (0x06D2, 0x0654)
    default: nil
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
