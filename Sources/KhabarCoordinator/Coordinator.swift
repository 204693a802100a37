/// The three commands of `khabar`: run, check, register. Each returns the
/// process exit status; all output goes to stderr.
public enum Coordinator {
  // MARK: - khabar run

  public static func run(_ options: RunOptions) -> Int32 {
    HeapTrim.shareOneArena()
    let console = Console(quiet: options.quiet)
    do {
      let session = try Session(options, console: console)
      defer { session.close() }
      let result = try session.run()
      console.plain(Summary.lines(result, options: options, session: session).joined(separator: "\n"))
      return result.exitCode
    } catch {
      console.error(error.message)
      return error.exitCode
    }
  }

  // MARK: - khabar check

  public static func check(_ options: RunOptions) -> Int32 {
    let console = Console(quiet: false)
    do {
      let session = try Session(options, console: console, needsOutput: false)
      defer { session.close() }
      console.plain("khabar: \(options.configPath) is valid; the chain:")
      console.plain(session.plan.report().joined(separator: "\n"))
      do {
        let found = try InputDiscovery.discover(session.inputSpec)
        console.plain("  input: \(session.inputSpec): \(found.files.count) files; output: \(session.layout.out)")
        for w in found.warnings { console.warning(w) }
      } catch {
        console.warning(error.message)
      }
      return 0
    } catch {
      console.error(error.message)
      return error.exitCode
    }
  }

  // MARK: - khabar register

  public static func register(_ options: RunOptions) -> Int32 {
    HeapTrim.shareOneArena()
    let console = Console(quiet: options.quiet)
    do {
      let session = try Session(options, console: console)
      defer { session.close() }
      return try session.registerOnly()
    } catch {
      console.error(error.message)
      return error.exitCode
    }
  }
}
