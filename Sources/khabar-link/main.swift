import KhabarLink
import KhabarStage

StageRunner.main(LinkStage.self)
