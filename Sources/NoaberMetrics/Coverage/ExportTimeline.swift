import NoaberModel

/// The as-of dates of one village's case exports, full and incremental: when each open case was
/// last seen open, and which export stopped listing it.
///
/// Rules (docs/schema.md, "Censoring"):
/// - A full export lists every case the village registered so far. An open case that a newer
///   full export no longer lists was last seen open on the as-of date of the last export that
///   listed it: it is censored there (and counted in `cases_vanished`), never carried forward.
/// - An incremental export lists only new and changed cases; a case it does not list is
///   unchanged. So an open case stays open up to the newest incremental as-of date, until a full
///   export that does not list it.
///
///     let t = ExportTimeline([(d("2024-03-31"), .full), (d("2024-06-30"), .incremental), (d("2024-09-30"), .full)])
///     t.censorDay(lastSeen: d("2024-03-31").dayNumber)   // 2024-06-30: unchanged in the incremental export,
///                                                        // then dropped by the full export of 30 September
///     t.censorDay(lastSeen: d("2024-09-30").dayNumber)   // 2024-09-30
public struct ExportTimeline: Sendable, Hashable {
    /// Day numbers of the full exports' as-of dates, ascending, distinct.
    public let fullDays: [Int]
    /// Day numbers of the incremental exports' as-of dates, ascending, distinct.
    public let incrementalDays: [Int]

    public init(_ exports: [(asOf: CivilDate, kind: ExportKind)]) {
        fullDays = Array(Set(exports.filter { $0.kind == .full }.map(\.asOf.dayNumber))).sorted()
        incrementalDays = Array(Set(exports.filter { $0.kind == .incremental }.map(\.asOf.dayNumber))).sorted()
    }

    /// No export at all.
    public var isEmpty: Bool { fullDays.isEmpty && incrementalDays.isEmpty }

    /// The newest as-of date of any export, or nil without exports.
    public var latest: CivilDate? {
        let day = max(fullDays.last ?? Int.min, incrementalDays.last ?? Int.min)
        return day == Int.min ? nil : CivilDate(dayNumber: day)
    }

    /// The as-of day of the first full export after `lastSeen`: the export that no longer listed
    /// a case last listed on `lastSeen` (nil when no full export came later).
    /// - Complexity: O(log exports).
    public func droppedBy(lastSeen: Int) -> Int? {
        let i = Self.firstIndex(in: fullDays, above: lastSeen)
        return i < fullDays.count ? fullDays[i] : nil
    }

    /// The day an open case last listed on `lastSeen` is censored: `lastSeen`, carried forward
    /// over every incremental export before the next full export (which no longer listed it).
    /// A case whose `lastSeen` is unknown is censored at the newest as-of date.
    /// - Complexity: O(log exports).
    public func censorDay(lastSeen: Int?) -> Int? {
        guard let lastSeen else { return latest?.dayNumber }
        let limit = droppedBy(lastSeen: lastSeen) ?? Int.max
        // The newest incremental export after lastSeen and before the full export that dropped it.
        let below = Self.firstIndex(in: incrementalDays, above: limit - 1)
        if below > 0, incrementalDays[below - 1] > lastSeen { return incrementalDays[below - 1] }
        return lastSeen
    }

    /// The first index of `days` holding a value > `day`.
    private static func firstIndex(in days: [Int], above day: Int) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
