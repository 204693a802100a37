#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore
import Dispatch

/// Ctrl-C and SIGTERM: stop starting work, forward SIGTERM to the running
/// children, SIGKILL them after a grace period (swift-subprocess's teardown
/// ladder). The run then cleans its temporary files and exits 130.
public final class InterruptMonitor: @unchecked Sendable {
  private let queue = DispatchQueue(label: "khabar.signals")
  private var sources: [any DispatchSourceSignal] = []
  private let lock = Lock()
  private var received: Int32?
  private let children: ChildProcesses

  /// Seconds between SIGTERM and SIGKILL.
  public static let grace = 2.0

  public init(children: ChildProcesses, onHardTimeout: @escaping @Sendable () -> Void) {
    self.children = children
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
      source.setEventHandler { [weak self] in
        guard let self else { return }
        let first = self.lock.withLock { () -> Bool in
          defer { if self.received == nil { self.received = sig } }
          return self.received == nil
        }
        guard first else {
          // A second Ctrl-C: stop waiting.
          children.signalAll(SIGKILL)
          return
        }
        children.terminateAll()
        self.queue.asyncAfter(deadline: .now() + Self.grace) { children.signalAll(SIGKILL) }
        self.queue.asyncAfter(deadline: .now() + Self.grace + 10) { onHardTimeout() }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// The signal that interrupted the run, if any.
  public var interrupted: Int32? { lock.withLock { received } }
}
