#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import KhabarCore

/// Reads the article bodies of the ANT news archive (`.tar.xz`) through `tar -xJOf`.
public enum NewsCorpus {
  /// Calls `body` with every body line (markup lines starting with `<` skipped).
  public static func forEachLine(archive: String, _ body: (Substring) -> Void) throws {
    guard FileIO.exists(archive) else { throw IOError(path: archive, reason: "no such file", missing: true) }
    var pipeEnds: [Int32] = [-1, -1]
    guard pipe(&pipeEnds) == 0 else { throw IOError(path: archive, reason: "cannot make a pipe to tar") }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    let words: [String] = ["tar", "-xJOf", archive]
    let argv = words.map { strdup($0) }
    defer { for p in argv { free(p) } }
    let cArgs: [UnsafeMutablePointer<CChar>?] = argv + [nil]
    var pid: pid_t = 0
    let spawned = cArgs.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return EINVAL }
      return posix_spawnp(&pid, "tar", &actions, nil, base, environ)
    }
    close(writeEnd)
    defer { close(readEnd) }
    guard spawned == 0 else { throw IOError(path: archive, reason: "cannot run tar: \(String(cString: strerror(spawned)))") }
    var pending: [UInt8] = []
    func flush(_ bytes: ArraySlice<UInt8>) {
      guard let first = bytes.first, first != UInt8(ascii: "<") else { return }
      let line = String(decoding: bytes, as: UTF8.self)
      body(line[...])
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      pending.append(contentsOf: chunk[..<n])
      var start = 0
      while let nl = pending[start...].firstIndex(of: 0x0A) {
        flush(pending[start..<nl])
        start = nl + 1
      }
      pending.removeFirst(start)
    }
    if !pending.isEmpty { flush(pending[...]) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Exited normally with status 0: the low 7 bits (the signal) and the exit code are zero.
    guard status == 0 else {
      throw IOError(path: archive, reason: "tar failed (wait status \(status))")
    }
  }

  /// Splits a line into tokens the way ANERcorp does: runs of letters, digits
  /// and marks are words (clitics attached); every other symbol is its own
  /// token. Tokens come back normalised (`ArabicText.matchScalar`).
  public static func tokenize(_ line: Substring, _ emit: (ArraySlice<UInt32>) -> Void) {
    var word: [UInt32] = []
    for u in line.unicodeScalars {
      let v = u.value
      let isWordScalar = ArabicText.isArabicLetter(v) || ArabicText.isDiacritic(v) || ArabicText.isTatweel(v)
        || ArabicText.digitValue(v) != nil || u.properties.isAlphabetic
      if isWordScalar {
        if let m = ArabicText.matchScalar(v) { word.append(m) }
        continue
      }
      if !word.isEmpty { emit(word[...]) }
      word.removeAll(keepingCapacity: true)
      if u.properties.isWhitespace { continue }
      if let m = ArabicText.matchScalar(v) { emit([m][...]) }
    }
    if !word.isEmpty { emit(word[...]) }
  }
}
