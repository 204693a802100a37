import ArgumentParser
import KhabarCoordinator

/// `khabar`: runs the Khabar pipeline as pipeline.json says.
@main
struct Khabar: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "khabar",
    abstract: "Run the Khabar pipeline: raw Arabic news articles → annotated TEI-XML.",
    subcommands: [Run.self, Check.self, Register.self],
    defaultSubcommand: Run.self)
}

/// Flags shared by every subcommand.
struct ConfigOptions: ParsableArguments {
  @Option(help: "The pipeline configuration.")
  var config = "pipeline.json"

  @Option(help: "Output folder (overrides pipeline.json's \"output\").")
  var out: String?

  @Option(help: "Input folder of *.txt articles, or a glob such as 'corpus/**/*.txt' (overrides \"input\").")
  var input: String?
}

extension Khabar {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bring every output up to date (only the work whose inputs changed is redone).")

    @OptionGroup var common: ConfigOptions

    @Option(help: "Stage processes to run at once; 0 = all cores (overrides \"jobs\").")
    var jobs: Int?

    @Option(help: "Records per stage process (overrides \"chunkSize\").")
    var chunkSize: Int?

    @Option(help: "Run only this stage, on the existing outputs of the stage before it.")
    var only: String?

    @Flag(help: "Re-run even what is up to date.")
    var force = false

    @Option(help: "Process only shard I of N (0-based: 0/N … N-1/N), chosen by a stable hash of each id; skips the register.")
    var shard: String?

    @Flag(help: "Do not build the register after the stages.")
    var noRegister = false

    @Flag(name: .shortAndLong, help: "No progress and no summary; errors only.")
    var quiet = false

    func validate() throws {
      if let jobs, jobs < 0 { throw ValidationError("--jobs must be 0 (all cores) or more") }
      if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1") }
    }

    func run() throws {
      var options = common.runOptions
      options.jobs = jobs
      options.chunkSize = chunkSize
      options.only = only
      options.force = force
      options.noRegister = noRegister
      options.quiet = quiet
      if let shard {
        do { options.shard = try Shard(parsing: shard) } catch { throw ValidationError(error.message) }
      }
      throw ExitCode(Coordinator.run(options))
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate pipeline.json and the stage chain without running anything.")

    @OptionGroup var common: ConfigOptions

    func run() throws { throw ExitCode(Coordinator.check(common.runOptions)) }
  }

  struct Register: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the register from the link outputs in the output folder (e.g. after N shards).")

    @OptionGroup var common: ConfigOptions

    @Flag(help: "Rebuild even when up to date.")
    var force = false

    @Flag(name: .shortAndLong, help: "Errors only.")
    var quiet = false

    func run() throws {
      var options = common.runOptions
      options.force = force
      options.quiet = quiet
      throw ExitCode(Coordinator.register(options))
    }
  }
}

extension ConfigOptions {
  var runOptions: RunOptions {
    var options = RunOptions()
    options.configPath = config
    options.input = input
    options.out = out
    return options
  }
}
