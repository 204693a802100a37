#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Numbers the temporary files of atomic writes (see `FileIO.writeAtomically`).
private let temporaryCounter = Atomic<UInt64>(0)

/// An I/O failure with the path and the system's reason.
public struct IOError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var missing: Bool
  public init(path: String, reason: String, missing: Bool = false) {
    self.path = path
    self.reason = reason
    self.missing = missing
  }
  public var description: String { "\(path): \(reason)" }

  public static func errno(_ path: String) -> IOError {
    let code = Glibc.errno
    return IOError(path: path, reason: String(cString: strerror(code)), missing: code == ENOENT)
  }
}

public enum FileIO {
  /// Reads a whole file.
  public static func read(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw IOError.errno(path) }
    defer { close(fd) }
    var st = stat()
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
      throw IOError(path: path, reason: "is a directory")
    }
    // Read straight into the result: sized from fstat, grown if the file grows.
    var out: [UInt8] = []
    let capacity = max(Int(st.st_size), 0) + 1
    while true {
      let old = out.count
      let room = max(capacity - old, 1 << 16)
      let n = try readAppending(fd, &out, room, path: path)
      if n == 0 { break }
    }
    return out
  }

  /// Appends up to `room` bytes read from `fd`; returns how many (0 at end of file).
  private static func readAppending(_ fd: Int32, _ out: inout [UInt8], _ room: Int, path: String) throws -> Int {
    let old = out.count
    var n = 0
    out.append(contentsOf: repeatElement(0, count: room))
    while true {
      n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, room) }
      if n < 0 && Glibc.errno == EINTR { continue }
      break
    }
    if n < 0 {
      out.removeLast(room)
      throw IOError.errno(path)
    }
    out.removeLast(room - n)
    return n
  }

  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  public static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Creates a directory and its parents.
  public static func makeDirectories(_ path: String) throws {
    if path.isEmpty || isDirectory(path) { return }
    let parent = dirname(of: path)
    if parent != path { try makeDirectories(parent) }
    if mkdir(path, 0o755) != 0, Glibc.errno != EEXIST { throw IOError.errno(path) }
  }

  public static func dirname(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// The last component of a path (all of it when it has no "/").
  public static func basename(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(path[path.utf8.index(after: slash)...])
  }

  /// Writes a file atomically: a temporary file in the same directory,
  /// flushed, then renamed over the target. A reader never sees a partial
  /// file; a crash leaves at most a `.tmp-*` file, which writers clean up.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    try writeAtomically(to: path) { fd, tmp in try writeAll(fd, bytes, path: tmp) }
  }

  /// Writes a file atomically, as `body` streams it into a buffered sink
  /// (bounded memory however large the file).
  public static func writeAtomically(to path: String, _ body: (ByteSink) throws -> Void) throws {
    try writeAtomically(to: path) { fd, tmp in
      let sink = ByteSink(fd: fd, path: tmp)
      try body(sink)
      try sink.flush()
    }
  }

  private static func writeAtomically(to path: String, _ body: (Int32, String) throws -> Void) throws {
    let dir = dirname(of: path)
    // Unique among processes (pid) and among this process's threads (counter).
    let tmp = "\(dir)/.tmp-\(getpid())-\(temporaryCounter.wrappingAdd(1, ordering: .relaxed).newValue)-\(basename(of: path))"
    var fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0, Glibc.errno == ENOENT {
      try makeDirectories(dir)
      fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    }
    guard fd >= 0 else { throw IOError.errno(tmp) }
    var ok = false
    defer {
      if !ok { unlink(tmp) }
    }
    do {
      try body(fd, tmp)
      guard close(fd) == 0 else { throw IOError.errno(tmp) }
    } catch {
      close(fd)
      throw error
    }
    guard rename(tmp, path) == 0 else { throw IOError.errno(path) }
    ok = true
  }

  public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
      if n < 0 {
        if Glibc.errno == EINTR { continue }
        throw IOError.errno(path)
      }
      off += n
    }
  }

  public static func remove(_ path: String) { unlink(path) }

  /// Names in a directory (not recursive), sorted, without "." and "..".
  public static func list(_ dir: String) throws -> [String] {
    try listEntries(dir).map(\.name)
  }

  /// A directory entry: its name and whether it is a directory (not
  /// following symbolic links).
  public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    public var isDirectory: Bool
  }

  /// The entries of a directory (not recursive), sorted by name, without "."
  /// and "..". The kind comes from `readdir` (no `stat` per entry) unless the
  /// file system does not report it.
  public static func listEntries(_ dir: String) throws -> [DirectoryEntry] {
    guard let d = opendir(dir) else { throw IOError.errno(dir) }
    defer { closedir(d) }
    var entries: [DirectoryEntry] = []
    while let e = readdir(d) {
      let name = withUnsafePointer(to: e.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      guard name != "." && name != ".." else { continue }
      let type = e.pointee.d_type
      let isDirectory: Bool
      if type == UInt8(DT_UNKNOWN) {
        var st = stat()
        isDirectory = lstat("\(dir)/\(name)", &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
      } else {
        isDirectory = type == UInt8(DT_DIR)
      }
      entries.append(DirectoryEntry(name: name, isDirectory: isDirectory))
    }
    return entries.sorted { $0.name < $1.name }
  }
}

/// Reads newline-terminated lines from a file descriptor with a growing
/// buffer, so a 10 MB line is no problem. Yields lines without the `\n`.
public struct LineReader {
  private let fd: Int32
  private let path: String
  private var buffer: [UInt8] = []
  private var start = 0
  /// Bytes from `start` up to here hold no newline (a long line is searched once, not at every read).
  private var scanned = 0
  private var eof = false
  public private(set) var lineNumber = 0

  public init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
    buffer.reserveCapacity(1 << 16)
  }

  public mutating func next() throws -> [UInt8]? {
    while true {
      if let nl = newline(from: max(start, scanned)) {
        let line = Array(buffer[start..<nl])
        start = nl + 1
        lineNumber += 1
        return line
      }
      scanned = buffer.count
      if eof {
        if start < buffer.count {
          let line = Array(buffer[start...])
          start = buffer.count
          lineNumber += 1
          return line
        }
        return nil
      }
      if start > 0 {
        buffer.removeFirst(start)
        scanned -= start
        start = 0
      }
      let chunk = max(1 << 16, buffer.count)
      let old = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: chunk))
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, chunk) }
      if n < 0 {
        buffer.removeLast(chunk)
        if Glibc.errno == EINTR { continue }
        throw IOError.errno(path)
      }
      buffer.removeLast(chunk - n)
      if n == 0 { eof = true }
    }
  }

  /// The index of the first newline in the buffer at or after `from`.
  private func newline(from: Int) -> Int? {
    buffer.withUnsafeBytes { b in
      guard let base = b.baseAddress, from < b.count, let found = memchr(base + from, 0x0A, b.count - from) else {
        return nil
      }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }
}

/// A buffered writer to a file descriptor, or (`ByteSink.memory()`) a
/// growing byte array: writers that stream a file take one, so the same code
/// writes to disk in bounded memory and to memory for tests.
public final class ByteSink {
  private let fd: Int32
  public let path: String
  private var buffer: [UInt8] = []

  public init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
    buffer.reserveCapacity(1 << 20)
  }

  /// A sink that keeps everything written (see `contents`).
  public static func memory() -> ByteSink { ByteSink(fd: -1, path: "<memory>") }

  /// Everything written to a memory sink.
  public var contents: [UInt8] { buffer }

  public func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  public func writeLine(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    buffer.append(0x0A)
    if buffer.count >= 1 << 20 { try flush() }
  }

  public func flush() throws {
    guard fd >= 0, !buffer.isEmpty else { return }
    try FileIO.writeAll(fd, buffer, path: path)
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Writes a line to standard error at once (diagnostics are unbuffered).
public func printError(_ message: String) {
  var line = Array(message.utf8)
  line.append(0x0A)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
