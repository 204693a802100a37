import KhabarCore

/// Where the export stage wrote an article's TEI files (relative to the
/// artifacts folder), their SHA-256, and how many annotations were left out.
public struct Exports: Layer, Equatable {
  public static let name = "exports"
  public var tei = ""
  public var teiSha256 = ""
  public var reading = ""
  public var readingSha256 = ""
  /// Annotations not encoded in the analysis flavour (crossing a sentence,
  /// overlapping without nesting, or covering no token).
  public var dropped = 0

  public init(tei: String, teiSha256: String, reading: String, readingSha256: String, dropped: Int) {
    self.tei = tei
    self.teiSha256 = teiSha256
    self.reading = reading
    self.readingSha256 = readingSha256
    self.dropped = dropped
  }

  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "tei": tei = try r.readString()
      case "teiSha256": teiSha256 = try r.readString()
      case "reading": reading = try r.readString()
      case "readingSha256": readingSha256 = try r.readString()
      case "dropped": dropped = try r.readInt()
      default: try r.skipValue()
      }
    }
  }

  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("dropped"); w.int(dropped)
    w.key("reading"); w.string(reading)
    w.key("readingSha256"); w.string(readingSha256)
    w.key("tei"); w.string(tei)
    w.key("teiSha256"); w.string(teiSha256)
    w.endObject()
  }
}
