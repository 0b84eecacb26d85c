import NoaberModel

/// Data quality per village, over all its stored cases (not per period): the feedback a lerend
/// netwerk session needs before it trusts a comparison. Rows carry period `all`.
///
/// - `completeness_pct:<field>`: % of stored cases with the field filled (n = stored cases);
///   `age_band` counts a birth year as filled, `themes` needs at least one theme;
/// - `rows_read`, `rows_rejected`, `rejected_pct` (n = rows read) and `rejected:<reason>` from
///   the import facts;
/// - `dates_out_of_order`: cases with first contact or closure before receipt, or closure before
///   first contact (the importer rejects these, so anything here is a bug or an old store);
/// - `dates_in_future`: cases with any date after the village's as-of date;
/// - `duplicate_cases`: cases beyond the first with the same person, received date and themes;
/// - `days_since_latest_export`: from the latest export's as-of date to `today`;
/// - `cases_vanished`: stored cases that a newer full export of the village no longer listed
///   (an open one is censored where it was last seen; see `ExportTimeline`);
/// - `outlier_modified_z:cases`: per month whose case count is far from the village's usual level
///   (modified z-score, |M| ≥ 3.5, over the whole months its data cover; `MonthlyOutliers`):
///   period = the month, value = M, n = the month's cases;
/// - `exports_expected`, `exports_received`, `exports_on_time`, `export_days_late`: the export
///   schedule (one case export per quarter by default, on time within 15 days; `ExportSchedule`),
///   given with `today` only;
/// - `finding:<metric>`: for every row above that is a finding, its severity (1 info, 2 warning,
///   3 error; `DataQualityFindings`).
enum QualityMetrics {
    static let fields = ["person_id", "age_band", "first_contact", "closed", "source", "channel",
                         "themes", "resolution", "support_minutes"]

    /// A village's data-quality rows and its monthly series (nil without a whole covered month).
    static func compute(_ prepared: PreparedVillage, facts: QualityFacts?, today: CivilDate?,
                        exportEvery: Period.Unit = .quarter, graceDays: Int = 15) -> (rows: [MetricRow], outliers: MonthlyOutliers?) {
        var rows = rows(prepared, facts: facts, today: today)
        let outliers = MonthlyOutliers(prepared)
        rows += outliers?.rows ?? []
        if let today, let start = prepared.coverage.start {
            rows += ExportSchedule(start: start, exports: prepared.exportDays, today: today, every: exportEvery,
                                   graceDays: graceDays).rows(village: prepared.village.code)
        }
        rows += DataQualityFindings.rows(for: rows, exportEvery: exportEvery)
        return (rows, outliers)
    }

    static func rows(_ prepared: PreparedVillage, facts: QualityFacts?, today: CivilDate?) -> [MetricRow] {
        let village = prepared.village
        let cases = prepared.cases
        var b = RowBuilder(village: village.code, period: "all")
        var filled = [Int](repeating: 0, count: fields.count)
        var outOfOrder = 0, future = 0
        let asOf = prepared.asOf
        var seen = Set<DuplicateKey>(minimumCapacity: cases.count)
        var duplicates = 0
        for (index, c) in cases.enumerated() {
            // In `fields` order; counted without building an array per case.
            if c.hasPerson { filled[0] += 1 }
            if c.ageBand != nil { filled[1] += 1 }
            if c.firstContact != nil { filled[2] += 1 }
            if c.closed != nil { filled[3] += 1 }
            if c.source != nil { filled[4] += 1 }
            if c.channel != nil { filled[5] += 1 }
            if !c.themes.isEmpty { filled[6] += 1 }
            if c.resolution != nil { filled[7] += 1 }
            if c.supportMinutes != nil { filled[8] += 1 }
            let fc = c.firstContact, cl = c.closed
            if (fc.map { $0 < c.received } ?? false) || (cl.map { $0 < c.received } ?? false)
                || (fc.flatMap { f in cl.map { $0 < f } } ?? false) {
                outOfOrder += 1
            }
            // After the as-of date of the export that listed it: a date that had not happened yet.
            let censor = prepared.censorDays[index]
            let listedOn = c.lastSeenDayNumber ?? (censor == Int32.min ? asOf?.dayNumber : Int(censor))
            if let listedOn {
                let latest = max(c.receivedDayNumber, fc?.date.dayNumber ?? Int.min, c.closedDayNumber ?? Int.min)
                if latest > listedOn { future += 1 }
            }
            if let person = c.personToken {
                let k = DuplicateKey(person: person, day: c.receivedDayNumber, themes: c.themes.mask)
                if !seen.insert(k).inserted { duplicates += 1 }
            }
        }
        for (i, f) in fields.enumerated() {
            b.proportion("completeness_pct:" + f, filled[i], of: cases.count, scale: 100)
        }
        b.count("dates_out_of_order", outOfOrder, n: cases.count)
        b.count("dates_in_future", future, n: cases.count)
        b.count("duplicate_cases", duplicates, n: cases.count)
        b.count("cases_vanished", prepared.vanished, n: cases.count)
        if let facts {
            b.count("rows_read", facts.rowsRead)
            b.count("rows_rejected", facts.rowsRejected, n: facts.rowsRead)
            b.add("rejected_pct", facts.rowsRead > 0 ? 100 * Double(facts.rowsRejected) / Double(facts.rowsRead) : nil,
                  n: facts.rowsRead)
            for reason in facts.rejectedReasons.keys.sorted() {
                b.count("rejected:" + reason, facts.rejectedReasons[reason] ?? 0, n: facts.rowsRead)
            }
        }
        if let today, let latest = facts?.latestExport ?? asOf {
            b.count("days_since_latest_export", today.dayNumber - latest.dayNumber)
        }
        return b.rows
    }

    private struct DuplicateKey: Hashable {
        let person: UInt64
        let day: Int
        let themes: UInt32
    }
}
