#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// One invocation: configuration, plan, interrupt handling and scratch space.
final class Session: @unchecked Sendable {
  let options: RunOptions
  let config: PipelineConfig
  let console: Console
  let children = ChildProcesses()
  let plan: PipelinePlan
  let layout: WorkLayout
  let inputSpec: String
  let binDir: String
  let jobs: Int
  /// Hashes of the files this coordinator read before (see `HashCache`).
  let hashes: HashCache
  private var monitor: InterruptMonitor?
  private let scratchBox = Locked<String?>(nil)
  private var lock: RunLock?
  let started = ContinuousClock.now

  init(_ options: RunOptions, console: Console, needsOutput: Bool = true) throws(CoordinatorError) {
    self.options = options
    self.console = console
    signal(SIGPIPE, SIG_IGN)
    var config = try PipelineConfig.load(options.configPath)
    if let input = options.input { config.input = input }
    if let out = options.out { config.output = out }
    if let jobs = options.jobs { config.jobs = jobs }
    if let size = options.chunkSize { config.chunkSize = size }
    self.config = config
    guard let input = config.input else {
      throw .config("\(options.configPath): no \"input\" (and no --input): say which folder of *.txt articles to process")
    }
    inputSpec = input
    layout = WorkLayout(out: config.output)
    hashes = HashCache(path: layout.hashCache(shard: options.shard))
    jobs = config.jobs > 0 ? config.jobs : max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    binDir = config.binDir ?? Self.executableFolder()

    let box = scratchBox
    monitor = InterruptMonitor(children: children) {
      if let path = box.value { WorkLayout.removeTree(path) }
      printError("khabar: interrupted")
      _exit(130)
    }

    let describeScratch = Self.temporaryFolder()
    defer { WorkLayout.removeTree(describeScratch) }
    do {
      plan = try PipelinePlan.make(config, binDir: binDir, children: children, scratch: describeScratch, hashes: hashes,
                                   descriptionCache: needsOutput ? layout.descriptionCache : nil)
    } catch where error.kind == .config {
      throw .config("\(options.configPath): \(error.message)")
    }
    if let only = options.only, !plan.stages.contains(where: { $0.name == only }) {
      throw .usage("--only \(only): no such stage (stages: \(plan.stages.map(\.name).joined(separator: ", ")))")
    }
  }

  /// Locks the output folder, removes what killed runs left, makes scratch space.
  func prepareOutput() throws(CoordinatorError) -> String {
    lock = try RunLock(layout.lock(shard: options.shard), console: console)
    let removed = layout.removeStaleTemporaries()
    if removed > 0 { console.note("removed \(removed) temporary files left by an interrupted run") }
    let scratch = "\(layout.work)/.tmp-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    do { try FileIO.makeDirectories(scratch) } catch {
      throw CoordinatorError(.io, "cannot create the work folder: \(error)")
    }
    scratchBox.withLock { $0 = scratch }
    return scratch
  }

  func close() {
    if lock != nil { hashes.save() }
    if let path = scratchBox.value { WorkLayout.removeTree(path) }
    scratchBox.withLock { $0 = nil }
    lock = nil
  }

  var interrupted: Bool { monitor?.interrupted != nil }

  /// Discovers the inputs (this shard's share) and makes the runner.
  /// `checkOnly`: the runner only finds what is up to date (`khabar register`), so `--force` is not its business.
  func makeRunner(stageRange: ClosedRange<Int>, scratch: String, reportFailures: Bool = true,
                  checkOnly: Bool = false) throws(CoordinatorError) -> PipelineRunner {
    let found = try InputDiscovery.discover(inputSpec)
    for w in found.warnings { console.warning(w) }
    let expansion = InputParts.expand(found.files, limit: config.maxDocumentBytes)
    for note in expansion.notes { console.warning(note) }
    var files = expansion.files
    if let shard = options.shard { files = files.filter { shard.contains($0.id) } }
    var settings = PipelineRunner.Settings(stageRange: stageRange)
    settings.force = options.force && !checkOnly
    settings.jobs = jobs
    settings.chunkSize = config.chunkSize
    settings.dataFolder = config.data
    settings.reportFailures = reportFailures
    settings.journalName = layout.keyJournalName(shard: options.shard)
    settings.dataFingerprint = DataFingerprint.compute(DataFingerprint.locate(configured: config.data, binDir: binDir), hashes: hashes)
    let runner = PipelineRunner(
      plan: plan, layout: layout, files: files, settings: settings, children: children, console: console,
      scratch: scratch, hashes: hashes)
    for r in found.rejected + expansion.rejected {
      let failure = FileFailure(path: r.path, id: InputDiscovery.stem(of: r.path), stage: "input", message: r.message)
      if reportFailures, options.shard.map({ $0.contains(failure.id) }) ?? true {
        runner.addFailure(failure)
        console.error("\(r.path): input: \(r.message)")
      }
    }
    return runner
  }

  func run() throws(CoordinatorError) -> RunResult {
    let scratch = try prepareOutput()
    let range: ClosedRange<Int>
    if let only = options.only, let index = plan.stages.firstIndex(where: { $0.name == only }) {
      range = index...index
    } else {
      range = 0...(plan.stages.count - 1)
    }
    let runner = try makeRunner(stageRange: range, scratch: scratch)
    // With more than one job the register starts as soon as its inputs are
    // settled, beside the last chunks' later stages (with one job, after them).
    let early = EarlyRegister()
    let registerStep = plan.register.flatMap { register -> RegisterStep? in
      guard !options.noRegister, options.shard == nil, options.only == nil else { return nil }
      return RegisterStep(
        executable: register.executable, stageName: plan.stages[register.stage].name, layout: layout,
        scratch: scratch, force: options.force, jobs: jobs, hashes: hashes)
    }
    if let registerStep, jobs > 1 {
      let children = self.children
      runner.onRegisterInputsSettled = { [runner] in
        early.start { registerStep.run(inputs: runner.currentRegisterInputs, children: children) }
      }
    }
    runner.execute()
    let earlyOutcome = early.wait()
    if let abort = runner.abortReason {
      let kind: CoordinatorError.Kind = abort.status == 66 ? .noInput : abort.status == 74 ? .io : .config
      close()
      throw CoordinatorError(kind, "\(abort.message)\nthe run stopped; finished outputs are kept, fix this and run again")
    }
    var result = RunResult()
    result.files = runner.files.count
    result.stages = runner.stageStats
    result.failures = runner.fileFailures
    if interrupted {
      result.interrupted = true
      close()
      throw CoordinatorError(.interrupted, "interrupted; finished outputs are kept, a re-run continues from them")
    }
    if plan.register != nil {
      if options.noRegister {
        result.register = "skipped (--no-register)"
      } else if let shard = options.shard {
        result.register = "skipped (shard \(shard)); run `khabar register` when all shards are done"
      } else if let only = options.only {
        result.register = "skipped (--only \(only)); run `khabar register` to rebuild it"
      } else if let registerStep {
        let outcome = earlyOutcome ?? registerStep.run(inputs: runner.currentRegisterInputs, children: children)
        (result.register, result.registerFailed) = Self.describe(outcome)
        if interrupted { throw CoordinatorError(.interrupted, "interrupted") }
      }
    }
    result.seconds = Console.seconds(ContinuousClock.now - started)
    writeFailures(result.failures)
    return result
  }

  /// `khabar register`: checks which inputs have current outputs of the
  /// register's stage (written by one run or by N shards) and runs the reduce.
  func registerOnly() throws(CoordinatorError) -> Int32 {
    guard let register = plan.register else {
      throw .config("\(options.configPath): no \"register\" step is configured")
    }
    let scratch = try prepareOutput()
    // --force rebuilds the register; which inputs are current is checked as always.
    let runner = try makeRunner(stageRange: 0...register.stage, scratch: scratch, reportFailures: false, checkOnly: true)
    runner.execute(work: false)
    let inputs = runner.currentRegisterInputs
    let stageName = plan.stages[register.stage].name
    let missing = runner.files.count - inputs.count
    if missing > 0 {
      let list = inputs.missing().prefix(5).map(\.path).joined(separator: ", ")
      console.warning("\(missing) of \(runner.files.count) inputs have no up-to-date \(stageName) output (failed, or their shard has not run) and are left out: \(list)\(missing > 5 ? ", …" : "")")
    }
    let step = RegisterStep(
      executable: register.executable, stageName: stageName, layout: layout, scratch: scratch, force: options.force,
      jobs: jobs, hashes: hashes)
    let (text, failed) = Self.describe(step.run(inputs: inputs, children: children))
    if interrupted { throw CoordinatorError(.interrupted, "interrupted") }
    if failed { console.error("register: \(text)") } else { console.note("register: \(text)") }
    return failed ? 1 : 0
  }

  static func describe(_ outcome: RegisterStep.Outcome) -> (String, Bool) {
    switch outcome {
    case .ran(let n, let outputs): ("ran on \(n) inputs → \(outputs.joined(separator: ", "))", false)
    case .upToDate: ("up to date", false)
    case .skipped(let why): ("skipped (\(why))", false)
    case .failed(let why): ("FAILED: \(why)", true)
    }
  }

  /// out/work/failed.jsonl: one line per failed file (empty when none).
  private func writeFailures(_ failures: [FileFailure]) {
    var bytes: [UInt8] = []
    for f in failures {
      var w = JSONWriter()
      w.beginObject()
      w.key("id"); w.string(f.id)
      w.key("message"); w.string(f.message)
      w.key("path"); w.string(f.path)
      w.key("stage"); w.string(f.stage)
      w.endObject()
      bytes += w.bytes
      bytes.append(0x0A)
    }
    do { try FileIO.writeAtomically(bytes, to: layout.failures(shard: options.shard)) } catch {
      console.warning("cannot write the failure list: \(error)")
    }
  }

  /// The folder of the running executable (/proc/self/exe).
  static func executableFolder() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return "." }
    return FileIO.dirname(of: String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }

  static func temporaryFolder() -> String {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(base)/khabar-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress, let made = mkdtemp(base) else { return "\(base)/khabar-\(getpid())" }
      return String(cString: made)
    }
  }
}
