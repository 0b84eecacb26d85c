#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Design note: why and how noaber estimates response times with Kaplan–Meier.
//
// Why not the mean (or median) of the finished cases. On the as-of date of an export some cases
// are not yet contacted or closed. They are exactly the slow ones, so leaving them out makes the
// service look faster than it is, and counting them as finished on the as-of date does the same.
// An open case tells us only "at least this many days": it is right-censored. The Kaplan–Meier
// estimator uses that information and nothing more. With n_i cases still waiting just before
// time t_i and d_i of them finishing at t_i,
//
//     S(t) = Π_{t_i ≤ t} (1 − d_i / n_i)        (the share still waiting after t days)
//
// and the share reached within t days is 1 − S(t).
//
// Ties. A case censored at t_i (still open at the as-of date, t_i days after its start) counts as
// waiting at t_i: at any one time the events come before the censorings. This is the usual
// convention and the one of lifelines' KaplanMeierFitter, which noaber matches number for number
// (Tests/NoaberMetricsTests/Fixtures/make_reference.py writes the reference).
//
// Interval of S(t): exponential Greenwood, also called "log-log", as lifelines. With
//
//     V(t) = Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i))      (Greenwood's sum)
//     c = log(−log S(t)),   s = z · √V(t) / |log S(t)|
//
// the band is [exp(−exp(c + s)), exp(−exp(c − s))]. Unlike the plain Greenwood band S ± z·√(S²V)
// it stays inside [0, 1]. Two limits follow lifelines: where S(t) = 1 (nothing has happened yet)
// the band is [1, 1]; where the last cases at risk all finish (d_i = n_i) their term, which would
// be infinite, is left out of V and S = 0 with band [0, 0].
//
// Median and its interval. The median is the first time with S(t) ≤ 0.5 (lifelines'
// median_survival_time_), nil when S never falls that low. Its 95% interval is read off the band
// where it crosses 0.5, as lifelines' median_survival_times(confidence_interval_): the lower end is
// the first time the LOWER band is ≤ 0.5 (it lies below S, so it crosses first), the upper end the
// first time the UPPER band is ≤ 0.5, and +infinity when the upper band never gets there (lifelines
// prints inf). When even the lower band never reaches 0.5 nothing is known and the interval is nil
// (lifelines gives [inf, inf]).
//
// Rounding. "S(t) ≤ q" is tested with a relative slack of 1e-10: S is a product of fractions that
// is often exactly 1/2 in exact arithmetic (5/6 · 4/5 · 3/4), and rounding may put it a hair above.
// lifelines has no such slack and in that example reports the median as inf; noaber reports 3,
// the exact answer. The reference file records both.

/// The Kaplan–Meier estimator of a survival function S(t) with right-censoring, matching lifelines'
/// `KaplanMeierFitter` (see the design note above).
///
/// ```swift
/// let km = KaplanMeier(durations: [1, 2, 2, 4], observed: [true, true, false, true])
/// km.survival(at: 2)   // 0.5
/// km.median            // 2
/// ```
///
/// - Complexity: `init` O(n) (one radix sort); `survival(at:)` and `survivalInterval(at:)` O(log k)
///   for k distinct times; `median`, `quantile` and `medianInterval` O(k).
public struct KaplanMeier: Sendable {
    /// One distinct time at which something happened (an event, a censoring, or both), with the
    /// estimate just after it.
    public struct Step: Sendable, Hashable {
        /// The time (e.g. days since the request).
        public let time: Double
        /// n_i: cases with a duration ≥ `time`, i.e. still waiting just before it.
        public let atRisk: Int
        /// d_i: cases that finished at `time`.
        public let events: Int
        /// Cases censored at `time` (still open when observation stopped).
        public let censored: Int
        /// S just after `time`.
        public let survival: Double
        /// Lower end of the 95% exponential Greenwood band just after `time`.
        public let lower: Double
        /// Upper end of the 95% exponential Greenwood band just after `time`.
        public let upper: Double
    }

    /// n: the number of observations used.
    public let count: Int
    /// The number of observations with an event (not censored).
    public let eventCount: Int
    /// One step per distinct time, ascending, with S and its 95% band after that time: lifelines'
    /// `survival_function_` and `confidence_interval_` rows without its extra t = 0 row (a duration of
    /// exactly 0 does get a step at 0, as in lifelines).
    public let steps: [Step]
    /// Greenwood's sum V after each step, to rebuild the band at other confidence levels.
    private let greenwood: [Double]

    /// Relative slack in "S ≤ q" (see the design note): absorbs rounding of the product, far below
    /// any real difference between two Kaplan–Meier values.
    private static let slack = 1e-10

    /// Fits the estimator.
    ///
    /// - Parameters:
    ///   - durations: time from start to event or censoring, ≥ 0. The caller rejects negative
    ///     durations as data errors; any negative or non-finite duration that still arrives is skipped
    ///     and not counted in `count`.
    ///   - observed: `observed[i] == false` means observation i was censored at `durations[i]`.
    ///     Pairs are taken up to the shorter of the two arrays.
    public init(durations: [Double], observed: [Bool]) {
        // Each observation as one integer: the bit pattern of a non-negative Double orders as the
        // Double does and has a zero sign bit, so shifting it left leaves room for the event flag.
        // Sorting plain integers is several times faster than sorting (Double, Bool) pairs with a
        // closure, and the order of a censoring and an event at one time does not matter below.
        var keys: [UInt64] = []
        keys.reserveCapacity(min(durations.count, observed.count))
        for (duration, event) in zip(durations, observed) {
            if let key = ObservationRuns.key(duration: duration, event: event) { keys.append(key) }
        }
        RadixSort.sort(&keys)
        self.init(runs: ObservationRuns(sortedKeys: keys))
    }

    /// Fits the estimator to observations already counted per (time, event): what pooling
    /// several villages' runs gives. Same result as `init(durations:observed:)` on the
    /// observations the runs count.
    /// - Complexity: O(distinct keys).
    init(runs: ObservationRuns) {
        let keys = runs.keys, counts = runs.counts
        let total = runs.total
        let z = NormalDistribution.twoSidedZ(confidence: 0.95)
        var steps: [Step] = []
        var greenwood: [Double] = []
        var atRisk = total
        var survival = 1.0
        var variance = 0.0
        var eventCount = 0
        var index = 0
        while index < keys.count {
            let timeBits = keys[index] >> 1
            let time = Double(bitPattern: timeBits)
            var events = 0
            var censored = 0
            while index < keys.count && keys[index] >> 1 == timeBits {
                if keys[index] & 1 == 1 { events += counts[index] } else { censored += counts[index] }
                index += 1
            }
            if events > 0 {
                survival *= Double(atRisk - events) / Double(atRisk)
                if events < atRisk {
                    variance += Double(events) / (Double(atRisk) * Double(atRisk - events))
                }
            }
            let band = Self.band(survival: survival, greenwood: variance, z: z)
            steps.append(Step(time: time, atRisk: atRisk, events: events, censored: censored,
                              survival: survival, lower: band.lower, upper: band.upper))
            greenwood.append(variance)
            eventCount += events
            atRisk -= events + censored
        }
        self.count = total
        self.eventCount = eventCount
        self.steps = steps
        self.greenwood = greenwood
    }

    /// S(t): the right-continuous step function; 1 before the first step (and for NaN).
    public func survival(at t: Double) -> Double {
        guard let index = stepIndex(at: t) else { return 1 }
        return steps[index].survival
    }

    /// The exponential Greenwood ("log-log") interval of S(t) at `confidence` (default 0.95), as
    /// lifelines' `confidence_interval_` read as a step function. [1, 1] before the first event.
    public func survivalInterval(at t: Double, confidence: Double = 0.95) -> Interval {
        guard let index = stepIndex(at: t) else { return Interval(lower: 1, upper: 1) }
        let z = NormalDistribution.twoSidedZ(confidence: confidence)
        return Self.band(survival: steps[index].survival, greenwood: greenwood[index], z: z)
    }

    /// The first time with S(t) ≤ 0.5 (lifelines' `median_survival_time_`); nil when S stays above 0.5,
    /// where lifelines says inf.
    public var median: Double? { quantile(0.5) }

    /// The interval of the median: [first time the lower band ≤ 0.5, first time the upper band ≤ 0.5],
    /// as lifelines' `median_survival_times(confidence_interval_)`.
    ///
    /// The upper end is `+infinity` when the upper band never falls to 0.5. Returns nil when even the
    /// lower band never does (then lifelines gives [inf, inf]), and for an empty sample.
    public func medianInterval(confidence: Double = 0.95) -> Interval? {
        let z = NormalDistribution.twoSidedZ(confidence: confidence)
        var lowerTime: Double?
        for (index, step) in steps.enumerated() {
            let band = Self.band(survival: step.survival, greenwood: greenwood[index], z: z)
            if lowerTime == nil && Self.reaches(band.lower, 0.5) { lowerTime = step.time }
            if Self.reaches(band.upper, 0.5) {
                return Interval(lower: lowerTime ?? step.time, upper: step.time)
            }
        }
        guard let lowerTime else { return nil }
        return Interval(lower: lowerTime, upper: .infinity)
    }

    /// The first time with S(t) ≤ 1 − p: the time by which a share p has finished (p = 0.5 is the
    /// median, p = 0.9 the 90th percentile). nil when not reached, or when p is outside (0, 1].
    public func quantile(_ p: Double) -> Double? {
        guard p > 0, p <= 1 else { return nil }
        let target = 1 - p
        return steps.first { Self.reaches($0.survival, target) }?.time
    }

    /// Whether a value of S (or of a band) counts as ≤ `target`, with the rounding slack.
    private static func reaches(_ value: Double, _ target: Double) -> Bool {
        value <= target * (1 + slack)
    }

    /// The index of the last step at or before `t`, nil when `t` is before the first step.
    private func stepIndex(at t: Double) -> Int? {
        var low = 0
        var high = steps.count // invariant: steps[..<low] are ≤ t, steps[high...] are > t
        while low < high {
            let mid = low + (high - low) / 2
            if steps[mid].time <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// The exponential Greenwood band for a survival value, Greenwood sum and z.
    static func band(survival: Double, greenwood: Double, z: Double) -> Interval {
        guard survival > 0 else { return Interval(lower: 0, upper: 0) }
        guard survival < 1 else { return Interval(lower: 1, upper: 1) }
        let logSurvival = log(survival) // < 0
        let centre = log(-logSurvival)
        let spread = z * greenwood.squareRoot() / -logSurvival
        return Interval(lower: exp(-exp(centre + spread)), upper: exp(-exp(centre - spread)))
    }
}
