import ArgumentParser

/// Accuracy and speed measurements. Each subcommand prints its numbers on stdout.
@main
struct KhabarEval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "khabar-eval",
    abstract: "Measure Khabar's accuracy and speed against gold data.",
    subcommands: [EvalSegment.self, SegmentStats.self, EvalNER.self, EvalLink.self])
}
