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
    return "\(st.st_size)|\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)|\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
      + "|\(st.st_ino)|\(st.st_dev)"
  }
}
