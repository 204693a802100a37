/// The inputs of the register: the files whose output of the register's stage
/// is current, in input order, each with that output's SHA-256. A view over
/// the run's file list and one digest slot per file, so that nothing per file
/// is made until it is visited (at 10,000 articles a materialised list of
/// paths and hex digests was the coordinator's largest allocation).
public struct RegisterInputs: Sequence, Sendable {
  let files: [InputFile]
  /// One per file of `files`: the digest of its current output, or nil.
  let digests: [HashCache.Digest?]
  /// How many files have a digest.
  public let count: Int

  init(files: [InputFile], digests: [HashCache.Digest?]) {
    precondition(files.count == digests.count)
    self.files = files
    self.digests = digests
    count = digests.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
  }

  public var isEmpty: Bool { count == 0 }

  public struct Iterator: IteratorProtocol {
    let inputs: RegisterInputs
    var index = 0
    public mutating func next() -> (file: InputFile, sha: String)? {
      while index < inputs.files.count {
        defer { index += 1 }
        if let digest = inputs.digests[index] { return (inputs.files[index], digest.hex) }
      }
      return nil
    }
  }

  public func makeIterator() -> Iterator { Iterator(inputs: self) }

  /// The files that have no current output (for the message of `khabar register`), in input order.
  public func missing() -> some Sequence<InputFile> {
    zip(files, digests).lazy.filter { $0.1 == nil }.map(\.0)
  }
}
