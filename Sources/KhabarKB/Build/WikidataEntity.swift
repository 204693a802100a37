import KhabarCore

/// The parts of one Wikidata JSON-dump entity that the knowledge base uses.
public struct WikidataEntity: Sendable, Equatable {
  public var id = ""
  public var labelAr: String?
  public var labelEn: String?
  public var aliasesAr: [String] = []
  public var aliasesEn: [String] = []
  /// P31 (instance of) item ids.
  public var instanceOf: [String] = []
  /// P625 coordinates: [latitude, longitude].
  public var coordinates: [Double]?
  /// P1566 GeoNames id.
  public var geonames: Int?
  public var sitelinks = 0

  /// Parses one dump line: an entity object, optionally followed by a comma. Nil for the array's `[` and `]`.
  public init?(line: [UInt8]) throws {
    var r = JSONReader(line)
    r.skipWhitespace()
    guard r.index < line.count, line[r.index] == UInt8(ascii: "{") else { return nil }
    try r.beginObject()
    while let key = try r.nextKey() {
      switch key {
      case "id": id = try r.readString()
      case "labels":
        try Self.readLanguageMap(&r) { lang, r in
          let value = try Self.readMonolingual(&r)
          if lang == "ar" { labelAr = value } else { labelEn = value }
        }
      case "aliases":
        try Self.readLanguageMap(&r) { lang, r in
          var values: [String] = []
          try r.beginArray()
          while try r.nextElement() { if let v = try Self.readMonolingual(&r) { values.append(v) } }
          if lang == "ar" { aliasesAr = values } else { aliasesEn = values }
        }
      case "claims": try readClaims(&r)
      case "sitelinks":
        try r.beginObject()
        while try r.nextKey() != nil {
          sitelinks += 1
          try r.skipValue()
        }
      default: try r.skipValue()
      }
    }
  }

  /// Calls `body` for the "ar" and "en" members of a {language: value} object; skips the others.
  static func readLanguageMap(_ r: inout JSONReader, _ body: (String, inout JSONReader) throws -> Void) throws {
    try r.beginObject()
    while let lang = try r.nextKey() {
      if lang == "ar" || lang == "en" { try body(lang, &r) } else { try r.skipValue() }
    }
  }

  /// `{"language": "ar", "value": "…"}` → its value.
  static func readMonolingual(_ r: inout JSONReader) throws -> String? {
    var value: String?
    try r.beginObject()
    while let k = try r.nextKey() {
      if k == "value" { value = try r.readString() } else { try r.skipValue() }
    }
    return value
  }

  mutating func readClaims(_ r: inout JSONReader) throws {
    try r.beginObject()
    while let property = try r.nextKey() {
      guard ["P31", "P625", "P1566"].contains(property) else { try r.skipValue(); continue }
      try r.beginArray()
      while try r.nextElement() {
        var rank = "normal"
        var value: JSONValue?
        try r.beginObject()
        while let k = try r.nextKey() {
          switch k {
          case "rank": rank = try r.readString()
          case "mainsnak":
            try r.beginObject()
            while let s = try r.nextKey() {
              if s == "datavalue" {
                try r.beginObject()
                while let d = try r.nextKey() { if d == "value" { value = try r.readValue() } else { try r.skipValue() } }
              } else {
                try r.skipValue()
              }
            }
          default: try r.skipValue()
          }
        }
        guard rank != "deprecated", let value else { continue }
        switch (property, value) {
        case ("P31", .object(let o)):
          if case .string(let q)? = o["id"] { instanceOf.append(q) }
        case ("P625", .object(let o)):
          if coordinates == nil, let lat = o["latitude"]?.number, let lon = o["longitude"]?.number {
            coordinates = [lat, lon]
          }
        case ("P1566", .string(let s)):
          if geonames == nil { geonames = Int(s) }
        default: break
        }
      }
    }
  }
}

extension JSONValue {
  var number: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }
}
