/// Why an effect estimate cannot be made from the data given. Each case carries the facts a message
/// needs (area codes, period labels, counts), so the CLI can say it in Dutch or English without
/// re-reading the data; `description` is the developer's English.
///
/// An effect figure is only ever computed when none of these apply: the estimators never fall back
/// to a number silently (no dropped area without a `PanelAdjustment`, no zero for a missing value).
public enum EffectError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer periods than the method needs (`did` needs 2, `its` needs 6: three on each side).
    case tooFewPeriods(method: EffectMethod, count: Int, minimum: Int)
    /// The periods are not one after the other: `later` does not start the day after `earlier`
    /// ends (a gap, an overlap or the wrong order).
    case periodsNotConsecutive(earlier: String, later: String)
    /// No areas were given, or every area was dropped (`dropped` of them, see the policy).
    case noAreas(dropped: Int)
    /// The same area code twice in the area list.
    case duplicateArea(area: String)
    /// Two observations for the same area and period.
    case duplicateObservation(area: String, period: String)
    /// An observation that cannot give a rate.
    case invalidObservation(area: String, period: String, problem: ObservationProblem)
    /// The measure is missing: for these areas in every period, and/or in these periods for every
    /// area. (An area missing only some periods is `unbalancedPanel`.)
    case measureMissing(measure: String, areas: [String], periods: [String])
    /// Areas observed in some periods but not all (with `PanelPolicy.incompleteAreas == .refuse`).
    case unbalancedPanel(measure: String, gaps: [AreaGap])
    /// Areas whose ondersteuner started on or before the first period's first day: there is no
    /// period before the start to compare with.
    case startBeforeFirstPeriod(areas: [String], firstPeriod: String)
    /// Areas whose ondersteuner started after the last period began: within the data they were
    /// never treated, yet they are not areas without an ondersteuner either.
    case startAfterLastPeriod(areas: [String], lastPeriod: String)
    /// No area has a start date in the data: there is nothing to estimate.
    case noTreatedAreas(areas: Int)
    /// Every area has an ondersteuner (at different dates): `did` compares with areas that never
    /// had one, and there are none. `cohorts` are the first treated periods.
    case noComparisonAreas(treatedAreas: Int, cohorts: [String])
    /// Every area started in the same period and none is left without an ondersteuner: no
    /// comparison exists at all within the data.
    case allAreasStartTogether(period: String, areas: Int)
    /// Only one area has an ondersteuner: its own variation cannot be told from noise by `did`
    /// (its influence function is zero). Use `its` for one village.
    case singleTreatedArea(area: String)
    /// Fewer comparison areas than needed for a standard error.
    case tooFewComparisonAreas(count: Int, minimum: Int)
    /// `its` was asked for an area the panel does not hold.
    case areaNotFound(area: String)
    /// `its` was asked for an area without an ondersteuner start in the data.
    case areaNotTreated(area: String)
    /// `its` needs at least `minimum` periods before and after the start; the area has `before`
    /// and `after`.
    case tooFewPeriodsAroundStart(area: String, before: Int, after: Int, minimum: Int)
    /// An option out of range (confidence outside (0, 1), negative lags, bootstrap draws < 2, …).
    case invalidOption(name: String, reason: String)

    /// What is wrong with one observation.
    public enum ObservationProblem: String, Hashable, Sendable {
        /// The value is NaN or infinite.
        case valueNotFinite
        /// The value is negative (outcome series are counts or amounts).
        case valueNegative
        /// The population is zero, negative or not finite: no rate per 1,000.
        case populationNotPositive
    }

    /// An area and the periods it misses.
    public struct AreaGap: Hashable, Sendable {
        public let area: String
        public let missingPeriods: [String]

        public init(area: String, missingPeriods: [String]) {
            self.area = area
            self.missingPeriods = missingPeriods
        }
    }

    public var description: String {
        switch self {
        case let .tooFewPeriods(method, count, minimum):
            return "\(method.rawValue) needs at least \(minimum) periods; the data have \(count)"
        case let .periodsNotConsecutive(earlier, later):
            return "periods must follow each other without gaps or overlaps: \(later) does not start the day after \(earlier) ends"
        case let .noAreas(dropped):
            return dropped == 0 ? "no areas given" : "no areas left: all \(dropped) were dropped"
        case let .duplicateArea(area):
            return "area \(area) is listed twice"
        case let .duplicateObservation(area, period):
            return "two observations for area \(area) in \(period)"
        case let .invalidObservation(area, period, problem):
            let what = switch problem {
            case .valueNotFinite: "the value is not a number"
            case .valueNegative: "the value is negative"
            case .populationNotPositive: "the population is not positive"
            }
            return "area \(area), \(period): \(what)"
        case let .measureMissing(measure, areas, periods):
            var parts: [String] = []
            if !areas.isEmpty { parts.append("for area(s) \(Self.list(areas)) in every period") }
            if !periods.isEmpty { parts.append("in period(s) \(Self.list(periods)) for every area") }
            return "measure \(measure) is missing " + parts.joined(separator: " and ")
        case let .unbalancedPanel(measure, gaps):
            let first = gaps.prefix(3).map { "\($0.area) (\(Self.list($0.missingPeriods)))" }
            return "measure \(measure) is missing for \(gaps.count) area(s) in some periods: "
                + first.joined(separator: ", ") + (gaps.count > 3 ? ", …" : "")
        case let .startBeforeFirstPeriod(areas, firstPeriod):
            return "area(s) \(Self.list(areas)) started on or before the first period \(firstPeriod): no period before the start"
        case let .startAfterLastPeriod(areas, lastPeriod):
            return "area(s) \(Self.list(areas)) started after the last period \(lastPeriod) began: not treated within the data"
        case let .noTreatedAreas(areas):
            return "none of the \(areas) area(s) has an ondersteuner start within the data"
        case let .noComparisonAreas(treatedAreas, cohorts):
            return "all \(treatedAreas) areas have an ondersteuner (starting \(Self.list(cohorts))): did needs areas without one"
        case let .allAreasStartTogether(period, areas):
            return "all \(areas) areas started in \(period): there is no comparison within the data"
        case let .singleTreatedArea(area):
            return "only area \(area) has an ondersteuner: did cannot estimate its uncertainty; use its"
        case let .tooFewComparisonAreas(count, minimum):
            return "\(count) comparison area(s); did needs at least \(minimum)"
        case let .areaNotFound(area):
            return "area \(area) is not in the data"
        case let .areaNotTreated(area):
            return "area \(area) has no ondersteuner start within the data"
        case let .tooFewPeriodsAroundStart(area, before, after, minimum):
            return "area \(area) has \(before) period(s) before and \(after) from the start; its needs at least \(minimum) on each side"
        case let .invalidOption(name, reason):
            return "invalid option \(name): \(reason)"
        }
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 5 ? items.joined(separator: ", ")
            : items.prefix(5).joined(separator: ", ") + " and \(items.count - 5) more"
    }
}

/// The two ways of estimating an effect (`--method did|its`).
public enum EffectMethod: String, Hashable, Sendable, CaseIterable, Codable {
    /// Staggered difference-in-differences (Callaway & Sant'Anna 2021) against areas without an
    /// ondersteuner.
    case did
    /// Interrupted time series of one area: segmented regression with Newey–West errors.
    case its
}
