import Foundation
import KhabarTestSupport
import Testing

@testable import KhabarTag

/// Runs the tagger over the seed articles and compares with the hand-made gold lists.
@Suite("Temporal: seed articles")
struct TemporalSeedTests {
  /// Rows of a gold TSV, grouped by file, comments skipped.
  static func gold(_ name: String) throws -> [String: [[String]]] {
    let text = try String(contentsOfFile: "\(TestPaths.fixtures)/temporal/\(name)", encoding: .utf8)
    var rows: [String: [[String]]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      rows[fields[0], default: []].append(Array(fields.dropFirst()))
    }
    return rows
  }

  static func seedFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: TestPaths.seeds).filter { $0.hasSuffix(".txt") }.sorted()
  }

  static func seedText(_ file: String) throws -> String {
    try String(contentsOfFile: "\(TestPaths.seeds)/\(file)", encoding: .utf8)
  }

  @Test("every seed date is found with its @when, and nothing else")
  func seedDates() throws {
    let gold = try Self.gold("seed-dates.tsv")
    let files = try Self.seedFiles()
    #expect(files.count == 5)
    var total = 0
    for file in files {
      let found = TemporalTestText.run(try Self.seedText(file)).dates.map { [$0.surface, $0.when ?? "-"] }
      let expected = gold[file] ?? []
      total += expected.count
      #expect(found == expected, "\(file): missing \(expected.filter { !found.contains($0) }), extra \(found.filter { !expected.contains($0) })")
    }
    #expect(total == 29)
  }

  @Test("every seed quantity is found, and nothing else")
  func seedMeasures() throws {
    let gold = try Self.gold("seed-measures.tsv")
    for file in try Self.seedFiles() {
      let found = TemporalTestText.run(try Self.seedText(file)).measures.map { [$0.surface, $0.quantity, $0.unit] }
      let expected = gold[file] ?? []
      #expect(found == expected, "\(file): missing \(expected.filter { !found.contains($0) }), extra \(found.filter { !expected.contains($0) })")
    }
  }

  @Test("with an article date, the seed's relative dates resolve")
  func seedWithArticleDate() throws {
    // 004 reports the fall of al-Qaim (Friday 3 November 2017); suppose it was written on Sunday 5 November.
    let found = TemporalTestText.run(try Self.seedText("004_c5595748d443b019.txt"), articleDate: "2017-11-05").dates
    #expect(found.map { $0.when ?? "-" } == ["2017-11-03", "2017-10", "2017-11-03", "2017-07", "2014", "2003", "2011"])
  }
}
