/// What model selection, jackknifing and the final training need of a trainer.
public protocol SequenceTrainer {
  var slotBits: Int { get }
  func train(_ examples: [PerceptronTrainer.Example], epochs: Int, afterEpoch: (Int, LinearChainModel) -> Void)
    -> LinearChainModel
}

extension SequenceTrainer {
  public func train(_ examples: [PerceptronTrainer.Example], epochs: Int) -> LinearChainModel {
    train(examples, epochs: epochs, afterEpoch: { _, _ in })
  }
}

extension PerceptronTrainer: SequenceTrainer {}
