#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// An exclusive `flock` on a file in the work folder, held for the whole run.
///
/// The descriptor is deliberately inherited by the stage processes: if the
/// coordinator is killed (kill -9), its orphaned children keep the lock until
/// they end, so a re-run waits for them instead of racing with them, and
/// only then removes the temporary files they may have left.
public struct RunLock: ~Copyable {
  private let fd: Int32

  public init(_ path: String, console: Console) throws(CoordinatorError) {
    do { try FileIO.makeDirectories(FileIO.dirname(of: path)) } catch {
      throw CoordinatorError(.io, "cannot create \(FileIO.dirname(of: path)): \(error)")
    }
    let fd = open(path, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else {
      throw CoordinatorError(.io, "cannot open the lock \(path): \(String(cString: strerror(errno)))")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      console.note("waiting for another run on this output folder (or the stage processes of a killed run) to finish…")
      while flock(fd, LOCK_EX) != 0 {
        if errno != EINTR {
          close(fd)
          throw CoordinatorError(.io, "cannot lock \(path): \(String(cString: strerror(errno)))")
        }
      }
    }
    self.fd = fd
  }

  deinit { close(fd) }
}
