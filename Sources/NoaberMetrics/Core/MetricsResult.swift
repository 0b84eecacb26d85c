import NoaberModel

/// What a metrics run returns: tidy rows plus the structured pieces charts need.
///
/// With suppression on, the structured pieces of a group and period whose underlying count is
/// 1…k−1 are left out, for the same reason the rows are hidden.
public struct MetricsResult: Sendable {
    /// Sorted by village, period, metric.
    public var rows: [MetricRow]
    /// Kaplan–Meier curves per group, period and endpoint.
    public var survivalCurves: [SurvivalCurve]
    /// The escalation estimate per group and period (per-risk breakdown, tornado table).
    public var escalation: [EscalationSummary]
    /// Hours per active volunteer, ascending, per group and period (for a Lorenz curve).
    public var volunteerHours: [VolunteerHoursDistribution]
    /// Funnel-plot points: each village's rate against the pooled rate and the limits drawn.
    public var funnel: [FunnelPoint]
    /// Per period and funnel metric: the overdispersion test over the points shown and which
    /// limits are drawn (`FunnelDispersion`).
    public var funnelDispersion: [FunnelDispersion]
    /// Per village (code order), its monthly case counts scored for outliers; with the data-quality
    /// rows only. The counts are raw: a writer shows a month of 1 … k − 1 cases as `<k`.
    public var outliers: [MonthlyOutliers] = []

    public init(rows: [MetricRow] = [], survivalCurves: [SurvivalCurve] = [], escalation: [EscalationSummary] = [],
                volunteerHours: [VolunteerHoursDistribution] = [], funnel: [FunnelPoint] = [],
                funnelDispersion: [FunnelDispersion] = []) {
        self.rows = rows
        self.survivalCurves = survivalCurves
        self.escalation = escalation
        self.volunteerHours = volunteerHours
        self.funnel = funnel
        self.funnelDispersion = funnelDispersion
    }

    /// The row for a group, period and metric, if any.
    public func row(_ village: String, _ period: String, _ metric: String) -> MetricRow? {
        rows.first { $0.village == village && $0.period == period && $0.metric == metric }
    }
}

public struct SurvivalCurve: Sendable {
    public var group: String
    public var period: String
    public var endpoint: ResponseEndpoint
    public var estimate: KaplanMeier
}

public struct EscalationSummary: Hashable, Sendable {
    public var group: String
    public var period: String
    public var casesCounted: Int
    public var result: EscalationResult
}

public struct VolunteerHoursDistribution: Hashable, Sendable {
    public var group: String
    public var period: String
    public var hours: [Double]
}

/// One village's rate in a funnel plot. `value` and `target` are in the metric's unit
/// (per 1,000 or %), as are the limits.
public struct FunnelPoint: Hashable, Sendable {
    public var village: String
    public var period: String
    public var metric: String
    public var value: Double
    /// The count the value is computed from (residents reached, cases, active volunteers).
    public var numerator: Int
    /// The denominator the limits are drawn at (inhabitants or inhabitants 75+).
    public var denominator: Int
    /// The pooled rate over all villages in the input.
    public var target: Double
    /// The limits drawn at this village's size: exact, or widened for overdispersion (`limitKind`).
    public var limits95: Interval
    public var limits998: Interval
    /// Which limits `limits95` and `limits998` are.
    public var limitKind: FunnelLimitKind = .exact

    /// Outside the 95% limits: worth a conversation. Outside 99.8%: unlikely to be noise.
    public var outside95: Bool { value < limits95.lower || value > limits95.upper }
    public var outside998: Bool { value < limits998.lower || value > limits998.upper }
}
