import ArgumentParser
import KhabarCore
import KhabarStage
import KhabarTag

/// `khabar-eval ner`: precision, recall and F1 on ANERcorp test, and tokens/s.
struct EvalNER: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ner", abstract: "NER precision / recall / F1 per type and micro, and tagging speed.")

  @Option(help: "ANERcorp-format test file (TOKEN TAG lines).") var test: String
  @Option(help: "The data folder holding models/ and clusters/.") var data: String?
  @Option(help: "Timed passes over the test set.") var passes = 5
  @Option(help: "Also write TOKEN GOLD PREDICTED lines here (for error analysis).") var dump: String?

  func run() throws {
    let dataDirectory = data ?? DataLocator.locate()
    let tagger = try NERTagger.load(dataDirectory: dataDirectory)
    print(try NEREvaluation.report(tagger: tagger, testPath: test, dataDirectory: dataDirectory, passes: passes, dump: dump), terminator: "")
  }
}
