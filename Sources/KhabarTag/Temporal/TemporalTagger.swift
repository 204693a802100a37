public import KhabarCore

/// Finds dates and quantities in a segmented document.
///
/// Contract used by the tag stage: given the cleaned text and its tokens and
/// morphs, return the `dates` and `measures` layers. `articleDate` (ISO, if
/// the article's own date is known) resolves relative dates and missing years.
///
/// One pass builds a light view of the tokens (proclitics split off, words
/// classified through a precomputed table keyed by `ArabicText.matchKey`),
/// then the date grammar and the quantity grammar each scan it once. Spans
/// fall on token or morph boundaries and never include attached proclitics.
public struct TemporalTagger: Sendable {
  public init() {}

  public func annotate(text: String, tokens: Tokens, morphs: Morphs?, articleDate: String?)
    -> (dates: Dates, measures: Measures)
  {
    annotate(scalars: Self.scalars(of: text), tokens: tokens, morphs: morphs, articleDate: articleDate)
  }

  /// The text's scalars in one decoding pass (`Array(_:)` would count them first).
  public static func scalars(of text: String) -> [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(text.utf8.count)
    for u in text.unicodeScalars { scalars.append(u) }
    return scalars
  }

  /// `annotate(text:…)` for a text already decoded into scalars.
  public func annotate(scalars: [Unicode.Scalar], tokens: Tokens, morphs: Morphs?, articleDate: String?)
    -> (dates: Dates, measures: Measures)
  {
    let toks = TemporalTokenizer.tokens(scalars: scalars, tokens: tokens, morphs: morphs)
    let article = articleDate.flatMap(CivilDate.parseISO)

    var dates = Dates()
    var inDate = [Bool](repeating: false, count: toks.count)
    for m in DateGrammar(toks: toks).matches() {
      let (when, calendar, whenCustom, cert) = m.value.resolved(article: article)
      dates.items.append(
        Dates.Item(start: toks[m.first].start, end: toks[m.last].end, when: when, calendar: calendar,
                   whenCustom: whenCustom, cert: cert))
      for k in m.first...m.last { inDate[k] = true }
    }

    var measures = Measures()
    for m in MeasureGrammar(toks: toks).matches(skipping: inDate) {
      measures.items.append(
        Measures.Item(start: toks[m.first].start, end: toks[m.last].end, quantity: m.quantity.text,
                      unit: m.unit.name))
    }
    return (dates, measures)
  }
}
