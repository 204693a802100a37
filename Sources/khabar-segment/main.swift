import KhabarSegment
import KhabarStage

StageRunner.main(SegmentStage.self)
