/// What `CallawaySantAnna.estimate` found: every group-time effect, its aggregations, the
/// pre-trend test, and what was done to the data on the way.
///
/// `rows(village:)` turns it into tidy metric rows:
///
///     att_overall            cohort effects weighted by cohort size (did's aggte type "group")
///     att_event:K            the event study: K periods after the start (K < 0: before)
///     att_group:PERIOD       the effect in the cohort that started in PERIOD, averaged over its
///                            post-start periods
///     pretrend_p             p-value of the Wald test that all pre-start effects are zero
///
/// `period` of each row is the whole range of the panel and `n` the areas behind the figure
/// (the treated areas it averages over plus the comparison areas).
public struct DiDResult: Hashable, Sendable {
    /// The measure, periods and range of the panel.
    public let measure: String
    public let periods: [Period]
    public let rangeLabel: String
    /// Areas used, of which comparison areas.
    public let areaCount: Int
    public let comparisonAreaCount: Int
    /// ATT(g,t) in did's order: by cohort, then period.
    public let groupTime: [GroupTimeEffect]
    /// The overall effect: cohort effects weighted by cohort size.
    public let overall: EffectEstimate
    /// One effect per cohort, in start order.
    public let cohorts: [CohortEffect]
    /// The event study: one effect per period relative to the start, from the earliest.
    public let events: [EventTimeEffect]
    /// The pre-trend test, or why it could not be made.
    public let pretrend: PretrendCheck
    /// The joint Wald test of the event study's last `CallawaySantAnna.eventPretestLeads` (4)
    /// estimates before the start (`att_event:-1` … `att_event:-4`): where `pretrend` cannot be
    /// made because its covariance is singular — with a handful of villages there are far more
    /// pre-start ATT(g,t) than areas — these few averaged leads still can be tested. Not part of
    /// the `did` package's output; noaber's tidy rows call it `pretrend_event_p`.
    public let eventPretrend: PretrendCheck
    /// Simultaneous bands from the multiplier bootstrap, when asked for.
    public let eventBand: SimultaneousBand?
    public let cohortBand: SimultaneousBand?
    /// What the panel policy changed in the data (dropped areas, areas counted as comparison).
    public let adjustments: [PanelAdjustment]
    /// Warnings about the figures' reliability (small cohorts, few comparison areas).
    public let cautions: [EffectCaution]

    /// The tidy rows of this result, for `village` (`all`, or a municipality name).
    public func rows(village: String = "all") -> [MetricRow] {
        var rows = [overall.row(village: village, period: rangeLabel, metric: "att_overall")]
        for e in events {
            rows.append(e.estimate.row(village: village, period: rangeLabel, metric: "att_event:\(e.relativePeriod)"))
        }
        for c in cohorts {
            rows.append(c.estimate.row(village: village, period: rangeLabel, metric: "att_group:\(c.label)"))
        }
        let p: Double? = if case let .tested(_, _, p) = pretrend { p } else { nil }
        rows.append(MetricRow(village: village, period: rangeLabel, metric: "pretrend_p", value: p, n: areaCount))
        return rows
    }
}

/// One ATT(g,t).
public struct GroupTimeEffect: Hashable, Sendable {
    /// Index of the cohort's first treated period (g) and of the period (t), into `periods`.
    public let cohortStart: Int
    public let period: Int
    /// The period the change is measured from: g − 1 after the start, t − 1 before it.
    public let basePeriod: Int
    /// t ≥ g.
    public var isPostTreatment: Bool { period >= cohortStart }
    public let estimate: EffectEstimate
}

/// The effect in one cohort, averaged over its post-start periods.
public struct CohortEffect: Hashable, Sendable {
    /// Index and label of the cohort's first treated period.
    public let start: Int
    public let label: String
    /// Areas in the cohort.
    public let areas: Int
    public let estimate: EffectEstimate
}

/// The effect `relativePeriod` periods after the start (0 = the first treated period), averaged
/// over the cohorts observed then, weighted by cohort size.
public struct EventTimeEffect: Hashable, Sendable {
    public let relativePeriod: Int
    /// Cohorts contributing.
    public let cohorts: Int
    public let estimate: EffectEstimate
}

/// The Wald pre-test of parallel trends: are all pre-start ATT(g,t) jointly zero?
public enum PretrendCheck: Hashable, Sendable {
    /// W = N · a' V⁻¹ a for the q pre-start effects a with influence-function covariance V/N;
    /// p = P(χ²_q > W).
    case tested(statistic: Double, degreesOfFreedom: Int, pValue: Double)
    /// No cohort has a period before its start except the base period (e.g. two periods only,
    /// or every cohort started in the second period).
    case noPreTreatmentPeriods
    /// The covariance of the `cells` pre-start effects is singular (reciprocal condition number
    /// at most machine epsilon, as the did package tests): more pre-start effects than the areas
    /// can tell apart. The did package returns no test then either.
    case singularCovariance(cells: Int)
}

/// A band that covers a whole family of effects (the event study, or the cohorts) at once with
/// the stated confidence: each effect ± `criticalValue` × its standard error.
public struct SimultaneousBand: Hashable, Sendable {
    /// The bootstrap critical value (≥ the pointwise z), or the pointwise z when the bootstrap's
    /// fell below it (`fellBackToPointwise`, as the did package does).
    public let criticalValue: Double
    /// One interval per effect, in the family's order; nil where the effect has no standard error.
    public let intervals: [Interval?]
    public let fellBackToPointwise: Bool
}

/// A warning to print beside the figures: they are computed, but deserve care.
public enum EffectCaution: Hashable, Sendable {
    /// A cohort with fewer than 5 areas (the did package warns below 5 too): its effect rests on
    /// very few areas, and with one area its own variation is not in the standard error.
    case smallCohort(period: String, areas: Int)
    /// Fewer than 5 comparison areas (the did package refuses then; noaber computes and warns).
    case fewComparisonAreas(count: Int)
}
