import Foundation
import KhabarCore

/// Reads the article bodies of the ANT news archive (`.tar.xz`) through `tar -xJOf`.
public enum NewsCorpus {
  /// Calls `body` with every body line (markup lines starting with `<` skipped).
  public static func forEachLine(archive: String, _ body: (Substring) -> Void) throws {
    guard FileIO.exists(archive) else { throw IOError(path: archive, reason: "no such file", missing: true) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tar", "-xJOf", archive]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let handle = pipe.fileHandleForReading
    var pending: [UInt8] = []
    func flush(_ bytes: ArraySlice<UInt8>) {
      guard let first = bytes.first, first != UInt8(ascii: "<") else { return }
      let line = String(decoding: bytes, as: UTF8.self)
      body(line[...])
    }
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      pending.append(contentsOf: chunk)
      var start = 0
      while let nl = pending[start...].firstIndex(of: 0x0A) {
        flush(pending[start..<nl])
        start = nl + 1
      }
      pending.removeFirst(start)
    }
    if !pending.isEmpty { flush(pending[...]) }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw IOError(path: archive, reason: "tar exited with status \(process.terminationStatus)")
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
