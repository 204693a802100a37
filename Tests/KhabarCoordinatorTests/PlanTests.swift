import Foundation
import KhabarTestSupport
import KhabarCore
import Testing

@testable import KhabarCoordinator

private func stage(_ name: String, requires: [String], provides: [String],
                   options: [String: JSONValue] = [:]) -> PlannedStage {
  PlannedStage(
    name: name, executable: "/bin/\(name)",
    description: StageDescription(name: name, version: "1.0", requires: requires, provides: provides, options: options),
    options: options)
}

private let clean = stage("clean", requires: ["raw"], provides: ["text", "blocks"])
private let segment = stage("segment", requires: ["text"], provides: ["tokens"])
private let tag = stage("tag", requires: ["tokens"], provides: ["entities"])
private let link = stage("link", requires: ["entities"], provides: ["links"])
private let export = stage("export", requires: ["tokens", "entities", "links"], provides: [])

@Suite struct PlanTests {
  @Test func theNormalChainIsSatisfied() throws {
    try PipelinePlan.checkChain([clean, segment, tag, link, export])
    try PipelinePlan.checkChain([clean])
  }

  @Test func exportBeforeTagNamesWhatIsMissingAndWhoProvidesIt() {
    #expect {
      try PipelinePlan.checkChain([clean, segment, export, tag, link])
    } throws: { error in
      let message = (error as? CoordinatorError)?.message ?? ""
      return message.contains("stages[2] (export) requires entities, links")
        && message.contains("fulfilled: raw, text, blocks, tokens")
        && message.contains("entities is provided by tag, which must come before export")
    }
  }

  @Test func aRequirementNobodyProvides() {
    #expect {
      try PipelinePlan.checkChain([segment])
    } throws: { error in
      (error as? CoordinatorError)?.message == "stages[0] (segment) requires text, which no earlier stage provides (fulfilled: raw)"
    }
  }

  @Test func describeParsing() throws {
    let json = #"{"name":"tag","version":"1.2","schema":1,"summary":"s","requires":["tokens"],"provides":["entities"],"options":{"t":0.5}}"#
    let d = try StageDescription(json: Array(json.utf8), executable: "khabar-tag")
    #expect(d.name == "tag" && d.version == "1.2" && d.requires == ["tokens"] && d.options == ["t": .double(0.5)])
    #expect(throws: CoordinatorError.self) { try StageDescription(json: Array("not json".utf8), executable: "x") }
    #expect(throws: CoordinatorError.self) { try StageDescription(json: Array(#"{"name":"x"}"#.utf8), executable: "x") }
    #expect(throws: CoordinatorError.self) {
      try StageDescription(json: Array(#"{"name":"x","version":"1","requires":[1],"provides":[]}"#.utf8), executable: "x")
    }
  }

  @Test func optionsAreCheckedAgainstTheDefaults() throws {
    let d = StageDescription(name: "tag", version: "1", requires: [], provides: [], options: ["t": .double(0.5), "m": .string("a")])
    #expect(try d.merge(["t": .int(1)], path: "stages[2].options") == ["t": .int(1), "m": .string("a")])
    do {
      _ = try d.merge(["x": .bool(true)], path: "stages[2].options")
      Issue.record("unknown option accepted")
    } catch {
      #expect(error.message == "stages[2].options.x: stage tag has no option \"x\" (known: m, t)")
    }
    do {
      _ = try d.merge(["m": .int(3)], path: "stages[2].options")
      Issue.record("wrong kind accepted")
    } catch {
      #expect(error.message == "stages[2].options.m: option \"m\" of stage tag must be a string, not a number")
    }
  }

  @Test func optionsHashIsCanonical() {
    let a = stage("tag", requires: [], provides: [], options: ["a": .int(1), "b": .string("x")])
    let b = stage("tag", requires: [], provides: [], options: ["b": .string("x"), "a": .int(1)])
    let c = stage("tag", requires: [], provides: [], options: ["a": .int(2), "b": .string("x")])
    #expect(a.optionsHash == b.optionsHash)
    #expect(a.optionsHash != c.optionsHash)
    #expect(a.optionsJSON == #"{"a":1,"b":"x"}"#)
  }
}

@Suite struct DescriptionCacheTests {
  /// A compiled stage is described once: the next plan takes its description
  /// from the cache (here doctored, to prove no process was asked); a script
  /// is asked every time.
  @Test func compiledStagesAreDescribedOnceScriptsEveryTime() throws {
    let dir = try makeTemporaryDirectory()
    let script = "\(dir)/fake-clean"
    try FileIO.writeAtomically(Array(#"""
      #!/bin/sh
      echo '{"name":"clean","options":{},"provides":["text"],"requires":["raw"],"schema":1,"summary":"s","version":"1.0"}'
      """#.utf8), to: script)
    #expect(chmod(script, 0o755) == 0)
    let cachePath = "\(dir)/.stage-descriptions"
    func plan(_ executable: String) throws -> PipelinePlan {
      let config = PipelineConfig(stages: [.init(name: "clean", executable: executable)])
      return try PipelinePlan.make(config, binDir: TestPaths.binaries, children: ChildProcesses(), scratch: dir,
                                   hashes: HashCache(path: "\(dir)/.hash-cache"), descriptionCache: cachePath)
    }
    let real = try plan("khabar-clean")
    let cached = try FileIO.read(cachePath)
    #expect(cached.split(separator: 0x0A).count == 1)
    let doctored = String(decoding: cached, as: UTF8.self)
      .replacingOccurrences(of: "\"version\":\"\(real.stages[0].description.version)\"", with: "\"version\":\"9.9.9\"")
    try FileIO.writeAtomically(Array(doctored.utf8), to: cachePath)
    #expect(try plan("khabar-clean").stages[0].description.version == "9.9.9")

    #expect(try plan(script).stages[0].description.version == "1.0")
    #expect(String(decoding: try FileIO.read(cachePath), as: UTF8.self).split(separator: "\n").count == 1,
            "a script's description is not cached")
  }
}
