/// Process exit codes shared by every Khabar executable (sysexits.h).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  /// At least one file failed (coordinator); other files were produced.
  case failure = 1
  case usage = 64
  /// Invalid input data: a malformed JSON line, a record of the wrong shape.
  case dataError = 65
  /// An input file is missing or unreadable.
  case noInput = 66
  /// Reading or writing failed.
  case ioError = 74
  /// Invalid configuration (pipeline.json, stage options).
  case config = 78
}
