import KhabarExport
import KhabarTestSupport

/// tei_all.rng compiled once for the whole test process (~10 s).
enum TEISchema {
  static let compiled: Result<RelaxNGSchema, any Error> = Result { try RelaxNGSchema(path: TestPaths.schema) }

  /// The validity errors of `bytes` (empty when valid).
  static func errors(_ bytes: [UInt8]) throws -> [XMLError] {
    try compiled.get().validate(bytes)
  }
}
