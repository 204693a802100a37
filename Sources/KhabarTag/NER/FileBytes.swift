#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KhabarCore

/// A whole file mapped read-only: its bytes without a copy into the heap, for
/// the tagger's binary files (models, compiled lexicon) read at start-up.
enum MappedFile {
  /// Runs `body` with the file's bytes (valid only inside `body`).
  static func withBytes<R>(path: String, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
    let file = try FileBytes(mapping: path)
    return try withExtendedLifetime(file) { try body(file.bytes) }
  }
}

/// Bytes that stay valid as long as this object lives: a read-only mapping of
/// a file (the pages come from the page cache, shared by every process that
/// maps the same file, and only the pages touched are read), or a heap copy.
/// Always aligned for 4-byte reads.
final class FileBytes: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  private let mapped: Bool

  init(mapping path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Self.failure(path) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw Self.failure(path) }
    guard (st.st_mode & S_IFMT) == S_IFREG else { throw IOError(path: path, reason: "is not a regular file") }
    let size = Int(st.st_size)
    guard size > 0 else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      mapped = false
      return
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { throw Self.failure(path) }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
    mapped = true
  }

  init(copying source: [UInt8]) {
    let copy = UnsafeMutableRawPointer.allocate(byteCount: max(source.count, 1), alignment: 16)
    source.withUnsafeBytes { if let s = $0.baseAddress { copy.copyMemory(from: s, byteCount: source.count) } }
    bytes = UnsafeRawBufferPointer(start: copy, count: source.count)
    mapped = false
  }

  deinit {
    guard let base = bytes.baseAddress else { return }
    if mapped { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) } else { base.deallocate() }
  }

  private static func failure(_ path: String) -> IOError {
    let code = errno
    return IOError(path: path, reason: String(cString: strerror(code)), missing: code == ENOENT)
  }
}

/// Zeroed memory for `count` UInt64, taken from the system with its pages populated in one call
/// (MAP_POPULATE): a table written all over at load (the rank directory of a model's rows) then costs no
/// page fault per 4 KB page.
final class PopulatedUInt64s: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<UInt64>
  let count: Int
  private let mapped: Bool

  init(count: Int) {
    self.count = count
    let size = max(count, 1) * 8
    #if os(Linux)
    let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
    #else
    let flags = MAP_PRIVATE | MAP_ANON
    #endif
    if let base = mmap(nil, size, PROT_READ | PROT_WRITE, flags, -1, 0), base != MAP_FAILED {
      pointer = base.bindMemory(to: UInt64.self, capacity: max(count, 1))
      mapped = true
    } else {
      pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: max(count, 1))
      pointer.initialize(repeating: 0, count: max(count, 1))
      mapped = false
    }
  }

  deinit {
    if mapped { munmap(UnsafeMutableRawPointer(pointer), max(count, 1) * 8) } else { pointer.deallocate() }
  }
}
