import NoaberModel

/// Small-cell suppression for published figures (docs/disclosure.md).
///
/// With k = `minCell` (5 by default):
/// 1. Primary: a count between 1 and k − 1, and every row whose `n` is between 1 and k − 1,
///    becomes suppressed (value, lower, upper nil; `n` hidden too when it is itself the small
///    cell). A count of zero stays zero (an empty cell reveals nobody), with a small `n` hidden.
/// 2. Secondary, within a category family (`theme:*` or `source:*` of one group and period): when
///    exactly one cell is suppressed, the smallest other non-zero cell is suppressed too, so the
///    hidden cell cannot be recovered from the total number of cases.
/// 3. Secondary, across villages: when a municipality total is shown (a row whose `village` is a
///    municipality name in `municipalityOf`'s values) and exactly one of its villages' counts of
///    the same metric and period is suppressed, the next smallest non-zero village count is too.
///    Steps 2 and 3 repeat until nothing changes.
/// 4. Derived rows: a rate or share whose numerator or denominator count is suppressed is
///    suppressed (`reach_per_1000` with `residents_reached`, `theme_pct:x` with `theme:x` …).
///
/// Data-quality rows describe the registration, not residents, and are never suppressed — except
/// `outlier_modified_z:cases`, whose n is the month's number of cases (docs/disclosure.md).
/// - Complexity: O(rows) per pass; passes are bounded by the number of rows.
public enum DisclosureControl {
    /// Rows that are counts of people, cases or tasks.
    public static let countMetrics: Set<String> = [
        "cases", "residents_reached", "residents_reached_75plus", "new_residents", "anonymous_cases",
        "collective_cases", "volunteers_active", "volunteer_tasks", "volunteers_over_threshold",
        "boundary_tasks", "open_cases_at_end", "escalation_cases_counted",
        "open_waiting", "open_waiting_over_2d", "open_waiting_over_7d", "open_waiting_over_30d",
    ]

    /// Rows about data quality, exempt from suppression.
    public static let exemptMetrics: Set<String> = [
        "rows_read", "rows_rejected", "rejected_pct", "dates_out_of_order", "dates_in_future", "duplicate_cases",
        "days_since_latest_export", "response_negative_durations", "first_contact_median_not_reached",
        "closure_median_not_reached", "cases_vanished",
        // Coverage describes the data received, not residents.
        "coverage_pct", "tasks_coverage_pct", "villages_covered", "villages_partly_covered", "villages_without_data",
        // How far the data reach past a period, and the price level: about the data and the model.
        "escalation_follow_up_complete", "avoided_cost_price_year",
        // The export schedule describes the village's exports.
        "exports_expected", "exports_received", "exports_on_time", "export_days_late",
    ]

    public static func isCount(_ metric: String) -> Bool {
        countMetrics.contains(metric) || metric.hasPrefix("theme:") || metric.hasPrefix("source:")
    }

    public static func isExempt(_ metric: String) -> Bool {
        exemptMetrics.contains(metric) || metric.hasPrefix("completeness_pct:") || metric.hasPrefix("rejected:")
            || metric.hasPrefix(DataQualityFindings.prefix)
    }

    /// The counts a derived metric is computed from (same group and period).
    public static func sources(of metric: String) -> [String] {
        switch metric {
        case "reach_per_1000": return ["residents_reached"]
        case "reach_75plus_pct": return ["residents_reached_75plus"]
        case "cases_per_1000", "cases_per_paid_hour": return ["cases"]
        case "new_residents_pct": return ["new_residents", "residents_reached"]
        case "volunteers_per_1000": return ["volunteers_active"]
        case "avoided_cost_eur", "avoided_cost_eur_most_likely", "return_per_euro": return ["escalation_cases_counted"]
        case "open_waiting_over_2d_pct": return ["open_waiting_over_2d", "open_waiting"]
        case "open_waiting_over_7d_pct": return ["open_waiting_over_7d", "open_waiting"]
        case "open_waiting_over_30d_pct": return ["open_waiting_over_30d", "open_waiting"]
        default:
            if metric.hasPrefix("theme_pct:") { return ["theme:" + metric.dropFirst("theme_pct:".count), "cases"] }
            if metric.hasPrefix("source_pct:") { return ["source:" + metric.dropFirst("source_pct:".count), "cases"] }
            return []
        }
    }

    /// Applies primary, secondary and derived suppression; the order of rows is kept.
    /// `municipalityOf` maps village codes to municipality names (for step 3).
    public static func apply(_ rows: [MetricRow], minCell k: Int, municipalityOf: [String: String] = [:]) -> [MetricRow] {
        guard k > 1 else { return rows }
        var out = rows
        var index: [Key: Int] = [:]
        for (i, r) in rows.enumerated() { index[Key(r.village, r.period, r.metric)] = i }
        let small = 1...(k - 1)

        for i in out.indices where !isExempt(out[i].metric) {
            let r = out[i]
            if isCount(r.metric), r.value == 0 {
                // Zero reveals nobody; only an n that is itself a small cell is hidden.
                if let n = r.n, small.contains(n) { out[i].n = nil }
                continue
            }
            let smallCount = isCount(r.metric) && r.value.map { $0 >= 1 && $0 < Double(k) } ?? false
            let smallN = r.n.map { small.contains($0) } ?? false
            if smallCount || smallN { hide(&out[i], k) }
        }

        // Which cells form a family or sit under a municipality total depends on the metric names
        // alone, so the groups are found once, in the order the passes visit them.
        var families: [Key: [Int]] = [:]
        var members: [Key: [Int]] = [:]
        var totalOf: [Key: Int] = [:]
        for (i, r) in out.enumerated() {
            for prefix in ["theme:", "source:"] where r.metric.hasPrefix(prefix) {
                families[Key(r.village, r.period, prefix), default: []].append(i)
            }
            guard isCount(r.metric), let m = municipalityOf[r.village], m != r.village,
                  let t = index[Key(m, r.period, r.metric)] else { continue }
            let key = Key(m, r.period, r.metric)
            members[key, default: []].append(i)
            totalOf[key] = t
        }
        let familyKeys = families.keys.sorted()
        let memberKeys = members.keys.sorted()

        var changed = true
        while changed {
            changed = false
            // Step 2: category families.
            for key in familyKeys {
                if let j = secondCell(families[key] ?? [], out) { hide(&out[j], k); changed = true }
            }
            // Step 3: villages under a shown municipality total (a total hidden by step 2 no
            // longer shows anything to subtract from).
            let shown = memberKeys.filter { key in totalOf[key].map { !out[$0].suppressed } ?? false }
            for key in shown {
                if let j = secondCell(members[key] ?? [], out) { hide(&out[j], k); changed = true }
            }
        }

        for i in out.indices where !out[i].suppressed {
            let r = out[i]
            if sources(of: r.metric).contains(where: { s in index[Key(r.village, r.period, s)].map { out[$0].suppressed } ?? false }) {
                hide(&out[i], k)
            }
        }
        return out
    }

    /// When exactly one cell of `cells` is suppressed, the index of the smallest other non-zero
    /// shown cell (ties broken by metric and village name), else nil.
    private static func secondCell(_ cells: [Int], _ rows: [MetricRow]) -> Int? {
        guard cells.filter({ rows[$0].suppressed }).count == 1 else { return nil }
        return cells.filter { !rows[$0].suppressed && (rows[$0].value ?? 0) > 0 }
            .min { a, b in
                let va = rows[a].value ?? 0, vb = rows[b].value ?? 0
                if va != vb { return va < vb }
                return (rows[a].village, rows[a].metric) < (rows[b].village, rows[b].metric)
            }
    }

    private static func hide(_ row: inout MetricRow, _ k: Int) {
        let n = row.n
        row = row.hidden
        if let n, n >= 1, n < k { row.n = nil }
    }

    private struct Key: Hashable, Comparable {
        let a: String, b: String, c: String
        init(_ a: String, _ b: String, _ c: String) { self.a = a; self.b = b; self.c = c }
        static func < (x: Key, y: Key) -> Bool { (x.a, x.b, x.c) < (y.a, y.b, y.c) }
    }
}
