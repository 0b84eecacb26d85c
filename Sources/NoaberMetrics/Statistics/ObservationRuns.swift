/// Survival observations kept as sorted runs of equal (time, event) keys with their counts, so
/// the observations of many villages can be pooled in memory that grows with the number of
/// distinct times, not with the number of cases.
///
/// A key is `time.bitPattern << 1 | event` (see `KaplanMeier.init`): non-negative Doubles order
/// as their bit patterns. `KaplanMeier(runs:)` gives exactly what `KaplanMeier(durations:observed:)`
/// gives for the same observations, since the estimator only ever reads counts per time.
struct ObservationRuns: Sendable {
    /// Distinct keys, ascending.
    private(set) var keys: [UInt64] = []
    /// Aligned with `keys`: how many observations have that key.
    private(set) var counts: [Int] = []

    init() {}

    /// Runs of already sorted keys. - Complexity: O(n).
    init(sortedKeys: [UInt64]) {
        for key in sortedKeys {
            if let last = keys.last, last == key {
                counts[counts.count - 1] += 1
            } else {
                keys.append(key)
                counts.append(1)
            }
        }
    }

    /// The number of observations.
    var total: Int { counts.reduce(0, +) }

    /// The key of one observation: nil for a negative or non-finite duration, which the
    /// estimator skips.
    @inline(__always)
    static func key(duration: Double, event: Bool) -> UInt64? {
        guard duration.isFinite, duration >= 0 else { return nil }
        let time = duration == 0 ? 0 : duration // -0.0 becomes 0
        return time.bitPattern << 1 | (event ? 1 : 0)
    }

    /// Adds the observations of `other`. - Complexity: O(distinct keys of both).
    mutating func merge(_ other: ObservationRuns) {
        if keys.isEmpty {
            self = other
            return
        }
        var k: [UInt64] = [], c: [Int] = []
        k.reserveCapacity(keys.count + other.keys.count)
        c.reserveCapacity(keys.count + other.keys.count)
        var i = 0, j = 0
        while i < keys.count || j < other.keys.count {
            if j == other.keys.count || (i < keys.count && keys[i] < other.keys[j]) {
                k.append(keys[i]); c.append(counts[i]); i += 1
            } else if i == keys.count || other.keys[j] < keys[i] {
                k.append(other.keys[j]); c.append(other.counts[j]); j += 1
            } else {
                k.append(keys[i]); c.append(counts[i] + other.counts[j]); i += 1; j += 1
            }
        }
        keys = k
        counts = c
    }
}
