/// The proclitics and article a light stemmer finds at the start of a word.
public struct CliticAnalysis: Sendable, Equatable {
  /// Scalars taken by proclitics (و ف, then ب ك ل).
  public var procliticLength: Int
  /// Scalars taken by the article: 2 for ال, 1 for the ل of لل, 0 for none.
  public var articleLength: Int
  /// The proclitic letters packed into one number (0 when there are none).
  public var procliticCode: UInt32
  /// Where the stem starts, relative to the word.
  public var stemOffset: Int { procliticLength + articleLength }
}

/// A light, rule-based proclitic and article stripper for NER features.
///
/// It works on normalised scalars (`ArabicText.matchScalar`) and never looks
/// anything up: و/ف are split off words of 4+ letters, ب/ك/ل only before the
/// article (or لل), and the article only when 2+ letters remain. It is a
/// feature source, not a segmenter: the tag stage takes entity boundaries from
/// the `morphs` layer.
public enum LightStemmer {
  static let waw: UInt32 = 0x0648, fa: UInt32 = 0x0641, ba: UInt32 = 0x0628
  static let kaf: UInt32 = 0x0643, lam: UInt32 = 0x0644, alef: UInt32 = 0x0627

  public static func analyze(_ s: [UInt32], _ range: Range<Int>) -> CliticAnalysis {
    let n = range.count, b = range.lowerBound
    @inline(__always) func at(_ k: Int) -> UInt32 { k < n ? s[b + k] : 0 }
    var i = 0
    var code: UInt32 = 0
    if (at(0) == waw || at(0) == fa) && n >= 4 {
      i = 1
      code = at(0)
    }
    var article = 0
    let c = at(i)
    if c == ba || c == kaf || c == lam {
      if at(i + 1) == alef && at(i + 2) == lam && n - i - 3 >= 2 {
        code = code &* 0x1000 &+ c
        i += 1
        article = 2
      } else if c == lam && at(i + 1) == lam && n - i - 2 >= 2 {
        code = code &* 0x1000 &+ c
        i += 1
        article = 1
      }
    }
    if article == 0 && at(i) == alef && at(i + 1) == lam && n - i - 2 >= 2 { article = 2 }
    return CliticAnalysis(procliticLength: i, articleLength: article, procliticCode: code)
  }
}
