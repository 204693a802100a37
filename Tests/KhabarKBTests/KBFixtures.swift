import KhabarCore
import KhabarTestSupport
@testable import KhabarKB

/// Paths and builds shared by the knowledge-base tests.
enum KBFixtures {
  static var root: String { "\(TestPaths.fixtures)/kb" }

  /// Options for the small fixture build: GeoNames sample + iso-codes sample + curated sample.
  static func options(curated: Bool = true) -> KBBuildOptions {
    var o = KBBuildOptions()
    o.geonamesDirectory = "\(root)/geonames"
    o.curatedDirectory = curated ? "\(root)/curated" : nil
    o.isoCodesPrefix = "\(root)/iso"
    o.region = ["IQ", "SY", "IR"]
    return o
  }

  static func build(_ options: KBBuildOptions) throws -> [String: KBEntry] {
    let entries = try KBBuilder.build(options).entries
    return Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
  }

  static func jsonl(_ entries: [KBEntry]) -> String {
    var out = ""
    for e in entries {
      var w = JSONWriter()
      e.write(to: &w)
      out += String(decoding: w.bytes, as: UTF8.self) + "\n"
    }
    return out
  }

  /// The fixture's GeoNames cities of one country.
  static func cities(country: String) throws -> [GeoName] {
    var out: [GeoName] = []
    TSV.forEachLine(try FileIO.read("\(root)/geonames/cities15000.txt")) { line, _ in
      if let g = GeoName(line: line), g.country == country { out.append(g) }
    }
    return out
  }
}
