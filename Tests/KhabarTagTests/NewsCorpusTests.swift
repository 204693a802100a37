import Foundation
import KhabarCore
import KhabarTag
import KhabarTestSupport
import Testing

/// The news archive is read through `tar` (spawned directly, without Foundation).
@Suite struct NewsCorpusTests {
  @Test func readsBodyLinesOfEveryFileAndSkipsMarkup() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.makeDirectories("\(dir)/src")
    try FileIO.writeAtomically(Array("<doc id=\"1\">\nقال الرئيس\n</doc>\n".utf8), to: "\(dir)/src/a.txt")
    try FileIO.writeAtomically(Array("<doc>\nزار الوزير بغداد\nبلا سطر أخير".utf8), to: "\(dir)/src/b.txt")
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-cJf", "\(dir)/news.tar.xz", "-C", "\(dir)/src", "a.txt", "b.txt"]
    try tar.run()
    tar.waitUntilExit()
    try #require(tar.terminationStatus == 0, "tar -cJ is needed for this test")

    var lines: [String] = []
    try NewsCorpus.forEachLine(archive: "\(dir)/news.tar.xz") { lines.append(String($0)) }
    #expect(lines == ["قال الرئيس", "زار الوزير بغداد", "بلا سطر أخير"])
  }

  @Test func aBrokenOrMissingArchiveIsAnError() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileIO.writeAtomically(Array("not an archive".utf8), to: "\(dir)/bad.tar.xz")
    #expect(throws: IOError.self) { try NewsCorpus.forEachLine(archive: "\(dir)/bad.tar.xz") { _ in } }
    #expect(throws: IOError.self) { try NewsCorpus.forEachLine(archive: "\(dir)/missing.tar.xz") { _ in } }
  }
}
