import KhabarClean
import KhabarStage

StageRunner.main(CleanStage.self)
