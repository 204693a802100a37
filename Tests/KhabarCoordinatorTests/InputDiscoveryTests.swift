import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarCoordinator

/// Makes files (relative path → contents) under a fresh folder.
func makeTree(_ files: [String: [UInt8]]) throws -> String {
  let root = try makeTemporaryDirectory()
  for (rel, bytes) in files { try FileIO.writeAtomically(bytes, to: "\(root)/\(rel)") }
  return root
}

@Suite struct InputDiscoveryTests {
  @Test func findsTxtRecursivelySortedByBytesSkippingHidden() throws {
    let root = try makeTree([
      "b.txt": [1], "a.txt": [1], "sub/c.txt": [1], "sub/deeper/d.txt": [1], "notes.md": [1],
      ".hidden.txt": [1], ".git/x.txt": [1], "C.txt": [1],
    ])
    defer { WorkLayout.removeTree(root) }
    let found = try InputDiscovery.discover(root)
    #expect(found.files.map(\.path) == ["C.txt", "a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"].map { "\(root)/\($0)" })
    #expect(found.files.map(\.id).prefix(3) == ["C-\(SHA256.hex("\(root)/C.txt").prefix(8))", "a", "b"])
    #expect(found.warnings.count == 1)
    #expect(found.rejected.isEmpty)
  }

  @Test func globs() throws {
    let root = try makeTree(["2024/a.txt": [1], "2024/b.md": [1], "2025/x/c.txt": [1], "d.txt": [1]])
    defer { WorkLayout.removeTree(root) }
    #expect(try InputDiscovery.discover("\(root)/*/*.txt").files.map(\.id) == ["a"])
    #expect(try InputDiscovery.discover("\(root)/**/*.txt").files.map(\.id) == ["a", "c", "d"])
    #expect(try InputDiscovery.discover("\(root)/2024/*").files.map(\.id) == ["a", "b"])
    #expect(try InputDiscovery.discover("\(root)/202[5]/**/?.txt").files.map(\.id) == ["c"])
    #expect(throws: CoordinatorError.self) { try InputDiscovery.discover("\(root)/*.xml") }
  }

  @Test func sameStemTwiceGetsDistinctDeterministicIDsAndAWarning() throws {
    let (files, warnings) = InputDiscovery.assignIDs(["x/a.txt", "y/a.txt", "y/b.txt"])
    let h1 = String(SHA256.hex("x/a.txt").prefix(8)), h2 = String(SHA256.hex("y/a.txt").prefix(8))
    #expect(files.map(\.id) == ["a-\(h1)", "a-\(h2)", "b"])
    #expect(warnings.count == 1)
    #expect(warnings[0].contains("2 inputs share the name \"a\""))
    // The id of a file does not depend on which other files exist besides its colliders.
    #expect(InputDiscovery.assignIDs(["x/a.txt", "y/a.txt"]).0.map(\.id) == ["a-\(h1)", "a-\(h2)"])
    #expect(Set(files.map(\.id)).count == files.count)
    // Stems differing only in case would clash on macOS: they collide too.
    let (cased, _) = InputDiscovery.assignIDs(["A.txt", "a.txt"])
    #expect(cased.map(\.id) == ["A-\(SHA256.hex("A.txt").prefix(8))", "a-\(SHA256.hex("a.txt").prefix(8))"])
  }

  @Test func spacesAndArabicNames() throws {
    let root = try makeTree(["مجلد/خبر جديد.txt": Array("نص".utf8), "with space.txt": [0x41]])
    defer { WorkLayout.removeTree(root) }
    let found = try InputDiscovery.discover(root)
    #expect(found.files.map(\.id) == ["with space", "خبر جديد"])
  }

  @Test func longStemsAreShortened() {
    let long = String(repeating: "خ", count: 200)
    let (files, _) = InputDiscovery.assignIDs(["\(long).txt"])
    #expect(files[0].id.utf8.count <= 150)
    #expect(files[0].id.hasSuffix(String(SHA256.hex("\(long).txt").prefix(8))))
  }

  @Test func nonUTF8FileNamesAreRejectedNotLost() throws {
    let root = try makeTree(["ok.txt": [1]])
    defer { WorkLayout.removeTree(root) }
    var name = Array("\(root)/x".utf8)
    name += [0xFF, 0x2E, 0x74, 0x78, 0x74, 0]
    let fd = name.withUnsafeBufferPointer { p in
      p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(fd >= 0)
    close(fd)
    let found = try InputDiscovery.discover(root)
    #expect(found.files.map(\.id) == ["ok"])
    #expect(found.rejected.count == 1)
    #expect(found.rejected.first?.message.contains("not valid UTF-8") == true)
  }

  @Test func missingOrEmptyInputIsExit66() throws {
    let root = try makeTree(["a.md": [1]])
    defer { WorkLayout.removeTree(root) }
    for spec in [root, "\(root)/nope", "\(root)/nope/*.txt"] {
      do {
        _ = try InputDiscovery.discover(spec)
        Issue.record("no error for \(spec)")
      } catch {
        #expect(error.exitCode == 66)
      }
    }
  }

  @Test func inputRecordAndUTF8Offsets() throws {
    let file = InputFile(path: "seeds/a.txt", id: "a")
    let line = try InputRecord.jsonLine(for: file, bytes: Array("خبر".utf8))
    let doc = try Document(jsonLine: line)
    #expect(doc.id == "a" && doc.raw == "خبر" && doc.source.path == "seeds/a.txt" && doc.source.bytes == 6)
    #expect(doc.source.sha256 == SHA256.hex(Array("خبر".utf8)))
    #expect(String(decoding: line, as: UTF8.self).hasPrefix(#"{"id":"a","raw":"#))
    #expect(firstInvalidUTF8([0x41, 0x42, 0xFF]) == 2)
    #expect(firstInvalidUTF8([0xD8, 0xAE, 0xD8]) == 2)
    #expect(firstInvalidUTF8([0, 1, 2]) == nil)
    #expect(throws: InputRecord.Invalid.self) { try InputRecord.jsonLine(for: file, bytes: [0x41, 0xC3, 0x28]) }
    #expect(try Document(jsonLine: InputRecord.jsonLine(for: file, bytes: [])).raw == "")
  }
}
