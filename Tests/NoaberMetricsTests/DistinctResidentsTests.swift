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
