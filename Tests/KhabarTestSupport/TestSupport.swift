import Foundation
public import KhabarCore

/// Paths and helpers shared by the test targets.
public enum TestPaths {
  /// The repository root (found from this file's location).
  public static let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  public static var fixtures: String { "\(repoRoot)/Tests/Fixtures" }
  public static var seeds: String { "\(repoRoot)/seeds" }
  public static var data: String { "\(repoRoot)/data" }
  public static var schema: String { "\(repoRoot)/schemas/tei/tei_all.rng" }

  /// `../shared` (or `$KHABAR_SHARED`), or nil when absent: tests that need it
  /// must skip with a clear message, because a user's machine has none.
  public static var shared: String? {
    let env = ProcessInfo.processInfo.environment["KHABAR_SHARED"]
    let path = env ?? URL(fileURLWithPath: repoRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// The folder holding the built executables: `$KHABAR_BIN`, else the
  /// folder of the running test bundle (SwiftPM puts products beside it).
  public static var binaries: String {
    if let env = ProcessInfo.processInfo.environment["KHABAR_BIN"] { return env }
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("khabar-clean").path) { return dir.path }
      dir.deleteLastPathComponent()
    }
    return "\(repoRoot)/.build/debug"
  }
}

/// A small seeded generator (SplitMix64): random tests print their seed and replay.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E3779B97F4A7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
    return z ^ (z >> 31)
  }
}

/// The result of running an executable.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: Data
  public var stderr: String
  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs a built executable with arguments and optional stdin; drains stdout
/// and stderr through files so large outputs cannot deadlock.
public func runTool(_ name: String, _ arguments: [String], stdin: Data? = nil,
                    environment: [String: String] = [:], cwd: String? = nil) throws -> ProcessResult {
  let process = Process()
  let path = name.hasPrefix("/") ? name : "\(TestPaths.binaries)/\(name)"
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: tmp) }
  let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  if let stdin {
    let inURL = tmp.appendingPathComponent("in")
    try stdin.write(to: inURL)
    process.standardInput = try FileHandle(forReadingFrom: inURL)
  } else {
    process.standardInput = FileHandle.nullDevice
  }
  try process.run()
  process.waitUntilExit()
  return ProcessResult(
    status: process.terminationStatus,
    stdout: (try? Data(contentsOf: outURL)) ?? Data(),
    stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
}

/// Makes a fresh temporary directory for a test.
public func makeTemporaryDirectory() throws -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("khabar-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

/// An input record for the clean stage, as the coordinator makes it.
public func inputRecord(id: String, raw: String, path: String = "test.txt") -> Document {
  let bytes = Array(raw.utf8)
  return Document(id: id, source: .init(path: path, sha256: SHA256.hex(bytes), bytes: bytes.count), raw: raw)
}
