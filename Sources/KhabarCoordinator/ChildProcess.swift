#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// How a child process ended: an exit code or a signal (swift-subprocess's
/// `TerminationStatus` idea: "killed by signal 9" is not "exited 9").
public enum Termination: Sendable, Hashable, CustomStringConvertible {
  case exited(Int32)
  case signaled(Int32)

  public var isSuccess: Bool { self == .exited(0) }

  public var description: String {
    switch self {
    case .exited(let code): "exited with status \(code)"
    case .signaled(let signal): "was killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
    }
  }

  static func signalName(_ signal: Int32) -> String? {
    switch signal {
    case SIGKILL: "SIGKILL"
    case SIGSEGV: "SIGSEGV"
    case SIGABRT: "SIGABRT"
    case SIGILL: "SIGILL"
    case SIGTERM: "SIGTERM"
    case SIGBUS: "SIGBUS"
    case SIGTRAP: "SIGTRAP"
    case SIGINT: "SIGINT"
    case SIGPIPE: "SIGPIPE"
    default: nil
    }
  }

  init(waitStatus status: Int32) {
    if status & 0x7F == 0 {
      self = .exited((status >> 8) & 0xFF)
    } else {
      self = .signaled(status & 0x7F)
    }
  }
}

/// Spawns stage executables and keeps track of the running ones, so an
/// interrupt can be forwarded to all of them.
///
/// Children get `/dev/null` as stdin and files as stdout and stderr (never
/// pipes, so nothing can block on an undrained pipe), run in their own
/// process group (so SIGTERM reaches anything they spawn), and start with
/// default signal dispositions.
public final class ChildProcesses: @unchecked Sendable {
  private let lock = Lock()
  private var running: Set<pid_t> = []
  private var cancelled = false

  public init() {}

  /// True once `terminateAll` was called; no new child starts after that.
  public var isCancelled: Bool { lock.withLock { cancelled } }

  /// Runs `executable` to completion.
  ///
  /// - Parameters:
  ///   - stdout: file that receives the child's standard output (truncated).
  ///   - stderr: file that receives the child's standard error (truncated).
  ///   - timeout: seconds after which the child is killed (nil: no limit).
  /// - Returns: how it ended, or nil when the run was cancelled before it started.
  /// - Throws: `CoordinatorError` when the program cannot be started at all.
  public func run(_ executable: String, _ arguments: [String], stdout: String, stderr: String,
                  timeout: Double? = nil) throws(CoordinatorError) -> Termination? {
    var pid: pid_t = 0
    let spawnError: Int32? = lock.withLock {
      if cancelled { return nil }
      let rc = spawn(executable, arguments, stdout: stdout, stderr: stderr, pid: &pid)
      if rc == 0 { running.insert(pid) }
      return rc
    }
    guard let spawnError else { return nil }
    guard spawnError == 0 else {
      throw CoordinatorError(.config, "cannot start \(executable): \(String(cString: strerror(spawnError)))")
    }
    let status = wait(pid, timeout: timeout)
    return status
  }

  /// Sends `signal` to every running child's process group.
  public func signalAll(_ signal: Int32) {
    lock.withLock {
      for pid in running { kill(-pid, signal) }
    }
  }

  /// Stops new children from starting and sends SIGTERM to the running ones.
  public func terminateAll() {
    lock.withLock {
      cancelled = true
      for pid in running { kill(-pid, SIGTERM) }
    }
  }

  /// The number of children still running.
  public var runningCount: Int { lock.withLock { running.count } }

  // MARK: - Internals

  private func spawn(_ executable: String, _ arguments: [String], stdout: String, stderr: String,
                     pid: inout pid_t) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) }
    defer { for p in argv { free(p) } }
    let cArgs: [UnsafeMutablePointer<CChar>?] = argv + [nil]
    return cArgs.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return EINVAL }
      return posix_spawn(&pid, executable, &actions, &attributes, base, environ)
    }
  }

  private func wait(_ pid: pid_t, timeout: Double?) -> Termination {
    let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
    // Wait without reaping first, so the pid cannot be reused while it is
    // still in `running` (a late SIGTERM must never hit a stranger).
    var info = siginfo_t()
    var killed = false
    while true {
      let options = WEXITED | WNOWAIT | (deadline == nil ? 0 : WNOHANG)
      info = siginfo_t()
      let rc = waitid(P_PID, id_t(pid), &info, options)
      if rc == 0 && info._sifields._sigchld.si_pid == pid { break }
      if rc != 0 && errno == EINTR { continue }
      if rc != 0 { break }
      if let deadline, !killed, ContinuousClock.now > deadline {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        killed = true
      }
      usleep(5_000)
    }
    lock.withLock { _ = running.remove(pid) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return Termination(waitStatus: status)
  }
}
