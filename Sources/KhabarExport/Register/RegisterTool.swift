import Dispatch
import Synchronization
import KhabarCore
#if canImport(Glibc)
import Glibc
#endif

/// The work of `khabar-register`: read records, reduce, write four files.
public enum RegisterTool {
  /// A problem with the inputs or outputs, with a message for the user.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public var status: ExitStatus
  }

  /// The JSON Lines files named by `inputs`: files as given, directories
  /// expanded to their `*.jsonl` files (sorted; hidden ones, such as the
  /// coordinator's `.keys.jsonl`, left out), `-` for standard input.
  public static func expand(_ inputs: [String]) throws -> [String] {
    var files: [String] = []
    for input in inputs.isEmpty ? ["-"] : inputs {
      if input == "-" {
        files.append("-")
      } else if FileIO.isDirectory(input) {
        let names = try FileIO.list(input).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
        files += names.map { "\(input)/\($0)" }
      } else if FileIO.exists(input) {
        files.append(input)
      } else {
        throw Failure(description: "\(input): no such file or directory", status: .noInput)
      }
    }
    return files
  }

  /// The paths listed in the file `list`: one per line, or, with `nul`, each
  /// ended by a NUL byte (for names that contain a newline). Empty entries
  /// are skipped. A list is how the coordinator passes 100,000s of files:
  /// an argument list that long exceeds the system's limit.
  public static func listed(in list: String, nul: Bool) throws -> [String] {
    let bytes: [UInt8]
    do { bytes = try FileIO.read(list) } catch { throw Failure(description: "\(list): cannot read the file list: \(error)", status: .noInput) }
    let separator: UInt8 = nul ? 0 : 0x0A
    var paths: [String] = []
    for var entry in bytes.split(separator: separator) {
      if !nul && entry.last == 0x0D { entry = entry.dropLast() }  // CRLF lists
      guard !entry.isEmpty else { continue }
      guard !entry.contains(0) else {
        throw Failure(description: "\(list): an entry contains a NUL byte (a NUL-separated list needs --null)", status: .dataError)
      }
      guard let path = String(validating: entry, as: UTF8.self) else {
        throw Failure(description: "\(list): an entry is not valid UTF-8", status: .dataError)
      }
      paths.append(path)
    }
    return paths
  }

  /// Reads every record of `files` into a register. Bad records stop the
  /// run with their file and line, unless `skipInvalid` (then they are
  /// reported through `warn` and skipped).
  ///
  /// With `workers` > 1 that many threads parse the records (most of the
  /// work), a batch at a time, and one register takes their contributions
  /// in file order: the memory of one register, and the result, the
  /// warnings and the first error of one reader.
  ///
  /// With `runs`, whenever the register outgrows `budget` bytes
  /// (`CorpusRegister.approximateBytes`) it is written out as a sorted run and
  /// emptied: what is returned is then the rest.
  public static func read(_ files: [String], skipInvalid: Bool = false, workers: Int = 1,
                          spillingInto runs: RegisterRuns? = nil, budget: Int = defaultBudget,
                          warn: (String) -> Void = { printError($0) }) throws -> CorpusRegister {
    var register = CorpusRegister()
    var batch: [(line: [UInt8], place: String)] = []
    var batchBytes = 0
    func flush() throws {
      for (k, result) in contributions(batch.map(\.line), workers: workers).enumerated() {
        switch result {
        case .success(let contribution):
          register.add(contribution)
          if let runs, register.approximateBytes > budget {
            register.settle()
            try runs.spill(register)
            register = CorpusRegister()
          }
        case .failure(let error):
          let message = "\(batch[k].place): \(error)"
          guard skipInvalid else { throw Failure(description: message, status: .dataError) }
          warn("khabar-register: warning: skipped record: \(message)")
        }
      }
      batch.removeAll(keepingCapacity: true)
      batchBytes = 0
    }
    for file in files {
      let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw Failure(description: "\(file): cannot open", status: .noInput) }
      defer { if fd != 0 { close(fd) } }
      let name = file == "-" ? "<stdin>" : file
      var reader = LineReader(fd: fd, path: name)
      while let line = try reader.next() {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        batch.append((line, "\(name):\(reader.lineNumber)"))
        batchBytes += line.count
        if batch.count >= batchSize || batchBytes >= batchBytesLimit { try flush() }
      }
    }
    try flush()
    register.settle()
    return register
  }

  /// The register held in memory before it is written out as a sorted run:
  /// 4 MB (by `CorpusRegister.approximateBytes`), what about 2,000 news
  /// articles fill. The process then peaks at 23–28 MB for 1,000, 10,000 or
  /// 30,000 articles, and the runs cost no measurable time on 10,000.
  public static let defaultBudget = 4 << 20

  /// Records parsed per batch (about a megabyte of linked records), and the
  /// bytes after which a batch is parsed even when shorter (a huge article's
  /// parts are megabytes each).
  public static let batchSize = 64
  static let batchBytesLimit = 4 << 20

  /// Each line's contribution or error, in order, parsed by `workers` threads.
  static func contributions(_ lines: [[UInt8]], workers: Int) -> [Result<CorpusRegister.Contribution, any Error>] {
    @Sendable func parse(_ line: [UInt8]) -> Result<CorpusRegister.Contribution, any Error> {
      Result { try CorpusRegister.Contribution(Document(jsonLine: line)) }
    }
    guard workers > 1, lines.count > 1 else { return lines.map(parse) }
    let threads = min(workers, lines.count)
    let parsed = Mutex([Result<CorpusRegister.Contribution, any Error>?](repeating: nil, count: lines.count))
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      var mine: [(Int, Result<CorpusRegister.Contribution, any Error>)] = []
      for k in stride(from: t, to: lines.count, by: threads) { mine.append((k, parse(lines[k]))) }
      parsed.withLock { all in for (k, result) in mine { all[k] = result } }
    }
    return parsed.withLock { $0.map { $0 ?? .failure(Failure(description: "a record was not parsed", status: .failure)) } }
  }

  /// Writes the four files into `out`, each atomically and streamed
  /// (a corpus of a million articles has a GEXF of gigabytes).
  /// With `workers` > 1 the TEI register (half of the writing) is written
  /// beside the other three.
  public static func write(_ register: some RegisterContents & Sendable, to out: String, workers: Int = 1) throws {
    let writers: [@Sendable () throws -> Void] = [
      { try FileIO.writeAtomically(to: "\(out)/tei/corpus-register.xml") { try register.teiRegister(into: $0) } },
      {
        try FileIO.writeAtomically(to: "\(out)/places.geojson") { try register.geoJSON(into: $0) }
        try FileIO.writeAtomically(to: "\(out)/network.gexf") { try register.gexf(into: $0) }
        try FileIO.writeAtomically(to: "\(out)/entities.csv") { try register.csv(into: $0) }
      },
    ]
    guard workers > 1 else {
      for write in writers { try write() }
      return
    }
    let errors = Mutex<[(any Error)?]>(Array(repeating: nil, count: writers.count))
    DispatchQueue.concurrentPerform(iterations: writers.count) { k in
      do { try writers[k]() } catch { errors.withLock { $0[k] = error } }
    }
    if let first = errors.withLock({ $0.compactMap { $0 }.first }) { throw first }
  }

  /// `$TMPDIR`, else `/tmp`: where the runs of a register too large for its budget go.
  public static var defaultTemporaryFolder: String {
    if let t = getenv("TMPDIR"), t.pointee != 0 { return String(cString: t) }
    return "/tmp"
  }

  /// The whole command: returns the exit status, messages on stderr.
  /// `jobs` readers run concurrently (0: one per CPU).
  /// `filesFrom`: a file listing more inputs (see `listed(in:nul:)`).
  public static func run(out: String, inputs: [String], filesFrom: String? = nil, nul: Bool = false,
                         skipInvalid: Bool, quiet: Bool, jobs: Int = 0, budget: Int = defaultBudget,
                         temporary: String? = nil) -> ExitStatus {
    let runs = RegisterRuns(parent: temporary ?? defaultTemporaryFolder)
    defer { runs.remove() }
    do {
      let workers = jobs > 0 ? jobs : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
      let named = try inputs + (filesFrom.map { try listed(in: $0, nul: nul) } ?? [])
      if filesFrom != nil && named.isEmpty { throw Failure(description: "\(filesFrom ?? ""): the file list is empty", status: .noInput) }
      var rest = try read(try expand(named), skipInvalid: skipInvalid, workers: workers, spillingInto: runs, budget: budget)
      let counts: (articles: Int, entities: Int, edges: Int)
      if runs.runs.isEmpty {
        try write(SortedRegister(rest), to: out, workers: workers)
        counts = (rest.articleCount, rest.entityCount, rest.edgeCount)
      } else {
        rest.settle()
        try runs.spill(rest)
        let spilled = runs.runs.count
        rest = CorpusRegister()
        let merged = try runs.merged()
        try write(merged, to: out, workers: workers)
        counts = (merged.articleCount, merged.entityCount, merged.edgeCount)
        if !quiet { printError("khabar-register: merged \(spilled) sorted runs (memory budget \(budget >> 20) MB)") }
      }
      if !quiet {
        printError("khabar-register: \(counts.articles) articles, \(counts.entities) entities, "
          + "\(counts.edges) co-occurrence edges → \(out)")
      }
      return .ok
    } catch let f as Failure {
      printError("khabar-register: error: \(f.description)")
      return f.status
    } catch let e as IOError {
      printError("khabar-register: error: \(e)")
      return e.missing ? .noInput : .ioError
    } catch {
      printError("khabar-register: error: \(error)")
      return .dataError
    }
  }
}
