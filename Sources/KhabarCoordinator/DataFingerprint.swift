#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// A content hash of the stages' data folder (knowledge base, models), part
/// of every cache key: rebuilding the knowledge base re-runs the stages.
public enum DataFingerprint {
  /// The folder the stages will use: pipeline.json's "data", else
  /// `$KHABAR_DATA`, else the nearest `data/README.md` above binDir (the
  /// stages' own rule), else nil.
  public static func locate(configured: String?, binDir: String) -> String? {
    if let configured { return configured }
    if let env = getenv("KHABAR_DATA") { return String(cString: env) }
    var dir = binDir
    for _ in 0..<8 {
      if FileIO.exists("\(dir)/data/README.md") { return "\(dir)/data" }
      let parent = FileIO.dirname(of: dir)
      if parent == dir || parent == "." { break }
      dir = parent
    }
    return nil
  }

  /// SHA-256 over the sorted relative paths and contents of every file
  /// below `folder` (hidden names skipped); "" when there is no folder.
  /// `hashes` saves re-reading files that did not change since they were hashed.
  public static func compute(_ folder: String?, hashes: HashCache? = nil) -> String {
    guard let folder, FileIO.isDirectory(folder) else { return "" }
    var hasher = SHA256()
    visit(folder, "") { rel, path in
      let digest: [UInt8]
      if let hashes {
        guard let sha = try? hashes.sha256(ofFile: path), let bytes = hexBytes(sha) else { return }
        digest = bytes
      } else {
        guard let bytes = try? FileReading.read(path) else { return }
        digest = SHA256.hash(bytes)
      }
      hasher.update(Array(rel.utf8))
      hasher.update([0])
      hasher.update(digest)
    }
    return hexString(hasher.finalize())
  }

  /// The bytes of a lower-case hex digest.
  private static func hexBytes(_ hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    func value(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
      default: nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(digits.count / 2)
    for i in stride(from: 0, to: digits.count, by: 2) {
      guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
      out.append(hi << 4 | lo)
    }
    return out
  }

  private static func visit(_ dir: String, _ rel: String, _ body: (String, String) -> Void) {
    for name in (try? FileIO.list(dir)) ?? [] where !name.hasPrefix(".") {
      let path = "\(dir)/\(name)", r = rel.isEmpty ? name : "\(rel)/\(name)"
      if FileIO.isDirectory(path) { visit(path, r, body) } else { body(r, path) }
    }
  }
}
