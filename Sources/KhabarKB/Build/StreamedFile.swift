import KhabarCore
#if canImport(Glibc)
import Glibc
#endif

/// Streams the lines of a (possibly huge) file, or of standard input for "-".
enum StreamedFile {
  static func forEachLine(_ path: String, _ body: (inout [UInt8]) throws -> Void) throws {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    guard fd >= 0 else {
      let code = errno
      throw IOError(path: path, reason: String(cString: strerror(code)), missing: code == ENOENT)
    }
    defer { if fd != 0 { close(fd) } }
    var reader = LineReader(fd: fd, path: path)
    while var line = try reader.next() {
      if line.last == 0x0D { line.removeLast() }
      try body(&line)
    }
  }
}
