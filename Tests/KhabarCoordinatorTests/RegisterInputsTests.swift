import KhabarCore
import Testing

@testable import KhabarCoordinator

@Suite struct RegisterInputsTests {
  /// The view gives the files with a current output, in input order, each with its output's hash,
  /// and the others as missing.
  @Test func currentFilesInOrderWithTheirHashes() throws {
    let files = (0..<5).map { InputFile(path: "in/\($0).txt", id: "a\($0)") }
    let shas = (0..<5).map { SHA256.hex(Array("output \($0)".utf8)) }
    let digests = (0..<5).map { $0 % 2 == 0 ? HashCache.Digest(hex: shas[$0].utf8) : nil }
    let inputs = RegisterInputs(files: files, digests: digests)
    #expect(inputs.count == 3 && !inputs.isEmpty)
    let visited = inputs.map { "\($0.file.id) \($0.sha)" }
    #expect(visited == [0, 2, 4].map { "a\($0) \(shas[$0])" })
    #expect(Array(inputs.missing().map(\.id)) == ["a1", "a3"])
    #expect(inputs.map(\.file.id) == visited.map { String($0.prefix(2)) }, "a second pass sees the same files")
    #expect(RegisterInputs(files: files, digests: Array(repeating: nil, count: 5)).isEmpty)
  }
}
