import NoaberModel

/// Who is waiting now: the view of a waiting list beside the Kaplan–Meier view of response times.
///
/// Kaplan–Meier answers "how long does it take until first contact?" over the cases received in a
/// period. A council also asks "who is still waiting?", and counting only the waits that have
/// ended hides the long ones: the NHS therefore reports *incomplete pathways*, the patients still
/// waiting at the end of the month and how long they have waited so far. noaber counts the same:
///
/// - the **reference day** of a village for a period is the period's last day, or the village's
///   as-of date (its newest case export) when that is earlier — "at the end of the period, or at
///   the as-of date if the data end before it". Without `--include-partial` only villages whose
///   data cover the whole period count, so their reference day is always the period's end;
/// - `open_waiting`: cases received on or before the reference day that are not closed by then,
///   are known to be open then (a case a newer full export no longer listed is not) and have no
///   first contact by then — whenever they were received, so a case from last year that still
///   waits counts too;
/// - `open_waiting_over_2d`, `_7d`, `_30d`: of those, the ones received more than 2, 7 and 30 days
///   before the reference day (days counted between the dates);
/// - `open_waiting_over_2d_pct`, `_7d_pct`, `_30d_pct`: 100 × those / `open_waiting`, with the
///   Wilson interval; n = `open_waiting`.
///
/// All are counts of cases, like `open_cases_at_end`: given only for villages whose data cover the
/// period (the coverage model), summed over them in pooled groups, and suppressed like every count
/// (the shares with their numerator or denominator).
enum WaitingMetrics {
    /// The waiting cases of one group and period, filled one village at a time.
    struct Tally: Sendable {
        var waiting = 0
        var over2 = 0
        var over7 = 0
        var over30 = 0

        /// Adds a village's open cases at its reference day.
        mutating func add(_ open: OpenCases) {
            waiting += open.waiting
            over2 += open.waitingOver2Days
            over7 += open.waitingOver7Days
            over30 += open.waitingOver30Days
        }
    }

    /// The reference day of a village for a period: its end, or the village's as-of date when
    /// that is earlier.
    static func referenceDay(_ village: PreparedVillage, period: Period) -> CivilDate {
        min(period.end, village.coverage.casesEnd ?? period.end)
    }

    /// The count rows, and unless `countsOnly` the shares.
    static func rows(_ t: Tally, group: MetricGroup, period: Period, countsOnly: Bool) -> [MetricRow] {
        var b = RowBuilder(group: group, period: period)
        b.count("open_waiting", t.waiting)
        b.count("open_waiting_over_2d", t.over2)
        b.count("open_waiting_over_7d", t.over7)
        b.count("open_waiting_over_30d", t.over30)
        guard !countsOnly else { return b.rows }
        b.proportion("open_waiting_over_2d_pct", t.over2, of: t.waiting, scale: 100)
        b.proportion("open_waiting_over_7d_pct", t.over7, of: t.waiting, scale: 100)
        b.proportion("open_waiting_over_30d_pct", t.over30, of: t.waiting, scale: 100)
        return b.rows
    }
}
