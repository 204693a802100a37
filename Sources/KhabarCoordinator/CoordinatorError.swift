import KhabarCore

/// A failure of the coordinator as a whole (not of one input file), with the
/// exit status it maps to.
public struct CoordinatorError: Error, CustomStringConvertible, Sendable {
  /// What kind of failure this is; decides the exit status.
  public enum Kind: Sendable, Equatable {
    /// pipeline.json or the stage chain is invalid (78).
    case config
    /// A command-line flag is wrong (64).
    case usage
    /// The input folder is missing or holds no articles (66).
    case noInput
    /// Reading or writing the output folder failed (74).
    case io
    /// Ctrl-C or SIGTERM (130).
    case interrupted
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public static func config(_ message: String) -> CoordinatorError { CoordinatorError(.config, message) }
  public static func usage(_ message: String) -> CoordinatorError { CoordinatorError(.usage, message) }

  public var description: String { message }

  /// The process exit status for this failure.
  public var exitCode: Int32 {
    switch kind {
    case .config: ExitStatus.config.rawValue
    case .usage: ExitStatus.usage.rawValue
    case .noInput: ExitStatus.noInput.rawValue
    case .io: ExitStatus.ioError.rawValue
    case .interrupted: 130
    }
  }
}
