import KhabarCore
import Testing

@testable import KhabarCoordinator

/// Decodes pipeline.json text, expecting an error whose message contains `expected`.
private func expectConfigError(_ json: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
  do {
    _ = try PipelineConfig.decode(Array(json.utf8), origin: "p.json")
    Issue.record("expected an error containing \(expected)", sourceLocation: sourceLocation)
  } catch {
    #expect(error.kind == .config, sourceLocation: sourceLocation)
    #expect(error.message.contains(expected), "message was: \(error.message)", sourceLocation: sourceLocation)
    #expect(error.exitCode == 78, sourceLocation: sourceLocation)
  }
}

@Suite struct ConfigTests {
  @Test func decodesTheRepositoryPipeline() throws {
    let config = try PipelineConfig.load("\(TestPathsLite.repoRoot)/pipeline.json")
    #expect(config.version == 1)
    #expect(config.stages.map(\.name) == ["clean", "segment", "tag", "link", "export"])
    #expect(config.register?.executable == "khabar-register")
    #expect(config.register?.stage == "link")
  }

  @Test func defaults() throws {
    let config = try PipelineConfig.decode(Array(#"{"stages":[{"name":"clean"}]}"#.utf8))
    #expect(config.version == 1)
    #expect(config.output == "out")
    #expect(config.jobs == 0)
    #expect(config.input == nil)
    #expect(config.chunkSize == nil)
    #expect(config.stages == [.init(name: "clean", executable: "khabar-clean", options: [:])])
    #expect(config.register == nil)
  }

  @Test func versionNewerThanSupportedNamesBoth() {
    expectConfigError(#"{"version":2,"stages":[{"name":"clean"}]}"#, "\"version\" is 2, newer than this khabar supports (1)")
  }

  @Test func versionMustBePositiveInteger() {
    expectConfigError(#"{"version":"1","stages":[{"name":"clean"}]}"#, "\"version\" must be a positive integer")
    expectConfigError(#"{"version":0,"stages":[{"name":"clean"}]}"#, "\"version\" must be a positive integer")
  }

  @Test func badJSONNamesLineAndColumn() {
    expectConfigError("{\"stages\":[\n  {\"name\": }]}", "p.json:2:12: not valid JSON")
  }

  @Test func unknownKeysNameTheirPath() {
    expectConfigError(#"{"stages":[{"name":"clean"}],"jbos":2}"#, "\"jbos\" is not a known key")
    expectConfigError(#"{"stages":[{"name":"clean","optoins":{}}]}"#, "\"stages[0].optoins\" is not a known key")
    expectConfigError(#"{"stages":[{"name":"link"}],"register":{"exe":"x"}}"#, "\"register.exe\" is not a known key")
  }

  @Test func wrongTypesNameTheirPath() {
    expectConfigError(#"{"stages":[{"name":"clean"}],"jobs":"2"}"#, "\"jobs\" must be an integer, not a string")
    expectConfigError(#"{"stages":[{"name":"clean"}],"jobs":-1}"#, "\"jobs\" must be between 0 and 4096, not -1")
    expectConfigError(#"{"stages":[{"name":"clean"}],"chunkSize":0}"#, "\"chunkSize\" must be between 1")
    expectConfigError(#"{"stages":[{"name":"clean"}],"input":3}"#, "\"input\" must be a string, not a number")
    expectConfigError(#"{"stages":{"name":"clean"}}"#, "\"stages\" must be an array of stages, not an object")
    expectConfigError(#"{"stages":[{"name":"clean","options":[]}]}"#, "\"stages[0].options\" must be an object, not an array")
    expectConfigError(#"[1]"#, "must be an object, not an array")
  }

  @Test func chainShape() {
    expectConfigError(#"{"input":"x"}"#, "\"stages\" is missing")
    expectConfigError(#"{"stages":[]}"#, "\"stages\" is empty")
    expectConfigError(#"{"stages":[{"executable":"x"}]}"#, "\"stages[0].name\" is missing")
    expectConfigError(#"{"stages":[{"name":"clean"},{"name":"clean"}]}"#, "\"stages[1].name\" \"clean\" is already the name of stages[0]")
    expectConfigError(#"{"stages":[{"name":"../x"}]}"#, "is not a valid stage name")
    expectConfigError(#"{"stages":[{"name":"clean"}],"register":{}}"#, "\"register.stage\" \"link\" is not a stage of the chain")
  }

  @Test func duplicateKeysAreErrors() {
    expectConfigError(#"{"stages":[{"name":"clean","name":"tag"}]}"#, "key \"stages[0].name\" is given twice")
  }
}

/// The repository root, without Foundation (the test support's TestPaths needs it).
enum TestPathsLite {
  static var repoRoot: String {
    var path = #filePath
    for _ in 0..<3 { path = FileIO.dirname(of: path) }
    return path
  }
}

/// The summary's numbers, formatted without Foundation.
@Suite struct ConsoleFormatTests {
  @Test func secondsAndDurations() {
    #expect(Console.format(0) == "0.0")
    #expect(Console.format(0.04) == "0.0")
    #expect(Console.format(0.26) == "0.3")
    #expect(Console.format(7.34) == "7.3")
    #expect(Console.format(99.94) == "99.9")
    #expect(Console.format(99.96) == "100.0")
    #expect(Console.format(250.4) == "250")
    #expect(Console.duration(9.6) == "10s")
    #expect(Console.duration(65) == "1m05s")
    #expect(Console.duration(3_725) == "1h02m")
  }
}
