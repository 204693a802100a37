#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What `stat` says about a file — size, modification and change times in
/// nanoseconds, inode and device — as one string. Any write, rename or
/// replacement changes the change time, so a changed file never keeps its
/// signature.
enum FileSignature {
  static func of(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    // Formatted by hand: a no-op run takes one signature per file and stage.
    var text: [UInt8] = []
    text.reserveCapacity(80)
    append(Int64(st.st_size), to: &text)
    text.append(UInt8(ascii: "|"))
    append(Int64(st.st_mtim.tv_sec), to: &text)
    text.append(UInt8(ascii: "."))
    append(Int64(st.st_mtim.tv_nsec), to: &text)
    text.append(UInt8(ascii: "|"))
    append(Int64(st.st_ctim.tv_sec), to: &text)
    text.append(UInt8(ascii: "."))
    append(Int64(st.st_ctim.tv_nsec), to: &text)
    text.append(UInt8(ascii: "|"))
    append(UInt64(st.st_ino), to: &text)
    text.append(UInt8(ascii: "|"))
    append(UInt64(st.st_dev), to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  private static func append(_ value: Int64, to text: inout [UInt8]) {
    if value < 0 { text.append(UInt8(ascii: "-")) }
    append(value.magnitude, to: &text)
  }

  /// The decimal digits of `value`, most significant first.
  private static func append(_ value: UInt64, to text: inout [UInt8]) {
    let start = text.count
    var rest = value
    repeat {
      text.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    text[start...].reverse()
  }
}
