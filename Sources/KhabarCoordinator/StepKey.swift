import KhabarCore

/// The cache key of one stage run on one file, and the record of what that
/// run produced: one JSON line of the stage's `KeyJournal`
/// (`out/work/<stage>/.keys.jsonl`), or the register's `out/work/register.key`.
///
/// The key is a content hash of: the SHA-256 of the stage's input bytes, the
/// stage name, its version (from `--describe`), the hash of its executable, the hash of its merged
/// options, and a fingerprint of the data folder. A step is up to date when
/// its recorded key equals the one computed now and every output it recorded
/// still exists with the recorded SHA-256 (contents decide; the `HashCache`
/// only saves reading files that did not change).
public struct StepKey: Sendable, Equatable {
  /// The record id of the file (empty for the register).
  public var id: String
  public var key: String
  public var stage: String
  public var version: String
  public var options: String
  public var input: String
  /// SHA-256 of the JSON Lines output.
  public var output: String
  /// Side outputs (paths relative to the output folder) and their SHA-256.
  public var artifacts: [String: String]
  /// `FileSignature.code(salt: 0)` of the output as committed (0: not
  /// recorded): while the file keeps that signature, `output` is its hash.
  public var outputCheck: UInt64 = 0
  /// The same for side outputs, by relative path.
  public var artifactChecks: [String: UInt64] = [:]

  public init(id: String = "", key: String, stage: String, version: String = "", options: String = "",
              input: String = "", output: String, artifacts: [String: String] = [:],
              outputCheck: UInt64 = 0, artifactChecks: [String: UInt64] = [:]) {
    self.id = id
    self.key = key
    self.stage = stage
    self.version = version
    self.options = options
    self.input = input
    self.output = output
    self.artifacts = artifacts
    self.outputCheck = outputCheck
    self.artifactChecks = artifactChecks
  }

  /// The cache key for running `stage` on input bytes whose SHA-256 is `inputSHA`.
  public static func compute(stage: String, version: String, optionsHash: String, inputSHA: String,
                             dataFingerprint: String = "", build: String = "") -> String {
    let text = "khabar-step 1\nstage \(stage)\nversion \(version)\nbuild \(build)\noptions \(optionsHash)\n"
      + "data \(dataFingerprint)\ninput \(inputSHA)\n"
    return SHA256.hex(text)
  }

  public var jsonLine: [UInt8] {
    var w = JSONWriter()
    w.beginObject()
    if !artifactChecks.isEmpty {
      w.key("artifact_checks")
      w.beginObject()
      for k in artifactChecks.keys.sorted() {
        w.key(k)
        w.string(String(artifactChecks[k] ?? 0, radix: 16))
      }
      w.endObject()
    }
    w.key("artifacts")
    w.beginObject()
    for k in artifacts.keys.sorted() {
      w.key(k)
      w.string(artifacts[k] ?? "")
    }
    w.endObject()
    if outputCheck != 0 {
      w.key("check")
      w.string(String(outputCheck, radix: 16))
    }
    // Empty optional fields are left out (a compacted journal keeps no version, options or input).
    for (name, value) in [("id", id), ("input", input), ("key", key), ("options", options), ("output", output),
                          ("stage", stage), ("version", version)] where !value.isEmpty || name == "key" || name == "output" {
      w.key(name)
      w.string(value)
    }
    w.endObject()
    var bytes = w.bytes
    bytes.append(0x0A)
    return bytes
  }

  /// Reads a key file; nil when it is missing or unreadable (= not up to date).
  public static func read(_ path: String) -> StepKey? {
    guard let bytes = try? FileReading.read(path) else { return nil }
    return parse(bytes)
  }

  /// A key file's record, read field by field (a no-op run reads one per
  /// file and stage); nil unless it is one JSON object with a key and an output.
  static func parse(_ bytes: [UInt8]) -> StepKey? {
    var r = JSONReader(bytes)
    var record = StepKey(key: "", stage: "", output: "")
    var hasKey = false, hasOutput = false
    do {
      try r.beginObject()
      while let field = try r.nextKey() {
        switch field {
        case "id": record.id = try r.readString()
        case "key": record.key = try r.readString(); hasKey = true
        case "output": record.output = try r.readString(); hasOutput = true
        case "stage": record.stage = try r.readString()
        case "version": record.version = try r.readString()
        case "options": record.options = try r.readString()
        case "input": record.input = try r.readString()
        case "artifacts": record.artifacts = try r.readStringMap()
        case "check": record.outputCheck = FileSignature.check(hex: try r.readString())
        case "artifact_checks":
          for (rel, hex) in try r.readStringMap() { record.artifactChecks[rel] = FileSignature.check(hex: hex) }
        default: try r.skipValue()
        }
      }
      try r.expectEnd()
    } catch {
      return nil
    }
    return hasKey && hasOutput ? record : nil
  }

  /// True when every recorded side output exists under `out` with its hash
  /// (read and hashed only when the hash cache cannot vouch for it).
  func artifactsIntact(out: String, hashes: HashCache? = nil) -> Bool {
    Self.artifactsIntact(artifacts, out: out, hashes: hashes)
  }

  /// True when every side output in `artifacts` (path relative to `out` →
  /// SHA-256) exists with its hash.
  static func artifactsIntact(_ artifacts: [String: String], out: String, hashes: HashCache? = nil) -> Bool {
    for (rel, sha) in artifacts {
      let path = "\(out)/\(rel)"
      if let hashes, hashes.hash(of: path) == sha { continue }
      let before = FileSignature.of(path)
      // Streamed: the register's files are tens of megabytes over a large corpus.
      guard let digest = try? FileReading.sha256(path), digest == sha else { return false }
      hashes?.record(path, signature: before, sha: sha)
    }
    return true
  }
}
