// MARK: - Reading and writing a Document as one JSON line

extension Document {
  /// Decodes one JSON Lines record. Unknown top-level keys are an error, so
  /// typos do not pass silently; unknown layers are kept.
  public init(jsonLine bytes: [UInt8]) throws {
    var r = JSONReader(bytes)
    var id: String?
    var source: Source?
    var schema = 1
    var raw: String?
    var text: String?
    var offsets: OffsetMap?
    var meta: [String: String] = [:]
    var layers: [String: RawJSON] = [:]
    var provenance: [Provenance] = []
    try r.beginObject()
    while let key = try r.nextKey() {
      switch key {
      case "schema": schema = try r.readInt()
      case "id": id = try r.readString()
      case "raw": raw = try r.readString()
      case "text": text = try r.readString()
      case "offsets": offsets = OffsetMap(anchors: try r.readIntArray())
      case "source":
        var path: String?, sha: String?, size: Int?, part: Part?
        try r.beginObject()
        while let k = try r.nextKey() {
          switch k {
          case "path": path = try r.readString()
          case "sha256": sha = try r.readString()
          case "bytes": size = try r.readInt()
          case "part": part = try Self.readPart(&r)
          default: try r.skipValue()
          }
        }
        guard let path else { throw RecordError.missingField("source.path") }
        source = Source(path: path, sha256: sha ?? "", bytes: size ?? 0, part: part)
      case "meta":
        try r.beginObject()
        while let k = try r.nextKey() { meta[k] = try r.readString() }
      case "layers":
        try r.beginObject()
        while let k = try r.nextKey() { layers[k] = try r.readRaw() }
      case "provenance":
        try r.beginArray()
        while try r.nextElement() {
          var stage = "", version = "", options = ""
          try r.beginObject()
          while let k = try r.nextKey() {
            switch k {
            case "stage": stage = try r.readString()
            case "version": version = try r.readString()
            case "options": options = try r.readString()
            default: try r.skipValue()
            }
          }
          provenance.append(Provenance(stage: stage, version: version, options: options))
        }
      default:
        throw RecordError.invalid("unknown field \"\(key)\"")
      }
    }
    try r.expectEnd()
    guard schema <= Document.schemaVersion else { throw RecordError.unsupportedSchema(schema) }
    guard let id else { throw RecordError.missingField("id") }
    guard let source else { throw RecordError.missingField("source") }
    self.init(id: id, source: source, raw: raw, text: text)
    self.schema = schema
    self.offsets = offsets
    self.meta = meta
    self.layers = layers
    self.provenance = provenance
    if let offsets, let text {
      try offsets.validate(textLength: text.unicodeScalars.count)
    }
  }

  /// `source.part`: `{"count", "index", "offset"}`, all required, 1 ≤ index ≤ count.
  private static func readPart(_ r: inout JSONReader) throws -> Part {
    var index: Int?, count: Int?, offset: Int?
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "index": index = try r.readInt()
      case "count": count = try r.readInt()
      case "offset": offset = try r.readInt()
      default: try r.skipValue()
      }
    }
    guard let index else { throw RecordError.missingField("source.part.index") }
    guard let count else { throw RecordError.missingField("source.part.count") }
    guard let offset else { throw RecordError.missingField("source.part.offset") }
    guard 1 <= index, index <= count, offset >= 0 else {
      throw RecordError.invalid("source.part must have 1 ≤ index ≤ count and offset ≥ 0")
    }
    return Part(index: index, count: count, offset: offset)
  }

  /// Encodes the record as one JSON line (without the newline), keys sorted.
  public func jsonLine() -> [UInt8] {
    var w = JSONWriter(capacity: (text?.utf8.count ?? raw?.utf8.count ?? 0) * 3 + 256)
    write(to: &w)
    return w.bytes
  }

  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("id"); w.string(id)
    if !layers.isEmpty {
      w.key("layers")
      w.beginObject()
      for name in layers.keys.sorted() {
        w.key(name)
        w.raw(layers[name]!)
      }
      w.endObject()
    }
    if !meta.isEmpty {
      w.key("meta")
      w.beginObject()
      for k in meta.keys.sorted() {
        w.key(k)
        w.string(meta[k]!)
      }
      w.endObject()
    }
    if let offsets {
      w.key("offsets")
      w.intArray(offsets.anchors)
    }
    if !provenance.isEmpty {
      w.key("provenance")
      w.beginArray()
      for p in provenance {
        w.beginObject()
        w.key("options"); w.string(p.options)
        w.key("stage"); w.string(p.stage)
        w.key("version"); w.string(p.version)
        w.endObject()
      }
      w.endArray()
    }
    if let raw {
      w.key("raw"); w.string(raw)
    }
    w.key("schema"); w.int(schema)
    w.key("source")
    w.beginObject()
    w.key("bytes"); w.int(source.bytes)
    if let part = source.part {
      w.key("part")
      w.beginObject()
      w.key("count"); w.int(part.count)
      w.key("index"); w.int(part.index)
      w.key("offset"); w.int(part.offset)
      w.endObject()
    }
    w.key("path"); w.string(source.path)
    w.key("sha256"); w.string(source.sha256)
    w.endObject()
    if let text {
      w.key("text"); w.string(text)
    }
    w.endObject()
  }
}
