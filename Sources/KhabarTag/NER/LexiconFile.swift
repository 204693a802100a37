import KhabarCore

/// The NER lexicon compiled into one binary file (`models/ner-lexicon.bin`):
/// its hash tables as they are in memory, so the tagger loads them with one
/// mapped read instead of parsing ~60,000 TSV lines. The TSV files stay the
/// source; the compiled file records a fingerprint of their bytes and is used
/// only while it matches them (otherwise the lexicon is parsed from the TSVs).
///
///     "KHABLEX1"  magic
///     UInt64      fingerprint of the source files (`fingerprint(dataDirectory:)`)
///     UInt32      the longest name, in words
///     3 × table   clusters, names, name prefixes: UInt32 slot count (a power of two),
///                 slots × UInt64 keys (0 = empty), slots × UInt32 values
/// All little-endian. The trigger words are not stored: they come from `TriggerWords`.
public enum LexiconFile {
  static let magic: [UInt8] = Array("KHABLEX1".utf8)

  /// The files the lexicon is made from, inside a data folder (the automatic names may be absent).
  public static let sources = [NERTagger.Files.clusters, NERTagger.Files.names, NERTagger.Files.autoNames, NERTagger.Files.stemClusters]

  /// The bytes of the compiled file for `lexicon`, made from sources with `fingerprint`.
  public static func serialized(_ lexicon: NERLexicon, fingerprint: UInt64) -> [UInt8] {
    var out = magic
    func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    put(fingerprint)
    put(UInt32(lexicon.maxNameWords))
    for table in [lexicon.clusters, lexicon.names, lexicon.namePrefixes] {
      put(UInt32(table.slotKeys.count))
      for k in table.slotKeys { put(k) }
      for v in table.slotValues { put(v) }
    }
    return out
  }

  /// The lexicon in compiled bytes, or nil when they were made from other sources than `fingerprint` says.
  static func lexicon(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt64, path: String) throws -> NERLexicon? {
    func fail(_ why: String) -> NERModelError { NERModelError("\(path): \(why)") }
    var reader = BinaryReader(bytes)
    guard reader.starts(with: magic) else { throw fail("not a compiled Khabar NER lexicon") }
    reader.position = magic.count
    guard let stored = reader.next(UInt64.self) else { throw fail("truncated lexicon file") }
    guard stored == fingerprint else { return nil }
    guard let maxWords = reader.next(UInt32.self), maxWords >= 1 else { throw fail("truncated lexicon file") }
    func table() throws -> HashTable {
      guard let size = reader.next(UInt32.self), let keys = reader.array(Int(size), of: UInt64.self),
        let values = reader.array(Int(size), of: UInt32.self)
      else { throw fail("truncated lexicon file") }
      guard let table = HashTable(slotKeys: keys, slotValues: values) else { throw fail("bad hash table") }
      return table
    }
    var lexicon = NERLexicon()
    lexicon.clusters = try table()
    lexicon.names = try table()
    lexicon.namePrefixes = try table()
    lexicon.maxNameWords = Int(maxWords)
    guard reader.remaining == 0 else { throw fail("trailing bytes after the tables") }
    return lexicon
  }

  /// The compiled lexicon of a data folder, or nil when the file is absent or its sources have changed since.
  public static func load(dataDirectory: String) throws -> NERLexicon? {
    let path = "\(dataDirectory)/\(NERTagger.Files.lexicon)"
    guard FileIO.exists(path) else { return nil }
    let fingerprint = try fingerprint(dataDirectory: dataDirectory)
    return try MappedFile.withBytes(path: path) { try lexicon($0, fingerprint: fingerprint, path: path) }
  }

  /// Parses the sources of a data folder and writes the compiled file; returns its size in bytes.
  @discardableResult
  public static func write(dataDirectory: String) throws -> Int {
    let lexicon = try NERTagger.loadLexiconSources(dataDirectory: dataDirectory)
    let bytes = serialized(lexicon, fingerprint: try fingerprint(dataDirectory: dataDirectory))
    try FileIO.writeAtomically(bytes, to: "\(dataDirectory)/\(NERTagger.Files.lexicon)")
    return bytes.count
  }

  /// A 64-bit hash of the source files' bytes (each with its length; an absent file counts as such).
  public static func fingerprint(dataDirectory: String) throws -> UInt64 {
    var h: UInt64 = 0x6B68_6162_6C65_7831
    for source in sources {
      let path = "\(dataDirectory)/\(source)"
      guard FileIO.exists(path) else {
        h = mix(h, 0xFFFF_FFFF_FFFF_FFFF)
        continue
      }
      h = try MappedFile.withBytes(path: path) { mix(h, bytes: $0) }
    }
    return h
  }

  /// Folds bytes into a hash, eight at a time; every step is a bijection of the state, so
  /// changing any one 8-byte word of the input always changes the result.
  static func mix(_ seed: UInt64, bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h = mix(seed, UInt64(bytes.count))
    let words = bytes.count / 8
    for i in 0..<words { h = mix(h, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
    var tail: UInt64 = 0
    for i in words * 8..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
    return mix(h, tail)
  }

  @inline(__always) static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
    var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 29
    return x
  }
}
