import KhabarStage
import KhabarTag

StageRunner.main(TagStage.self)
