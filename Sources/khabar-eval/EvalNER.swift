import ArgumentParser

struct EvalNER: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "ner", abstract: "Not built yet.")
  func run() throws { throw ValidationError("eval ner is not built yet") }
}
