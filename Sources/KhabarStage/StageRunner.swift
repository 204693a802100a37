import ArgumentParser
public import KhabarCore
#if canImport(Glibc)
import Glibc
#endif

/// The command-line arguments every stage executable shares.
public struct StageArguments: ParsableArguments {
  @Argument(help: "JSON Lines inputs; '-' (or none) reads standard input.")
  public var inputs: [String] = []

  @Option(name: .shortAndLong, help: "Write records here (atomically) instead of standard output.")
  public var output: String?

  @Option(help: "Stage options as a JSON object (merged over the defaults).")
  public var options: String?

  @Option(help: "Read stage options from this JSON file.")
  public var optionsFile: String?

  @Flag(help: "Report bad records on stderr and skip them instead of stopping.")
  public var skipInvalid = false

  @Option(help: "Also write one JSON line per skipped record here (id, input, line, message).")
  public var errors: String?

  @Flag(help: "Print the stage's name, version, requirements and options as JSON, then exit.")
  public var describe = false

  @Option(help: "The data folder (knowledge base, models). Default: $KHABAR_DATA or the repo's data/.")
  public var data: String?

  @Option(help: "Folder for side outputs (the export stage's TEI files).")
  public var artifacts: String?

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  public var quiet = false

  public init() {}
}

/// Runs a stage as a JSON Lines filter: the whole body of each stage executable.
///
/// Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 74 I/O, 78 bad options.
public enum StageRunner {
  public static func main<S: Stage>(_ stage: S.Type) -> Never {
    let args = StageArguments.parseOrExit()
    exit(run(stage, args).rawValue)
  }

  public static func describe<S: Stage>(_ stage: S.Type) -> JSONValue {
    .object([
      "name": .string(S.name),
      "version": .string(S.version),
      "schema": .int(Document.schemaVersion),
      "summary": .string(S.summary),
      "requires": .array(S.requires.map(JSONValue.string)),
      "provides": .array(S.provides.map(JSONValue.string)),
      "options": .object(S.defaultOptions),
    ])
  }

  public static func run<S: Stage>(_ stage: S.Type, _ args: StageArguments) -> ExitStatus {
    let tool = "khabar-\(S.name)"
    if args.describe {
      var line = describe(stage).canonicalBytes
      line.append(0x0A)
      try? FileIO.writeAll(1, line, path: "<stdout>")
      return .ok
    }

    // Options.
    let options: StageOptions
    do {
      var user: [String: JSONValue] = [:]
      if let file = args.optionsFile {
        user = try parseOptions(try FileIO.read(file), origin: file)
      }
      if let text = args.options {
        for (k, v) in try parseOptions(Array(text.utf8), origin: "--options") { user[k] = v }
      }
      options = try StageOptions(user: user, defaults: S.defaultOptions, stage: S.name)
    } catch let e as IOError {
      printError("\(tool): error: \(e)")
      return e.missing ? .noInput : .ioError
    } catch {
      printError("\(tool): error: \(error)")
      return .config
    }

    let environment = StageEnvironment(
      dataDirectory: args.data ?? DataLocator.locate(), artifactsDirectory: args.artifacts)
    let instance: S
    do {
      instance = try S(options: options, environment: environment)
    } catch let e as IOError {
      printError("\(tool): error: cannot load resources: \(e)")
      return e.missing ? .noInput : .ioError
    } catch {
      printError("\(tool): error: cannot start: \(error)")
      return .config
    }

    // Inputs: check they all exist before reading any.
    let inputs = args.inputs.isEmpty ? ["-"] : args.inputs
    for input in inputs where input != "-" && !FileIO.exists(input) {
      printError("\(tool): error: \(input): no such file")
      return .noInput
    }

    // Output: stdout, or a temporary file renamed into place on success.
    let outputPath = args.output
    let tmpPath = outputPath.map { "\(FileIO.dirname(of: $0))/.tmp-\(getpid())-\(baseName($0))" }
    let outFD: Int32
    if let tmpPath {
      do { try FileIO.makeDirectories(FileIO.dirname(of: tmpPath)) } catch {
        printError("\(tool): error: \(error)")
        return .ioError
      }
      outFD = open(tmpPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard outFD >= 0 else {
        printError("\(tool): error: \(outputPath!): cannot write: \(String(cString: strerror(errno)))")
        return .ioError
      }
    } else {
      outFD = 1
    }
    let sink = ByteSink(fd: outFD, path: outputPath ?? "<stdout>")
    var errorLines: [UInt8] = []
    let provenance = Document.Provenance(stage: S.name, version: S.version, options: options.hash)

    var status = ExitStatus.ok
    var processed = 0, skipped = 0
    outer: for input in inputs {
      let fd = input == "-" ? 0 : open(input, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        printError("\(tool): error: \(input): \(String(cString: strerror(errno)))")
        status = .noInput
        break
      }
      defer { if fd != 0 { close(fd) } }
      let inputName = input == "-" ? "<stdin>" : input
      var reader = LineReader(fd: fd, path: inputName)
      while true {
        let line: [UInt8]
        do {
          guard let next = try reader.next() else { break }
          line = next
        } catch {
          printError("\(tool): error: \(error)")
          status = .ioError
          break outer
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        var recordID = "?"
        do {
          if let bad = firstInvalidUTF8(line) {
            throw RecordError.invalid("invalid UTF-8 at byte \(bad + 1) of the line")
          }
          var document = try Document(jsonLine: line)
          recordID = document.id
          for need in S.requires where !satisfies(document, need) {
            throw RecordError.missingLayer(need)
          }
          try instance.process(&document)
          document.provenance.append(provenance)
          try sink.writeLine(document.jsonLine())
          processed += 1
        } catch let e as IOError {
          printError("\(tool): error: \(e)")
          status = .ioError
          break outer
        } catch {
          let message = "\(inputName):\(reader.lineNumber): record \(recordID): \(error)"
          printError("\(tool): error: \(message)")
          if args.skipInvalid {
            skipped += 1
            var w = JSONWriter()
            w.beginObject()
            w.key("id"); w.string(recordID)
            w.key("input"); w.string(inputName)
            w.key("line"); w.int(reader.lineNumber)
            w.key("message"); w.string("\(error)")
            w.endObject()
            errorLines.append(contentsOf: w.bytes)
            errorLines.append(0x0A)
            continue
          }
          status = .dataError
          break outer
        }
      }
    }

    do {
      try sink.flush()
    } catch {
      printError("\(tool): error: \(error)")
      status = .ioError
    }
    if let tmpPath, let outputPath {
      close(outFD)
      if status == .ok {
        if rename(tmpPath, outputPath) != 0 {
          printError("\(tool): error: \(outputPath): \(String(cString: strerror(errno)))")
          status = .ioError
        }
      } else {
        unlink(tmpPath)
      }
    }
    if let errorsPath = args.errors {
      do { try FileIO.writeAtomically(errorLines, to: errorsPath) } catch {
        printError("\(tool): error: \(error)")
        if status == .ok { status = .ioError }
      }
    }
    if skipped > 0 && !args.quiet {
      printError("\(tool): \(processed) records written, \(skipped) skipped")
    }
    return status
  }

  private static func satisfies(_ document: Document, _ need: String) -> Bool {
    switch need {
    case "raw": document.raw != nil
    case "text": document.text != nil
    default: document.layers[need] != nil
    }
  }

  private static func parseOptions(_ bytes: [UInt8], origin: String) throws -> [String: JSONValue] {
    let value: JSONValue
    do { value = try JSONValue.parse(bytes) } catch {
      throw OptionsError("\(origin): options are not valid JSON: \(error)")
    }
    guard case .object(let object) = value else {
      throw OptionsError("\(origin): options must be a JSON object, not \(value.kindName)")
    }
    return object
  }

  private static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
