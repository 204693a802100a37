import Foundation
import KhabarCore
import KhabarExport
import KhabarTestSupport
import Testing

@Suite struct TEIExportTests {
  @Test func fullFixtureIsValidTEI() throws {
    let files = try TEIExporter.export(Fixtures.full())
    try Data(files.analysis).write(to: URL(fileURLWithPath: "/tmp/khabar-analysis.xml"))
    try Data(files.reading).write(to: URL(fileURLWithPath: "/tmp/khabar-reading.xml"))
    #expect(try TEISchema.errors(files.analysis) == [])
    #expect(try TEISchema.errors(files.reading) == [])
  }
}
