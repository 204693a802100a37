import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarClean

/// Cleaning must not change any word of the seeds: the Arabic words (letters
/// with their diacritics) of the raw text are exactly those of the cleaned
/// text plus those of the removed boilerplate, in the same order.
@Suite struct SeedWordTests {
  static let seeds: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.seeds)) ?? []
    return files.filter { $0.hasSuffix(".txt") }.sorted()
  }()

  @Test func thereAreFiveSeeds() { #expect(Self.seeds.count == 5) }

  @Test(arguments: seeds) func noWordChanged(_ file: String) throws {
    let raw = try String(contentsOfFile: "\(TestPaths.seeds)/\(file)", encoding: .utf8)
    let cleaned = Cleaner().clean(raw)
    let rawWords = arabicWords(raw)
    #expect(rawWords.count > 300)
    // Re-insert the removed lines at their raw position to compare in order.
    var pieces: [(Int, [String])] = []
    let scalars = Array(cleaned.text.unicodeScalars)
    let rawBytes = Array(raw.utf8)
    for block in 0..<cleaned.blocks.spans.count {
      let span = cleaned.blocks.spans[block]
      let at = cleaned.offsets.rawOffset(span.lowerBound, raw: rawBytes, preferEnd: false)
      pieces.append((at, arabicWords(String(String.UnicodeScalarView(scalars[span])))))
    }
    for item in cleaned.removed.items { pieces.append((item.raw.lowerBound, arabicWords(item.text))) }
    let cleanWords = pieces.sorted { $0.0 < $1.0 }.flatMap(\.1)
    #expect(cleanWords == rawWords, "words differ in \(file)")
    // Nothing outside blocks but line breaks.
    var covered = Array(repeating: false, count: scalars.count)
    for span in cleaned.blocks.spans { for i in span { covered[i] = true } }
    for (i, c) in covered.enumerated() where !c { #expect(scalars[i] == "\n", "scalar \(i) of \(file) is in no block") }
  }

  @Test func seedDefectsAreRepaired() throws {
    func clean(_ stem: String) throws -> CleanedArticle {
      let file = Self.seeds.first { $0.hasPrefix(stem) } ?? stem
      return Cleaner().clean(try String(contentsOfFile: "\(TestPaths.seeds)/\(file)", encoding: .utf8))
    }
    let s001 = try clean("001")
    #expect(!s001.text.contains(".,"))
    #expect(s001.text.contains("مواقعهم.\nوكشفت"))
    let s002 = try clean("002")
    #expect(s002.text.contains("الـ«داعشيّة»") && s002.text.contains("لـ«البناء»"))
    #expect(!s002.text.contains("ـ»"))
    #expect(s002.meta["author"] == "مصطفى حكمت العراقي")
    #expect(s002.blocks.kinds.prefix(3) == ["title", "byline", "paragraph"])
    let s003 = try clean("003")
    #expect(!s003.text.contains(". ."))
    #expect(!s003.text.contains("[ad_"))
    #expect(s003.removed.items.map(\.kind) == ["duplicate-title", "ad", "ad"])
    #expect(s003.meta["dateline"] == "بغداد")
    #expect(s003.text.contains("و“مقاتلو الميليشيات”"))
    #expect(Array(s003.blocks.kinds.suffix(3)) == ["bio", "handle", "source"])
    #expect(s003.blocks.kinds[1] == "dateline")
    #expect(s003.marks.kinds == ["caption", "credit"])
    let scalars = Array(s003.text.unicodeScalars)
    let credit = s003.marks.spans[1]
    #expect(String(String.UnicodeScalarView(scalars[credit])) == "(غيتي)")
    let s000 = try clean("000")
    #expect(s000.blocks.kinds.allSatisfy { $0 == "paragraph" }, "seed 000 has no title")
    #expect(s000.meta["title"] == nil)
  }
}

/// Arabic words: maximal runs of Arabic letters and diacritics.
func arabicWords(_ s: String) -> [String] {
  var words: [String] = []
  var current = String.UnicodeScalarView()
  for u in s.unicodeScalars {
    if ArabicText.isArabicLetter(u.value) || ArabicText.isDiacritic(u.value) {
      current.append(u)
    } else if !current.isEmpty {
      words.append(String(current))
      current = String.UnicodeScalarView()
    }
  }
  if !current.isEmpty { words.append(String(current)) }
  return words
}
