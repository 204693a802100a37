public import KhabarCore

/// Finds dates and quantities in a segmented document.
///
/// Contract used by the tag stage: given the cleaned text and its tokens and
/// morphs, return the `dates` and `measures` layers. `articleDate` (ISO, if
/// the article's own date is known) resolves relative dates and missing years.
public struct TemporalTagger: Sendable {
  public init() {}

  public func annotate(text: String, tokens: Tokens, morphs: Morphs?, articleDate: String?)
    -> (dates: Dates, measures: Measures)
  {
    // Filled in by the dates-and-quantities work (issue 4).
    (Dates(), Measures())
  }
}
