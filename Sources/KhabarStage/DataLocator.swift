import KhabarCore
#if canImport(Glibc)
import Glibc
#endif

/// Finds the `data/` folder (knowledge base, models) at run time:
/// `$KHABAR_DATA`, else the nearest `data/README.md` above the executable,
/// else `./data`. Nothing is ever downloaded.
public enum DataLocator {
  public static func locate() -> String {
    if let env = getenv("KHABAR_DATA") { return String(cString: env) }
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 {
      var dir = FileIO.dirname(of: String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
      for _ in 0..<8 {
        if FileIO.exists("\(dir)/data/README.md") { return "\(dir)/data" }
        let parent = FileIO.dirname(of: dir)
        if parent == dir { break }
        dir = parent
      }
    }
    return "data"
  }
}
