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
