import ArgumentParser

struct EvalLink: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "link", abstract: "Not built yet.")
  func run() throws { throw ValidationError("eval link is not built yet") }
}
