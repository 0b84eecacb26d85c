import NoaberModel

/// Whether a village sends its case exports as often as agreed: DHIS2's reporting rate and
/// timeliness, for exports instead of monthly forms.
///
/// The village is expected to send one export per `every` unit (quarter by default) from the unit
/// its registration starts in; the export *for* a unit is one whose as-of date lies on or after
/// the unit's last day and before the next unit's last day, and it is **on time** when its as-of
/// date is at most `graceDays` (15, DHIS2's default) after the unit's last day. A unit is
/// *expected* once its due date (last day + grace) has passed on `today`.
///
/// **Days late** says how far the village's data lag behind the schedule now. The schedule
/// promises data through the last day of the latest expected unit L. When an export reaches that
/// far, days late = how long after L's due date the first such export came (0 when on time). When
/// none does, the village is behind since the first unit its newest export does not reach: days
/// late = today − that unit's due date. (Under full exports a later export carries every earlier
/// case, so a missed export that a later one made good is not counted against the village.)
///
///     exports at 2024-04-10 and 2024-11-15, quarterly, 15 days, today 2025-01-20, start 2024-01-01:
///     expected 2024Q1…2024Q4 = 4 (Q4 was due 2025-01-15)
///     received Q1 (04-10, on time) and Q3 (11-15, 31 days late) = 2, on time 1
///     days late: no export reaches 2024-12-31; the newest (11-15) stops inside Q4, due 2025-01-15:
///     2025-01-20 − 2025-01-15 = 5
///
/// The count of received exports says how often the figures were refreshed.
struct ExportSchedule: Hashable, Sendable {
    /// Units whose due date has passed.
    let expected: Int
    /// Of those, units with an export.
    let received: Int
    /// Of those, units whose export came within the grace period.
    let onTime: Int
    /// How many days the village's data lag behind the schedule (see the type's discussion); nil
    /// when nothing is expected yet.
    let daysLate: Int?

    /// - Parameters:
    ///   - start: the first covered day (registration start, else the first case).
    ///   - exports: as-of days of the village's case exports, ascending.
    /// - Complexity: O(units · log exports).
    init(start: CivilDate, exports: [Int], today: CivilDate, every: Period.Unit, graceDays: Int) {
        var expected = 0, received = 0, onTime = 0
        var daysLate: Int?
        let (y, m, _) = start.components
        let firstMonth = every == .month ? m : every == .quarter ? ((m - 1) / 3) * 3 + 1 : 1
        if let unitStart = CivilDate(year: y, month: firstMonth, day: 1), unitStart <= today,
           let span = try? Period(start: unitStart, end: today) {
            let units = span.split(every: every)
            var due: [Int] = []          // due days of the expected units
            var ends: [Int] = []         // their last days
            for (i, unit) in units.enumerated() {
                let deadline = unit.end.dayNumber + graceDays
                // The last piece is cut at today unless today is the unit's last day.
                let whole = i < units.count - 1 || Self.isLastDay(unit.end, of: every)
                guard deadline <= today.dayNumber, whole else { break }
                expected += 1
                due.append(deadline)
                ends.append(unit.end.dayNumber)
                let next = i + 1 < units.count ? units[i + 1].end.dayNumber : Int.max
                // The first export on or after the unit's last day and before the next unit's last day.
                let j = Self.firstIndex(exports, atLeast: unit.end.dayNumber)
                if j < exports.count, exports[j] < next {
                    received += 1
                    if exports[j] <= deadline { onTime += 1 }
                }
            }
            if let lastEnd = ends.last, let lastDue = due.last {
                let j = Self.firstIndex(exports, atLeast: lastEnd)
                if j < exports.count {
                    daysLate = max(0, exports[j] - lastDue)
                } else {
                    // Behind since the first expected unit the newest export does not reach.
                    let newest = exports.last ?? Int.min
                    let k = ends.firstIndex { $0 > newest } ?? 0
                    daysLate = today.dayNumber - due[k]
                }
            }
        }
        self.expected = expected
        self.received = received
        self.onTime = onTime
        self.daysLate = daysLate
    }

    /// Whether `date` is the last day of its month, quarter or year.
    static func isLastDay(_ date: CivilDate, of unit: Period.Unit) -> Bool {
        let (y, m, d) = date.components
        guard d == CivilDate.daysIn(month: m, year: y) else { return false }
        switch unit {
        case .month: return true
        case .quarter: return m % 3 == 0
        case .year: return m == 12
        }
    }

    private static func firstIndex(_ days: [Int], atLeast day: Int) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The rows of a village, period `all`.
    func rows(village: String) -> [MetricRow] {
        var b = RowBuilder(village: village, period: "all")
        b.count("exports_expected", expected)
        b.count("exports_received", received, n: expected)
        b.count("exports_on_time", onTime, n: expected)
        if let daysLate { b.count("export_days_late", daysLate) }
        return b.rows
    }
}
