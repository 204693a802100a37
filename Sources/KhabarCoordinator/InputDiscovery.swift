#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
public import KhabarCore

/// One document to process: its path (as the user gave it), its record id
/// and its size; for a file too large to be one document, which part of it
/// (see `InputParts`).
public struct InputFile: Sendable, Equatable {
  public var path: String
  public var id: String
  /// The document's bytes: the file's size, or the part's.
  public var bytes: Int
  public var part: Document.Part?
  public init(path: String, id: String, bytes: Int = 0, part: Document.Part? = nil) {
    self.path = path
    self.id = id
    self.bytes = bytes
    self.part = part
  }

  /// How messages name the document: the path, and the part when it is one.
  public var displayName: String {
    guard let part else { return path }
    return "\(path) (part \(part.index) of \(part.count), from byte \(part.offset))"
  }
}

/// Finds the input articles: every `*.txt` below a folder (recursively), the
/// files a glob matches (`*`, `?`, `[…]` within a name; `**` for any number
/// of folders), or one file. Hidden names (starting with ".") are skipped.
/// The result is sorted by the paths' UTF-8 bytes, so it never depends on
/// the file system's order.
public enum InputDiscovery {
  public struct Result: Sendable {
    public var files: [InputFile]
    /// Notes for the user (e.g. two files with the same name stem).
    public var warnings: [String]
    /// Files that cannot be processed (name not UTF-8, …), with the reason.
    public var rejected: [(path: String, message: String)]
  }

  public static func discover(_ spec: String) throws(CoordinatorError) -> Result {
    var rejected: [(path: String, message: String)] = []
    var paths: [String] = []
    var sizes: [String: Int] = [:]
    var base = spec
    while base.hasPrefix("./") && base.count > 2 { base.removeFirst(2) }
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    if isGlob(base) {
      let (root, pattern) = splitGlob(base)
      guard FileIO.isDirectory(root.isEmpty ? "." : root) else {
        throw CoordinatorError(.noInput, "input \(spec): folder \(root.isEmpty ? "." : root) does not exist")
      }
      walk(root, relative: [], rejected: &rejected) { rel, path, size in
        if GlobPattern.matches(pattern, rel) { paths.append(path); sizes[path] = size }
      }
      guard !paths.isEmpty else { throw CoordinatorError(.noInput, "input \(spec): no file matches this pattern") }
    } else if FileIO.isDirectory(base) {
      walk(base, relative: [], rejected: &rejected) { rel, path, size in
        if let last = rel.last, last.hasSuffix(".txt") { paths.append(path); sizes[path] = size }
      }
      guard !paths.isEmpty || !rejected.isEmpty else {
        throw CoordinatorError(.noInput, "input folder \(spec) holds no *.txt files")
      }
    } else if FileIO.exists(base) {
      paths = [base]
      var st = stat()
      if stat(base, &st) == 0 { sizes[base] = Int(st.st_size) }
    } else {
      throw CoordinatorError(.noInput, "input \(spec) does not exist")
    }
    paths.sort(by: UTF8Order.precedes)
    let (named, warnings) = assignIDs(paths)
    let files = named.map { file in
      var sized = file
      sized.bytes = sizes[file.path] ?? 0
      return sized
    }
    return Result(files: files, warnings: warnings, rejected: rejected)
  }

  /// Record ids from file name stems. Files whose stems collide (ignoring
  /// case) all get
  /// `stem-<8 hex of SHA-256 of the path>` (deterministic, independent of
  /// which other files exist); over-long stems are shortened the same way.
  public static func assignIDs(_ paths: [String]) -> ([InputFile], [String]) {
    var warnings: [String] = []
    let stems = paths.map(stem(of:))
    // Stems that differ only in case collide too: output files named after
    // them would clash on case-insensitive file systems (macOS).
    var groups: [String: [Int]] = [:]
    for (i, s) in stems.enumerated() { groups[s.lowercased(), default: []].append(i) }
    var ids = stems
    for (i, s) in stems.enumerated() {
      let hash = SHA256.hex(paths[i])
      if s.utf8.count > 150 {
        ids[i] = shorten(s, bytes: 140) + "-" + hash.prefix(8)
      } else if (groups[s.lowercased()]?.count ?? 0) > 1 {
        ids[i] = s + "-" + hash.prefix(8)
      }
    }
    for s in UTF8Order.sorted(groups.keys) {
      guard let members = groups[s], members.count > 1 else { continue }
      let list = members.map { "\(paths[$0]) → \(ids[$0])" }.joined(separator: ", ")
      warnings.append("\(members.count) inputs share the name \"\(stems[members[0]])\"; their ids are: \(list)")
    }
    // A collision can survive only if a file is literally named like a
    // derived id; then use the whole hash.
    var seen: [String: Int] = [:]
    for i in ids.indices {
      if let other = seen[ids[i]] {
        ids[i] = stems[i] + "-" + SHA256.hex(paths[i])
        warnings.append("id \(ids[other]) of \(paths[other]) also derives from \(paths[i]); that file gets the id \(ids[i])")
      }
      seen[ids[i]] = i
    }
    return (zip(paths, ids).map { InputFile(path: $0, id: $1) }, warnings)
  }

  /// The file name without its folder and its last extension.
  static func stem(of path: String) -> String {
    let name = FileIO.basename(of: path)
    guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  static func shorten(_ s: String, bytes: Int) -> String {
    var out = ""
    var count = 0
    for scalar in s.unicodeScalars {
      count += String(scalar).utf8.count
      if count > bytes { break }
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  // MARK: - Walking folders

  static func isGlob(_ s: String) -> Bool { s.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) }

  /// Splits "a/b/*/c*.txt" into the folder without wildcards ("a/b") and the rest.
  static func splitGlob(_ s: String) -> (String, [String]) {
    let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var rootParts: [String] = []
    var i = 0
    while i < parts.count - 1 && !isGlob(parts[i]) {
      rootParts.append(parts[i])
      i += 1
    }
    let root = rootParts.joined(separator: "/")
    return (s.hasPrefix("/") && root.isEmpty ? "/" : root, Array(parts[i...]).filter { !$0.isEmpty })
  }

  /// Calls `visit` with each regular file below `dir` (relative name parts,
  /// the path and the size), skipping hidden names; names that are not UTF-8
  /// are rejected.
  static func walk(_ dir: String, relative: [String], rejected: inout [(path: String, message: String)],
                   _ visit: ([String], String, Int) -> Void) {
    let folder = dir.isEmpty ? "." : dir
    guard let d = opendir(folder) else {
      rejected.append((folder, "cannot read the folder: \(String(cString: strerror(errno)))"))
      return
    }
    var entries: [[UInt8]] = []
    while let e = readdir(d) {
      let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
        Array(raw.prefix(while: { $0 != 0 }))
      }
      if name.first == UInt8(ascii: ".") { continue }
      entries.append(name)
    }
    closedir(d)
    entries.sort { $0.lexicographicallyPrecedes($1) }
    for raw in entries {
      guard let name = String(validating: raw, as: UTF8.self) else {
        let shown = String(decoding: raw, as: UTF8.self)
        rejected.append((join(dir, shown), "the file name is not valid UTF-8; rename the file"))
        continue
      }
      let path = join(dir, name)
      var st = stat()
      guard lstat(path, &st) == 0 else { continue }
      let kind = st.st_mode & S_IFMT
      if kind == S_IFDIR {
        walk(path, relative: relative + [name], rejected: &rejected, visit)
      } else if kind == S_IFREG {
        visit(relative + [name], path, Int(st.st_size))
      } else if kind == S_IFLNK && !FileIO.isDirectory(path) {
        var target = stat()
        visit(relative + [name], path, stat(path, &target) == 0 ? Int(target.st_size) : 0)
      }
    }
  }

  static func join(_ dir: String, _ name: String) -> String {
    if dir.isEmpty || dir == "." { return name }
    return dir.hasSuffix("/") ? dir + name : "\(dir)/\(name)"
  }
}

/// Matches relative paths against glob segments; `**` spans any folders.
enum GlobPattern {
  static func matches(_ pattern: [String], _ path: [String]) -> Bool {
    matches(pattern[...], path[...])
  }

  private static func matches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let head = pattern.first else { return path.isEmpty }
    if head == "**" {
      let rest = pattern.dropFirst()
      var p = path
      while true {
        if matches(rest, p) { return true }
        if p.isEmpty { return false }
        p = p.dropFirst()
      }
    }
    guard let name = path.first else { return false }
    return fnmatch(head, name, FNM_PERIOD) == 0 && matches(pattern.dropFirst(), path.dropFirst())
  }
}
