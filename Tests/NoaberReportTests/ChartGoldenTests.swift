import NoaberModel
import Testing
@testable import NoaberReport

/// Each chart's SVG, byte for byte, in both languages. To update after an intended change:
/// `NOABER_UPDATE_GOLDEN=1 swift test --filter NoaberReportTests`, then look at the SVGs.
@Suite struct ChartGoldenTests {
    @Test(arguments: ChartFixtures.all.map(\.name), Language.allCases)
    func chartMatchesGoldenFile(name: String, language: Language) throws {
        let chart = try #require(ChartFixtures.all.first { $0.name == name }?.chart)
        try GoldenFile.check(chart.svg(language: language), against: "\(name)-\(language.rawValue).svg")
    }
}
