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
  /// With `workers` > 1 the files are split into that many consecutive
  /// parts, read concurrently into one register each and merged in order:
  /// the register is a pure reduce, so the result, the warnings (in file
  /// order) and the first error are those of one reader.
  public static func read(_ files: [String], skipInvalid: Bool = false, workers: Int = 1,
                          warn: (String) -> Void = { printError($0) }) throws -> CorpusRegister {
    let parts = min(max(1, workers), files.count)
    guard parts > 1, !files.contains("-") else {
      return try readSerially(files, skipInvalid: skipInvalid, warn: warn)
    }
    let bounds = (0...parts).map { $0 * files.count / parts }
    typealias Part = (outcome: Result<CorpusRegister, any Error>, warnings: [String])
    let results = Mutex<[Part]>(Array(repeating: (.success(CorpusRegister()), []), count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      var warnings: [String] = []
      let slice = Array(files[bounds[k]..<bounds[k + 1]])
      let outcome = Result { try readSerially(slice, skipInvalid: skipInvalid, warn: { warnings.append($0) }) }
      results.withLock { $0[k] = (outcome, warnings) }
    }
    // Merged into the first part, each part let go once merged: never a
    // third register beside the parts.
    var read = results.withLock { all in
      defer { all = [] }
      return all
    }
    read[0].warnings.forEach(warn)
    var register = try read[0].outcome.get()
    read[0].outcome = .success(CorpusRegister())
    for k in 1..<read.count {
      read[k].warnings.forEach(warn)
      register.merge(try read[k].outcome.get())
      read[k].outcome = .success(CorpusRegister())
    }
    return register
  }

  private static func readSerially(_ files: [String], skipInvalid: Bool,
                                   warn: (String) -> Void) throws -> CorpusRegister {
    var register = CorpusRegister()
    for file in files {
      let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw Failure(description: "\(file): cannot open", status: .noInput) }
      defer { if fd != 0 { close(fd) } }
      let name = file == "-" ? "<stdin>" : file
      var reader = LineReader(fd: fd, path: name)
      while let line = try reader.next() {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        do {
          try register.add(try Document(jsonLine: line))
        } catch {
          let message = "\(name):\(reader.lineNumber): \(error)"
          guard skipInvalid else { throw Failure(description: message, status: .dataError) }
          warn("khabar-register: warning: skipped record: \(message)")
        }
      }
    }
    return register
  }

  /// Writes the four files into `out`, each atomically and streamed
  /// (a corpus of a million articles has a GEXF of gigabytes).
  /// With `workers` > 1 the TEI register (half of the writing) is written
  /// beside the other three.
  public static func write(_ register: CorpusRegister, to out: String, workers: Int = 1) throws {
    let ordered = register.sortedIDs  // sorted once for the four files
    let writers: [@Sendable () throws -> Void] = [
      { try FileIO.writeAtomically(to: "\(out)/tei/corpus-register.xml") { try register.teiRegister(into: $0, ordered: ordered) } },
      {
        try FileIO.writeAtomically(to: "\(out)/places.geojson") { try register.geoJSON(into: $0, ordered: ordered) }
        try FileIO.writeAtomically(to: "\(out)/network.gexf") { try register.gexf(into: $0, ordered: ordered) }
        try FileIO.writeAtomically(to: "\(out)/entities.csv") { try register.csv(into: $0, ordered: ordered) }
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

  /// The whole command: returns the exit status, messages on stderr.
  /// `jobs` readers run concurrently (0: one per CPU).
  /// `filesFrom`: a file listing more inputs (see `listed(in:nul:)`).
  public static func run(out: String, inputs: [String], filesFrom: String? = nil, nul: Bool = false,
                         skipInvalid: Bool, quiet: Bool, jobs: Int = 0) -> ExitStatus {
    do {
      let workers = jobs > 0 ? jobs : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
      let named = try inputs + (filesFrom.map { try listed(in: $0, nul: nul) } ?? [])
      if filesFrom != nil && named.isEmpty { throw Failure(description: "\(filesFrom ?? ""): the file list is empty", status: .noInput) }
      let register = try read(try expand(named), skipInvalid: skipInvalid, workers: workers)
      try write(register, to: out, workers: workers)
      if !quiet {
        printError("khabar-register: \(register.articleCount) articles, \(register.entries.count) entities, "
          + "\(register.edgeCount) co-occurrence edges → \(out)")
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
