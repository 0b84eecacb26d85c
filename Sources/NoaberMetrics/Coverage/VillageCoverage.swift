import NoaberModel

/// Which days a village's data cover: from its registration start to the as-of date of its
/// newest export, per record kind (cases; volunteer tasks).
///
/// A figure that grows with the time observed (cases, residents, reach, volunteer hours, avoided
/// cost, …) means something for a period only when every day of it is covered; a village with a
/// partly covered period is left out of that figure (and out of pooled totals and funnel plots)
/// instead of being counted as if its missing weeks had no cases. A village with no covered day
/// in a period has no figure there at all — never a zero. Durations and shares among cases
/// (response times) use every case received on a covered day.
public struct VillageCoverage: Sendable, Hashable {
    /// Where the covered days start.
    public enum StartSource: String, Sendable, Hashable, Codable {
        /// The villages file gives `registration_start`.
        case registrationStart = "registration_start"
        /// Not given: the earliest date the village sent (its first case received) stands in.
        case earliestRecord = "earliest_record"
    }

    /// The record kinds a coverage is kept for.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case cases, tasks
    }

    /// How much of a period is covered.
    public enum Level: String, Sendable, Hashable {
        case full, partial, none
    }

    /// The first covered day; nil when the village has neither a registration start nor any record.
    public var start: CivilDate?
    public var startSource: StartSource
    /// The as-of date of the newest case export that listed the village; nil without one.
    public var casesEnd: CivilDate?
    /// The as-of date of the newest task export that listed the village; nil without one.
    public var tasksEnd: CivilDate?

    public init(start: CivilDate?, startSource: StartSource, casesEnd: CivilDate?, tasksEnd: CivilDate?) {
        self.start = start
        self.startSource = startSource
        self.casesEnd = casesEnd
        self.tasksEnd = tasksEnd
    }

    /// No covered day at all.
    public static let empty = VillageCoverage(start: nil, startSource: .earliestRecord, casesEnd: nil, tasksEnd: nil)

    /// The covered days of `kind`, or nil when there are none.
    public func span(_ kind: Kind) -> ClosedRange<Int>? {
        guard let start, let end = kind == .cases ? casesEnd : tasksEnd, start <= end else { return nil }
        return start.dayNumber...end.dayNumber
    }

    /// The days of `period` that `kind` covers, or nil when it covers none.
    public func covered(_ period: Period, _ kind: Kind) -> ClosedRange<Int>? {
        guard let span = span(kind) else { return nil }
        let lo = max(span.lowerBound, period.start.dayNumber), hi = min(span.upperBound, period.end.dayNumber)
        return lo <= hi ? lo...hi : nil
    }

    /// The number of days of `period` that `kind` covers.
    public func coveredDays(_ period: Period, _ kind: Kind) -> Int { covered(period, kind)?.count ?? 0 }

    /// Covered days as a percentage of the period's days (2024-01-01…2024-09-30 of 2024: 74.9).
    public func percent(_ period: Period, _ kind: Kind) -> Double {
        100 * Double(coveredDays(period, kind)) / Double(period.dayCount)
    }

    public func level(_ period: Period, _ kind: Kind) -> Level {
        let days = coveredDays(period, kind)
        return days == 0 ? .none : days == period.dayCount ? .full : .partial
    }
}
