#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A country's point for maps: the centre of its GeoNames cities of 15,000 people
/// or more, taken on the sphere (the mean of their unit vectors, so a country
/// across the 180th meridian is not averaged to the other side of the world).
/// GeoNames' `countryInfo.txt` gives countries no coordinates; this point stands
/// for the whole country (precision `country`), like a governorate's rough centre.
struct CountryCentre {
  private var x = 0.0, y = 0.0, z = 0.0
  private(set) var cities = 0

  mutating func add(_ city: GeoName) {
    let lat = city.latitude * .pi / 180, lon = city.longitude * .pi / 180
    x += cos(lat) * cos(lon)
    y += cos(lat) * sin(lon)
    z += sin(lat)
    cities += 1
  }

  /// [latitude, longitude] rounded to 4 decimals (about 10 m), or nil without cities or when they
  /// cancel out (cities all round the globe have no centre).
  var point: [Double]? {
    let horizontal = (x * x + y * y).squareRoot()
    guard cities > 0, (horizontal * horizontal + z * z).squareRoot() > 1e-9 * Double(cities) else { return nil }
    func rounded(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
    return [rounded(atan2(z, horizontal) * 180 / .pi), rounded(atan2(y, x) * 180 / .pi)]
  }
}
