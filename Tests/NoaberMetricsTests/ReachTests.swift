import NoaberTestSupport
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
        // 2022 lies before the village's registration start: no figure at all, never a zero.
        #expect(r.row("AAA", "2022", "cases") == nil)
        #expect(r.row("AAA", "2022", "reach_per_1000") == nil)
        #expect(try r.value("AAA", "2022", "coverage_pct") == 0)
        #expect(try r.value("AAA", "2023Q4", "coverage_pct") == 100)
    }

    /// A covered period without a case is a real zero (the village registered and nobody came).
    @Test func aCoveredPeriodWithoutCasesIsAZero() throws {
        let r = try Fixture.run(.reach) { $0.periods = [try period("2023-10")] }
        #expect(try r.value("AAA", "2023-10", "cases") == 0)
        #expect(try r.value("AAA", "2023-10", "reach_per_1000") == 0)
        #expect(try r.value("AAA", "2023-10", "new_residents_pct") == nil)     // 0 residents: no share
    }

    @Test func groupingPoolsVillagesAndSumsInhabitants() throws {
        var input = try Fixture.input()
        input.villages.append(Village(code: "BBB", name: "Bornerbroek", municipality: "Gem", inhabitants: 500,
                                      inhabitants75Plus: nil, registrationStart: try day("2024-01-01")))
        input.asOf["BBB"] = try day("2024-05-31")
        input.cases.append(CaseRecord(village: "BBB", caseID: "b1", personKey: "P1", ageBand: .from75to84,
                                      received: try at("2024-02-02")))
        input.cases.append(CaseRecord(village: "ZZZ", caseID: "z1", personKey: "Q", received: try at("2024-02-02")))
        for scope in IdentityScope.allCases {
            input.idScope = ["AAA": scope, "BBB": scope]
            for grouping in [Grouping.municipality, .all] {
                let options = MetricsOptions(grouping: grouping, periods: [try period("2024Q1")], suppress: false)
                let r = MetricsEngine.compute(.reach, input: input, options: options)
                let key = grouping == .all ? "all" : "Gem"
                #expect(Set(r.rows.map(\.village)) == [key])
                #expect(try r.value(key, "2024Q1", "cases") == 13)               // unknown village ZZZ ignored
                // Key P1 in AAA and in BBB: two residents when each village numbers its own,
                // one when the municipality shares one key system.
                #expect(try r.value(key, "2024Q1", "residents_reached") == (scope == .village ? 9 : 8))
                #expect(r.row(key, "2024Q1", "reach_per_1000")?.n == 1500)
                #expect(try r.value(key, "2024Q1", "reach_75plus_pct") == nil)   // BBB's 75+ unknown
                #expect(try r.value(key, "2024Q1", "villages_covered") == 2)
            }
        }
    }

    /// A village whose data cover the period only partly is left out of every pooled figure that
    /// grows with time, denominators included, and counted as partly covered.
    @Test func aPartlyCoveredVillageIsLeftOutOfPooledCounts() throws {
        var input = try Fixture.input()
        // BBB's export was made on 2024-02-15: half of 2024Q1 is not in its data.
        input.villages.append(Village(code: "BBB", name: "Bornerbroek", municipality: "Gem", inhabitants: 500,
                                      inhabitants75Plus: 60, registrationStart: try day("2024-01-01")))
        input.asOf["BBB"] = try day("2024-02-15")
        input.cases.append(CaseRecord(village: "BBB", caseID: "b1", personKey: "Q1", received: try at("2024-02-02")))
        var options = MetricsOptions(grouping: .all, periods: [try period("2024Q1")], suppress: false)
        let r = MetricsEngine.compute(.reach, input: input, options: options)
        #expect(try r.value("all", "2024Q1", "cases") == 12)               // AAA's alone
        #expect(r.row("all", "2024Q1", "reach_per_1000")?.n == 1000)       // AAA's inhabitants alone
        #expect(try r.value("all", "2024Q1", "reach_75plus_pct").map { abs($0 - 1.5) < 1e-12 } == true)   // 3 / 200
        #expect(try r.value("all", "2024Q1", "villages_covered") == 1)
        #expect(try r.value("all", "2024Q1", "villages_partly_covered") == 1)
        #expect(try r.value("all", "2024Q1", "villages_without_data") == 0)
        // BBB's own rows: the share of days covered (46 of 91), no count.
        options.grouping = .village
        let own = MetricsEngine.compute(.reach, input: input, options: options)
        #expect(close(try own.value("BBB", "2024Q1", "coverage_pct"), 100.0 * 46 / 91))
        #expect(own.row("BBB", "2024Q1", "cases") == nil)
        // --include-partial counts it anyway.
        options.grouping = .all
        options.includePartial = true
        let partial = MetricsEngine.compute(.reach, input: input, options: options)
        #expect(try partial.value("all", "2024Q1", "cases") == 13)
        #expect(partial.row("all", "2024Q1", "reach_per_1000")?.n == 1500)
    }

    @Test func rowsAreTidyAndSorted() throws {
        let r = try Fixture.run(.all) { $0.today = try day("2024-06-10") }
        #expect(r.rows == r.rows.sorted(by: MetricRow.tidyOrder))
        #expect(Set(r.rows.map { "\($0.village)|\($0.period)|\($0.metric)" }).count == r.rows.count)
    }
}
