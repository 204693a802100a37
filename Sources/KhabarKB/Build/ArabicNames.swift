import KhabarCore

/// Decides which Arabic-script strings from untagged sources are Arabic names.
///
/// GeoNames' `alternatenames` column mixes Arabic with Persian, Kurdish
/// (Sorani) and Urdu forms. A string is kept only if every scalar is an
/// Arabic letter, diacritic, space or hyphen, and it has none of the letters
/// that Arabic does not use (پ چ ژ گ ک ی ە ۆ ڵ ڕ ے ہ ۇ ۋ ٹ ڈ ڑ ں ھ …) nor a
/// zero-width non-joiner (common in Persian).
public enum ArabicNames {
  /// Letters of Persian, Kurdish and Urdu that standard Arabic never writes.
  static let foreignLetters: Set<UInt32> = [
    0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC, 0x06D5, 0x06C6, 0x06B5, 0x0695, 0x06D2, 0x06C1,
    0x06C7, 0x06CB, 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C0, 0x06CE, 0x06D0, 0x06C5, 0x06C9,
    0x06AA, 0x06AB, 0x06AD, 0x06B1, 0x06B3, 0x06BB, 0x06C3, 0x06D3, 0x06D1,
  ]

  /// True if `name` reads as an Arabic (not Persian/Kurdish/Urdu) name.
  public static func isArabicName(_ name: String) -> Bool {
    var letters = 0
    for u in name.unicodeScalars {
      let v = u.value
      if foreignLetters.contains(v) { return false }
      if (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) || v == 0x0671 {
        letters += 1
      } else if ArabicText.isDiacritic(v) || ArabicText.isTatweel(v) || v == 0x20 || v == 0x2D {
        continue
      } else {
        return false  // Latin, digits, ZWNJ, other scripts, extended Arabic letters
      }
    }
    return letters >= 2
  }

  /// The name with runs of spaces collapsed and the ends trimmed.
  public static func tidy(_ name: String) -> String {
    name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).joined(separator: " ")
  }
}
