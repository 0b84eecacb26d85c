import NoaberModel

/// What each stable metric name means to a person: its Dutch and English label and its unit.
///
/// Names with a category (`theme:loneliness`, `completeness_pct:received`) are labelled from
/// their prefix plus the category's own label, so a new code never needs a catalogue change.
public enum MetricCatalog {
    public enum Unit: String, Sendable {
        case count, per1000, percent, days, hours, euros, ratio, share, index
        /// A calendar year (a price level): written without a thousands separator.
        case year
        /// A data-quality finding's severity: 1 info, 2 warning, 3 error (`FindingSeverity`).
        case severity
    }

    public struct Entry: Sendable {
        public let nl: String
        public let en: String
        public let unit: Unit

        public func label(_ language: Language) -> String { language == .nl ? nl : en }
    }

    private static let entries: [String: Entry] = [
        "cases": Entry(nl: "hulpvragen", en: "cases", unit: .count),
        "residents_reached": Entry(nl: "bereikte inwoners", en: "residents reached", unit: .count),
        "residents_reached_75plus": Entry(nl: "bereikte inwoners 75+", en: "residents reached 75+", unit: .count),
        "reach_per_1000": Entry(nl: "bereik per 1.000 inwoners", en: "reach per 1,000 inhabitants", unit: .per1000),
        "reach_75plus_pct": Entry(nl: "bereik onder 75-plussers", en: "reach among residents 75+", unit: .percent),
        "cases_per_1000": Entry(nl: "hulpvragen per 1.000 inwoners", en: "cases per 1,000 inhabitants", unit: .per1000),
        "new_residents": Entry(nl: "nieuwe inwoners", en: "new residents", unit: .count),
        "new_residents_pct": Entry(nl: "aandeel nieuwe inwoners", en: "share of new residents", unit: .percent),
        "anonymous_cases": Entry(nl: "anonieme hulpvragen", en: "anonymous cases", unit: .count),
        "collective_cases": Entry(nl: "collectieve signalen", en: "collective signals", unit: .count),
        "first_contact_median_days": Entry(nl: "mediane tijd tot eerste contact", en: "median time to first contact", unit: .days),
        "closure_median_days": Entry(nl: "mediane doorlooptijd tot afsluiting", en: "median time to closure", unit: .days),
        "first_contact_median_not_reached": Entry(nl: "mediaan eerste contact niet bereikt", en: "first-contact median not reached", unit: .index),
        "closure_median_not_reached": Entry(nl: "mediaan afsluiting niet bereikt", en: "closure median not reached", unit: .index),
        "first_contact_within_2d_pct": Entry(nl: "eerste contact binnen 2 dagen", en: "first contact within 2 days", unit: .percent),
        "first_contact_within_7d_pct": Entry(nl: "eerste contact binnen 7 dagen", en: "first contact within 7 days", unit: .percent),
        "response_negative_durations": Entry(nl: "negatieve duren (datafout)", en: "negative durations (data error)", unit: .count),
        "escalation_cases_counted": Entry(nl: "hulpvragen met risico, uitkomst bekend", en: "cases with a risk and known outcome", unit: .count),
        // The median of the Monte Carlo draws with their 5–95% interval (until 2026-12: the value at
        // the most likely parameters, now `avoided_cost_eur_most_likely`).
        "avoided_cost_eur": Entry(nl: "geschatte vermeden kosten (mediaan)", en: "estimated avoided cost (median)", unit: .euros),
        // Every parameter at its most likely value; lies near the bottom of the interval.
        "avoided_cost_eur_most_likely": Entry(nl: "vermeden kosten bij meest waarschijnlijke parameters",
                                              en: "avoided cost at the most likely parameters", unit: .euros),
        // The median avoided cost per euro of the ondersteuner's cost, with the 5–95% interval.
        "return_per_euro": Entry(nl: "geschatte opbrengst per euro (mediaan)", en: "estimated return per euro (median)", unit: .ratio),
        // The price level of the euro figures: the year the run's last period ends in (CBS CPI).
        "avoided_cost_price_year": Entry(nl: "prijspeil vermeden kosten", en: "price level of the avoided cost", unit: .year),
        // 1 when every counted village's as-of date lies more than the follow-up horizon after
        // the period's end, else 0 (recent cases then count only when closed: too low).
        "escalation_follow_up_complete": Entry(nl: "follow-up van de periode voorbij (1 = ja)",
                                               en: "follow-up of the period complete (1 = yes)", unit: .count),
        // Who is waiting now: cases without a first contact at the end of the period (or the
        // as-of date when earlier), and of them those waiting over 2, 7 and 30 days.
        "open_waiting": Entry(nl: "wachtend op eerste contact aan het eind", en: "waiting for first contact at the end", unit: .count),
        "open_waiting_over_2d": Entry(nl: "wachtend, langer dan 2 dagen", en: "waiting, over 2 days", unit: .count),
        "open_waiting_over_7d": Entry(nl: "wachtend, langer dan 7 dagen", en: "waiting, over 7 days", unit: .count),
        "open_waiting_over_30d": Entry(nl: "wachtend, langer dan 30 dagen", en: "waiting, over 30 days", unit: .count),
        "open_waiting_over_2d_pct": Entry(nl: "van de wachtenden: langer dan 2 dagen", en: "of those waiting: over 2 days", unit: .percent),
        "open_waiting_over_7d_pct": Entry(nl: "van de wachtenden: langer dan 7 dagen", en: "of those waiting: over 7 days", unit: .percent),
        "open_waiting_over_30d_pct": Entry(nl: "van de wachtenden: langer dan 30 dagen", en: "of those waiting: over 30 days", unit: .percent),
        "volunteers_active": Entry(nl: "actieve vrijwilligers", en: "active volunteers", unit: .count),
        "volunteers_per_1000": Entry(nl: "actieve vrijwilligers per 1.000 inwoners", en: "active volunteers per 1,000 inhabitants", unit: .per1000),
        "volunteer_tasks": Entry(nl: "vrijwilligerstaken", en: "volunteer tasks", unit: .count),
        "volunteer_hours": Entry(nl: "vrijwilligersuren", en: "volunteer hours", unit: .hours),
        "volunteer_hours_median": Entry(nl: "uren per vrijwilliger (mediaan)", en: "hours per volunteer (median)", unit: .hours),
        "volunteer_hours_p90": Entry(nl: "uren per vrijwilliger (90e percentiel)", en: "hours per volunteer (90th percentile)", unit: .hours),
        "volunteer_hours_max": Entry(nl: "uren per vrijwilliger (hoogste)", en: "hours per volunteer (maximum)", unit: .hours),
        "volunteer_hours_per_week": Entry(nl: "uren per vrijwilliger per week", en: "hours per volunteer per week", unit: .hours),
        "volunteer_hours_top20_share": Entry(nl: "aandeel uren van drukste 20%", en: "share of hours by busiest 20%", unit: .share),
        "volunteer_gini": Entry(nl: "Gini-coëfficiënt uren", en: "Gini coefficient of hours", unit: .index),
        "volunteers_over_threshold": Entry(nl: "vrijwilligers boven urengrens", en: "volunteers above the hours threshold", unit: .count),
        "boundary_tasks": Entry(nl: "taken over de professionele grens", en: "tasks over the professional boundary", unit: .count),
        "support_hours": Entry(nl: "uren dorpsondersteuner (geregistreerd)", en: "support worker hours (logged)", unit: .hours),
        "support_hours_per_paid_hour": Entry(nl: "geregistreerde uren per betaald uur", en: "logged hours per paid hour", unit: .ratio),
        "open_cases_at_end": Entry(nl: "openstaande hulpvragen aan het eind", en: "open cases at the end", unit: .count),
        "cases_per_paid_hour": Entry(nl: "hulpvragen per betaald uur", en: "cases per paid hour", unit: .ratio),
        "rows_read": Entry(nl: "rijen gelezen", en: "rows read", unit: .count),
        "rows_rejected": Entry(nl: "rijen afgekeurd", en: "rows rejected", unit: .count),
        "rejected_pct": Entry(nl: "aandeel afgekeurd", en: "share rejected", unit: .percent),
        "dates_out_of_order": Entry(nl: "datums in verkeerde volgorde", en: "dates out of order", unit: .count),
        "dates_in_future": Entry(nl: "datums na de exportdatum", en: "dates after the export date", unit: .count),
        "duplicate_cases": Entry(nl: "mogelijke dubbele hulpvragen", en: "possible duplicate cases", unit: .count),
        "days_since_latest_export": Entry(nl: "dagen sinds laatste export", en: "days since latest export", unit: .days),
        "cases_vanished": Entry(nl: "hulpvragen niet meer in een nieuwere export", en: "cases missing from a newer export", unit: .count),
        // The export schedule (one case export per quarter by default, on time within 15 days).
        "exports_expected": Entry(nl: "exports verwacht", en: "exports expected", unit: .count),
        "exports_received": Entry(nl: "exports ontvangen", en: "exports received", unit: .count),
        "exports_on_time": Entry(nl: "exports op tijd", en: "exports on time", unit: .count),
        // How many days the data lag behind the export schedule (0: on schedule).
        "export_days_late": Entry(nl: "dagen achter op het exportschema", en: "days behind the export schedule", unit: .days),
        "coverage_pct": Entry(nl: "dekking hulpvragen (deel van de dagen)", en: "case data coverage (share of days)", unit: .percent),
        "tasks_coverage_pct": Entry(nl: "dekking vrijwilligerstaken (deel van de dagen)", en: "volunteer task coverage (share of days)", unit: .percent),
        "villages_covered": Entry(nl: "dorpen met gegevens over de hele periode", en: "villages with data for the whole period", unit: .count),
        "villages_partly_covered": Entry(nl: "dorpen met gegevens over een deel van de periode", en: "villages with data for part of the period", unit: .count),
        "villages_without_data": Entry(nl: "dorpen zonder gegevens in de periode", en: "villages without data in the period", unit: .count),
    ]

    private static let prefixes: [String: (nl: String, en: String, unit: Unit)] = [
        "theme": ("thema", "theme", .count), "theme_pct": ("aandeel thema", "share of theme", .percent),
        "source": ("gemeld door", "signalled by", .count), "source_pct": ("aandeel gemeld door", "share signalled by", .percent),
        "avoided_cost_eur": ("vermeden kosten", "avoided cost", .euros),
        "completeness_pct": ("volledigheid", "completeness", .percent),
        "rejected": ("afgekeurd op veld", "rejected on field", .count),
        "funnel_95": ("gemiddelde en 95%-grenzen", "pooled rate and 95% limits", .index),
        "funnel_998": ("gemiddelde en 99,8%-grenzen", "pooled rate and 99.8% limits", .index),
        "funnel_position": ("positie in trechter", "funnel position", .index),
        "funnel_phi": ("overdispersie φ van de trechter", "funnel overdispersion φ", .index),
        "funnel_tau2": ("spreiding tussen dorpen τ² van de trechter", "funnel between-village variance τ²", .index),
        "funnel_widened": ("trechtergrenzen verbreed (1) of exact (0)", "funnel limits widened (1) or exact (0)", .index),
        // Per flagged month: the modified z-score of its case count (|M| ≥ 3.5).
        "outlier_modified_z": ("uitschieter (gewijzigde z-score)", "outlier (modified z-score)", .index),
        // The severity of a data-quality finding about the named row: 1 info, 2 warning, 3 error.
        "finding": ("bevinding", "finding", .severity),
    ]

    /// Reading order for tables: families together, headline figures first. Category rows
    /// (`theme:*`) follow their prefix's position; unknown names go last.
    public static func order(_ metric: String) -> Int {
        let base = metric.split(separator: ":").first.map(String.init) ?? metric
        return readingOrder[metric] ?? readingOrder[base] ?? readingOrder.count
    }

    private static let readingOrder: [String: Int] = {
        let names = [
            "coverage_pct", "tasks_coverage_pct", "villages_covered", "villages_partly_covered", "villages_without_data",
            "cases", "residents_reached", "reach_per_1000", "residents_reached_75plus", "reach_75plus_pct", "cases_per_1000",
            "new_residents", "new_residents_pct", "anonymous_cases", "collective_cases", "theme", "theme_pct", "source", "source_pct",
            "first_contact_median_days", "first_contact_median_not_reached", "first_contact_within_2d_pct", "first_contact_within_7d_pct",
            "closure_median_days", "closure_median_not_reached", "response_negative_durations",
            "open_waiting", "open_waiting_over_2d", "open_waiting_over_2d_pct", "open_waiting_over_7d", "open_waiting_over_7d_pct",
            "open_waiting_over_30d", "open_waiting_over_30d_pct",
            "escalation_cases_counted", "avoided_cost_eur", "avoided_cost_eur_most_likely", "return_per_euro",
            "avoided_cost_price_year", "escalation_follow_up_complete",
            "volunteers_active", "volunteers_per_1000", "volunteer_tasks", "volunteer_hours", "volunteer_hours_median",
            "volunteer_hours_p90", "volunteer_hours_max", "volunteer_hours_per_week", "volunteer_hours_top20_share", "volunteer_gini",
            "volunteers_over_threshold", "boundary_tasks", "support_hours", "support_hours_per_paid_hour", "open_cases_at_end",
            "cases_per_paid_hour", "rows_read", "rows_rejected", "rejected_pct", "rejected", "completeness_pct", "dates_out_of_order",
            "dates_in_future", "duplicate_cases", "cases_vanished", "days_since_latest_export",
            "exports_expected", "exports_received", "exports_on_time", "export_days_late", "outlier_modified_z", "finding",
            "funnel_95", "funnel_998", "funnel_position", "funnel_phi", "funnel_tau2", "funnel_widened",
        ]
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }()

    /// The entry for a metric name; unknown names fall back to the name itself.
    public static func entry(_ metric: String) -> Entry {
        if let e = entries[metric] { return e }
        if let colon = metric.firstIndex(of: ":") {
            let prefix = String(metric[..<colon])
            let category = String(metric[metric.index(after: colon)...])
            if let p = prefixes[prefix] {
                let (nl, en) = categoryLabels(prefix: prefix, code: category)
                return Entry(nl: "\(p.nl): \(nl)", en: "\(p.en): \(en)", unit: p.unit)
            }
        }
        return Entry(nl: metric, en: metric, unit: .index)
    }

    private static func categoryLabels(prefix: String, code: String) -> (String, String) {
        switch prefix {
        case "theme", "theme_pct":
            if let t = Theme(rawValue: code) { return (t.dutchLabel, t.englishLabel) }
        case "source", "source_pct":
            if let s = Source(rawValue: code) { return (s.dutchLabel, s.englishLabel) }
        case "avoided_cost_eur":
            if let r = Risk(rawValue: code) { return (r.dutchLabel, r.englishLabel) }
        case "funnel_95", "funnel_998", "funnel_position", "funnel_phi", "funnel_tau2", "funnel_widened", "finding":
            let inner = entry(code)
            return (inner.nl, inner.en)
        case "outlier_modified_z":
            if code == "cases" { return ("hulpvragen per maand", "cases per month") }
        default: break
        }
        return (code, code)
    }
}
