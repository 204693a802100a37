/// Which normalisations `clean` applies; each can be switched off in
/// pipeline.json (`"options": {"tatweel": false}`). All are on by default.
///
/// Always done, whatever the options: line breaks (CRLF, CR, VT, FF, NEL,
/// LS, PS) become LF, blank lines go, and characters XML 1.0 forbids are
/// removed, because the text must be exportable.
public struct CleanOptions: Sendable, Equatable {
  /// Unicode NFC (Arabic done natively, other scripts through the standard library).
  public var nfc = true
  /// Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) to base letters.
  public var presentationForms = true
  /// Tatweel (kashida) removed before a letter or mark (`جـــديد` → `جديد`);
  /// a word-final one, as in `الـ«داعشية»`, is kept (a run becomes one).
  public var tatweel = true
  /// Zero-width and bidi controls, BOM, soft hyphen, DEL and C1 controls removed.
  public var invisibles = true
  /// Persian/Urdu letter variants ی ک ۀ mapped to Arabic ي ك ة.
  public var persianLetters = true
  /// Runs of spaces, tabs and no-break spaces collapsed to one space; lines trimmed.
  public var whitespace = true
  /// Scraping artefacts: `., ` paragraph joins, doubled stops `. .`, space before punctuation.
  public var repairPunctuation = true
  /// Guillemets and curly quotes turned the right way by their position.
  public var repairQuotes = true
  /// Ad markers, a repeated title and noise lines moved to the `removed` layer.
  public var boilerplate = true

  public init() {}

  /// The option names and defaults, as the stage describes them.
  public static let names = [
    "nfc", "presentationForms", "tatweel", "invisibles", "persianLetters", "whitespace",
    "repairPunctuation", "repairQuotes", "boilerplate",
  ]

  /// Builds options from name → flag (missing names keep their default).
  public init(flags: (String) -> Bool?) {
    nfc = flags("nfc") ?? nfc
    presentationForms = flags("presentationForms") ?? presentationForms
    tatweel = flags("tatweel") ?? tatweel
    invisibles = flags("invisibles") ?? invisibles
    persianLetters = flags("persianLetters") ?? persianLetters
    whitespace = flags("whitespace") ?? whitespace
    repairPunctuation = flags("repairPunctuation") ?? repairPunctuation
    repairQuotes = flags("repairQuotes") ?? repairQuotes
    boilerplate = flags("boilerplate") ?? boilerplate
  }
}
