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

  /// SHA-256 over the sorted relative paths and the SHA-256 of every file
  /// below `folder` (hidden names skipped); "" when there is no folder.
  /// `hashes` saves re-reading files that did not change since they were hashed.
  public static func compute(_ folder: String?, hashes: HashCache? = nil) -> String {
    guard let folder, FileIO.isDirectory(folder) else { return "" }
    var hasher = SHA256()
    visit(folder, "") { rel, path in
      guard let sha = try? HashCache.sha256(ofFile: path, cache: hashes) else { return }
      hasher.update(Array(rel.utf8))
      hasher.update([0])
      hasher.update(Array(sha.utf8))
    }
    return hexString(hasher.finalize())
  }

  private static func visit(_ dir: String, _ rel: String, _ body: (String, String) -> Void) {
    for name in (try? FileIO.list(dir)) ?? [] where !name.hasPrefix(".") {
      let path = "\(dir)/\(name)", r = rel.isEmpty ? name : "\(rel)/\(name)"
      if FileIO.isDirectory(path) { visit(path, r, body) } else { body(r, path) }
    }
  }
}
