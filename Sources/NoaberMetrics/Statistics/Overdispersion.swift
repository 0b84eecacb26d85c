#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Overdispersion in a funnel plot and the control limits widened for it, computed as the NHS-R
/// FunnelPlotR package computes them (FunnelPlotR 0.6.0: `transformed_zscore`, `winsorisation`,
/// `truncation`, `phi_func`, `tau_func` in R/od_adjustment.R and `calculate_limits` in
/// R/calculate_limits.R), after Spiegelhalter, "Handling over-dispersion of performance
/// indicators", Qual Saf Health Care 2005;14:347–351.
///
/// Why: villages differ for reasons no count captures (how long the ondersteuner has worked there,
/// what else the village has). Then far more villages fall outside the exact limits of `Funnel`
/// than chance allows, and the plot ranks real but unexplained variation as if it were alarming.
/// The additive random-effects model widens the limits by a between-village variance τ²; the
/// multiplicative φ says how much more spread there is than chance alone.
///
/// For each unit i (numerator oᵢ, denominator nᵢ) a z-score on a variance-stabilising scale:
///
///     proportion (FunnelPlotR "PR")  yᵢ = asin √(oᵢ/nᵢ)   θ₀ = asin √(Σo/Σn)   sᵢ = 1/(2√nᵢ)
///     ratio, square root ("SR", "CQC") yᵢ = √(oᵢ/Eᵢ)      θ₀ = 1               sᵢ = 1/(2√Eᵢ)
///     ratio, log ("SR", "SHMI")     zᵢ = √Eᵢ · log(oᵢ/Eᵢ)                     sᵢ = 1/√Eᵢ
///     zᵢ = (yᵢ − θ₀) / sᵢ
///
/// where Eᵢ is the expected count: the denominator itself for a standardised ratio, and
/// p₀·exposureᵢ with p₀ = Σo/Σexposure for a rate (a rate against the pooled rate *is* an
/// indirectly standardised ratio with one stratum, so `cases_per_1000` takes the "SR" path).
///
/// Outliers must not inflate the estimate of their own spread, so the z-scores are trimmed first:
///
/// - arcsine and square-root scales **winsorise**: with q_lo and q_hi the `trimFraction` and
///   1 − `trimFraction` quantiles of the z (R's default `quantile`, type 7), every z below q_lo is
///   set to q_lo and every z above q_hi to q_hi. The default 0.1 is FunnelPlotR's `trim_by`: 10% at
///   *each* end, 20% in all;
/// - the log scale **truncates** (NHS Digital's SHMI): with k = 1/`trimFraction` and rᵢ the rank of
///   zᵢ (ties averaged), a unit is kept when 0 < ⌊rᵢ·k/(n+1)⌋ < k − 1; the others leave the
///   estimate (n shrinks). With the default 0.1 nothing is truncated up to 8 units; from 9 the
///   highest z goes, and from 10 the lowest as well (⌊10n/(n+1)⌋ reaches 9 one unit before
///   ⌊10/(n+1)⌋ reaches 0).
///
/// Then, over the n units that enter (wᵢ = 1/sᵢ²):
///
///     φ  = (1/n) Σ zᵢ²                                  (winsorised or kept z)
///     τ² = max(0, (n·φ − (n − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ))   if n·φ ≥ n − 1, else 0   (DerSimonian–Laird)
///
/// and the limits at a denominator n (expected count E) for a two-sided normal z:
///
///     proportion        sin²(θ₀ ± z·√(1/(4n) + τ²))      the angle held inside [0, π/2]
///     ratio, sqrt       θ · (1 ± z·√(1/(4E) + τ²))²      the bracket held ≥ 0; θ = p₀ for a rate, 1 for a ratio
///     ratio, log        θ · exp(± z·√(1/E + τ²))
///
/// Where this differs from FunnelPlotR, on purpose (docs/design/overdispersion.md):
///
/// - Square-root limits are **squared** back to the ratio scale. FunnelPlotR's "CQC" limits are
///   1 ± z·√(s² + τ²) without the square, which is on the √ scale and about half as wide
///   (issue nhs-r-community/FunnelPlotR#33, open since 2021). The z-scores, φ and τ² are unaffected.
/// - The arcsine angle is clamped to [0, π/2] before sin². FunnelPlotR gets the same limits by
///   comparing neighbouring rows of its plotting grid (non-monotone → 0 or 1), which is exact only
///   at the grid's resolution.
/// - z comes from the coverage exactly (`NormalDistribution`); FunnelPlotR writes 1.959964 and
///   3.090232. `limits(atDenominator:z:)` takes any z, FunnelPlotR's included.
/// - With one unit τ² is 0 (FunnelPlotR gives NaN: 0/0). A unit with a denominator ≤ 0, a negative
///   numerator, more successes than trials, or (log scale) no events is left out and named
///   (`Exclusion`); FunnelPlotR carries NaN or −∞ for it. A unit without events on the log scale
///   still counts in the pooled rate and keeps its value and limits.
///
/// FunnelPlotR draws the widened limits only when φ > 1 (`isOverdispersed`); otherwise it draws the
/// unadjusted ones, for which noaber has the exact `Funnel` limits. The χ² p-value and
/// Spiegelhalter's rule of thumb φ > 1 + 2√(2/n) are given beside it, not used by FunnelPlotR.
///
///     let od = Overdispersion(units: [.init(numerator: 12, denominator: 82), …], indicator: .proportion)
///     od?.phi                                              // 4.009… (FunnelPlotR's 10-unit example)
///     od?.isOverdispersed                                  // true: draw the widened limits
///     od?.limits(atDenominator: 100, coverage: 0.998)      // widened 99.8% limits at n = 100
///
/// - Complexity: O(n log n) in the number of units; each limit O(1).
public struct Overdispersion: Hashable, Sendable {
    /// What the units' numerators and denominators are, and so the scale of their z-scores.
    public enum Indicator: Hashable, Sendable {
        /// Successes out of trials (residents reached out of inhabitants); arcsine square root,
        /// winsorised. FunnelPlotR `data_type = "PR"`.
        case proportion
        /// Events per unit of exposure (cases per inhabitant) against the pooled rate: a
        /// standardised ratio with expected count pooled rate × exposure. The limits are rates.
        case rate(RatioScale)
        /// Observed over expected counts, target 1 (the denominator is the expected count).
        /// FunnelPlotR `data_type = "SR"`.
        case standardisedRatio(RatioScale)
    }

    /// The scale of a ratio's z-scores and how extreme ones are trimmed.
    public enum RatioScale: Hashable, Sendable {
        /// Square root, winsorised: Spiegelhalter (2005), FunnelPlotR `sr_method = "CQC"`.
        case squareRoot
        /// Log, truncated: NHS Digital's SHMI, FunnelPlotR `sr_method = "SHMI"` (without SHMI's
        /// rounding of expected counts to two decimals).
        case log
    }

    /// One unit's counts. Doubles, because an expected count need not be whole.
    public struct Unit: Hashable, Sendable {
        public var numerator: Double
        public var denominator: Double

        public init(numerator: Double, denominator: Double) {
            self.numerator = numerator
            self.denominator = denominator
        }

        public init(numerator: Int, denominator: Int) {
            self.init(numerator: Double(numerator), denominator: Double(denominator))
        }
    }

    /// Why a unit was left out of the estimate.
    public enum Exclusion: Hashable, Sendable {
        /// Denominator ≤ 0 or not finite: no rate at all.
        case nonPositiveDenominator
        /// Numerator negative or not finite, or above the denominator for a proportion.
        case invalidNumerator
        /// No events on the log scale: log 0 has no z-score.
        case zeroCountOnLogScale
    }

    /// How a unit took part in φ and τ².
    public enum Role: Hashable, Sendable {
        /// With its own z-score.
        case counted
        /// With its z-score set to the nearer winsorising bound (it lay beyond it).
        case winsorised
        /// Left out of φ and τ² by truncation (log scale); it still has limits.
        case truncated
        /// Left out of everything.
        case excluded(Exclusion)
    }

    /// One unit's scores and its widened limits, in input order.
    ///
    /// A unit without events on the log scale has no z-score but keeps its value (0) and its limits:
    /// it is a point of the plot, only not of the estimate.
    public struct UnitScore: Hashable, Sendable {
        /// The indicator: o/n, o/exposure or o/E; nil when excluded for unusable counts.
        public let value: Double?
        public let denominator: Double
        /// The unadjusted z-score on the transformed scale; nil when excluded.
        public let z: Double?
        /// The z that entered φ (winsorised or as is); nil when truncated or excluded.
        public let zUsed: Double?
        public let role: Role
        /// Widened 95% and 99.8% limits at the unit's own denominator; nil when excluded for unusable counts.
        public let limits95: Interval?
        public let limits998: Interval?
    }

    /// FunnelPlotR's default `trim_by`: 10% at each end.
    public static let defaultTrimFraction = 0.1

    public let indicator: Indicator
    public let trimFraction: Double
    /// The centre line: Σo/Σn for a proportion or rate, 1 for a ratio. The sums take every unit with
    /// a usable numerator and denominator (a unit left out only for having no events on the log
    /// scale still counts here).
    public let target: Double
    public let units: [UnitScore]
    /// n: the units that entered φ and τ² (not excluded, not truncated).
    public let count: Int
    /// φ = (1/n) Σ z², over the winsorised or kept z-scores.
    public let phi: Double
    /// τ², the between-unit variance on the transformed scale.
    public let tau2: Double
    /// The winsorising bounds [q_lo, q_hi]; nil on the log scale (which truncates).
    public let winsorisingBounds: Interval?

    /// Scores the units and estimates φ and τ².
    ///
    /// Returns nil when no unit can be scored (no units, all excluded, or — log scale with a
    /// large `trimFraction` — all truncated), or when `trimFraction` is outside 0 ≤ t < 0.5.
    /// A `trimFraction` of 0 winsorises nothing and truncates nothing.
    ///
    /// `pooledTarget`, when given, is the centre line of a proportion or rate instead of Σo/Σn over
    /// these units: for a funnel whose pooled rate also counts units that are not scored (villages
    /// hidden by disclosure control count in the pooled rate that is published anyway, but not in
    /// φ, which would give their counts away). It is ignored for a standardised ratio (target 1).
    public init?(units input: [Unit], indicator: Indicator, trimFraction: Double = Overdispersion.defaultTrimFraction,
                 pooledTarget: Double? = nil) {
        guard trimFraction >= 0, trimFraction < 0.5 else { return nil }
        self.indicator = indicator
        self.trimFraction = trimFraction

        let logScale = indicator.ratioScale == .log
        let exclusions = input.map { Self.exclusion(of: $0, indicator: indicator) }
        let valid = input.indices.filter { exclusions[$0] == nil }
        guard !valid.isEmpty else { return nil }

        switch indicator {
        case .proportion, .rate:
            // The pooled value takes every unit with usable counts, also one without events on the
            // log scale: only its z-score is undefined, not its contribution to the pool.
            var o = 0.0, d = 0.0
            for i in input.indices where exclusions[i] == nil || exclusions[i] == .zeroCountOnLogScale {
                o += input[i].numerator
                d += input[i].denominator
            }
            target = pooledTarget.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? o / d
        case .standardisedRatio:
            target = 1
        }

        // z and s per valid unit, as FunnelPlotR's transformed_zscore.
        var z = [Double](repeating: 0, count: input.count)
        var s = [Double](repeating: 0, count: input.count)
        for i in valid {
            (z[i], s[i]) = Self.score(input[i], indicator: indicator, target: target)
        }

        // Which units enter φ and τ², and with which z.
        var used = [Double?](repeating: nil, count: input.count)
        var roles = [Role](repeating: .counted, count: input.count)
        var bounds: Interval? = nil
        if logScale {
            let kept = Self.keptAfterTruncation(valid.map { z[$0] }, trimFraction: trimFraction)
            for (j, i) in valid.enumerated() {
                if kept[j] { used[i] = z[i] } else { roles[i] = .truncated }
            }
        } else {
            let sorted = valid.map { z[$0] }.sorted()
            let lower = Self.quantileType7(sorted, trimFraction)
            let upper = Self.quantileType7(sorted, 1 - trimFraction)
            bounds = Interval(lower: lower, upper: upper)
            for i in valid {
                if z[i] < lower { used[i] = lower; roles[i] = .winsorised }
                else if z[i] > upper { used[i] = upper; roles[i] = .winsorised }
                else { used[i] = z[i] }
            }
        }
        for i in input.indices { if let e = exclusions[i] { roles[i] = .excluded(e) } }

        let entering = input.indices.filter { used[$0] != nil }
        guard !entering.isEmpty else { return nil }
        let n = Double(entering.count)
        var squares = 0.0
        for i in entering { if let u = used[i] { squares += u * u } }
        let phi = (1 / n) * squares
        count = entering.count
        self.phi = phi
        winsorisingBounds = bounds

        // τ² (tau_func): only from two units on, and only when n·φ reaches its expectation n − 1.
        var tau2 = 0.0
        if entering.count >= 2, n * phi >= n - 1 {
            var sumW = 0.0, sumW2 = 0.0
            for i in entering {
                let w = 1 / (s[i] * s[i])
                sumW += w
                sumW2 += w * w
            }
            let spread = sumW - sumW2 / sumW
            if spread > 0, spread.isFinite { tau2 = max(0, (n * phi - (n - 1)) / spread) }
        }
        self.tau2 = tau2

        let z95 = NormalDistribution.twoSidedZ(confidence: 0.95)
        let z998 = NormalDistribution.twoSidedZ(confidence: 0.998)
        var scores: [UnitScore] = []
        scores.reserveCapacity(input.count)
        for i in input.indices {
            let unit = input[i]
            switch exclusions[i] {
            case nil, .zeroCountOnLogScale?: break
            default:
                scores.append(UnitScore(value: nil, denominator: unit.denominator, z: nil, zUsed: nil,
                                        role: roles[i], limits95: nil, limits998: nil))
                continue
            }
            let scored = exclusions[i] == nil
            scores.append(UnitScore(
                value: unit.numerator / unit.denominator, denominator: unit.denominator,
                z: scored ? z[i] : nil, zUsed: scored ? used[i] : nil, role: roles[i],
                limits95: Self.limits(indicator: indicator, target: target, tau2: tau2, denominator: unit.denominator, z: z95),
                limits998: Self.limits(indicator: indicator, target: target, tau2: tau2, denominator: unit.denominator, z: z998)))
        }
        units = scores
    }

    /// FunnelPlotR's rule for drawing the widened limits: φ > 1. When false it draws the unadjusted
    /// limits (`Funnel.proportionLimits` / `Funnel.rateLimits` here).
    public var isOverdispersed: Bool { phi > 1 }

    /// n·φ, referred to χ² on n − 1 degrees of freedom under no overdispersion (Cochran's Q, whose
    /// expectation n − 1 is also where τ² turns positive).
    public var chiSquareStatistic: Double { Double(count) * phi }

    /// P(χ²ₙ₋₁ ≥ n·φ): small when the units vary more than chance allows. Nil below two units.
    /// Not part of FunnelPlotR.
    public var chiSquarePValue: Double? {
        guard count >= 2 else { return nil }
        return ChiSquareDistribution.survival(chiSquareStatistic, degreesOfFreedom: Double(count - 1))
    }

    /// Spiegelhalter's rule of thumb: φ has mean 1 and standard deviation √(2/n) without
    /// overdispersion, so φ > 1 + 2√(2/n) signals it. Not part of FunnelPlotR.
    public var spiegelhalterThreshold: Double { 1 + 2 * (2 / Double(count)).squareRoot() }

    /// The widened limits at a denominator (trials, exposure, or expected count as the units') for a
    /// two-sided coverage, e.g. 0.95 or 0.998.
    ///
    /// Edge cases: a denominator ≤ 0 (or not finite) or a coverage outside (0, 1) give [0, 1] for
    /// a proportion and [0, +infinity] otherwise; a rate whose target is 0 gives [0, 0].
    public func limits(atDenominator denominator: Double, coverage: Double) -> Interval {
        guard coverage > 0, coverage < 1 else { return Self.everything(indicator) }
        return limits(atDenominator: denominator, z: NormalDistribution.twoSidedZ(confidence: coverage))
    }

    /// The widened limits for a given normal z (1.959964 and 3.090232 reproduce FunnelPlotR).
    public func limits(atDenominator denominator: Double, z: Double) -> Interval {
        Self.limits(indicator: indicator, target: target, tau2: tau2, denominator: denominator, z: z)
    }

    // MARK: - The pieces

    static func exclusion(of unit: Unit, indicator: Indicator) -> Exclusion? {
        guard unit.denominator > 0, unit.denominator.isFinite else { return .nonPositiveDenominator }
        guard unit.numerator >= 0, unit.numerator.isFinite else { return .invalidNumerator }
        if indicator == .proportion, unit.numerator > unit.denominator { return .invalidNumerator }
        if indicator.ratioScale == .log, unit.numerator == 0 { return .zeroCountOnLogScale }
        return nil
    }

    /// (z, s) of a valid unit.
    static func score(_ unit: Unit, indicator: Indicator, target: Double) -> (z: Double, s: Double) {
        switch indicator {
        case .proportion:
            let theta0 = asin(target.squareRoot())
            let y = asin((unit.numerator / unit.denominator).squareRoot())
            let s = 1 / (2 * unit.denominator.squareRoot())
            return ((y - theta0) / s, s)
        case let .rate(scale), let .standardisedRatio(scale):
            let expected = indicator == .standardisedRatio(scale) ? unit.denominator : target * unit.denominator
            // A rate whose pooled target is 0: every count is 0, every unit sits on the target.
            guard expected > 0 else { return (0, .infinity) }
            switch scale {
            case .squareRoot:
                let y = (unit.numerator / expected).squareRoot()
                let s = 1 / (2 * expected.squareRoot())
                return ((y - 1) / s, s)
            case .log:
                return (expected.squareRoot() * log(unit.numerator / expected), 1 / expected.squareRoot())
            }
        }
    }

    /// R's `quantile(x, p)` (type 7) of sorted, non-empty values, written as R writes it:
    /// (1 − h)·x[lo] + h·x[hi] with index = 1 + (n − 1)·p.
    static func quantileType7(_ sorted: [Double], _ p: Double) -> Double {
        let index = Double(sorted.count - 1) * p          // zero-based
        let lo = Int(index.rounded(.down))
        let hi = min(Int(index.rounded(.up)), sorted.count - 1)
        let q = sorted[lo]
        guard index > Double(lo), sorted[hi] != q else { return q }
        let h = index - Double(lo)
        return (1 - h) * q + h * sorted[hi]
    }

    /// SHMI truncation: which z-scores are kept (ranks with ties averaged, as R's `rank`).
    static func keptAfterTruncation(_ z: [Double], trimFraction: Double) -> [Bool] {
        guard trimFraction > 0 else { return [Bool](repeating: true, count: z.count) }
        let k = 1 / trimFraction
        let ranks = averageRanks(z)
        let n1 = Double(z.count + 1)
        return ranks.map { r in
            let group = (r * k / n1).rounded(.down)
            return group > 0 && group < k - 1
        }
    }

    /// 1-based ranks, tied values sharing the mean of their ranks.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 2) / 2
            for j in start...end { ranks[order[j]] = rank }
            start = end + 1
        }
        return ranks
    }

    static func everything(_ indicator: Indicator) -> Interval {
        indicator == .proportion ? Interval(lower: 0, upper: 1) : Interval(lower: 0, upper: .infinity)
    }

    static func limits(indicator: Indicator, target: Double, tau2: Double, denominator: Double, z: Double) -> Interval {
        guard denominator > 0, denominator.isFinite, z.isFinite else { return everything(indicator) }
        switch indicator {
        case .proportion:
            let theta0 = asin(target.squareRoot())
            let s = 1 / (2 * denominator.squareRoot())
            let spread = z * (s * s + tau2).squareRoot()
            let lower = sin(min(max(theta0 - spread, 0), Double.pi / 2))
            let upper = sin(min(max(theta0 + spread, 0), Double.pi / 2))
            return Interval(lower: lower * lower, upper: upper * upper)
        case let .rate(scale), let .standardisedRatio(scale):
            let isRate = indicator == .rate(scale)
            let centre = isRate ? target : 1
            let expected = isRate ? target * denominator : denominator
            guard expected > 0 else { return Interval(lower: 0, upper: 0) }
            switch scale {
            case .squareRoot:
                let s = 1 / (2 * expected.squareRoot())
                let spread = z * (s * s + tau2).squareRoot()
                let lower = max(1 - spread, 0)
                let upper = 1 + spread
                return Interval(lower: centre * lower * lower, upper: centre * upper * upper)
            case .log:
                let spread = z * (1 / expected + tau2).squareRoot()
                return Interval(lower: centre * exp(-spread), upper: centre * exp(spread))
            }
        }
    }
}

extension Overdispersion.Indicator {
    /// The ratio scale, or nil for a proportion.
    var ratioScale: Overdispersion.RatioScale? {
        switch self {
        case .proportion: nil
        case let .rate(scale), let .standardisedRatio(scale): scale
        }
    }
}
