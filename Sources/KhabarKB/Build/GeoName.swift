/// One row of a GeoNames "geoname" table (`cities15000.txt`, `allCountries.txt`).
public struct GeoName: Sendable, Equatable {
  public var id: Int
  public var name: String
  public var alternateNames: [String]
  public var latitude: Double
  public var longitude: Double
  public var featureClass: String
  public var featureCode: String
  public var country: String
  public var admin1: String
  public var population: Int

  /// Parses one 19-column row; nil if the row is malformed.
  public init?(line: ArraySlice<UInt8>) {
    let f = TSV.fields(line)
    guard f.count >= 15, let id = Int(f[0]), let lat = Double(f[4]), let lon = Double(f[5]) else { return nil }
    self.id = id
    self.name = f[1]
    self.alternateNames = f[3].isEmpty ? [] : f[3].split(separator: ",").map(String.init)
    self.latitude = lat
    self.longitude = lon
    self.featureClass = f[6]
    self.featureCode = f[7]
    self.country = f[8]
    self.admin1 = f[10]
    self.population = Int(f[14]) ?? 0
  }

  /// The Arabic names among `alternateNames` (Persian, Kurdish, Urdu dropped), in file order.
  public var arabicNames: [String] {
    var seen = Set<String>()
    return alternateNames.map(ArabicNames.tidy).filter { ArabicNames.isArabicName($0) && seen.insert($0).inserted }
  }
}

/// One row of GeoNames' `countryInfo.txt`.
public struct CountryInfo: Sendable, Equatable {
  public var iso: String
  public var name: String
  public var capital: String
  public var population: Int
  public var geonameID: Int
  public var neighbours: [String]

  /// Parses one row; nil for comments and malformed rows.
  public init?(line: ArraySlice<UInt8>) {
    guard line.first != UInt8(ascii: "#") else { return nil }
    let f = TSV.fields(line)
    guard f.count >= 18, f[0].count == 2, let id = Int(f[16]) else { return nil }
    iso = f[0]
    name = f[4]
    capital = f[5]
    population = Int(f[7]) ?? 0
    geonameID = id
    neighbours = f[17].split(separator: ",").map(String.init)
  }
}
