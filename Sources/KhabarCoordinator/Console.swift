#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// Everything the coordinator says on stderr: messages, the progress line,
/// the summary. Thread-safe; a TTY gets one updating progress line,
/// anything else an occasional plain line; `quiet` keeps only errors.
public final class Console: @unchecked Sendable {
  private let lock = Lock()
  public let isTTY: Bool
  public let quiet: Bool
  private var progressShown = false
  private var lastProgress = ContinuousClock.now - .seconds(3600)
  private let started = ContinuousClock.now

  public init(quiet: Bool, isTTY: Bool = isatty(2) != 0) {
    self.quiet = quiet
    self.isTTY = isTTY
  }

  public func error(_ message: String) { emit("khabar: error: \(message)") }
  public func warning(_ message: String) { if !quiet { emit("khabar: warning: \(message)") } }
  public func note(_ message: String) { if !quiet { emit("khabar: \(message)") } }
  /// Text printed as is (the summary).
  public func plain(_ text: String) { if !quiet { emit(text) } }

  /// Reports `done` of `total` files; throttled.
  public func progress(done: Int, total: Int, processed: Int, final: Bool = false) {
    guard !quiet, total > 0 else { return }
    lock.withLock {
      let now = ContinuousClock.now
      let interval: Duration = isTTY ? .milliseconds(200) : .seconds(10)
      guard final || now - lastProgress >= interval else { return }
      lastProgress = now
      let elapsed = Self.seconds(now - started)
      let rate = elapsed > 0 ? Double(processed) / elapsed : 0
      var line = "khabar: \(done)/\(total) files (\(Int(Double(done) * 100 / Double(total)))%)"
      if processed > 0 { line += ", \(Self.format(rate)) files/s" }
      if rate > 0 && done < total { line += ", ETA \(Self.duration(Double(total - done) / rate))" }
      if isTTY {
        write("\r\u{1B}[K" + line + (final ? "\n" : ""))
        progressShown = !final
      } else if !final {
        write(line + "\n")
      }
    }
  }

  private func emit(_ message: String) {
    lock.withLock {
      if progressShown {
        write("\r\u{1B}[K")
        progressShown = false
      }
      write(message + "\n")
    }
  }

  private func write(_ text: String) {
    let bytes = Array(text.utf8)
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.write(2, base + off, raw.count - off)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      off += n
    }
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  static func format(_ x: Double) -> String {
    guard x < 100 else { return String(Int(x.rounded())) }
    let tenths = Int((max(x, 0) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  static func duration(_ s: Double) -> String {
    let t = Int(s.rounded())
    func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    if t >= 3600 { return "\(t / 3600)h\(twoDigits(t % 3600 / 60))m" }
    if t >= 60 { return "\(t / 60)m\(twoDigits(t % 60))s" }
    return "\(t)s"
  }
}
