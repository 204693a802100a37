import Foundation
import KhabarCore
import KhabarTestSupport
import Testing

/// Runs the built executables on the seed articles, as `make` does, and checks
/// what a user gets: five valid TEI files with names marked and linked, the
/// corpus register and exports, a second run that does no work, and a re-run
/// of one stage that touches nothing else.
@Suite(.serialized) struct PipelineEndToEndTests {
  static let seedStems = ["000_9549ff9fa15f7dea", "001_c10986907f9a4640", "002_ab97100a69363a3a",
                          "003_6e59c3c8b09eb941", "004_c5595748d443b019"]

  /// One pipeline run on the seeds shared by the tests below.
  static let run: Result<String, any Error> = Result {
    let out = try makeTemporaryDirectory()
    let result = try runTool("khabar", ["run", "--config", "\(TestPaths.repoRoot)/pipeline.json",
                                        "--input", TestPaths.seeds, "--out", out, "--jobs", "2", "--quiet"],
                             cwd: TestPaths.repoRoot)
    guard result.status == 0 else {
      throw StageFailure(message: "khabar run exited \(result.status): \(result.stderr)")
    }
    return out
  }

  struct StageFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  @Test func writesOneTEIFilePerSeedWithNamesMarkedAndLinked() throws {
    let out = try Self.run.get()
    for stem in Self.seedStems {
      let tei = try String(contentsOfFile: "\(out)/tei/\(stem).xml", encoding: .utf8)
      #expect(tei.contains("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\""))
      #expect(tei.contains("<placeName"), "no place marked in \(stem)")
      #expect(tei.contains("ref=\"#"), "no linked name in \(stem)")
      #expect(FileManager.default.fileExists(atPath: "\(out)/tei-reading/\(stem).xml"))
    }
    // al-Qaim and Albu Kamal are linked to GeoNames in the article about them.
    let tei = try String(contentsOfFile: "\(out)/tei/000_9549ff9fa15f7dea.xml", encoding: .utf8)
    #expect(tei.contains("92138"), "al-Qaim (GeoNames 92138) not linked")
    #expect(tei.contains("174448"), "Albu Kamal (GeoNames 174448) not linked")
  }

  @Test func registerAndExportsExist() throws {
    let out = try Self.run.get()
    for file in ["tei/corpus-register.xml", "places.geojson", "network.gexf", "entities.csv"] {
      #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "missing \(file)")
    }
    let geojson = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/places.geojson"))))
    #expect(geojson["type"]?.stringValue == "FeatureCollection")
    #expect((geojson["features"]?.arrayValue?.count ?? 0) > 5)
  }

  @Test(.enabled(if: hasCommand("jing"), "jing is not installed (apt-get install jing)"))
  func everyTEIFileIsValidAgainstTeiAll() throws {
    let out = try Self.run.get()
    var files = Self.seedStems.map { "\(out)/tei/\($0).xml" }
    files += Self.seedStems.map { "\(out)/tei-reading/\($0).xml" }
    files.append("\(out)/tei/corpus-register.xml")
    let result = try runTool("/usr/bin/jing", [TestPaths.schema] + files)
    #expect(result.status == 0, "jing: \(result.stdoutText)\(result.stderr)")
  }

  @Test(.enabled(if: hasCommand("xmllint"), "xmllint is not installed (apt-get install libxml2-utils)"))
  func libxml2AcceptsEveryTEIFile() throws {
    let out = try Self.run.get()
    let files = Self.seedStems.map { "\(out)/tei/\($0).xml" } + Self.seedStems.map { "\(out)/tei-reading/\($0).xml" }
    let result = try runTool("/usr/bin/xmllint", ["--noout", "--relaxng", TestPaths.schema] + files)
    #expect(result.status == 0, "xmllint: \(result.stderr)")
  }

  @Test func secondRunDoesNoStageWorkAndRerunTouchesOneStage() throws {
    let out = try Self.run.get()
    let before = try stageOutputTimes(under: "\(out)/work")
    #expect(!before.isEmpty)
    let again = try runTool("khabar", ["run", "--config", "\(TestPaths.repoRoot)/pipeline.json",
                                       "--input", TestPaths.seeds, "--out", out, "--quiet"], cwd: TestPaths.repoRoot)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try stageOutputTimes(under: "\(out)/work") == before, "a second run rewrote stage outputs")

    let rerun = try runTool("khabar", ["run", "--config", "\(TestPaths.repoRoot)/pipeline.json",
                                       "--input", TestPaths.seeds, "--out", out, "--only", "tag", "--force",
                                       "--quiet"], cwd: TestPaths.repoRoot)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let after = try stageOutputTimes(under: "\(out)/work")
    for (path, time) in after {
      if path.contains("/work/tag/") && path.hasSuffix(".jsonl") {
        #expect(time != before[path], "\(path) was not re-run")
      } else if !path.contains("/work/tag/") {
        #expect(time == before[path], "\(path) changed although only tag was re-run")
      }
    }
  }

  @Test func stagesRejectMalformedLinesAndMissingInputs() throws {
    for stage in ["khabar-clean", "khabar-segment", "khabar-tag", "khabar-link", "khabar-export"] {
      let artifacts = ["--artifacts", try makeTemporaryDirectory()]
      let bad = try runTool(stage, ["-"] + artifacts, stdin: Data("{\"id\": \"x\", oops}\n".utf8))
      #expect(bad.status == 65, "\(stage) on a malformed line: \(bad.status) \(bad.stderr)")
      #expect(bad.stderr.contains("<stdin>:1"), "\(stage) does not name input and line: \(bad.stderr)")
      let missing = try runTool(stage, ["/nonexistent/input.jsonl"] + artifacts)
      #expect(missing.status == 66, "\(stage) on a missing input: \(missing.status)")
      let describe = try runTool(stage, ["--describe"])
      #expect(describe.status == 0)
      let info = try JSONValue.parse(Array(describe.stdout))
      #expect(info["name"]?.stringValue == String(stage.dropFirst("khabar-".count)))
    }
  }

  @Test func brokenPipelineJSONIsReportedByName() throws {
    let dir = try makeTemporaryDirectory()
    let config = "\(dir)/pipeline.json"
    try Data("{\"version\": 1, \"stages\": [".utf8).write(to: URL(fileURLWithPath: config))
    let result = try runTool("khabar", ["run", "--config", config, "--input", TestPaths.seeds, "--out", "\(dir)/out"])
    #expect(result.status == 78)
    #expect(result.stderr.contains("pipeline.json"))
  }
}

func hasCommand(_ name: String) -> Bool {
  ["/usr/bin/", "/usr/local/bin/", "/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
}

/// Modification times of the per-stage outputs and cache keys (`work/<stage>/<id>.jsonl|key`).
func stageOutputTimes(under dir: String) throws -> [String: Date] {
  var times: [String: Date] = [:]
  guard let e = FileManager.default.enumerator(atPath: dir) else { return times }
  for case let rel as String in e {
    let path = "\(dir)/\(rel)"
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    guard rel.contains("/"), rel.hasSuffix(".jsonl") || rel.hasSuffix(".key") else { continue }
    if attrs[.type] as? FileAttributeType == .typeRegular, let m = attrs[.modificationDate] as? Date {
      times[path] = m
    }
  }
  return times
}
