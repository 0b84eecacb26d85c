import NoaberModel

/// Funnel-plot points: each village's rate against the rate pooled over all villages, with 95%
/// and 99.8% limits at the village's own denominator — so a small village is not judged on noise.
///
/// Proportions (limits `Funnel.proportionLimits`, exact binomial): `reach_per_1000` (residents /
/// inhabitants), `reach_75plus_pct` (residents 75+ / inhabitants 75+), `volunteers_per_1000`
/// (active volunteers / inhabitants). A rate (limits `Funnel.rateLimits`, exact Poisson, since a
/// resident can bring several cases): `cases_per_1000` (cases / inhabitants). A village whose numerator is 1…hideBelow−1 gets
/// no point (its rate would reveal a suppressed count).
///
/// `compute` gives the exact limits; `drawLimits` then tests the points shown for overdispersion
/// and widens the limits where the rule says so (docs/report-charts.md).
enum FunnelPoints {
    /// One village's numerators in one period.
    struct Counts: Sendable {
        let village: Village
        /// Cases received.
        let cases: Int
        /// Distinct residents reached, and those 75+.
        let reached: Int
        let reached75: Int
        /// Volunteers with at least one task.
        let active: Int
        /// Whether the village is counted in the case figures (its case data cover the period),
        /// and in the volunteer figures (its task data do): a village is drawn only where it is.
        var casesCounted = true
        var tasksCounted = true
    }

    /// The points of one period, from every village's counts (in any order: the pooled rate is
    /// a sum, and points come out sorted by village code).
    static func compute(period: Period, counts: [Counts], reach: Bool, volunteers: Bool,
                        hideBelow: Int) -> [FunnelPoint] {
        struct Cell { let village: Village; let numerator: Int; let denominator: Int }
        var series: [(metric: String, scale: Double, isRate: Bool, cells: [Cell])] = []
        var reachCells: [Cell] = [], reach75Cells: [Cell] = [], volunteerCells: [Cell] = [], caseCells: [Cell] = []
        for c in counts.sorted(by: { $0.village.code < $1.village.code }) {
            let v = c.village
            if reach, c.casesCounted {
                caseCells.append(Cell(village: v, numerator: c.cases, denominator: v.inhabitants))
                reachCells.append(Cell(village: v, numerator: c.reached, denominator: v.inhabitants))
                if let d75 = v.inhabitants75Plus {
                    reach75Cells.append(Cell(village: v, numerator: c.reached75, denominator: d75))
                }
            }
            if volunteers, c.tasksCounted {
                volunteerCells.append(Cell(village: v, numerator: c.active, denominator: v.inhabitants))
            }
        }
        if reach {
            series.append(("reach_per_1000", 1000, false, reachCells))
            series.append(("reach_75plus_pct", 100, false, reach75Cells))
            series.append(("cases_per_1000", 1000, true, caseCells))
        }
        if volunteers { series.append(("volunteers_per_1000", 1000, false, volunteerCells)) }

        var points: [FunnelPoint] = []
        for (metric, scale, isRate, cells) in series {
            let num = cells.reduce(0) { $0 + $1.numerator }
            let den = cells.reduce(0) { $0 + $1.denominator }
            guard den > 0 else { continue }
            let p0 = Double(num) / Double(den)
            for c in cells where c.denominator > 0 && !(c.numerator >= 1 && c.numerator < hideBelow) {
                func limits(_ coverage: Double) -> Interval {
                    isRate
                        ? Funnel.rateLimits(targetRate: p0, exposure: Double(c.denominator), coverage: coverage)
                        : Funnel.proportionLimits(target: p0, denominator: c.denominator, coverage: coverage)
                }
                let l95 = limits(0.95), l998 = limits(0.998)
                points.append(FunnelPoint(
                    village: c.village.code, period: period.label, metric: metric,
                    value: scale * Double(c.numerator) / Double(c.denominator), numerator: c.numerator,
                    denominator: c.denominator,
                    target: scale * p0,
                    limits95: Interval(lower: scale * l95.lower, upper: scale * l95.upper),
                    limits998: Interval(lower: scale * l998.lower, upper: scale * l998.upper)))
            }
        }
        return points
    }

    /// The metric's indicator for `Overdispersion` (docs/design/overdispersion.md): arcsine for
    /// the proportions, square root against the pooled rate for `cases_per_1000`.
    static func indicator(of metric: String) -> Overdispersion.Indicator {
        metric == "cases_per_1000" ? .rate(.squareRoot) : .proportion
    }

    /// Per 1,000 or per 100 (the `_pct` metrics).
    static func scale(of metric: String) -> Double { metric.hasSuffix("_pct") ? 100 : 1000 }

    /// Tests the points of each period and metric for overdispersion and sets the limits drawn:
    /// widened by the additive τ² where `widening` says so, exact otherwise.
    ///
    /// Only the points given enter φ and τ²: call it again after disclosure control has removed
    /// points (a village hidden by secondary suppression must not be recoverable from φ). The
    /// centre line stays the pooled rate of every village counted, which is published anyway.
    /// Points keep their order.
    /// - Complexity: O(points · log points) plus one exact limit per point and coverage.
    static func drawLimits(_ points: [FunnelPoint], widening: FunnelWidening) -> (points: [FunnelPoint], dispersion: [FunnelDispersion]) {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (i, p) in points.enumerated() {
            let key = p.period + "\u{1F}" + p.metric
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        var drawn = points
        var dispersion: [FunnelDispersion] = []
        for key in order {
            guard let members = groups[key], let first = members.first.map({ points[$0] }) else { continue }
            let scale = scale(of: first.metric)
            let units = members.map { Overdispersion.Unit(numerator: points[$0].numerator, denominator: points[$0].denominator) }
            guard let od = Overdispersion(units: units, indicator: indicator(of: first.metric),
                                          pooledTarget: first.target / scale) else { continue }
            let d = FunnelDispersion(period: first.period, metric: first.metric, overdispersion: od, scale: scale,
                                     widening: widening)
            dispersion.append(d)
            for i in members {
                let n = Double(points[i].denominator)
                drawn[i].limits95 = d.limits(atDenominator: n, coverage: 0.95)
                drawn[i].limits998 = d.limits(atDenominator: n, coverage: 0.998)
                drawn[i].limitKind = d.limitKind
            }
        }
        return (drawn, dispersion)
    }
}

/// Which limits a funnel plot draws.
public enum FunnelLimitKind: String, Sendable, Hashable {
    /// Exact binomial or Poisson limits around the pooled rate (`Funnel`): chance alone.
    case exact
    /// Widened by Spiegelhalter's additive random-effects τ² (`Overdispersion`): chance plus the
    /// spread between villages that no count explains.
    case widened
}

/// When the limits are widened for overdispersion.
public enum FunnelWidening: String, Sendable, Hashable, CaseIterable {
    /// Never: exact limits always.
    case never
    /// Spiegelhalter's rule of thumb: φ > 1 + 2√(2/n), i.e. φ more than two standard deviations
    /// above its value without overdispersion, with τ² > 0 and at least
    /// `FunnelDispersion.minimumVillagesToWiden` villages shown. noaber's default: with six
    /// villages φ's standard deviation is 0.58, and widening on noise would hide real differences;
    /// with two to four villages τ² rests on as many z-scores, pulled in at both ends.
    case spiegelhalter
    /// FunnelPlotR's default (`draw_adjusted = TRUE`): whenever τ² > 0, that is n·φ > n − 1.
    case funnelPlotR
}

/// The overdispersion test of one funnel (period and metric) over the points it shows, and the
/// limits it draws.
///
/// φ and τ² come from `Overdispersion` (FunnelPlotR's winsorised z-scores); the decision follows
/// `widening`. Every village shown is in it; a village hidden by disclosure control is not (it
/// still counts in the pooled rate, the centre line).
public struct FunnelDispersion: Sendable, Hashable {
    public var period: String
    public var metric: String
    /// The test itself: φ, τ², the units' z-scores, the χ² p-value.
    public var overdispersion: Overdispersion
    /// Per 1,000 (1000) or per 100 (100): the unit of the metric.
    public var scale: Double
    public var widening: FunnelWidening

    /// The pooled rate (the centre line), in the metric's unit.
    public var target: Double { overdispersion.target * scale }
    /// The number of villages in φ and τ².
    public var count: Int { overdispersion.count }
    public var phi: Double { overdispersion.phi }
    public var tau2: Double { overdispersion.tau2 }
    /// 1 + 2√(2/n): the value φ must pass under Spiegelhalter's rule of thumb.
    public var threshold: Double { overdispersion.spiegelhalterThreshold }
    /// True for `cases_per_1000` (Poisson limits, square-root scale).
    public var isRate: Bool { FunnelPoints.indicator(of: metric) != .proportion }

    /// Whether the limits drawn are widened.
    public var limitKind: FunnelLimitKind {
        guard count >= 2, tau2 > 0 else { return .exact }
        switch widening {
        case .never: return .exact
        case .funnelPlotR: return .widened
        case .spiegelhalter: return count >= Self.minimumVillagesToWiden && phi > threshold ? .widened : .exact
        }
    }

    /// The fewest villages shown for which the default rule widens the limits.
    public static let minimumVillagesToWiden = 5

    /// The limits drawn at a denominator, in the metric's unit: exact (`Funnel`) or widened.
    public func limits(atDenominator n: Double, coverage: Double) -> Interval {
        let raw: Interval
        switch limitKind {
        case .widened:
            raw = overdispersion.limits(atDenominator: n, coverage: coverage)
        case .exact:
            raw = isRate
                ? Funnel.rateLimits(targetRate: overdispersion.target, exposure: n, coverage: coverage)
                : Funnel.proportionLimits(target: overdispersion.target, denominator: Int(n.rounded()), coverage: coverage)
        }
        return Interval(lower: scale * raw.lower, upper: scale * raw.upper)
    }

    /// The test as tidy rows (group `all`, `n` the villages in φ):
    /// `funnel_phi:<metric>` (φ; lower/upper empty), `funnel_tau2:<metric>` (τ² on the transformed
    /// scale), `funnel_widened:<metric>` (1 when the limits drawn are widened, else 0).
    public var rows: [MetricRow] {
        [
            MetricRow(village: "all", period: period, metric: "funnel_phi:" + metric, value: phi,
                      lower: nil, upper: nil, n: count, suppressed: false),
            MetricRow(village: "all", period: period, metric: "funnel_tau2:" + metric, value: tau2,
                      lower: nil, upper: nil, n: count, suppressed: false),
            MetricRow(village: "all", period: period, metric: "funnel_widened:" + metric,
                      value: limitKind == .widened ? 1 : 0, lower: nil, upper: nil, n: count, suppressed: false),
        ]
    }
}
