import NoaberModel

/// Which villages' data cover one period: fully, partly (with the share of days) or not at all —
/// what a report's opening sentence, the `metrics` warning and the refusal of an empty period are
/// made of.
public struct CoverageSummary: Sendable, Hashable {
    /// A village whose case data cover part of the period.
    public struct Partial: Sendable, Hashable {
        public var village: Village
        /// Share of the period's days covered, 0 < percent < 100.
        public var percent: Double
        /// The last covered day (where its newest export ends), or the first (when it started
        /// registering during the period).
        public var covered: ClosedRange<CivilDate>
    }

    public let period: Period
    /// Villages whose case data cover every day of the period.
    public let full: [Village]
    public let partial: [Partial]
    /// Villages with no covered day in the period (no export yet, or a period outside their data).
    public let none: [Village]
    /// Villages whose volunteer-task data do not cover the whole period (partly or not at all).
    public let tasksIncomplete: [Village]
    /// Villages whose coverage starts at their earliest record because the villages file gives
    /// no registration start.
    public let startEstimated: [Village]

    /// The summary for `villages` (in the order given) in `period`.
    public init(period: Period, villages: [Village], coverage: [String: VillageCoverage]) {
        self.period = period
        var full: [Village] = [], partial: [Partial] = [], none: [Village] = [], tasks: [Village] = []
        var estimated: [Village] = []
        for v in villages {
            let c = coverage[v.code] ?? .empty
            switch c.level(period, .cases) {
            case .full: full.append(v)
            case .none: none.append(v)
            case .partial:
                if let days = c.covered(period, .cases) {
                    partial.append(Partial(village: v, percent: c.percent(period, .cases),
                                           covered: CivilDate(dayNumber: days.lowerBound)...CivilDate(dayNumber: days.upperBound)))
                }
            }
            if c.level(period, .tasks) != .full { tasks.append(v) }
            if c.startSource == .earliestRecord, c.start != nil { estimated.append(v) }
        }
        self.full = full
        self.partial = partial
        self.none = none
        tasksIncomplete = tasks
        startEstimated = estimated
    }

    /// No village covers a single day of the period.
    public var isEmpty: Bool { full.isEmpty && partial.isEmpty }
    /// Every village covers every day.
    public var isComplete: Bool { partial.isEmpty && none.isEmpty }

    /// The newest as-of date of any village's case exports (nil without any): how far the data
    /// reach, for a message about a period past it.
    public static func dataEnd(_ coverage: [String: VillageCoverage]) -> CivilDate? {
        coverage.values.compactMap(\.casesEnd).max()
    }

    /// The earliest covered day of any village (nil without any).
    public static func dataStart(_ coverage: [String: VillageCoverage]) -> CivilDate? {
        coverage.values.compactMap { c in c.span(.cases).map { CivilDate(dayNumber: $0.lowerBound) } }.min()
    }
}
