#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// The reduce after the chain: `khabar-register --out DIR --files-from LIST` over the
/// current outputs of one stage (normally link), keyed like a stage step so
/// an unchanged register is not rebuilt.
public struct RegisterStep: Sendable {
  public var executable: String
  public var stageName: String
  public var layout: WorkLayout
  public var scratch: String
  public var force: Bool
  /// Threads the register may read with (the run's --jobs; the result does not depend on it).
  public var jobs: Int
  let hashes: HashCache?

  init(executable: String, stageName: String, layout: WorkLayout, scratch: String, force: Bool, jobs: Int = 1,
       hashes: HashCache? = nil) {
    self.executable = executable
    self.stageName = stageName
    self.layout = layout
    self.scratch = scratch
    self.force = force
    self.jobs = jobs
    self.hashes = hashes
  }

  public enum Outcome: Sendable, Equatable {
    case ran(inputs: Int, outputs: [String])
    case upToDate
    case skipped(String)
    case failed(String)
  }

  /// The cache key: the register binary's bytes and every input's id and hash.
  /// (The text hashed is streamed: at 30,000 articles it is 8 MB.)
  public func key(inputs: RegisterInputs) throws -> String {
    var hasher = SHA256()
    hasher.update("khabar-register 1\nstage \(stageName)\nbinary \(try HashCache.sha256(ofFile: executable, cache: hashes))\n".utf8)
    for (file, sha) in inputs { hasher.update("\(file.id)\t\(sha)\n".utf8) }
    return hexString(hasher.finalize())
  }

  public func run(inputs: RegisterInputs, children: ChildProcesses) -> Outcome {
    guard !inputs.isEmpty else { return .skipped("no input has an up-to-date \(stageName) output") }
    let key: String
    do { key = try self.key(inputs: inputs) } catch { return .failed("cannot read \(executable): \(error)") }
    let previous = StepKey.read(layout.registerKey)
    if !force, let previous, previous.key == key, previous.artifactsIntact(out: layout.out, hashes: hashes) {
      return .upToDate
    }
    let dir = "\(scratch)/register"
    defer { WorkLayout.removeTree(dir) }
    let staging = "\(dir)/out"
    // The inputs go in a list file, NUL-separated: 100,000s of paths exceed
    // ARG_MAX as arguments (and an id may contain a newline).
    let list = "\(dir)/inputs.list"
    do {
      try FileIO.makeDirectories(staging)
      try FileIO.writeAtomically(to: list) { sink in  // the sink buffers; nothing per input is held
        for input in inputs { try sink.write(Array(layout.output(stageName, input.file.id).utf8) + [0]) }
      }
    } catch {
      return .failed("cannot prepare the register's inputs: \(error)")
    }
    let log = "\(dir)/stderr.log"
    let termination: Termination?
    do {
      // Its sorted runs (a register larger than its memory budget) go in this
      // run's scratch folder too: what a killed run leaves, the next removes.
      termination = try children.run(
        executable, ["--out", staging, "--jobs", String(max(1, jobs)), "--files-from", list, "--null", "--temporary", dir],
        stdout: "\(dir)/stdout", stderr: log)
    } catch {
      return .failed(error.message)
    }
    guard let termination else { return .skipped("interrupted") }
    guard termination.isSuccess else {
      let tail = StderrTail.read(log)
      return .failed("\(executable) \(termination)\(tail.isEmpty ? "" : ": \(tail)")")
    }
    var written: [String: String] = [:]
    do {
      for rel in Self.files(staging, "") {
        let sha = try FileReading.sha256("\(staging)/\(rel)")
        let target = "\(layout.out)/\(rel)"
        try FileIO.makeDirectories(FileIO.dirname(of: target))
        guard rename("\(staging)/\(rel)", target) == 0 else {
          throw IOError(path: target, reason: String(cString: strerror(errno)))
        }
        written[rel] = sha
        self.hashes?.recordWritten(target, sha: sha)  // so the next run need not read it again
      }
      for rel in previous?.artifacts.keys.sorted() ?? [] where written[rel] == nil {
        FileIO.remove("\(layout.out)/\(rel)")
      }
      let record = StepKey(key: key, stage: "register", version: "", options: "", input: "", output: "", artifacts: written)
      try FileIO.writeAtomically(record.jsonLine, to: layout.registerKey)
    } catch {
      return .failed("cannot write the register's outputs: \(error)")
    }
    return .ran(inputs: inputs.count, outputs: written.keys.sorted())
  }

  static func files(_ dir: String, _ rel: String) -> [String] {
    var out: [String] = []
    for name in (try? FileIO.list(dir)) ?? [] where !name.hasPrefix(".tmp-") {
      let r = rel.isEmpty ? name : "\(rel)/\(name)"
      if FileIO.isDirectory("\(dir)/\(name)") { out += files("\(dir)/\(name)", r) } else { out.append(r) }
    }
    return out
  }
}
