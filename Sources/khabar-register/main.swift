import ArgumentParser
import KhabarCore
import KhabarExport

/// `khabar-register --out DIR [--files-from LIST] <records…>`: the corpus register and DH exports.
struct RegisterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "khabar-register",
    abstract: "Reduce linked records into tei/corpus-register.xml, places.geojson, network.gexf and entities.csv.")

  @Option(help: "Output folder (files are written atomically).")
  var out: String

  @Argument(help: "JSON Lines files or folders of *.jsonl; '-' (or none) reads standard input.")
  var inputs: [String] = []

  @Option(name: .customLong("files-from"), help: "A file listing more inputs, one per line (the coordinator's way to pass 100,000s of files).")
  var filesFrom: String?

  @Flag(name: .customLong("null"), help: "Entries of --files-from end with a NUL byte instead of a newline.")
  var nul = false

  @Flag(help: "Report bad records on stderr and skip them instead of stopping.")
  var skipInvalid = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  @Option(help: "Files read concurrently by this many threads (0: one per CPU); the result does not depend on it.")
  var jobs = 0

  @Option(name: .customLong("memory-budget"),
          help: "Megabytes of entities held in memory before they are sorted out to a temporary run (merged at the end); the result does not depend on it.")
  var memoryBudget = RegisterTool.defaultBudget >> 20

  @Option(name: .customLong("temporary"), help: "Folder for those runs (default: $TMPDIR or /tmp).")
  var temporary: String?

  func validate() throws {
    guard memoryBudget >= 1 else { throw ValidationError("--memory-budget must be at least 1 (MB)") }
  }

  func run() throws {
    let status = RegisterTool.run(out: out, inputs: inputs, filesFrom: filesFrom, nul: nul, skipInvalid: skipInvalid,
                                  quiet: quiet, jobs: jobs, budget: memoryBudget << 20, temporary: temporary)
    if status != .ok { throw ExitCode(status.rawValue) }
  }
}

RegisterCommand.main()
