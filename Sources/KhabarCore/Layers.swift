// The annotation layers of schema 1. Dense layers (tokens, morphs, sentences,
// blocks) use flat offset arrays `[s0, e0, s1, e1, …]` for compactness; sparse
// layers (entities, dates, …) use one object per item.

/// Flat half-open spans `[s0, e0, s1, e1, …]`, in scalar offsets.
public struct Spans: Sendable, Equatable, RandomAccessCollection {
  public var flat: [Int]
  public init(flat: [Int] = []) { self.flat = flat }
  public var startIndex: Int { 0 }
  public var endIndex: Int { flat.count / 2 }
  public subscript(i: Int) -> Range<Int> { flat[2 * i]..<flat[2 * i + 1] }
  public mutating func append(_ r: Range<Int>) {
    flat.append(r.lowerBound)
    flat.append(r.upperBound)
  }
  public mutating func append(_ start: Int, _ end: Int) {
    flat.append(start)
    flat.append(end)
  }
}

// MARK: - clean

/// Structural blocks of the cleaned text: title, byline, dateline, paragraph,
/// and notes (`credit`, `bio`, `handle`, `source`, `caption`).
public struct Blocks: Layer, Equatable {
  public static let name = "blocks"
  public var spans = Spans()
  public var kinds: [String] = []
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "spans": spans = Spans(flat: try r.readIntArray())
      case "kinds": kinds = try r.readStringArray()
      default: try r.skipValue()
      }
    }
    guard kinds.count == spans.count else { throw r.error("blocks: kinds and spans differ in length") }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("kinds"); w.stringArray(kinds)
    w.key("spans"); w.intArray(spans.flat)
    w.endObject()
  }
}

/// Material `clean` took out of the text, kept so nothing is lost:
/// ad markers, a repeated title, empty scraper lines.
public struct Removed: Layer, Equatable {
  public static let name = "removed"
  public struct Item: Sendable, Equatable {
    public var kind: String
    /// Raw byte range in the source file.
    public var raw: Range<Int>
    public var text: String
    public init(kind: String, raw: Range<Int>, text: String) {
      self.kind = kind
      self.raw = raw
      self.text = text
    }
  }
  public var items: [Item] = []
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginArray()
    while try r.nextElement() {
      var kind = "", raw = [0, 0], text = ""
      try r.beginObject()
      while let k = try r.nextKey() {
        switch k {
        case "kind": kind = try r.readString()
        case "raw": raw = try r.readIntArray()
        case "text": text = try r.readString()
        default: try r.skipValue()
        }
      }
      guard raw.count == 2, raw[0] <= raw[1] else { throw r.error("removed: raw must be [start, end]") }
      items.append(Item(kind: kind, raw: raw[0]..<raw[1], text: text))
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginArray()
    for item in items {
      w.beginObject()
      w.key("kind"); w.string(item.kind)
      w.key("raw"); w.intArray([item.raw.lowerBound, item.raw.upperBound])
      w.key("text"); w.string(item.text)
      w.endObject()
    }
    w.endArray()
  }
}

/// Inline spans inside a block that are not the author's words, e.g. a photo
/// credit "(غيتي)" in the middle of a paragraph.
public struct Marks: Layer, Equatable {
  public static let name = "marks"
  public var spans = Spans()
  public var kinds: [String] = []
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "spans": spans = Spans(flat: try r.readIntArray())
      case "kinds": kinds = try r.readStringArray()
      default: try r.skipValue()
      }
    }
    guard kinds.count == spans.count else { throw r.error("marks: kinds and spans differ in length") }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("kinds"); w.stringArray(kinds)
    w.key("spans"); w.intArray(spans.flat)
    w.endObject()
  }
}

// MARK: - segment

public struct Sentences: Layer, Equatable {
  public static let name = "sentences"
  public var spans = Spans()
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "spans": spans = Spans(flat: try r.readIntArray())
      default: try r.skipValue()
      }
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("spans"); w.intArray(spans.flat)
    w.endObject()
  }
}

/// Orthographic tokens. `kinds` holds one ASCII code per token:
/// `w` word, `n` number (incl. percentages), `l` Latin word, `p` punctuation,
/// `u` URL, `e` e-mail, `h` @handle, `t` #hashtag, `s` other symbol.
public struct Tokens: Layer, Equatable {
  public static let name = "tokens"
  public var spans = Spans()
  public var kinds: [UInt8] = []
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "spans": spans = Spans(flat: try r.readIntArray())
      case "kinds": kinds = Array(try r.readString().utf8)
      default: try r.skipValue()
      }
    }
    guard kinds.count == spans.count else { throw r.error("tokens: kinds and spans differ in length") }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("kinds"); w.string(String(decoding: kinds, as: UTF8.self))
    w.key("spans"); w.intArray(spans.flat)
    w.endObject()
  }
}

/// Clitic segmentation: parts that exactly tile every token, in order.
/// `roles` holds one ASCII code per part: `x` an unsplit token, `p` a
/// proclitic (و ف ب ك ل س), `a` the article ال (or the ل of لل), `s` a stem,
/// `e` an enclitic pronoun.
public struct Morphs: Layer, Equatable {
  public static let name = "morphs"
  public var spans = Spans()
  public var roles: [UInt8] = []
  public init() {}
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "spans": spans = Spans(flat: try r.readIntArray())
      case "roles": roles = Array(try r.readString().utf8)
      default: try r.skipValue()
      }
    }
    guard roles.count == spans.count else { throw r.error("morphs: roles and spans differ in length") }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("roles"); w.string(String(decoding: roles, as: UTF8.self))
    w.key("spans"); w.intArray(spans.flat)
    w.endObject()
  }
}

// MARK: - tag

/// Named entities: PER, LOC, ORG, MISC. Spans exclude attached proclitics.
public struct Entities: Layer, Equatable {
  public static let name = "entities"
  public struct Item: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var type: String
    /// Confidence in [0, 1] (TEI @cert).
    public var cert: Double
    /// What found it: "model", "kb", "rule".
    public var source: String
    public init(start: Int, end: Int, type: String, cert: Double, source: String) {
      self.start = start
      self.end = end
      self.type = type
      self.cert = cert
      self.source = source
    }
  }
  public var items: [Item] = []
  public init(items: [Item] = []) { self.items = items }
  public init(from r: inout JSONReader) throws {
    try r.beginArray()
    while try r.nextElement() {
      var item = Item(start: 0, end: 0, type: "", cert: 0, source: "")
      try r.beginObject()
      while let k = try r.nextKey() {
        switch k {
        case "start": item.start = try r.readInt()
        case "end": item.end = try r.readInt()
        case "type": item.type = try r.readString()
        case "cert": item.cert = try r.readDouble()
        case "source": item.source = try r.readString()
        default: try r.skipValue()
        }
      }
      items.append(item)
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginArray()
    for e in items {
      w.beginObject()
      w.key("cert"); w.double(roundCert(e.cert))
      w.key("end"); w.int(e.end)
      w.key("source"); w.string(e.source)
      w.key("start"); w.int(e.start)
      w.key("type"); w.string(e.type)
      w.endObject()
    }
    w.endArray()
  }
}

/// Temporal expressions. `when` is an ISO/W3C value (`2017-11`, `2014`,
/// `--12-06`) or nil for an unresolved relative date; Hijri dates also carry
/// `calendar: "hijri"` and `whenCustom`.
public struct Dates: Layer, Equatable {
  public static let name = "dates"
  public struct Item: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var when: String?
    public var calendar: String?
    public var whenCustom: String?
    public var cert: Double
    public init(start: Int, end: Int, when: String?, calendar: String? = nil, whenCustom: String? = nil, cert: Double) {
      self.start = start
      self.end = end
      self.when = when
      self.calendar = calendar
      self.whenCustom = whenCustom
      self.cert = cert
    }
  }
  public var items: [Item] = []
  public init(items: [Item] = []) { self.items = items }
  public init(from r: inout JSONReader) throws {
    try r.beginArray()
    while try r.nextElement() {
      var item = Item(start: 0, end: 0, when: nil, cert: 0)
      try r.beginObject()
      while let k = try r.nextKey() {
        switch k {
        case "start": item.start = try r.readInt()
        case "end": item.end = try r.readInt()
        case "when": item.when = try r.readString()
        case "calendar": item.calendar = try r.readString()
        case "whenCustom": item.whenCustom = try r.readString()
        case "cert": item.cert = try r.readDouble()
        default: try r.skipValue()
        }
      }
      items.append(item)
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginArray()
    for d in items {
      w.beginObject()
      if let c = d.calendar { w.key("calendar"); w.string(c) }
      w.key("cert"); w.double(roundCert(d.cert))
      w.key("end"); w.int(d.end)
      w.key("start"); w.int(d.start)
      if let v = d.when { w.key("when"); w.string(v) }
      if let v = d.whenCustom { w.key("whenCustom"); w.string(v) }
      w.endObject()
    }
    w.endArray()
  }
}

/// Quantities: number + unit, for TEI `measure` (@quantity, @unit).
public struct Measures: Layer, Equatable {
  public static let name = "measures"
  public struct Item: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var quantity: String
    public var unit: String
    public init(start: Int, end: Int, quantity: String, unit: String) {
      self.start = start
      self.end = end
      self.quantity = quantity
      self.unit = unit
    }
  }
  public var items: [Item] = []
  public init(items: [Item] = []) { self.items = items }
  public init(from r: inout JSONReader) throws {
    try r.beginArray()
    while try r.nextElement() {
      var item = Item(start: 0, end: 0, quantity: "", unit: "")
      try r.beginObject()
      while let k = try r.nextKey() {
        switch k {
        case "start": item.start = try r.readInt()
        case "end": item.end = try r.readInt()
        case "quantity": item.quantity = try r.readString()
        case "unit": item.unit = try r.readString()
        default: try r.skipValue()
        }
      }
      items.append(item)
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginArray()
    for m in items {
      w.beginObject()
      w.key("end"); w.int(m.end)
      w.key("quantity"); w.string(m.quantity)
      w.key("start"); w.int(m.start)
      w.key("unit"); w.string(m.unit)
      w.endObject()
    }
    w.endArray()
  }
}

// MARK: - link

/// One link per entity (same order and count as `entities`).
public struct Links: Layer, Equatable {
  public static let name = "links"
  public struct Item: Sendable, Equatable {
    /// Index into the `entities` layer.
    public var entity: Int
    /// Key into the `records` layer, e.g. `wd.Q1530`, `gn.92138`, `kh.place.…`.
    public var ref: String
    public var cert: Double
    /// How it was linked: "kb", "coref", "nil" (not in the knowledge base).
    public var method: String
    public init(entity: Int, ref: String, cert: Double, method: String) {
      self.entity = entity
      self.ref = ref
      self.cert = cert
      self.method = method
    }
  }
  public var items: [Item] = []
  public init(items: [Item] = []) { self.items = items }
  public init(from r: inout JSONReader) throws {
    try r.beginArray()
    while try r.nextElement() {
      var item = Item(entity: 0, ref: "", cert: 0, method: "")
      try r.beginObject()
      while let k = try r.nextKey() {
        switch k {
        case "entity": item.entity = try r.readInt()
        case "ref": item.ref = try r.readString()
        case "cert": item.cert = try r.readDouble()
        case "method": item.method = try r.readString()
        default: try r.skipValue()
        }
      }
      items.append(item)
    }
  }
  public func write(to w: inout JSONWriter) {
    w.beginArray()
    for l in items {
      w.beginObject()
      w.key("cert"); w.double(roundCert(l.cert))
      w.key("entity"); w.int(l.entity)
      w.key("method"); w.string(l.method)
      w.key("ref"); w.string(l.ref)
      w.endObject()
    }
    w.endArray()
  }
}

/// The authority records the links point at, keyed by record id, so that
/// export and the corpus register need no knowledge base.
public struct Records: Layer, Equatable {
  public static let name = "records"
  public var records: [String: AuthorityRecord] = [:]
  public init(records: [String: AuthorityRecord] = [:]) { self.records = records }
  public init(from r: inout JSONReader) throws {
    try r.beginObject()
    while let k = try r.nextKey() { records[k] = try AuthorityRecord(from: &r) }
  }
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    for k in records.keys.sorted() {
      w.key(k)
      records[k]!.write(to: &w)
    }
    w.endObject()
  }
}

/// An authority record: a person, place, organisation or other entity.
///
/// A value type whose fields live in one copy-on-write box: the linker hands
/// out a knowledge-base record for every mention, and copying a box is one
/// reference count where copying seven fields is seven.
public struct AuthorityRecord: Sendable, Equatable {
  /// "person", "place", "org" or "misc".
  public var type: String {
    get { storage.fields.type }
    _modify { yield &unique().fields.type }
  }
  /// Arabic names, preferred first.
  public var ar: [String] {
    get { storage.fields.ar }
    _modify { yield &unique().fields.ar }
  }
  /// English label.
  public var en: String? {
    get { storage.fields.en }
    _modify { yield &unique().fields.en }
  }
  /// Identifiers by authority: "wikidata" → "Q1530", "geonames" → "98182".
  public var ids: [String: String] {
    get { storage.fields.ids }
    _modify { yield &unique().fields.ids }
  }
  /// Latitude and longitude (WGS84), for places.
  public var geo: [Double]? {
    get { storage.fields.geo }
    _modify { yield &unique().fields.geo }
  }
  /// How precise the coordinates are: "point", "city", "region", "country".
  public var precision: String? {
    get { storage.fields.precision }
    _modify { yield &unique().fields.precision }
  }
  /// ISO 3166 alpha-2 country code, where known.
  public var country: String? {
    get { storage.fields.country }
    _modify { yield &unique().fields.country }
  }

  private var storage: Storage

  public init(type: String, ar: [String], en: String? = nil, ids: [String: String] = [:],
              geo: [Double]? = nil, precision: String? = nil, country: String? = nil) {
    storage = Storage(Fields(type: type, ar: ar, en: en, ids: ids, geo: geo, precision: precision, country: country))
  }

  public static func == (a: AuthorityRecord, b: AuthorityRecord) -> Bool {
    a.storage === b.storage || a.storage.fields == b.storage.fields
  }

  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    return storage
  }

  private struct Fields: Equatable {
    var type: String, ar: [String], en: String?, ids: [String: String], geo: [Double]?, precision: String?
    var country: String?
  }

  /// The fields' box. Mutated only through `unique()`, i.e. when it has a
  /// single owner, so sharing it across threads is safe.
  private final class Storage: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  public init(from r: inout JSONReader) throws {
    self.init(type: "", ar: [])
    try r.beginObject()
    while let k = try r.nextKey() {
      switch k {
      case "type": type = try r.readString()
      case "ar": ar = try r.readStringArray()
      case "en": en = try r.readString()
      case "ids": ids = try r.readStringMap()
      case "geo": geo = try r.readDoubleArray()
      case "precision": precision = try r.readString()
      case "country": country = try r.readString()
      default: try r.skipValue()
      }
    }
  }

  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("ar"); w.stringArray(ar)
    if let country { w.key("country"); w.string(country) }
    if let en { w.key("en"); w.string(en) }
    if let geo { w.key("geo"); w.doubleArray(geo) }
    if !ids.isEmpty { w.key("ids"); w.stringMap(ids) }
    if let precision { w.key("precision"); w.string(precision) }
    w.key("type"); w.string(type)
    w.endObject()
  }
}

/// Certainties are written with at most 4 decimals so output is stable and small.
@inline(__always) func roundCert(_ c: Double) -> Double { (c * 10_000).rounded() / 10_000 }
