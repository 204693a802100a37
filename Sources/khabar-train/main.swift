import ArgumentParser
import KhabarCore
import KhabarTag

/// `khabar-train`: learns word classes and the NER model into the data folder.
struct KhabarTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "khabar-train",
    abstract: "Train the NER model (data/models) and word classes (data/clusters).")

  @Option(help: "ANERcorp-format training file (TOKEN TAG lines).") var train: String?
  @Option(help: "ANT news archive (.tar.xz) to learn word classes from.") var news: String?
  @Option(help: "GeoNames cities15000.txt for gazetteer names.") var geonames: String?
  @Option(help: "The data folder to write into.") var data = "data"
  @Option(help: "Most epochs to try on the dev split.") var maxEpochs = 25
  @Option(help: "Feature slots = 2^bits.") var slotBits = 20
  @Option(help: "Shuffling seed.") var seed: UInt64 = 4
  @Option(help: "Chance of hiding a token's identity features in a training pass.") var dropout = 0.0
  @Flag(inversion: .prefixedNo, help: "Induce automatic names from the news by self-training.") var autoNames = true
  @Flag(inversion: .prefixedNo, help: "Add names read off the news by the words that introduce them (نادي، شركة، اللاعب، مدينة …).")
  var patternNames = true
  @Option(help: "Training objective: perceptron (averaged structured perceptron) or crf (L2-penalised likelihood, SGD).")
  var objective = "perceptron"
  @Option(help: "CRF: λ of the L2 penalty over all of train.") var crfL2 = 0.2
  @Option(help: "CRF: the first SGD step size.") var crfRate = 0.05
  @Flag(help: "Keep data/clusters if present instead of relearning them.") var reuseClusters = false
  @Option(help: "Training margin: extra score of every wrong label in training decodes.") var margin: Float = 0
  @Option(help: "Extra margin where the gold label is an entity (favours recall).") var recallMargin: Float = 0
  @Flag(help: "Experiments: stop after model selection on dev (no model files written; the name lists in --data are still rewritten, so point --data at a copy).") var devOnly = false
  @Option(help: "Write the dev split as TOKEN GOLD PREDICTED lines here (error analysis).") var devDump: String?
  @Option(help: "Experiments: dev = block k of 10 of train (9 = the last 10%, the default).") var devBlock = 9
  @Flag(help: "No training: rewrite the model files in the current format (same weights) and compile models/ner-lexicon.bin from the lexicon's TSV files.")
  var convertOnly = false

  func run() throws {
    if convertOnly {
      try NERTraining.convert(dataDirectory: data) { printError("khabar-train: \($0)") }
      return
    }
    guard let train else { throw ValidationError("--train is required (unless --convert-only)") }
    var o = NERTraining.Options(trainPath: train, newsArchive: news, geonamesCities: geonames, dataDirectory: data)
    o.maxEpochs = maxEpochs
    o.slotBits = slotBits
    o.seed = seed
    o.reuseClusters = reuseClusters
    o.dropout = dropout
    o.autoNames = autoNames
    o.patternNames = patternNames
    o.objective = objective
    o.crfL2 = crfL2
    o.crfRate = crfRate
    o.devOnly = devOnly
    o.margin = margin
    o.recallMargin = recallMargin
    o.devDump = devDump
    o.devBlock = devBlock
    try NERTraining.run(o) { printError("khabar-train: \($0)") }
  }
}

KhabarTrain.main()
