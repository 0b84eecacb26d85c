import NoaberModel

/// The knobs of one metrics run. Defaults are the published ones; each maps to a CLI flag.
public struct MetricsOptions: Sendable {
    /// `--by village|municipality|all`.
    public var grouping: Grouping
    /// `--period` (split by `--every`); rows are produced for each.
    public var periods: [Period]
    /// `--min-cell K`: counts 1…K−1 and what derives from them are suppressed.
    public var minCell: Int
    /// False only with an explicit `--no-suppression`.
    public var suppress: Bool
    /// `--volunteer-threshold`: average hours a week above which a volunteer counts as heavily loaded.
    public var volunteerThresholdHoursPerWeek: Double
    /// `--draws`: Monte Carlo draws for the escalation interval.
    public var escalationDraws: Int
    /// `--seed`: the Monte Carlo generator's seed; same input and seed give identical output.
    public var seed: UInt64
    /// `--parameters`: the escalation parameter file; the bundled reference file by default.
    public var escalationParameters: EscalationParameters
    /// The follow-up horizon in days after which an open case's outcome counts as known;
    /// nil takes `follow_up_days` from the parameter file (90 in the reference file).
    public var followUpDays: Int?
    /// The date `days_since_latest_export` counts to; nil leaves that row out, keeping the
    /// metrics a pure function of their input (the CLI passes the current date).
    public var today: CivilDate?
    /// The periods (by label) whose chart material — survival curves, hours distributions,
    /// escalation summaries, funnel points — a run keeps; nil keeps it for every period. A
    /// report draws only its current period, and the `metrics` command draws nothing (`[]`), so
    /// neither holds a curve per village and quarter it never shows.
    public var chartPeriods: Set<String>?
    /// Which kinds of chart material a run keeps (all by default). The `metrics` command prints
    /// funnel rows and nothing else, so it asks for `.funnel` alone.
    public var chartMaterial: ChartMaterial = .all
    /// `--include-partial`: villages whose data cover a period only partly are counted in the
    /// figures that grow with the time observed (and in pooled figures and funnel plots) anyway.
    /// For research that knows what it does; the output says it was done.
    public var includePartial = false
    /// Narrows `chartMaterial` for single-village groups (nil: the same). A report on many
    /// villages draws their funnel but no curve per village, so it keeps curves for the pooled
    /// group only, not one per village that would be thrown away.
    public var villageChartMaterial: ChartMaterial?
    /// When funnel limits are widened for overdispersion (docs/report-charts.md): by default when
    /// φ passes Spiegelhalter's rule of thumb, 1 + 2√(2/n).
    public var funnelWidening: FunnelWidening = .spiegelhalter
    /// The consumer price index that brings every unit cost from its price year to `priceYear`
    /// (CBS 83131NED by default); nil keeps the parameter file's own prices.
    public var priceIndex: PriceIndex? = .cbs
    /// The price level of every euro figure; nil: the year in which the run's last period ends
    /// (a run over 2023Q1…2024Q4 is at 2024 prices throughout, so its periods can be compared).
    public var priceYear: Int?
    /// How often each village is expected to send a case export (`exports_expected`,
    /// `export_days_late`); quarterly by default.
    public var exportEvery: Period.Unit = .quarter
    /// Days after the end of a `exportEvery` unit within which its export counts as on time: 15,
    /// DHIS2's default for timely reporting.
    public var exportGraceDays = MetricsOptions.defaultExportGraceDays
    /// DHIS2's default number of days after a period within which a report is timely.
    public static let defaultExportGraceDays = 15

    public init(grouping: Grouping = .village, periods: [Period], minCell: Int = 5, suppress: Bool = true,
                volunteerThresholdHoursPerWeek: Double = 4, escalationDraws: Int = 10_000,
                seed: UInt64 = 20_240_305, escalationParameters: EscalationParameters = .reference,
                followUpDays: Int? = nil, today: CivilDate? = nil) {
        self.grouping = grouping
        self.periods = periods
        self.minCell = minCell
        self.suppress = suppress
        self.volunteerThresholdHoursPerWeek = volunteerThresholdHoursPerWeek
        self.escalationDraws = escalationDraws
        self.seed = seed
        self.escalationParameters = escalationParameters
        self.followUpDays = followUpDays
        self.today = today
    }

    /// The horizon actually used.
    public var effectiveFollowUpDays: Int { followUpDays ?? escalationParameters.followUpDays }

    /// The price year asked for: `priceYear`, else the year the last period ends in, else the
    /// parameter file's.
    public var requestedPriceYear: Int {
        priceYear ?? periods.map(\.end.year).max() ?? escalationParameters.priceYear
    }

    /// The escalation parameters at the run's price level and how they got there; the file's own
    /// prices (and nil) without a price index, or when a year lies before the index (a period
    /// before 2010: the figures then stay at the file's price year, and the `avoided_cost_price_year`
    /// row says which).
    public var pricedEscalationParameters: (EscalationParameters, PriceLevel?) {
        guard let priceIndex, let priced = try? escalationParameters.priced(by: priceIndex, to: requestedPriceYear) else {
            return (escalationParameters, nil)
        }
        return (priced.0, priced.1)
    }

    /// Throws for values no run can use; the CLI reports them as usage errors.
    public func validate() throws(MetricsError) {
        guard minCell >= 1 else { throw .invalidOption(name: "--min-cell", reason: "must be at least 1") }
        guard escalationDraws >= 1 else { throw .invalidOption(name: "--draws", reason: "must be at least 1") }
        guard volunteerThresholdHoursPerWeek.isFinite, volunteerThresholdHoursPerWeek >= 0 else {
            throw .invalidOption(name: "--volunteer-threshold", reason: "must be a non-negative number")
        }
        guard effectiveFollowUpDays >= 0 else { throw .invalidOption(name: "follow_up_days", reason: "must be ≥ 0") }
        guard exportGraceDays >= 0 else { throw .invalidOption(name: "exportGraceDays", reason: "must be ≥ 0") }
    }
}

/// The kinds of chart material a metrics run can return beside its rows.
public struct ChartMaterial: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Kaplan–Meier curves (`MetricsResult.survivalCurves`).
    public static let survivalCurves = ChartMaterial(rawValue: 1)
    /// Hours per active volunteer (`MetricsResult.volunteerHours`).
    public static let volunteerHours = ChartMaterial(rawValue: 2)
    /// Escalation summaries (`MetricsResult.escalation`).
    public static let escalation = ChartMaterial(rawValue: 4)
    /// Funnel-plot points (`MetricsResult.funnel`).
    public static let funnel = ChartMaterial(rawValue: 8)
    public static let all: ChartMaterial = [.survivalCurves, .volunteerHours, .escalation, .funnel]
}
