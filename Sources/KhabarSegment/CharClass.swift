/// The character classes the tokenizer and the sentence splitter work with.
///
/// Classes come from a 64 K table for the Basic Multilingual Plane (built once
/// per process) and from Unicode properties above it, so the hot loop never
/// touches `Character` or `String`.
enum CharClass: UInt8 {
  /// Whitespace, control and invisible format characters (never inside a token).
  case space
  /// An Arabic-script letter.
  case arabicLetter
  /// A diacritic or tatweel: part of the word it follows.
  case arabicMark
  /// ASCII, Arabic-Indic or Extended Arabic-Indic digit.
  case digit
  /// A Latin-script letter.
  case latinLetter
  /// A letter of another script (Cyrillic, Hebrew, CJK …).
  case otherLetter
  /// A combining mark outside Arabic: joins the token it follows.
  case combining
  /// Punctuation: one token per mark.
  case punctuation
  /// Any other symbol (currency, emoji …).
  case symbol

  /// Whether the class is a letter or a mark that belongs in a word.
  var isWordPart: Bool { self == .arabicLetter || self == .arabicMark || self == .latinLetter || self == .otherLetter }
}

/// The class of every scalar (see `CharClass`).
enum CharClasses {
  private static let bmp: [UInt8] = {
    var table = [UInt8](repeating: CharClass.symbol.rawValue, count: 0x10000)
    for v in 0..<0x10000 {
      guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }  // surrogates stay symbols
      table[v] = classify(scalar).rawValue
    }
    return table
  }()

  /// The class of scalar value `v`.
  @inline(__always) static func of(_ v: UInt32) -> CharClass {
    // Fast paths for the commonest scalars, without touching the table.
    if v &- 0x0621 <= 0x063A - 0x0621 || v &- 0x0641 <= 0x064A - 0x0641 { return .arabicLetter }
    if v == 0x20 { return .space }
    if v < 0x10000 { return CharClass(rawValue: bmp[Int(v)]) ?? .symbol }
    guard let scalar = Unicode.Scalar(v) else { return .symbol }
    return classify(scalar)
  }

  /// The slow path: Unicode properties, with the Arabic ranges decided first.
  static func classify(_ s: Unicode.Scalar) -> CharClass {
    let v = s.value
    if v == 0x0640 || isArabicDiacritic(v) { return .arabicMark }
    if isArabicLetter(v) { return .arabicLetter }
    if (0x30...0x39).contains(v) || (0x0660...0x0669).contains(v) || (0x06F0...0x06F9).contains(v) { return .digit }
    if (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x206F).contains(v)
      || v == 0xFEFF || v == 0x061C || v == 0x00AD {
      return .space
    }
    let p = s.properties
    if p.isWhitespace { return .space }
    switch p.generalCategory {
    case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
      return .space
    case .nonspacingMark, .spacingMark, .enclosingMark:
      return .combining
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v)
        || (0x1E00...0x1EFF).contains(v) {
        return v == 0xD7 || v == 0xF7 ? .symbol : .latinLetter
      }
      return .otherLetter
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return .punctuation
    case .decimalNumber, .letterNumber, .otherNumber:
      return .symbol
    default:
      return .symbol
    }
  }

  /// Arabic harakat, tanween, shadda, sukun, dagger alef and Quranic marks.
  @inline(__always) static func isArabicDiacritic(_ v: UInt32) -> Bool {
    (0x064B...0x065F).contains(v) || v == 0x0670 || (0x06D6...0x06ED).contains(v) || (0x0610...0x061A).contains(v)
      || (0x08D3...0x08FF).contains(v)
  }

  /// Arabic-script letters (base block, supplement, extended-A, presentation forms).
  @inline(__always) static func isArabicLetter(_ v: UInt32) -> Bool {
    (0x0621...0x063F).contains(v) || (0x0641...0x064A).contains(v) || (0x066E...0x066F).contains(v)
      || (0x0671...0x06D3).contains(v) || v == 0x06D5 || (0x06FA...0x06FC).contains(v) || v == 0x06FF
      || (0x0750...0x077F).contains(v) || (0x08A0...0x08C9).contains(v)
      || (0xFB50...0xFDFF).contains(v) || (0xFE70...0xFEFC).contains(v)
  }

  /// Line breaks: a sentence never goes on across one.
  @inline(__always) static func isLineBreak(_ v: UInt32) -> Bool {
    v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C || v == 0x85 || v == 0x2028 || v == 0x2029
  }
}
