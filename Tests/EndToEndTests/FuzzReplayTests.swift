import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// Replays every input the fuzzer kept (`Tests/Fixtures/fuzz/<target>/`, written
/// by `scale/fuzz/fuzz.py`) through the JSON reader in process, and through the
/// clean and segment executables: nothing may trap, and a stage may only say
/// "ok" (0) or "bad data" (65).
@Suite struct FuzzReplayTests {
  /// Every fixture file: (name, bytes).
  static let fixtures: [(name: String, bytes: [UInt8])] = {
    let root = "\(TestPaths.fixtures)/fuzz"
    let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".jsonl") }.sorted()
    return names.compactMap { name in
      (try? Data(contentsOf: URL(fileURLWithPath: "\(root)/\(name)"))).map { (name, Array($0)) }
    }
  }()

  /// The fixture's lines (a .jsonl file may hold several; a .txt file is one raw text).
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
  }

  @Test func thereAreFixturesForEveryTarget() {
    for target in ["clean", "segment", "json"] {
      #expect(Self.fixtures.contains { $0.name.hasPrefix("\(target)/") }, "no fuzz fixture for \(target)")
    }
  }

  @Test func jsonReaderNeverTraps() {
    var parsed = 0
    for (_, bytes) in Self.fixtures {
      for line in Self.lines(bytes) + [bytes] {
        if (try? Document(jsonLine: line)) != nil { parsed += 1 }
        _ = try? JSONValue.parse(line)
        var reader = JSONReader(line)
        // The pull API: keys only after a successful beginObject.
        guard (try? reader.beginObject()) != nil else { continue }
        var steps = 0
        while steps < 100_000, (try? reader.nextKey()) != nil { steps += 1; _ = try? reader.skipValue() }
      }
    }
    // Some fixtures are valid records (the clean → segment shapes): the reader must accept them.
    #expect(parsed > 0)
  }

  @Test func cleanAndSegmentNeverCrash() throws {
    var records: [UInt8] = []
    var segmentInputs: [UInt8] = []
    for (i, (name, bytes)) in Self.fixtures.enumerated() {
      if name.hasSuffix(".txt") {
        records += inputRecord(id: "fx\(i)", raw: String(decoding: bytes, as: UTF8.self), path: name).jsonLine()
        records.append(0x0A)
      } else {
        for line in Self.lines(bytes) { records += line + [0x0A]; segmentInputs += line + [0x0A] }
      }
    }
    let dir = try makeTemporaryDirectory()
    let clean = try runTool("khabar-clean", ["-", "--skip-invalid", "--quiet", "--artifacts", dir], stdin: Data(records))
    #expect([0, 65].contains(clean.status), "khabar-clean exit \(clean.status): \(clean.stderr.suffix(500))")
    let segment = try runTool("khabar-segment", ["-", "--skip-invalid", "--quiet", "--artifacts", dir],
                              stdin: clean.stdout + Data(segmentInputs))
    #expect([0, 65].contains(segment.status), "khabar-segment exit \(segment.status): \(segment.stderr.suffix(500))")
    #expect(!segment.stdout.isEmpty, "segment wrote no record at all")
  }
}
