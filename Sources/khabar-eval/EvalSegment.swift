import ArgumentParser

struct EvalSegment: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "segment", abstract: "Not built yet.")
  func run() throws { throw ValidationError("eval segment is not built yet") }
}
