#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import KhabarCore

/// Runs the stage chain over the input files: decides what is up to date,
/// groups the rest into chunks, runs each chunk's stages in sequence (chunks
/// concurrently, `jobs` at a time), splits the outputs back per file and
/// commits them atomically with their cache keys.
public final class PipelineRunner: @unchecked Sendable {
  public struct Settings: Sendable {
    /// The stages to run (all, or the one of `--only`).
    public var stageRange: ClosedRange<Int>
    public var force = false
    public var jobs = 1
    public var chunkSize: Int?
    /// Passed to every stage as `--data`, when set.
    public var dataFolder: String?
    public var dataFingerprint = ""
    /// Print each failure as it happens (off for `khabar register`, which
    /// only summarises the files it leaves out).
    public var reportFailures = true
    /// The key journal this run appends to (per shard).
    public var journalName = "\(KeyJournal.prefix).jsonl"
    public init(stageRange: ClosedRange<Int>) { self.stageRange = stageRange }
  }

  let plan: PipelinePlan
  let layout: WorkLayout
  let files: [InputFile]
  let settings: Settings
  let children: ChildProcesses
  let console: Console
  /// This run's scratch folder (under out/work, removed at the end).
  let scratch: String
  /// Hashes of the files read and written, trusted while they are unchanged.
  let hashes: HashCache
  /// Each stage's step keys (nil for stages outside `stageRange`).
  private let journals: [KeyJournal?]

  private let lock = Lock()
  private var stats: [StageStats]
  private var failures: [Int: FileFailure] = [:]
  /// Per file: the SHA-256 of its current output of the register's stage (nil: none yet).
  private var registerInputs: [HashCache.Digest?]
  private var done = 0
  private var worked = 0
  private var counter = 0
  private var unattributed: Set<String> = []
  private var abort: (status: Int32, message: String)?
  /// Files whose output of the register's stage is not settled yet (see `onRegisterInputsSettled`).
  private var unsettled = 0
  private var settledCalled = false

  /// Called once, on a chunk's thread, as soon as every file's output of the
  /// register's stage is settled (current, or failed) while later stages may
  /// still run: the register can start beside them. Set before `execute`.
  public var onRegisterInputsSettled: (@Sendable () -> Void)?

  public init(plan: PipelinePlan, layout: WorkLayout, files: [InputFile], settings: Settings,
              children: ChildProcesses, console: Console, scratch: String, hashes: HashCache) {
    self.plan = plan
    self.layout = layout
    self.files = files
    self.settings = settings
    self.children = children
    self.console = console
    self.scratch = scratch
    self.hashes = hashes
    self.stats = Array(repeating: StageStats(), count: plan.stages.count)
    self.registerInputs = Array(repeating: nil, count: files.count)
    let range = settings.stageRange
    let loaded = Locked([KeyJournal?](repeating: nil, count: plan.stages.count))
    DispatchQueue.concurrentPerform(iterations: range.count) { k in
      let s = range.lowerBound + k
      let journal = KeyJournal(folder: layout.stageFolder(plan.stages[s].name), fileName: settings.journalName)
      loaded.withLock { $0[s] = journal }
    }
    journals = loaded.value
  }

  // MARK: - Results

  public var stageStats: [(name: String, stats: StageStats)] {
    lock.withLock { settings.stageRange.map { (plan.stages[$0].name, stats[$0]) } }
  }

  /// Why the run stopped early: a stage that cannot run at all (its exit
  /// status and message), or nil.
  public var abortReason: (status: Int32, message: String)? { lock.withLock { abort } }

  private var stopping: Bool { children.isCancelled || lock.withLock { abort != nil } }

  /// Failures in input order.
  public var fileFailures: [FileFailure] {
    lock.withLock { failures.keys.sorted().compactMap { failures[$0] } }
  }

  /// Adds failures found before the run (unreadable names …).
  public func addFailure(_ failure: FileFailure) {
    lock.withLock { failures[-1 - failures.count] = failure }
  }

  /// The files whose output of the register's stage is current, in input
  /// order, with that output's SHA-256.
  public var currentRegisterInputs: RegisterInputs {
    lock.withLock { RegisterInputs(files: files, digests: registerInputs) }
  }

  // MARK: - Running

  /// Brings every file up to date through `settings.stageRange`.
  /// - Parameter work: false to only check what is up to date (for `khabar register`).
  public func execute(work: Bool = true) {
    let starts = prepass()
    guard work else { return }
    if let r = plan.register?.stage, onRegisterInputsSettled != nil {
      settle(-starts.filter { $0.map { $0 <= r } ?? false }.count)
    }
    let pending = starts.indices.compactMap { i in starts[i].map { (i, $0) } }
    let chunks = Chunking.ranges(
      count: pending.count, jobs: settings.jobs, chunkSize: settings.chunkSize,
      bytes: pending.map { files[$0.0].bytes })
    let queue = DispatchQueue(label: "khabar.chunks", attributes: .concurrent)
    let slots = DispatchSemaphore(value: settings.jobs)
    let group = DispatchGroup()
    for range in chunks {
      slots.wait()
      if stopping {
        slots.signal()
        break
      }
      let chunk = Array(pending[range])
      queue.async(group: group) {
        self.process(chunk)
        slots.signal()
      }
    }
    group.wait()
    for s in settings.stageRange {
      do { try journals[s]?.compact() } catch {
        console.warning("cannot rewrite the key journal of \(plan.stages[s].name): \(error) (it is still valid)")
      }
    }
    report(final: true)
  }

  /// Finds, for each file, the first stage that needs running (nil: all
  /// up to date, or the file failed already).
  func prepass() -> [Int?] {
    let lower = settings.stageRange.lowerBound
    let results = Locked([Int?](repeating: nil, count: files.count))
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      if children.isCancelled { return }
      var s = lower
      var sha: String
      if !settings.force, let known = hashes.hash(of: inputPath(s, i), salt: hashSalt(s, i), entry: hashEntry(s, i)) {
        sha = known  // the file hashed before, unchanged since
      } else {
        guard let item = readInput(s, i) else {
          finish(1)
          return
        }
        if settings.force {
          results.withLock { $0[i] = s }
          return
        }
        sha = item.sha
      }
      while s <= settings.stageRange.upperBound {
        let key = stepKey(s, sha)
        // Up to date first: a no-op run then never looks for rejections.
        guard let outputSHA = upToDate(s, i, key: key) else {
          if rejectedBefore(s, i, key: key) {
            finish(1)
            return
          }
          results.withLock { $0[i] = s }
          return
        }
        lock.withLock {
          stats[s].upToDate += 1
          if s == plan.register?.stage { registerInputs[i] = HashCache.Digest(hex: outputSHA.utf8) }
        }
        sha = outputSHA
        s += 1
      }
      finish(1)
    }
    return results.value
  }

  private func process(_ chunk: [(file: Int, start: Int)]) {
    defer {
      finish(chunk.count, worked: true)
    }
    // The outputs of the previous stage, kept in memory (with their SHA-256)
    // so the next stage does not read and hash them again.
    var carried: [Int: Output] = [:]
    for s in settings.stageRange {
      if stopping { return }
      var batch: [Item] = []
      var next: [Int: Output] = [:]
      for (i, start) in chunk where start <= s && !hasFailed(i) {
        let input: [UInt8], sha: String
        var path: String?
        if let output = carried[i] {
          // The previous stage's output, committed and hashed: streamed from its file into the chunk's input.
          (input, sha, path) = (output.bytes ?? [], output.sha, output.bytes == nil ? inputPath(s, i) : nil)
        } else {
          guard let read = readInput(s, i) else { continue }
          (input, sha) = (read.bytes, read.sha)
        }
        let key = stepKey(s, sha)
        if s > start && !settings.force && rejectedBefore(s, i, key: key) { continue }
        if s > start && !settings.force, let output = currentOutput(s, i, key: key) {
          lock.withLock {
            stats[s].upToDate += 1
            if s == plan.register?.stage { registerInputs[i] = HashCache.Digest(hex: output.sha.utf8) }
          }
          next[i] = output
          continue
        }
        batch.append(Item(file: i, input: input, inputPath: path, inputSHA: sha, key: key))
      }
      carried = [:]  // the batch holds what it needs of them
      runBatch(s, &batch, outputs: &next)
      carried = next
      batch = []
      HeapTrim.now()
      if s == plan.register?.stage, !stopping { settle(chunk.filter { $0.start <= s }.count) }
    }
  }

  /// Counts `n` files as settled for the register's stage (a negative `n`:
  /// that many are still to come) and calls `onRegisterInputsSettled` when
  /// none is left.
  private func settle(_ n: Int) {
    guard let callback = onRegisterInputsSettled else { return }
    let ready = lock.withLock { () -> Bool in
      unsettled -= n
      guard unsettled == 0, !settledCalled, abort == nil else { return false }
      settledCalled = true
      return true
    }
    if ready && !children.isCancelled { callback() }
  }

  /// A committed output and its SHA-256; `bytes` nil when they are not held
  /// (the next stage streams the file: committed this run, or up to date and
  /// vouched for by the journal or the hash cache).
  struct Output {
    var bytes: [UInt8]?
    var sha: String
  }

  /// One file's step: its input as bytes, or (empty bytes) as the file at
  /// `inputPath` (the previous stage's committed output: a chunk's records
  /// are not held between stages).
  struct Item {
    var file: Int
    var input: [UInt8]
    var inputPath: String?
    var inputSHA: String
    var key: String
  }

  /// Runs stage `s` once on all items; on a crash or a non-zero exit, once
  /// per item, so one bad file cannot sink the others.
  /// The outputs it commits are added to `outputs`.
  private func runBatch(_ s: Int, _ batch: inout [Item], outputs: inout [Int: Output]) {
    guard !batch.isEmpty, !children.isCancelled else { return }
    let stage = plan.stages[s]
    let n = lock.withLock { counter += 1; return counter }
    let dir = "\(scratch)/\(stage.name)-\(n)"
    defer { WorkLayout.removeTree(dir) }
    let input = "\(dir)/in.jsonl", output = "\(dir)/out.jsonl", errors = "\(dir)/errors.jsonl"
    let artifacts = "\(dir)/artifacts", log = "\(dir)/stderr.log"
    var unreadable: [(item: Item, message: String)] = []
    do {
      try FileIO.makeDirectories(artifacts)
      try FileIO.writeAtomically(to: input) { sink in
        var kept: [Item] = []
        for item in batch {
          var bytes = item.input
          if bytes.isEmpty, let path = item.inputPath {
            do { bytes = try FileReading.read(path) } catch {
              unreadable.append((item, "cannot read \(path): \(error)"))
              continue
            }
          }
          try sink.write(bytes)
          if bytes.last != 0x0A { try sink.write([0x0A]) }
          kept.append(item)
        }
        batch = kept
      }
    } catch {
      stop(74, "cannot write to the work folder: \(error)")
      return
    }
    for (item, message) in unreadable { fail(item.file, s, message) }
    guard !batch.isEmpty else { return }
    // The stage reads them from the file: hold no copy while it runs (they
    // are read back from it if the chunk must be retried file by file).
    for k in batch.indices { batch[k].input = [] }
    var arguments = [input, "--output", output, "--options", stage.optionsJSON, "--skip-invalid",
                     "--errors", errors, "--artifacts", artifacts, "--quiet"]
    if let data = settings.dataFolder { arguments += ["--data", data] }

    let started = ContinuousClock.now
    let termination: Termination?
    do {
      termination = try children.run(stage.executable, arguments, stdout: "\(dir)/stdout", stderr: log)
    } catch {
      for item in batch { fail(item.file, s, error.message) }
      return
    }
    let elapsed = Console.seconds(ContinuousClock.now - started)
    lock.withLock { stats[s].seconds += elapsed }
    guard let termination, !children.isCancelled else { return }
    guard termination.isSuccess else {
      let tail = StderrTail.read(log)
      let message = "\(basename(stage.executable)) \(termination)\(tail.isEmpty ? "" : ": \(tail)")"
      // Usage, configuration, missing-file and I/O statuses are not about one
      // record (e.g. the stage cannot load its data): stop the run once
      // instead of failing every file the same way.
      if case .exited(let code) = termination, [64, 66, 74, 78].contains(code) {
        stop(code, "stage \(stage.name) cannot run: \(message)")
        return
      }
      if batch.count > 1 {
        guard Self.restoreInputs(&batch, from: input) else {
          for item in batch { fail(item.file, s, "\(message); its chunk's input could not be read back to retry it alone") }
          return
        }
        WorkLayout.removeTree(dir)
        for item in batch {
          var single = [item]
          runBatch(s, &single, outputs: &outputs)
        }
        return
      }
      fail(batch[0].file, s, message)
      return
    }

    let skipped = readErrors(errors)
    // Where each record is in the output, not the records: they are read and
    // committed one at a time (a chunk's output is megabytes).
    let places: [String: [Chunking.Place]]
    do {
      places = FileIO.exists(output) ? try Chunking.index(contentsOf: output) : [:]
    } catch {
      for item in batch { fail(item.file, s, "\(basename(stage.executable)) wrote bad output: \(error)") }
      return
    }
    let sideOutputs = collectArtifacts(artifacts, ids: Set(batch.map { files[$0.file].id }))
    // Commits each record of the batch, read from its place in the output.
    func commitAll(_ read: (_ offset: Int, _ count: Int) throws -> [UInt8]) throws {
      for item in batch {
        let id = files[item.file].id
        if let message = skipped[id] {
          fail(item.file, s, message)
          remember(rejection: message, s, item)
          continue
        }
        let found = places[id] ?? []
        guard found.count == 1, let place = found.first else {
          fail(item.file, s, found.isEmpty
            ? "\(basename(stage.executable)) wrote no record for this file"
            : "\(basename(stage.executable)) wrote \(found.count) records with this id")
          continue
        }
        var record = try read(place.offset, place.count)
        record.append(0x0A)
        let sha = try commit(s, item, output: record, artifacts: sideOutputs[id] ?? [])
        outputs[item.file] = Output(bytes: nil, sha: sha)
        lock.withLock {
          stats[s].processed += 1
          if s == plan.register?.stage { registerInputs[item.file] = HashCache.Digest(hex: sha.utf8) }
        }
      }
    }
    do {
      if places.isEmpty {
        try commitAll { _, _ in throw IOError(path: output, reason: "no records") }  // every item fails or was skipped
      } else {
        try FileReading.withPositionalReads(output) { read in try commitAll(read) }
      }
    } catch {
      // Reading the output back or writing our own folder failed (disk full,
      // permissions): not one file's fault, and every other file would fail
      // the same way.
      stop(74, "cannot commit the outputs of \(stage.name): \(error)")
      return
    }
  }

  /// Gives each item of `batch` back its input, line k of the chunk file
  /// `path` (which `runBatch` wrote one line per item); false when the file
  /// does not hold exactly that many lines.
  static func restoreInputs(_ batch: inout [Item], from path: String) -> Bool {
    var k = 0
    do {
      try FileReading.forEachLine(path) { line in
        guard k < batch.count else { throw IOError(path: path, reason: "more lines than records") }
        batch[k].input = Array(line) + [0x0A]
        k += 1
      }
    } catch {
      return false
    }
    return k == batch.count
  }

  /// Writes one file's result: side outputs, then the output, then the key
  /// (the key last, so a crash in between leaves the step out of date).
  /// Returns the output's SHA-256.
  private func commit(_ s: Int, _ item: Item, output: [UInt8],
                      artifacts: [(rel: String, path: String)]) throws -> String {
    let stage = plan.stages[s]
    let id = files[item.file].id
    let journal = try self.journal(s)
    // The journal line records each file's hash with its signature as
    // committed: it vouches for them while they are unchanged.
    var artifactHashes: [String: String] = [:], artifactChecks: [String: UInt64] = [:]
    for (rel, path) in artifacts {
      let bytes = try FileReading.read(path)
      let target = "\(layout.out)/\(rel)"
      try FileIO.makeDirectories(FileIO.dirname(of: target))
      guard rename(path, target) == 0 else { throw IOError(path: target, reason: String(cString: strerror(errno))) }
      artifactHashes[rel] = SHA256.hex(bytes)
      artifactChecks[rel] = FileSignature.check(of: target)
    }
    for rel in journal.previousArtifacts(id) where artifactHashes[rel] == nil {
      FileIO.remove("\(layout.out)/\(rel)")
    }
    let outputPath = layout.output(stage.name, id)
    try FileIO.writeAtomically(output, to: outputPath)
    let sha = SHA256.hex(output)
    try journal.append(StepKey(
      id: id, key: item.key, stage: stage.name, version: stage.description.version, options: stage.optionsHash,
      input: item.inputSHA, output: sha, artifacts: artifactHashes,
      outputCheck: FileSignature.check(of: outputPath), artifactChecks: artifactChecks))
    FileIO.remove(layout.rejection(stage.name, id))
    return sha
  }

  /// Remembers that the stage rejected this input (a data error, which is
  /// deterministic), so an unchanged re-run reports it without running the
  /// stage again. Crashes are not remembered: they may be transient.
  private func remember(rejection message: String, _ s: Int, _ item: Item) {
    var w = JSONWriter()
    w.beginObject()
    w.key("key"); w.string(item.key)
    w.key("message"); w.string(message)
    w.endObject()
    let path = layout.rejection(plan.stages[s].name, files[item.file].id)
    try? FileIO.writeAtomically(w.bytes + [0x0A], to: path)
  }

  /// True (and the failure recorded) when the stage rejected this very input before.
  private func rejectedBefore(_ s: Int, _ i: Int, key: String) -> Bool {
    let path = layout.rejection(plan.stages[s].name, files[i].id)
    guard FileIO.exists(path), let bytes = try? FileReading.read(path), let v = try? JSONValue.parse(bytes),
      v["key"]?.stringValue == key, let message = v["message"]?.stringValue
    else { return false }
    fail(i, s, "\(message) (input unchanged since the stage rejected it; --force retries)")
    return true
  }

  // MARK: - Helpers

  /// The bytes stage `s` reads for file `i`: the input record for the first
  /// stage, else the previous stage's output. Records a failure and returns
  /// nil when they cannot be had.
  private func stageInput(_ s: Int, _ i: Int) -> [UInt8]? {
    let file = files[i]
    if s == 0 {
      let bytes: [UInt8]
      do {
        if let part = file.part {
          bytes = try FileReading.read(file.path, offset: part.offset, count: file.bytes)
          guard bytes.count == file.bytes else { throw IOError(path: file.path, reason: "the file shrank since the run started") }
        } else {
          bytes = try FileReading.read(file.path)
        }
      } catch {
        fail(i, nil, "cannot read the file: \((error as? IOError)?.reason ?? "\(error)")")
        return nil
      }
      do { return try InputRecord.jsonLine(for: file, bytes: bytes) } catch {
        fail(i, nil, error.description)
        return nil
      }
    }
    let previous = plan.stages[s - 1].name
    let path = layout.output(previous, file.id)
    guard let bytes = try? FileReading.read(path) else {
      fail(i, s, "no output of the \(previous) stage (\(path)); run the earlier stages first (khabar run)")
      return nil
    }
    return bytes
  }

  /// The file stage `s` reads for file `i`: the input file or the previous stage's output.
  private func inputPath(_ s: Int, _ i: Int) -> String {
    s == 0 ? files[i].path : layout.output(plan.stages[s - 1].name, files[i].id)
  }

  /// What the hash cache holds for `inputPath(s, i)`: for the first stage the
  /// hash of the input record made from the file (which also holds its id).
  private func hashSalt(_ s: Int, _ i: Int) -> String {
    guard s == 0 else { return "" }
    let file = files[i]
    guard let part = file.part else { return "record \(InputRecord.format) \(file.id)|" }
    return "record \(InputRecord.format) \(file.id) part \(part.index)/\(part.count) bytes \(part.offset)+\(file.bytes)|"
  }

  /// The hash cache's name for what stage `s` reads for file `i`: the path,
  /// except that each part of a split file has an entry of its own.
  private func hashEntry(_ s: Int, _ i: Int) -> String? {
    guard s == 0, let part = files[i].part else { return nil }
    return "\(files[i].path)\u{0}part \(part.index)"
  }

  /// Stage `s`'s input for file `i` and its SHA-256, recorded in the hash
  /// cache under the file's signature taken before reading it (a file that
  /// changes while being read then looks changed next time).
  private func readInput(_ s: Int, _ i: Int) -> (bytes: [UInt8], sha: String)? {
    let path = inputPath(s, i)
    let before = FileSignature.of(path)
    guard let bytes = stageInput(s, i) else { return nil }
    let sha = SHA256.hex(bytes)
    hashes.record(path, signature: before, sha: sha, salt: hashSalt(s, i), entry: hashEntry(s, i))
    return (bytes, sha)
  }

  private func journal(_ s: Int) throws -> KeyJournal {
    guard let journal = journals[s] else { throw IOError(path: layout.stageFolder(plan.stages[s].name), reason: "no key journal for this stage") }
    return journal
  }

  private func stepKey(_ s: Int, _ inputSHA: String) -> String {
    let stage = plan.stages[s]
    return StepKey.compute(
      stage: stage.name, version: stage.description.version, optionsHash: stage.optionsHash,
      inputSHA: inputSHA, dataFingerprint: settings.dataFingerprint, build: stage.build)
  }

  /// The recorded output hash when step (s, i) is up to date, else nil.
  private func upToDate(_ s: Int, _ i: Int, key: String) -> String? {
    currentOutput(s, i, key: key)?.sha
  }

  /// The output of step (s, i) with its hash when the step is up to date,
  /// else nil. The output is read only when the hash cache cannot vouch for it.
  private func currentOutput(_ s: Int, _ i: Int, key: String) -> Output? {
    let name = plan.stages[s].name, id = files[i].id
    let path = layout.output(name, id)
    guard let recorded = journals[s]?.entry(id, key: key) else { return nil }
    let sha = recorded.output.hex
    var bytes: [UInt8]?
    if !vouched(path, check: recorded.outputCheck, digest: recorded.output) {
      let before = FileSignature.of(path)
      guard let output = try? FileReading.read(path), SHA256.hex(output) == sha else { return nil }
      hashes.record(path, signature: before, sha: sha)
      bytes = output
    }
    for a in recorded.artifacts where !vouched("\(layout.out)/\(a.rel)", check: a.check, digest: a.sha) {
      // Read and hash it (and remember it in the hash cache).
      guard StepKey.artifactsIntact([a.rel: a.sha.hex], out: layout.out, hashes: hashes) else { return nil }
    }
    return Output(bytes: bytes, sha: sha)
  }

  /// True when the file at `path` is known to have `digest` without reading
  /// it: it still has the signature the journal recorded with it (`check`),
  /// or the hash cache vouches for it (a file hashed again after a change of
  /// signature, e.g. a copied output folder).
  private func vouched(_ path: String, check: UInt64, digest: HashCache.Digest) -> Bool {
    if check != 0, FileSignature.check(of: path) == check { return true }
    return hashes.digest(of: path) == digest
  }

  private func readErrors(_ path: String) -> [String: String] {
    guard let bytes = try? FileReading.read(path) else { return [:] }
    var out: [String: String] = [:]
    for line in bytes.split(separator: 0x0A) {
      guard let v = try? JSONValue.parse(Array(line)), let id = v["id"]?.stringValue else { continue }
      let message = v["message"]?.stringValue ?? "rejected by the stage"
      out[id] = out[id].map { "\($0); \(message)" } ?? message
    }
    return out
  }

  /// Side outputs in the staging folder, attributed to records by file stem
  /// (`tei/<id>.xml` belongs to `<id>`).
  private func collectArtifacts(_ root: String, ids: Set<String>) -> [String: [(rel: String, path: String)]] {
    var out: [String: [(rel: String, path: String)]] = [:]
    func visit(_ dir: String, _ rel: String) {
      for name in (try? FileIO.list(dir)) ?? [] where !name.hasPrefix(".tmp-") {
        let path = "\(dir)/\(name)", r = rel.isEmpty ? name : "\(rel)/\(name)"
        if FileIO.isDirectory(path) {
          visit(path, r)
        } else {
          let id = InputDiscovery.stem(of: name)
          if ids.contains(id) {
            out[id, default: []].append((r, path))
          } else if lock.withLock({ unattributed.insert(r).inserted }) {
            console.warning("a stage wrote \(r), which belongs to no input of its chunk; ignored")
          }
        }
      }
    }
    visit(root, "")
    return out
  }

  /// Stops the run (no new chunks or stages start) for a reason that is not
  /// about one file; the first reason wins.
  private func stop(_ status: Int32, _ message: String) {
    lock.withLock { if abort == nil { abort = (status, message) } }
  }

  private func hasFailed(_ i: Int) -> Bool { lock.withLock { failures[i] != nil } }

  private func fail(_ i: Int, _ s: Int?, _ message: String) {
    let stage = s.map { plan.stages[$0].name } ?? "input"
    let failure = FileFailure(path: files[i].displayName, id: files[i].id, stage: stage, message: message)
    let first = lock.withLock { () -> Bool in
      guard failures[i] == nil else { return false }
      failures[i] = failure
      if let s { stats[s].failed += 1 }
      return true
    }
    if first && settings.reportFailures { console.error("\(failure.path): \(stage): \(message)") }
  }

  private func finish(_ count: Int, worked didWork: Bool = false) {
    lock.withLock {
      done += count
      if didWork { worked += count }
    }
    report(final: false)
  }

  private func report(final: Bool) {
    let (d, w) = lock.withLock { (done, worked) }
    console.progress(done: d, total: files.count, processed: w, final: final)
  }

  private func basename(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
