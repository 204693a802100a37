import KhabarExport
import KhabarStage

StageRunner.main(ExportStage.self)
