import KhabarCore

/// Character classes the cleaner decides on, as plain `UInt32` tests.
enum ScalarClass {
  /// Characters XML 1.0 forbids: C0 controls except TAB, LF, CR; U+FFFE, U+FFFF.
  /// (Surrogates cannot occur in a Swift string.)
  @inline(__always) static func isXMLIllegal(_ v: UInt32) -> Bool {
    (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
  }

  /// Line breaks other than LF and CR that end a line: VT, FF, NEL, LS, PS.
  @inline(__always) static func isOtherLineBreak(_ v: UInt32) -> Bool {
    v == 0x0B || v == 0x0C || v == 0x85 || v == 0x2028 || v == 0x2029
  }

  /// Zero-width and bidi controls, the BOM, the soft hyphen, DEL and C1 controls.
  @inline(__always) static func isInvisible(_ v: UInt32) -> Bool {
    switch v {
    case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF, 0x00AD: true
    case 0x7F...0x9F: v != 0x85
    default: false
    }
  }

  /// Horizontal white space: TAB, space, no-break and typographic spaces.
  @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
    v == 0x20 || v == 0x09 || v == 0xA0 || (0x2000...0x200A).contains(v) || v == 0x202F || v == 0x205F
      || v == 0x3000 || v == 0x1680
  }

  /// Persian/Urdu letter variants written for Arabic ones: ی → ي, ک → ك, ۀ → ة.
  @inline(__always) static func arabicLetter(forPersian v: UInt32) -> UInt32 {
    switch v {
    case 0x06CC: 0x064A
    case 0x06A9: 0x0643
    case 0x06C0: 0x0629
    default: v
    }
  }

  /// Arabic combining marks (harakat, tanween, shadda, sukun, hamza/madda
  /// above and below, dagger alef, Quranic marks): canonical class ≠ 0.
  @inline(__always) static func isArabicMark(_ v: UInt32) -> Bool {
    switch v {
    case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8,
      0x06EA...0x06ED:
      true
    default: false
    }
  }

  /// A scalar that is its own NFC form and never combines with its
  /// neighbours: a starter that needs no normalisation work.
  @inline(__always) static func isNFCInert(_ v: UInt32) -> Bool {
    if v < 0x0300 { return true }
    if v >= 0x0600 && v <= 0x06FF { return !isArabicMark(v) }
    return (0x0750...0x077F).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
      || (0xFB50...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
  }

  @inline(__always) static func isArabicLetter(_ v: UInt32) -> Bool { ArabicText.isArabicLetter(v) }

  @inline(__always) static func isDigit(_ v: UInt32) -> Bool { ArabicText.digitValue(v) != nil }

  @inline(__always) static func isLatinLetter(_ v: UInt32) -> Bool {
    (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
  }

  /// Letters of any script (Arabic fast, others through Unicode properties).
  @inline(__always) static func isLetter(_ v: UInt32) -> Bool {
    if v < 0x80 { return isLatinLetter(v) }
    if isArabicLetter(v) { return true }
    guard let s = Unicode.Scalar(v) else { return false }
    return s.properties.isAlphabetic
  }

  /// Punctuation that closes on the word before it (no space before it).
  @inline(__always) static func isClosingPunctuation(_ v: UInt32) -> Bool {
    switch v {
    case 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0x060C, 0x061B, 0x061F, 0x06D4: true
    default: false
    }
  }

  /// UTF-8 length of the sequence that starts with lead byte `b`.
  @inline(__always) static func utf8Length(lead b: UInt8) -> Int {
    if b < 0x80 { return 1 }
    if b < 0xE0 { return 2 }
    if b < 0xF0 { return 3 }
    return 4
  }
}
