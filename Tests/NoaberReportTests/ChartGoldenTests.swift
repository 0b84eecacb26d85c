import Testing
@testable import NoaberReport

@Suite struct ChartGoldenTests {
    @Test func barChartDutch() throws {
        try GoldenFile.check(ChartFixtures.bar.svg(language: .nl), against: "bar-nl.svg")
    }
    @Test func barChartEnglish() throws {
        try GoldenFile.check(ChartFixtures.bar.svg(language: .en), against: "bar-en.svg")
    }
}
