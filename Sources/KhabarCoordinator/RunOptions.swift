/// What the user asked for on the command line; flags override pipeline.json.
public struct RunOptions: Sendable {
  public var configPath = "pipeline.json"
  public var input: String?
  public var out: String?
  public var jobs: Int?
  public var chunkSize: Int?
  /// Run only this stage, on the existing outputs of the one before it.
  public var only: String?
  /// Re-run even what is up to date.
  public var force = false
  public var shard: Shard?
  public var noRegister = false
  public var quiet = false

  public init() {}
}

/// The per-stage counts of a run, for the summary.
public struct StageStats: Sendable, Equatable {
  public var processed = 0
  public var upToDate = 0
  public var failed = 0
  /// Wall-clock seconds of this stage's processes, summed over chunks.
  public var seconds = 0.0
  public init() {}
}

/// A file that could not be processed.
public struct FileFailure: Sendable, Equatable {
  public var path: String
  public var id: String
  /// The stage that failed, or "input" when the file could not be read.
  public var stage: String
  public var message: String
}

/// What a run did.
public struct RunResult: Sendable {
  public var files = 0
  public var stages: [(name: String, stats: StageStats)] = []
  public var failures: [FileFailure] = []
  /// "ran", "up to date", or why it did not run.
  public var register = "not configured"
  public var registerFailed = false
  public var seconds = 0.0
  public var interrupted = false

  public var exitCode: Int32 {
    if interrupted { return 130 }
    return failures.isEmpty && !registerFailed ? 0 : 1
  }
}
