import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

@testable import KhabarCoordinator

@Suite struct HashCacheTests {
  @Test func digestsSignatureCodesAndDecimals() throws {
    let sha = SHA256.hex(Array("khabar".utf8))
    #expect(HashCache.Digest(hex: sha.utf8)?.hex == sha)
    #expect(HashCache.Digest(hex: sha.uppercased().utf8) == nil, "lowercase only, as SHA256.hex writes it")
    #expect(HashCache.Digest(hex: sha.dropLast().utf8) == nil)

    // Every field and the salt change the code.
    let signature = FileSignature(size: 12, modified: -5, changed: 1_796_533_392_034_347_456, inode: .max, device: 0)
    let variants = [
      FileSignature(size: 13, modified: -5, changed: 1_796_533_392_034_347_456, inode: .max, device: 0),
      FileSignature(size: 12, modified: -4, changed: 1_796_533_392_034_347_456, inode: .max, device: 0),
      FileSignature(size: 12, modified: -5, changed: 1_796_533_392_034_347_457, inode: .max, device: 0),
      FileSignature(size: 12, modified: -5, changed: 1_796_533_392_034_347_456, inode: 7, device: 0),
      FileSignature(size: 12, modified: -5, changed: 1_796_533_392_034_347_456, inode: .max, device: 1),
    ]
    let codes = Set([signature.code(salt: 0), signature.code(salt: 1)] + variants.map { $0.code(salt: 0) })
    #expect(codes.count == 7)
    #expect(signature.code(salt: 0) == FileSignature(size: 12, modified: -5, changed: 1_796_533_392_034_347_456,
                                                     inode: .max, device: 0).code(salt: 0))
    #expect(Decimal.signed(Array("-9223372036854775808".utf8)) == .min)
    #expect(Decimal.signed(Array("9223372036854775808".utf8)) == nil)
  }

  /// A temporary folder holding `a.txt` ("one"), the cache path in it, and the file's SHA-256.
  static func folderWithOneFile() throws -> (dir: String, file: String, cachePath: String, sha: String) {
    let dir = try makeTemporaryDirectory()
    let file = "\(dir)/a.txt"
    try FileIO.writeAtomically(Array("one".utf8), to: file)
    return (dir, file, "\(dir)/cache", SHA256.hex(Array("one".utf8)))
  }

  @Test func linesOfTheOlderFormatAreIgnored() throws {
    let (dir, file, cachePath, sha) = try Self.folderWithOneFile()
    defer { WorkLayout.removeTree(dir) }
    let st = try #require(FileSignature.of(file))
    // sha TAB salt TAB size|mtime|ctime|inode|device TAB age TAB path code: the format before 2026-12-06.
    let old = "\(sha)\t-\t\(st.size)|\(st.modified)|\(st.changed)|\(st.inode)|\(st.device)\t0\t\(String(HashCache.pathCode(file), radix: 16))\n"
    try FileIO.writeAtomically(Array(old.utf8), to: cachePath)
    #expect(HashCache(path: cachePath).hash(of: file) == nil, "not trusted: hashed again")
  }

  @Test func savedEntriesVouchOnlyForUnchangedFilesAndTheirSalt() throws {
    let (dir, file, cachePath, sha) = try Self.folderWithOneFile()
    defer { WorkLayout.removeTree(dir) }

    let cache = HashCache(path: cachePath)
    #expect(try cache.sha256(ofFile: file) == sha)
    cache.record("\(dir)/b.txt", signature: FileSignature.of(file), sha: sha, salt: "record 1 b|")
    cache.save()

    let loaded = HashCache(path: cachePath)
    #expect(loaded.hash(of: file) == sha)
    #expect(loaded.hash(of: file, salt: "record 1 a|") == nil, "the salt is part of what was hashed")
    #expect(loaded.recorded("\(dir)/b.txt")?.vouches(for: FileSignature.of(file)!, salt: "record 1 b|") == true)
    #expect(loaded.recorded("\(dir)/b.txt")?.vouches(for: FileSignature.of(file)!) == false)

    usleep(20_000)
    try FileIO.writeAtomically(Array("one".utf8), to: file)
    #expect(HashCache(path: cachePath).hash(of: file) == nil, "same bytes, new signature: hash again")
  }

  @Test func unusedEntriesAgeOutAndANoOpSaveLeavesTheFile() throws {
    let dir = try makeTemporaryDirectory()
    defer { WorkLayout.removeTree(dir) }
    let kept = "\(dir)/kept.txt", gone = "\(dir)/gone.txt", cachePath = "\(dir)/cache"
    for path in [kept, gone] { try FileIO.writeAtomically(Array(path.utf8), to: path) }
    let first = HashCache(path: cachePath)
    for path in [kept, gone] { _ = try first.sha256(ofFile: path) }
    first.save()
    FileIO.remove(gone)

    let before = try FileIO.read(cachePath)
    let noOp = HashCache(path: cachePath)
    _ = noOp.hash(of: kept)
    #expect(noOp.recorded(gone) != nil)
    noOp.save()
    #expect(try FileIO.read(cachePath) != before, "an unused entry grew older, so the file was rewritten")

    for _ in 1..<Int(HashCache.maxAge) {
      let run = HashCache(path: cachePath)
      #expect(run.recorded(gone) != nil)
      _ = run.hash(of: kept)
      run.save()
    }
    let last = HashCache(path: cachePath)
    #expect(last.recorded(gone) == nil, "dropped after maxAge saves unused")
    #expect(last.hash(of: kept) != nil)
    let settled = try FileIO.read(cachePath)
    last.save()
    #expect(try FileIO.read(cachePath) == settled, "everything used, nothing new: the file is left as it is")
  }

  @Test func damagedAndOldFormatLinesAreIgnored() throws {
    let dir = try makeTemporaryDirectory()
    defer { WorkLayout.removeTree(dir) }
    let cachePath = "\(dir)/cache", file = "\(dir)/a.txt"
    try FileIO.writeAtomically(Array("x".utf8), to: file)
    let sha = SHA256.hex(Array("x".utf8))
    // The previous format: sha TAB signature TAB path.
    try FileIO.writeAtomically(Array("\(sha)\t1|2.3|4.5|6|7\t\(file)\ngarbage\n\t\t\t\t\n".utf8), to: cachePath)
    let cache = HashCache(path: cachePath)
    #expect(cache.recorded(file) == nil)
    #expect(try cache.sha256(ofFile: file) == sha)
  }
}
