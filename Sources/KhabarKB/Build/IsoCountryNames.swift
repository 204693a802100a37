import KhabarCore

/// Arabic country names from Debian's iso-codes (`iso_3166-1.json` + the Arabic `.mo`).
public enum IsoCountryNames {
  /// Paths under an iso-codes installation prefix (usually `/usr/share`).
  public static func paths(prefix: String) -> (json: String, mo: String) {
    ("\(prefix)/iso-codes/json/iso_3166-1.json", "\(prefix)/locale/ar/LC_MESSAGES/iso_3166-1.mo")
  }

  /// alpha-2 code → Arabic names (translations of the common, short and official English names).
  public static func load(prefix: String) throws -> [String: [String]] {
    let (jsonPath, moPath) = paths(prefix: prefix)
    let catalog = try MOCatalog(bytes: try FileIO.read(moPath), path: moPath)
    var r = JSONReader(try FileIO.read(jsonPath))
    var out: [String: [String]] = [:]
    do {
      try r.beginObject()
      while let key = try r.nextKey() {
        guard key == "3166-1" else { try r.skipValue(); continue }
        try r.beginArray()
        while try r.nextElement() {
          var code = "", common = "", name = "", official = ""
          try r.beginObject()
          while let k = try r.nextKey() {
            switch k {
            case "alpha_2": code = try r.readString()
            case "common_name": common = try r.readString()
            case "name": name = try r.readString()
            case "official_name": official = try r.readString()
            default: try r.skipValue()
            }
          }
          var arabic: [String] = []
          for n in [common, name, official] where !n.isEmpty {
            // "إيران، الجمهوريّة الإسلاميّة الإيرانيّة": each comma-separated part is a name.
            for part in (catalog.translations[n] ?? "").split(whereSeparator: { $0 == "،" || $0 == "," }) {
              let t = ArabicNames.tidy(String(part))
              if ArabicNames.isArabicName(t), !arabic.contains(t) { arabic.append(t) }
            }
          }
          if !code.isEmpty, !arabic.isEmpty { out[code] = arabic }
        }
      }
    } catch let e as JSONError {
      throw KBError("\(jsonPath): \(e)")
    }
    return out
  }
}
