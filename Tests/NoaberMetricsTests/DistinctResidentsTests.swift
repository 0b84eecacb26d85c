import NoaberTestSupport
import Testing
@testable import NoaberMetrics

struct DistinctResidentsTests {
    /// Both paths (sorting for a small slice, bit set for a large one) give exactly the set.
    @Test func distinctAgreesWithASetOnBothPaths() {
        var rng = Xoshiro256StarStar(seed: 7)
        for (count, residents) in [(0, 10), (3, 100_000), (50, 100_000), (20_000, 100_000), (5_000, 64), (1_000, 1)] {
            let ids = (0..<count).map { _ in Int32(rng.next() % UInt64(residents)) }
            let got = ReachMetrics.distinct(ids, residents: residents)
            #expect(got.count == Set(got).count, "no repeats, n=\(count)")
            #expect(Set(got) == Set(ids), "n=\(count) residents=\(residents)")
        }
    }
}

struct RadixSortTests {
    /// Agrees with the standard sort on random keys, on keys that share high bytes (durations in
    /// days as bit patterns), on heavy ties and on the small-array path.
    @Test func radixSortAgreesWithTheStandardSort() {
        var rng = Xoshiro256StarStar(seed: 11)
        let shapes: [(Int, () -> UInt64)] = [
            (100_000, { rng.next() }),
            (50_000, { (Double(rng.next() % 40_000) / 1440).bitPattern << 1 | rng.next() & 1 }),
            (10_000, { rng.next() % 3 }),
            (2_047, { rng.next() }),
            (4_096, { 42 }),
            (0, { 0 }),
        ]
        for (n, make) in shapes {
            var keys = (0..<n).map { _ in make() }
            let expected = keys.sorted()
            RadixSort.sort(&keys)
            #expect(keys == expected, "n=\(n)")
        }
    }
}

struct TidySortTests {
    /// The ranked sort gives exactly the order of `tidyOrder`, also for non-ASCII names and for
    /// canonically equivalent spellings (which Swift strings treat as equal).
    @Test func rankedSortMatchesTidyOrder() {
        var rng = Xoshiro256StarStar(seed: 5)
        let villages = ["all", "Ærø", "Zwolle", "aadorp", "e\u{301}cole", "\u{E9}cole", "Dinkelland", "10", "9"]
        let periods = ["2024", "2024Q1", "2023Q4", "2024-01", "all"]
        let metrics = ["cases", "theme:loneliness", "theme_pct:loneliness", "reach_per_1000", "avoided_cost_eur:fall"]
        let rows = (0..<3_000).map { i in
            MetricRow(village: villages[Int(rng.next() % UInt64(villages.count))],
                      period: periods[Int(rng.next() % UInt64(periods.count))],
                      metric: metrics[Int(rng.next() % UInt64(metrics.count))], value: Double(i))
        }
        let expected = rows.sorted(by: MetricRow.tidyOrder)
        let got = MetricRow.sortedTidy(rows)
        #expect(got.map { [$0.village, $0.period, $0.metric.name] } == expected.map { [$0.village, $0.period, $0.metric.name] })
        // Equal keys keep their input order (values were numbered in input order).
        for i in got.indices.dropFirst() where !MetricRow.tidyOrder(got[i - 1], got[i]) && !MetricRow.tidyOrder(got[i], got[i - 1]) {
            #expect((got[i - 1].value ?? 0) < (got[i].value ?? 0))
        }
    }
}
