import Dispatch

/// The register run on another thread (see `PipelineRunner.onRegisterInputsSettled`).
final class EarlyRegister: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  private let state = Locked<(started: Bool, outcome: RegisterStep.Outcome?)>((false, nil))

  /// Runs `work` on a background thread (once).
  func start(_ work: @escaping @Sendable () -> RegisterStep.Outcome) {
    guard state.withLock({ s in defer { s.started = true }; return !s.started }) else { return }
    DispatchQueue.global().async {
      let outcome = work()
      self.state.withLock { $0.outcome = outcome }
      self.finished.signal()
    }
  }

  /// Its outcome once it has finished; nil when it was never started.
  func wait() -> RegisterStep.Outcome? {
    guard state.withLock({ $0.started }) else { return nil }
    finished.wait()
    return state.withLock { $0.outcome }
  }
}
