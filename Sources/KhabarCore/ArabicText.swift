/// Arabic letter classes and the matching form shared by every stage.
///
/// The cleaned text keeps the author's spelling (diacritics included). For
/// matching names against the knowledge base, the model and each other, all
/// stages use one normalised form, `ArabicText.matchKey`: diacritics and
/// tatweel dropped, alef variants → ا, ى → ي, ة → ه, Persian/Urdu letters →
/// Arabic, Arabic-Indic digits → ASCII.
public enum ArabicText {
  /// Harakat, tanween, shadda, sukun, dagger alef and Quranic marks.
  @inline(__always) public static func isDiacritic(_ v: UInt32) -> Bool {
    (0x064B...0x065F).contains(v) || v == 0x0670 || (0x06D6...0x06ED).contains(v) || (0x0610...0x061A).contains(v)
  }

  @inline(__always) public static func isTatweel(_ v: UInt32) -> Bool { v == 0x0640 }

  /// Arabic-script letters (base block, supplement and extended-A).
  @inline(__always) public static func isArabicLetter(_ v: UInt32) -> Bool {
    (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) || (0x0671...0x06D3).contains(v)
      || v == 0x06D5 || (0x0750...0x077F).contains(v) || (0x08A0...0x08C9).contains(v)
  }

  /// Arabic-Indic (٠-٩) or Extended Arabic-Indic (۰-۹) digit value, else nil.
  @inline(__always) public static func digitValue(_ v: UInt32) -> Int? {
    if (0x30...0x39).contains(v) { return Int(v - 0x30) }
    if (0x0660...0x0669).contains(v) { return Int(v - 0x0660) }
    if (0x06F0...0x06F9).contains(v) { return Int(v - 0x06F0) }
    return nil
  }

  /// Maps one scalar to its matching form; nil means "drop it".
  @inline(__always) public static func matchScalar(_ v: UInt32) -> UInt32? {
    if isDiacritic(v) || isTatweel(v) { return nil }
    switch v {
    case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return 0x0627  // آ أ إ ٱ → ا
    case 0x0649, 0x06CC, 0x06D0, 0x064A: return 0x064A  // ى ی ې → ي
    case 0x0629, 0x06C0, 0x06C3: return 0x0647  // ة ۀ → ه
    case 0x06A9, 0x06AA: return 0x0643  // ک → ك
    case 0x06C1, 0x06BE: return 0x0647  // ہ ھ → ه
    case 0x0660...0x0669: return v - 0x0660 + 0x30
    case 0x06F0...0x06F9: return v - 0x06F0 + 0x30
    case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x061C: return nil
    default:
      if (0x41...0x5A).contains(v) { return v + 0x20 }  // ASCII lower case
      return v
    }
  }

  /// The matching form of a string (see the type's documentation).
  public static func matchKey<S: StringProtocol>(_ s: S) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if let m = matchScalar(u.value), let scalar = Unicode.Scalar(m) { out.append(scalar) }
    }
    return String(out)
  }

  /// The matching form of scalars `[start, end)` of `scalars`.
  public static func matchKey(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    var out = String.UnicodeScalarView()
    for i in range {
      if let m = matchScalar(scalars[i].value), let scalar = Unicode.Scalar(m) { out.append(scalar) }
    }
    return String(out)
  }
}
