import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
public import KhabarCore

/// One stage, resolved and checked: ready to run.
public struct PlannedStage: Sendable, Equatable {
  public var name: String
  /// The executable's path.
  public var executable: String
  public var description: StageDescription
  /// The options after merging pipeline.json's over the stage's defaults.
  public var options: [String: JSONValue]
  /// First 16 hex digits of the SHA-256 of the executable file: a rebuilt
  /// stage re-runs even when its version string did not change.
  public var build: String = ""

  /// The options as passed with `--options` (canonical JSON).
  public var optionsJSON: String { JSONValue.object(options).canonicalString }
  /// First 16 hex digits of the SHA-256 of the canonical merged options
  /// (the same hash the stage writes into its provenance).
  public var optionsHash: String { String(SHA256.hex(JSONValue.object(options).canonicalBytes).prefix(16)) }
}

/// The validated pipeline: every stage described by its executable and the
/// chain's requirements satisfied, before anything runs.
public struct PipelinePlan: Sendable {
  public var stages: [PlannedStage]
  /// The reduce step's executable and the index of the stage it reads.
  public var register: (executable: String, stage: Int)?
  /// What the input record provides to the first stage.
  public static let inputProvides = ["raw"]

  public init(stages: [PlannedStage], register: (executable: String, stage: Int)? = nil) {
    self.stages = stages
    self.register = register
  }

  /// Resolves each executable, asks it for `--describe`, checks names,
  /// schema, options and the requires/provides chain.
  /// - Throws: `CoordinatorError` (.config) naming the first problem.
  /// With `hashes` and `descriptionCache` (a file path), descriptions of
  /// executables described before are taken from that file (see `DescriptionCache`).
  public static func make(_ config: PipelineConfig, binDir: String, children: ChildProcesses,
                          scratch: String, hashes: HashCache? = nil,
                          descriptionCache: String? = nil) throws(CoordinatorError) -> PipelinePlan {
    var resolved: [String] = []
    for (i, entry) in config.stages.enumerated() {
      resolved.append(try resolve(entry.executable, binDir: binDir, key: "stages[\(i)].executable"))
    }
    let executables = resolved
    let shas = executables.map { (try? HashCache.sha256(ofFile: $0, cache: hashes)) ?? "" }
    let cache = hashes == nil ? nil : descriptionCache.map(DescriptionCache.init(path:))
    let known = cache?.entries ?? [:]
    let compiled = executables.map(DescriptionCache.isCompiled)
    // The stages not in the cache describe themselves concurrently (each is a
    // process start); problems are reported in stage order.
    let described = Locked([Int: Result<StageDescription, CoordinatorError>]())
    let fresh = Locked([Int: [UInt8]]())
    DispatchQueue.concurrentPerform(iterations: executables.count) { i in
      if compiled[i], let json = known[shas[i]], let description = try? StageDescription(json: json, executable: executables[i]) {
        described.withLock { $0[i] = .success(description) }
        return
      }
      let result = Result { () throws(CoordinatorError) -> StageDescription in
        let json = try describe(executables[i], children: children, scratch: scratch, key: "stages[\(i)]", tag: i)
        fresh.withLock { $0[i] = json }
        return try parse(json, executable: executables[i], key: "stages[\(i)]")
      }
      described.withLock { $0[i] = result }
    }
    if var updated = cache {
      for (i, json) in fresh.value where compiled[i] { updated.store(json, sha: shas[i]) }
      updated.save(keeping: Set(shas))
    }
    let descriptions = described.value
    var stages: [PlannedStage] = []
    for (i, entry) in config.stages.enumerated() {
      let path = "stages[\(i)]"
      let executable = executables[i]
      guard let description = try descriptions[i]?.get() else { preconditionFailure("stage \(i) was not described") }
      guard description.name == entry.name else {
        throw .config("\(path): named \"\(entry.name)\" in pipeline.json, but \(executable) --describe says it is \"\(description.name)\"")
      }
      guard description.schema <= Document.schemaVersion else {
        throw .config("\(path): stage \(entry.name) writes record schema \(description.schema), newer than this khabar supports (\(Document.schemaVersion))")
      }
      let options = try description.merge(entry.options, path: "\(path).options")
      var stage = PlannedStage(name: entry.name, executable: executable, description: description, options: options)
      stage.build = String(shas[i].prefix(16))
      stages.append(stage)
    }
    try checkChain(stages)
    var register: (executable: String, stage: Int)?
    if let r = config.register, let index = stages.firstIndex(where: { $0.name == r.stage }) {
      register = (try resolve(r.executable, binDir: binDir, key: "register.executable"), index)
    }
    return PipelinePlan(stages: stages, register: register)
  }

  /// Checks that every stage's requirements are provided by the input record
  /// or an earlier stage; names what is missing and who provides it.
  public static func checkChain(_ stages: [PlannedStage]) throws(CoordinatorError) {
    var available = inputProvides
    for (i, stage) in stages.enumerated() {
      let missing = stage.description.requires.filter { !available.contains($0) }
      if !missing.isEmpty {
        var message = "stages[\(i)] (\(stage.name)) requires \(missing.joined(separator: ", ")), "
          + "which no earlier stage provides (fulfilled: \(available.joined(separator: ", ")))"
        let later = missing.compactMap { need in
          stages[(i + 1)...].first { $0.description.provides.contains(need) }.map { "\(need) is provided by \($0.name), which must come before \(stage.name)" }
        }
        if !later.isEmpty { message += "; " + later.joined(separator: "; ") }
        throw .config(message)
      }
      for p in stage.description.provides where !available.contains(p) { available.append(p) }
    }
  }

  /// A few lines describing the plan, for `khabar check`.
  public func report() -> [String] {
    var lines: [String] = []
    var available = Self.inputProvides
    for (i, s) in stages.enumerated() {
      let d = s.description
      lines.append("  \(i + 1). \(s.name) \(d.version)  \(s.executable)")
      lines.append("     requires: \(d.requires.isEmpty ? "nothing" : d.requires.joined(separator: ", ")) (all fulfilled by: \(available.joined(separator: ", ")))")
      lines.append("     provides: \(d.provides.isEmpty ? "nothing" : d.provides.joined(separator: ", "))  options: \(s.optionsJSON)")
      for p in d.provides where !available.contains(p) { available.append(p) }
    }
    if let register {
      lines.append("  register: \(register.executable) over the outputs of \(stages[register.stage].name)")
    }
    return lines
  }

  // MARK: - Internals

  /// A bare name is looked up in binDir (never on PATH); a name with "/" is a path.
  static func resolve(_ name: String, binDir: String, key: String) throws(CoordinatorError) -> String {
    let path = name.contains("/") ? name : "\(binDir)/\(name)"
    guard FileIO.exists(path) else {
      throw .config("\(key): executable \(path) does not exist\(name.contains("/") ? "" : " (set binDir in pipeline.json, or build it: swift build)")")
    }
    guard !FileIO.isDirectory(path), access(path, X_OK) == 0 else {
      throw .config("\(key): \(path) is not an executable file")
    }
    return path
  }

  /// Runs `executable --describe`; returns what it printed (one line of JSON, without the newline).
  static func describe(_ executable: String, children: ChildProcesses, scratch: String,
                       key: String, tag: Int) throws(CoordinatorError) -> [UInt8] {
    let out = "\(scratch)/describe-\(tag).out", err = "\(scratch)/describe-\(tag).err"
    defer { FileIO.remove(out); FileIO.remove(err) }
    guard let termination = try children.run(executable, ["--describe"], stdout: out, stderr: err, timeout: 60) else {
      throw CoordinatorError(.interrupted, "interrupted")
    }
    guard termination.isSuccess else {
      let message = StderrTail.read(err)
      throw .config("\(key): \(executable) --describe \(termination)\(message.isEmpty ? "" : ": \(message)")")
    }
    var bytes: [UInt8]
    do { bytes = try FileIO.read(out) } catch { throw .config("\(key): \(error)") }
    while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
    return bytes
  }

  static func parse(_ json: [UInt8], executable: String, key: String) throws(CoordinatorError) -> StageDescription {
    do {
      return try StageDescription(json: json, executable: executable)
    } catch {
      throw .config("\(key): \(error.message)")
    }
  }
}

/// The last lines of a child's stderr log, for messages.
enum StderrTail {
  static func read(_ path: String, maxLines: Int = 3) -> String {
    guard let bytes = try? FileIO.read(path) else { return "" }
    let text = String(decoding: bytes.suffix(4096), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(maxLines)
    return lines.joined(separator: " | ")
  }
}
