/// The first pass over one raw line: decodes UTF-8 and applies every
/// scalar-level normalisation (controls, invisibles, presentation forms,
/// Persian letters, tatweel, white space) into a `LineBuffer`.
struct CharacterPass {
  let options: CleanOptions

  /// Cleans raw bytes `[start, end)` (one line, without its line break) into `out`.
  ///
  /// - Returns: true when the line holds scalars that NFC may change
  ///   (combining marks or scripts outside the fast path).
  func run(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout LineBuffer) -> Bool {
    var needsNFC = false
    var pendingTatweel = false
    var p = start
    while p < end {
      let b0 = bytes[p]
      var v: UInt32
      let q: Int
      if b0 < 0x80 {
        v = UInt32(b0)
        q = p + 1
      } else if b0 < 0xE0 {
        v = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[p + 1] & 0x3F)
        q = p + 2
      } else if b0 < 0xF0 {
        v = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[p + 1] & 0x3F) << 6) | UInt32(bytes[p + 2] & 0x3F)
        q = p + 3
      } else {
        v = (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[p + 1] & 0x3F) << 12)
          | (UInt32(bytes[p + 2] & 0x3F) << 6) | UInt32(bytes[p + 3] & 0x3F)
        q = p + 4
      }
      defer { p = q }

      // Fast path: base Arabic letters and printable ASCII need no work.
      if !pendingTatweel, (v >= 0x0621 && v <= 0x064A && v != 0x0640) || (v > 0x20 && v < 0x7F) {
        out.append(v, p, q)
        continue
      }
      if ScalarClass.isXMLIllegal(v) { continue }
      if options.invisibles && ScalarClass.isInvisible(v) { continue }
      if options.presentationForms, v >= PresentationForms.first, let expansion = PresentationForms.expansion(v) {
        for e in expansion {
          let letter = options.persianLetters ? ScalarClass.arabicLetter(forPersian: UInt32(e)) : UInt32(e)
          emit(letter, p, q, &out, &pendingTatweel, &needsNFC)
        }
        continue
      }
      if options.persianLetters { v = ScalarClass.arabicLetter(forPersian: v) }
      emit(v, p, q, &out, &pendingTatweel, &needsNFC)
    }
    if options.whitespace, out.last == 0x20 { out.removeLast() }
    return needsNFC
  }

  @inline(__always)
  private func emit(_ v: UInt32, _ p: Int, _ q: Int, _ out: inout LineBuffer, _ pendingTatweel: inout Bool,
                    _ needsNFC: inout Bool) {
    if options.whitespace && ScalarClass.isSpace(v) {
      pendingTatweel = false
      if out.isEmpty || out.last == 0x20 { return }
      out.append(0x20, p, q)
      return
    }
    if options.tatweel {
      if v == 0x0640 {
        // Keep at most one; it goes again if a letter or any combining mark follows.
        if out.last == 0x0640 { return }
        out.append(v, p, q)
        pendingTatweel = true
        return
      }
      if pendingTatweel {
        pendingTatweel = false
        if ScalarClass.isArabicLetter(v) || ScalarClass.isArabicMark(v) || Composition.combiningClass(v) != 0 {
          out.removeLast()
        }
      }
    }
    if !ScalarClass.isNFCInert(v) { needsNFC = true }
    out.append(v, p, q)
  }
}
