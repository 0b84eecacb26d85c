import Testing
import NoaberModel
@testable import NoaberMetrics

/// Reach on the fixture (see MetricsFixture.swift for the case table). Wilson bounds computed
/// with the score formula in Python (z = 1.959963984540054), e.g. for 8 / 1000:
/// p = .008, centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
struct ReachTests {
    @Test func countsByHand() throws {
        let r = try Fixture.run(.reach)
        #expect(try r.value("AAA", "2024Q1", "cases") == 12)
        #expect(try r.value("AAA", "2024Q1", "residents_reached") == 8)       // P1…P8
        #expect(try r.value("AAA", "2024Q1", "residents_reached_75plus") == 3) // P1, P2, P4 (born 1940)
        #expect(try r.value("AAA", "2024Q1", "anonymous_cases") == 2)          // c9, c10
        #expect(try r.value("AAA", "2024Q1", "collective_cases") == 1)         // c11
        #expect(try r.value("AAA", "2024Q1", "new_residents") == 7)            // P7 had a case in 2023
        #expect(try r.value("AAA", "2024Q1", "cases_per_1000") == 12)
        #expect(r.row("AAA", "2024Q1", "cases_per_1000")?.n == 1000)
    }

    @Test func ratesWithWilsonIntervals() throws {
        let r = try Fixture.run(.reach)
        let reach = try #require(r.row("AAA", "2024Q1", "reach_per_1000"))
        #expect(reach.value == 8 && reach.n == 1000)
        #expect(close(reach.lower, 4.059195818806103, 1e-6) && close(reach.upper, 15.706334530980143, 1e-6))
        let old = try #require(r.row("AAA", "2024Q1", "reach_75plus_pct"))
        #expect(close(old.value, 1.5) && old.n == 200)                        // 3 / 200
        #expect(close(old.lower, 0.511423779325831, 1e-6) && close(old.upper, 4.316572879269026, 1e-6))
        let new = try #require(r.row("AAA", "2024Q1", "new_residents_pct"))
        #expect(close(new.value, 87.5) && new.n == 8)                         // 7 / 8
        #expect(close(new.lower, 52.91118177871464, 1e-6) && close(new.upper, 97.75825085499433, 1e-6))
    }

    @Test func themeAndSourceMix() throws {
        let r = try Fixture.run(.reach)
        // loneliness: c1, c3, c8; transport: c2, c3; digital: c7, c12
        #expect(try r.value("AAA", "2024Q1", "theme:loneliness") == 3)
        #expect(try r.value("AAA", "2024Q1", "theme:transport") == 2)
        #expect(try r.value("AAA", "2024Q1", "theme:digital") == 2)
        #expect(try r.value("AAA", "2024Q1", "theme:meaning") == 0)
        #expect(close(try r.value("AAA", "2024Q1", "theme_pct:loneliness"), 25))
        // self: c1, c2, c5, c7, c9, c12 = 6 of 12
        let own = try #require(r.row("AAA", "2024Q1", "source_pct:self"))
        #expect(close(own.value, 50) && own.n == 12)
        #expect(close(own.lower, 25.37815976337061, 1e-6) && close(own.upper, 74.6218402366294, 1e-6))
        let sources = Source.allCases.compactMap { r.row("AAA", "2024Q1", "source:" + $0.rawValue)?.value }
        #expect(sources.reduce(0, +) == 12)
        #expect(Theme.allCases.allSatisfy { r.row("AAA", "2024Q1", "theme_pct:" + $0.rawValue) != nil })
    }

    @Test func otherPeriodAndEmptyPeriod() throws {
        let r = try Fixture.run(.reach) { $0.periods = [try period("2023Q4"), try period("2022")] }
        #expect(try r.value("AAA", "2023Q4", "cases") == 1)
        #expect(try r.value("AAA", "2023Q4", "new_residents") == 1)           // P7's first case
        #expect(try r.value("AAA", "2022", "cases") == 0)
        #expect(try r.value("AAA", "2022", "new_residents_pct") == nil)       // 0 residents: no share
        #expect(try r.value("AAA", "2022", "reach_per_1000") == 0)
    }

    @Test func groupingPoolsVillagesAndSumsInhabitants() throws {
        var input = try Fixture.input()
        input.villages.append(Village(code: "BBB", name: "Bornerbroek", municipality: "Gem", inhabitants: 500,
                                      inhabitants75Plus: nil))
        input.cases.append(CaseRecord(village: "BBB", caseID: "b1", personKey: "P1", ageBand: .from75to84,
                                      received: try at("2024-02-02")))
        input.cases.append(CaseRecord(village: "ZZZ", caseID: "z1", personKey: "Q", received: try at("2024-02-02")))
        for grouping in [Grouping.municipality, .all] {
            let options = MetricsOptions(grouping: grouping, periods: [try period("2024Q1")], suppress: false)
            let r = MetricsEngine.compute(.reach, input: input, options: options)
            let key = grouping == .all ? "all" : "Gem"
            #expect(Set(r.rows.map(\.village)) == [key])
            #expect(try r.value(key, "2024Q1", "cases") == 13)               // unknown village ZZZ ignored
            #expect(try r.value(key, "2024Q1", "residents_reached") == 8)    // P1 counted once across villages
            #expect(r.row(key, "2024Q1", "reach_per_1000")?.n == 1500)
            #expect(try r.value(key, "2024Q1", "reach_75plus_pct") == nil)   // BBB's 75+ unknown
        }
    }

    @Test func rowsAreTidyAndSorted() throws {
        let r = try Fixture.run(.all) { $0.today = try day("2024-06-10") }
        #expect(r.rows == r.rows.sorted(by: MetricRow.tidyOrder))
        #expect(Set(r.rows.map { "\($0.village)|\($0.period)|\($0.metric)" }).count == r.rows.count)
    }
}
