#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// Whole-file reads sized by `fstat`, without zero-filling a buffer first.
/// The coordinator reads every input, output and key file of a run (tens of
/// thousands of small files); `FileIO.read` zero-fills a 1 MB buffer per call.
enum FileReading {
  static func read(_ path: String) throws -> [UInt8] {
    let fd = try openForReading(path)
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw IOError(path: path, reason: "is a directory") }
    var result: [UInt8] = []
    var capacity = max(Int(st.st_size) + 1, 4096)
    while true {
      let chunk = capacity - result.count
      let more = try fill(fd, count: chunk, path: path)
      if result.isEmpty { result = more } else { result += more }  // no copy in the usual one-read case
      if more.count < chunk { return result }
      capacity *= 2  // the file grew while we read it
    }
  }

  /// Up to `count` bytes of a file from byte `offset` (fewer at its end).
  static func read(_ path: String, offset: Int, count: Int) throws(IOError) -> [UInt8] {
    let fd = try openForReading(path)
    defer { close(fd) }
    return try fill(fd, count: count, path: path, offset: offset)
  }

  /// Calls `body` with a reader of `count` bytes at `offset` of the file
  /// (opened once, for many reads at known places).
  static func withPositionalReads<T>(_ path: String,
                                     _ body: ((_ offset: Int, _ count: Int) throws -> [UInt8]) throws -> T) throws -> T {
    let fd = try openForReading(path)
    defer { close(fd) }
    return try body { offset, count throws(IOError) in try fill(fd, count: count, path: path, offset: offset) }
  }

  /// `count` bytes at `offset` of an open file (fewer only at its end).
  static func read(_ fd: Int32, offset: Int, count: Int, path: String) throws(IOError) -> [UInt8] {
    try fill(fd, count: count, path: path, offset: offset)
  }

  /// Calls `body` with each line of a file (without its newline; a last line
  /// without one too), reading 1 MB at a time: journals of tens of megabytes
  /// are read without being held.
  static func forEachLine(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
    let fd = try openForReading(path)
    defer { close(fd) }
    let block = 1 << 20
    var partial: [UInt8] = []
    while true {
      let bytes = try fill(fd, count: block, path: path)
      var start = 0
      while let end = bytes[start...].firstIndex(of: 0x0A) {
        if partial.isEmpty {
          try body(bytes[start..<end])
        } else {
          partial += bytes[start..<end]
          try body(partial[...])
          partial.removeAll(keepingCapacity: true)
        }
        start = end + 1
      }
      partial += bytes[start...]
      if bytes.count < block { break }
    }
    if !partial.isEmpty { try body(partial[...]) }
  }

  /// Up to `count` bytes from `fd` (fewer only at the end of the file), into
  /// an array that is not zero-filled first: at `offset` (`pread`), or from
  /// the descriptor's position.
  private static func fill(_ fd: Int32, count: Int, path: String, offset: Int? = nil) throws(IOError) -> [UInt8] {
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
      filled = 0
      guard let base = buffer.baseAddress else { return }
      while filled < count {
        let n = offset.map { pread(fd, base + filled, count - filled, off_t($0 + filled)) }
          ?? Glibc.read(fd, base + filled, count - filled)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if n == 0 { break }
        filled += n
      }
    }
    if failure != 0 { throw IOError(path: path, reason: String(cString: strerror(failure))) }
    return bytes
  }

  /// The SHA-256 (hex) of a file, read through a 1 MB buffer: executables,
  /// models and the register's outputs are megabytes that need hashing, not
  /// holding.
  static func sha256(_ path: String) throws -> String {
    let fd = try openForReading(path)
    defer { close(fd) }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw IOError(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      hasher.update(buffer[0..<n])
    }
    return hexString(hasher.finalize())
  }

  /// A descriptor for reading `path`; the error says whether the file is missing.
  private static func openForReading(_ path: String) throws(IOError) -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      throw IOError(path: path, reason: String(cString: strerror(code)), missing: code == ENOENT)
    }
    return fd
  }
}
