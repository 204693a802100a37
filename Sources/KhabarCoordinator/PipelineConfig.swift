public import KhabarCore

/// The contents of `pipeline.json`: what to run, on what, and where to put it.
///
/// Every key (paths are relative to the working directory):
///
///     {
///       "version": 1,              // optional; missing = 1; a higher version is an error
///       "input": "seeds",          // folder (every *.txt below it, recursively) or a glob
///                                  //   ("corpus/**/*.txt"); required unless --input is given
///       "output": "out",           // output folder; default "out"
///       "jobs": 0,                 // concurrent stage processes; 0 = all cores; default 0
///       "chunkSize": 128,          // optional: records per stage process (1…100000);
///                                  //   default: adaptive, at most 512 records and
///                                  //   4 MiB of input text
///       "maxDocumentBytes": 1048576, // optional (4096…1073741824): a larger input file
///                                  //   is split at paragraph breaks into parts of at
///                                  //   most this size, each its own document; default 1 MiB
///       "binDir": ".build/release",// optional: where bare executable names are looked up;
///                                  //   default: the folder of the running `khabar`
///       "data": "data",            // optional: passed to every stage as --data
///       "stages": [                // the chain, in order; at least one stage
///         {"name": "clean",        // unique; must equal the name the executable's --describe says
///          "executable": "khabar-clean", // optional, default "khabar-<name>": a bare name
///                                  //   (looked up in binDir) or a path containing "/"
///          "options": {}}          // optional; keys and value kinds must be the stage's own
///       ],
///       "register": {              // optional: the reduce step after the chain
///         "executable": "khabar-register", // optional, default "khabar-register"
///         "stage": "link"}         // optional: whose outputs it reads; default "link"
///     }
///
/// Unknown keys, wrong types, duplicate keys and stage names are errors
/// (exit 78) whose messages name the key path.
public struct PipelineConfig: Sendable, Equatable {
  /// The newest `version` this coordinator understands.
  public static let supportedVersion = 1

  /// One stage of the chain.
  public struct StageEntry: Sendable, Equatable {
    public var name: String
    public var executable: String
    public var options: [String: JSONValue]
    public init(name: String, executable: String, options: [String: JSONValue] = [:]) {
      self.name = name
      self.executable = executable
      self.options = options
    }
  }

  /// The reduce step over one stage's outputs.
  public struct RegisterEntry: Sendable, Equatable {
    public var executable: String
    public var stage: String
    public init(executable: String, stage: String = "link") {
      self.executable = executable
      self.stage = stage
    }
  }

  public var version = 1
  public var input: String?
  public var output = "out"
  public var jobs = 0
  public var chunkSize: Int?
  public var maxDocumentBytes = InputParts.defaultLimit
  public var binDir: String?
  public var data: String?
  public var stages: [StageEntry] = []
  public var register: RegisterEntry?

  public init(stages: [StageEntry]) { self.stages = stages }

  /// Reads and validates a pipeline.json file.
  public static func load(_ path: String) throws(CoordinatorError) -> PipelineConfig {
    let bytes: [UInt8]
    do { bytes = try FileIO.read(path) } catch {
      throw .config("cannot read the pipeline configuration: \(error)")
    }
    return try decode(bytes, origin: path)
  }

  /// Decodes pipeline.json bytes; `origin` names the file in messages.
  public static func decode(_ bytes: [UInt8], origin: String = "pipeline.json") throws(CoordinatorError) -> PipelineConfig {
    let root = try StrictJSON.parse(bytes, origin: origin)
    var d = ObjectDecoder(origin: origin)
    return try d.decodeConfig(root)
  }
}

/// Walks the parsed JSON, checking keys and types, with key paths in messages.
private struct ObjectDecoder {
  let origin: String

  init(origin: String) { self.origin = origin }

  func fail(_ path: String, _ message: String) -> CoordinatorError {
    .config("\(origin): \(path.isEmpty ? "" : "\"\(path)\" ")\(message)")
  }

  func object(_ value: JSONValue, _ path: String, known: [String]) throws(CoordinatorError) -> [String: JSONValue] {
    guard case .object(let o) = value else {
      throw fail(path, "must be an object, not \(value.kindName)")
    }
    for key in o.keys.sorted() where !known.contains(key) {
      throw fail(KeyPath.join(path, key), "is not a known key (known here: \(known.joined(separator: ", ")))")
    }
    return o
  }

  func string(_ o: [String: JSONValue], _ key: String, _ path: String) throws(CoordinatorError) -> String? {
    guard let v = o[key] else { return nil }
    guard case .string(let s) = v else { throw fail(KeyPath.join(path, key), "must be a string, not \(v.kindName)") }
    guard !s.isEmpty else { throw fail(KeyPath.join(path, key), "must not be empty") }
    return s
  }

  func int(_ o: [String: JSONValue], _ key: String, _ path: String, _ range: ClosedRange<Int>) throws(CoordinatorError) -> Int? {
    guard let v = o[key] else { return nil }
    guard case .int(let i) = v else { throw fail(KeyPath.join(path, key), "must be an integer, not \(v.kindName)") }
    guard range.contains(i) else {
      throw fail(KeyPath.join(path, key), "must be between \(range.lowerBound) and \(range.upperBound), not \(i)")
    }
    return i
  }

  mutating func decodeConfig(_ root: JSONValue) throws(CoordinatorError) -> PipelineConfig {
    let known = ["version", "input", "output", "jobs", "chunkSize", "maxDocumentBytes", "binDir", "data", "stages", "register"]
    // The version is checked first: a newer file may have keys we do not know.
    if case .object(let o) = root, let v = o["version"] {
      guard case .int(let version) = v, version >= 1 else {
        throw fail("version", "must be a positive integer, not \(v.kindName == "a number" ? "\(v.canonicalString)" : v.kindName)")
      }
      if version > PipelineConfig.supportedVersion {
        throw fail("version", "is \(version), newer than this khabar supports (\(PipelineConfig.supportedVersion)); update khabar")
      }
    }
    let o = try object(root, "", known: known)
    var config = PipelineConfig(stages: [])
    config.version = try int(o, "version", "", 1...PipelineConfig.supportedVersion) ?? 1
    config.input = try string(o, "input", "")
    config.output = try string(o, "output", "") ?? "out"
    config.jobs = try int(o, "jobs", "", 0...4096) ?? 0
    config.chunkSize = try int(o, "chunkSize", "", 1...100_000)
    config.maxDocumentBytes = try int(o, "maxDocumentBytes", "", 4096...(1 << 30)) ?? InputParts.defaultLimit
    config.binDir = try string(o, "binDir", "")
    config.data = try string(o, "data", "")

    guard let stagesValue = o["stages"] else { throw fail("stages", "is missing: list the stages to run, in order") }
    guard case .array(let stages) = stagesValue else {
      throw fail("stages", "must be an array of stages, not \(stagesValue.kindName)")
    }
    guard !stages.isEmpty else { throw fail("stages", "is empty: the chain needs at least one stage") }
    for (i, value) in stages.enumerated() {
      let path = "stages[\(i)]"
      let s = try object(value, path, known: ["name", "executable", "options"])
      guard let name = try string(s, "name", path) else { throw fail(KeyPath.join(path, "name"), "is missing") }
      guard StageName.isValid(name) else {
        throw fail(KeyPath.join(path, "name"), "\"\(name)\" is not a valid stage name (use a-z, 0-9, '-' and '_')")
      }
      if let previous = config.stages.firstIndex(where: { $0.name == name }) {
        throw fail(KeyPath.join(path, "name"), "\"\(name)\" is already the name of stages[\(previous)]; stage names must be unique")
      }
      let executable = try string(s, "executable", path) ?? "khabar-\(name)"
      var options: [String: JSONValue] = [:]
      if let v = s["options"] {
        guard case .object(let opts) = v else {
          throw fail(KeyPath.join(path, "options"), "must be an object, not \(v.kindName)")
        }
        options = opts
      }
      config.stages.append(.init(name: name, executable: executable, options: options))
    }

    if let v = o["register"] {
      let r = try object(v, "register", known: ["executable", "stage"])
      let executable = try string(r, "executable", "register") ?? "khabar-register"
      let stage = try string(r, "stage", "register") ?? "link"
      guard config.stages.contains(where: { $0.name == stage }) else {
        throw fail("register.stage", "\"\(stage)\" is not a stage of the chain (stages: \(config.stages.map(\.name).joined(separator: ", ")))")
      }
      config.register = .init(executable: executable, stage: stage)
    }
    return config
  }
}

/// Stage names become folder names under out/work, so they are restricted.
enum StageName {
  static func isValid(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
      ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F
    }
  }
}
