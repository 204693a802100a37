import ArgumentParser
import Foundation
import KhabarCore
import KhabarKB

/// `khabar-kb`: the knowledge-base tool.
struct KBCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "khabar-kb",
    abstract: "Build and inspect Khabar's knowledge base (data/kb/entries.jsonl).",
    subcommands: [Build.self, Lookup.self, Check.self])
}

extension KBCommand {
  /// `khabar-kb build`: writes entries.jsonl and README.md.
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the knowledge base from GeoNames, iso-codes, curated tables and optional dumps.")

    @Option(help: "Folder with GeoNames cities15000.txt, countryInfo.txt and admin1CodesASCII.txt.")
    var geonames: String?

    @Option(help: "Folder of curated *.tsv tables (data/curated).")
    var curated: String?

    @Option(help: "Install prefix of Debian's iso-codes, for Arabic country names ('none' to skip).")
    var isoCodes = "/usr/share"

    @Option(help: "A full GeoNames allCountries.txt, streamed (optional).")
    var allCountries: String?

    @Option(help: "GeoNames alternateNamesV2.txt, streamed; only Arabic ('ar') names are taken (optional).")
    var alternateNames: String?

    @Option(help: "A Wikidata JSON dump, one entity per line ('-' = stdin, e.g. from gzip -dc) (optional).")
    var wikidata: String?

    @Option(help: "Comma-separated ISO codes of the countries whose places are taken (default: the Middle East, the Arab League and neighbours).")
    var countries: String?

    @Option(help: "Cities outside those countries are taken from this population up, if they have Arabic names.")
    var worldCityPopulation = 1_000_000

    @Option(help: "Wikidata persons and organisations need at least this many sitelinks.")
    var minSitelinks = 5

    @Option(help: "Output folder (entries.jsonl, README.md).")
    var out: String

    func run() throws {
      var options = KBBuildOptions()
      options.geonamesDirectory = geonames
      options.curatedDirectory = curated
      options.isoCodesPrefix = isoCodes == "none" ? nil : isoCodes
      options.allCountries = allCountries
      options.alternateNames = alternateNames
      options.wikidata = wikidata
      options.region = countries.map { Set($0.split(separator: ",").map { String($0).uppercased() }) }
      options.worldCityPopulation = worldCityPopulation
      options.wikidataMinSitelinks = minSitelinks
      do {
        let (entries, notes) = try KBBuilder.build(options)
        try KBWriter.write(entries, notes: notes, command: CommandLine.arguments, to: out)
        for n in notes { printError("khabar-kb: \(n)") }
        printError("khabar-kb: wrote \(entries.count) entries to \(out)/entries.jsonl")
      } catch let e as KBError {
        printError("khabar-kb: error: \(e)")
        throw ExitCode(65)
      } catch let e as IOError {
        printError("khabar-kb: error: \(e)")
        throw ExitCode(e.missing ? 66 : 74)
      }
    }
  }

  /// `khabar-kb lookup`: prints the entries a name matches.
  struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the entries whose names match (after ArabicText.matchKey).")

    @Option(help: "The data folder holding kb/entries.jsonl.")
    var data = "data"

    @Argument(help: "Names to look up.")
    var names: [String]

    func run() throws {
      let kb = try loadReportingErrors(data)
      for name in names {
        for e in kb.candidates(matchKey: ArabicText.matchKey(name)) {
          var w = JSONWriter()
          e.write(to: &w)
          print(String(decoding: w.bytes, as: UTF8.self))
        }
      }
    }
  }
}

extension KBCommand {
  /// `khabar-kb check`: loads the knowledge base, checks it and prints counts and the load time.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load data/kb, check ids are unique, and print counts and the load time (a benchmark).")

    @Option(help: "The data folder holding kb/entries.jsonl.")
    var data = "data"

    @Option(help: "Load this many times and report the fastest and the median.")
    var runs = 5

    func run() throws {
      var times: [Double] = []
      var loaded: KnowledgeBase?
      for _ in 0..<max(1, runs) {
        let start = ContinuousClock.now
        loaded = try loadReportingErrors(data)
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
      }
      guard let kb = loaded else { return }
      let problems = KBCheck.problems(kb)
      var byType: [String: Int] = [:]
      for e in kb.entries { byType[e.type, default: 0] += 1 }
      times.sort()
      print("entries \(kb.entries.count) (\(byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))")
      print("arabic names \(kb.entries.reduce(0) { $0 + $1.ar.count }), longest name \(kb.maxNameWords) words")
      print(String(format: "load ms: fastest %.1f, median %.1f (%d runs)", times[0], times[times.count / 2], times.count))
      for p in problems { printError("khabar-kb: problem: \(p)") }
      if !problems.isEmpty { throw ExitCode(65) }
    }
  }
}

/// Loads the knowledge base; a missing file exits 66, a bad one 65, each with a message.
func loadReportingErrors(_ data: String) throws -> KnowledgeBase {
  do {
    return try KnowledgeBase.load(dataDirectory: data)
  } catch let e as IOError {
    printError("khabar-kb: error: \(e)")
    throw ExitCode(e.missing ? 66 : 74)
  } catch {
    printError("khabar-kb: error: \(error)")
    throw ExitCode(65)
  }
}

func printError(_ message: String) {
  var line = Array(message.utf8)
  line.append(0x0A)
  _ = try? FileIO.writeAll(2, line, path: "stderr")
}
