import NoaberModel

/// Every metric noaber prints, by its stable name: the `metric` column of the tidy output
/// (docs/metrics.md defines each one). A misspelt metric does not compile.
///
/// The cases are in reading order (families together, headline figures first), which the tables
/// of the reports follow. Categorised metrics (`theme:loneliness`) are a `Metric` with a category:
/// `MetricID`.
public enum Metric: String, CaseIterable, Sendable {
    case coveragePct = "coverage_pct"
    case tasksCoveragePct = "tasks_coverage_pct"
    case villagesCovered = "villages_covered"
    case villagesPartlyCovered = "villages_partly_covered"
    case villagesWithoutData = "villages_without_data"
    case cases
    case residentsReached = "residents_reached"
    case reachPer1000 = "reach_per_1000"
    case residentsReached75plus = "residents_reached_75plus"
    case reach75plusPct = "reach_75plus_pct"
    case casesPer1000 = "cases_per_1000"
    case newResidents = "new_residents"
    case newResidentsPct = "new_residents_pct"
    case anonymousCases = "anonymous_cases"
    case collectiveCases = "collective_cases"
    case theme
    case themePct = "theme_pct"
    case source
    case sourcePct = "source_pct"
    case firstContactMedianDays = "first_contact_median_days"
    case firstContactMedianNotReached = "first_contact_median_not_reached"
    case firstContactWithin2dPct = "first_contact_within_2d_pct"
    case firstContactWithin7dPct = "first_contact_within_7d_pct"
    case closureMedianDays = "closure_median_days"
    case closureMedianNotReached = "closure_median_not_reached"
    case responseNegativeDurations = "response_negative_durations"
    case openWaiting = "open_waiting"
    case openWaitingOver2d = "open_waiting_over_2d"
    case openWaitingOver2dPct = "open_waiting_over_2d_pct"
    case openWaitingOver7d = "open_waiting_over_7d"
    case openWaitingOver7dPct = "open_waiting_over_7d_pct"
    case openWaitingOver30d = "open_waiting_over_30d"
    case openWaitingOver30dPct = "open_waiting_over_30d_pct"
    case escalationCasesCounted = "escalation_cases_counted"
    case avoidedCostEur = "avoided_cost_eur"
    case avoidedCostEurMostLikely = "avoided_cost_eur_most_likely"
    case returnPerEuro = "return_per_euro"
    case avoidedCostPriceYear = "avoided_cost_price_year"
    case escalationFollowUpComplete = "escalation_follow_up_complete"
    case volunteersActive = "volunteers_active"
    case volunteersPer1000 = "volunteers_per_1000"
    case volunteerTasks = "volunteer_tasks"
    case volunteerHours = "volunteer_hours"
    case volunteerHoursMedian = "volunteer_hours_median"
    case volunteerHoursP90 = "volunteer_hours_p90"
    case volunteerHoursMax = "volunteer_hours_max"
    case volunteerHoursPerWeek = "volunteer_hours_per_week"
    case volunteerHoursTop20Share = "volunteer_hours_top20_share"
    case volunteerGini = "volunteer_gini"
    case volunteersOverThreshold = "volunteers_over_threshold"
    case boundaryTasks = "boundary_tasks"
    case supportHours = "support_hours"
    case supportHoursPerPaidHour = "support_hours_per_paid_hour"
    case openCasesAtEnd = "open_cases_at_end"
    case casesPerPaidHour = "cases_per_paid_hour"
    case rowsRead = "rows_read"
    case rowsRejected = "rows_rejected"
    case rejectedPct = "rejected_pct"
    case rejected
    case completenessPct = "completeness_pct"
    case datesOutOfOrder = "dates_out_of_order"
    case datesInFuture = "dates_in_future"
    case duplicateCases = "duplicate_cases"
    case casesVanished = "cases_vanished"
    case daysSinceLatestExport = "days_since_latest_export"
    case exportsExpected = "exports_expected"
    case exportsReceived = "exports_received"
    case exportsOnTime = "exports_on_time"
    case exportDaysLate = "export_days_late"
    case outlierModifiedZ = "outlier_modified_z"
    case finding
    case funnel95 = "funnel_95"
    case funnel998 = "funnel_998"
    case funnelPosition = "funnel_position"
    case funnelPhi = "funnel_phi"
    case funnelTau2 = "funnel_tau2"
    case funnelWidened = "funnel_widened"
    case attOverall = "att_overall"
    case attEvent = "att_event"
    case attGroup = "att_group"
    case pretrendP = "pretrend_p"
    case pretrendEventP = "pretrend_event_p"
    case itsLevelChange = "its_level_change"
    case itsSlopeChange = "its_slope_change"

    /// The family whose computation produces it; nil for coverage and funnel rows (they come with
    /// the family computed) and for the effect rows of `noaber effect`.
    public var family: MetricFamily? {
        switch self {
        case .cases, .residentsReached, .reachPer1000, .residentsReached75plus, .reach75plusPct, .casesPer1000, .newResidents, .newResidentsPct, .anonymousCases, .collectiveCases, .theme, .themePct, .source, .sourcePct: return .reach
        case .firstContactMedianDays, .firstContactMedianNotReached, .firstContactWithin2dPct, .firstContactWithin7dPct, .closureMedianDays, .closureMedianNotReached, .responseNegativeDurations, .openWaiting, .openWaitingOver2d, .openWaitingOver2dPct, .openWaitingOver7d, .openWaitingOver7dPct, .openWaitingOver30d, .openWaitingOver30dPct: return .response
        case .escalationCasesCounted, .avoidedCostEur, .avoidedCostEurMostLikely, .returnPerEuro, .avoidedCostPriceYear, .escalationFollowUpComplete: return .escalation
        case .volunteersActive, .volunteersPer1000, .volunteerTasks, .volunteerHours, .volunteerHoursMedian, .volunteerHoursP90, .volunteerHoursMax, .volunteerHoursPerWeek, .volunteerHoursTop20Share, .volunteerGini, .volunteersOverThreshold, .boundaryTasks, .supportHours, .supportHoursPerPaidHour, .openCasesAtEnd, .casesPerPaidHour: return .volunteers
        case .rowsRead, .rowsRejected, .rejectedPct, .rejected, .completenessPct, .datesOutOfOrder, .datesInFuture, .duplicateCases, .casesVanished, .daysSinceLatestExport, .exportsExpected, .exportsReceived, .exportsOnTime, .exportDaysLate, .outlierModifiedZ, .finding: return .quality
        default: return nil
        }
    }

    /// Whether the tidy output names it with a category (`theme:<code>`, `funnel_95:<metric>`).
    /// `avoided_cost_eur` is both: the total, and `avoided_cost_eur:<risk>` per risk.
    public var takesCategory: Bool {
        switch self {
        case .theme, .themePct, .source, .sourcePct, .avoidedCostEur, .rejected, .completenessPct, .outlierModifiedZ, .finding, .funnel95, .funnel998, .funnelPosition, .funnelPhi, .funnelTau2, .funnelWidened, .attEvent, .attGroup: return true
        default: return false
        }
    }

    /// Its label and unit without a category.
    var plainEntry: MetricCatalog.Entry {
        switch self {
        case .coveragePct: return MetricCatalog.Entry(nl: "dekking hulpvragen (deel van de dagen)", en: "case data coverage (share of days)", unit: .percent)
        case .tasksCoveragePct: return MetricCatalog.Entry(nl: "dekking vrijwilligerstaken (deel van de dagen)", en: "volunteer task coverage (share of days)", unit: .percent)
        case .villagesCovered: return MetricCatalog.Entry(nl: "dorpen met gegevens over de hele periode", en: "villages with data for the whole period", unit: .count)
        case .villagesPartlyCovered: return MetricCatalog.Entry(nl: "dorpen met gegevens over een deel van de periode", en: "villages with data for part of the period", unit: .count)
        case .villagesWithoutData: return MetricCatalog.Entry(nl: "dorpen zonder gegevens in de periode", en: "villages without data in the period", unit: .count)
        case .cases: return MetricCatalog.Entry(nl: "hulpvragen", en: "cases", unit: .count)
        case .residentsReached: return MetricCatalog.Entry(nl: "bereikte inwoners", en: "residents reached", unit: .count)
        case .reachPer1000: return MetricCatalog.Entry(nl: "bereik per 1.000 inwoners", en: "reach per 1,000 inhabitants", unit: .per1000)
        case .residentsReached75plus: return MetricCatalog.Entry(nl: "bereikte inwoners 75+", en: "residents reached 75+", unit: .count)
        case .reach75plusPct: return MetricCatalog.Entry(nl: "bereik onder 75-plussers", en: "reach among residents 75+", unit: .percent)
        case .casesPer1000: return MetricCatalog.Entry(nl: "hulpvragen per 1.000 inwoners", en: "cases per 1,000 inhabitants", unit: .per1000)
        case .newResidents: return MetricCatalog.Entry(nl: "nieuwe inwoners", en: "new residents", unit: .count)
        case .newResidentsPct: return MetricCatalog.Entry(nl: "aandeel nieuwe inwoners", en: "share of new residents", unit: .percent)
        case .anonymousCases: return MetricCatalog.Entry(nl: "anonieme hulpvragen", en: "anonymous cases", unit: .count)
        case .collectiveCases: return MetricCatalog.Entry(nl: "collectieve signalen", en: "collective signals", unit: .count)
        case .theme: return MetricCatalog.Entry(nl: "thema", en: "theme", unit: .count)
        case .themePct: return MetricCatalog.Entry(nl: "aandeel thema", en: "share of theme", unit: .percent)
        case .source: return MetricCatalog.Entry(nl: "gemeld door", en: "signalled by", unit: .count)
        case .sourcePct: return MetricCatalog.Entry(nl: "aandeel gemeld door", en: "share signalled by", unit: .percent)
        case .firstContactMedianDays: return MetricCatalog.Entry(nl: "mediane tijd tot eerste contact", en: "median time to first contact", unit: .days)
        case .firstContactMedianNotReached: return MetricCatalog.Entry(nl: "mediaan eerste contact niet bereikt", en: "first-contact median not reached", unit: .index)
        case .firstContactWithin2dPct: return MetricCatalog.Entry(nl: "eerste contact binnen 2 dagen", en: "first contact within 2 days", unit: .percent)
        case .firstContactWithin7dPct: return MetricCatalog.Entry(nl: "eerste contact binnen 7 dagen", en: "first contact within 7 days", unit: .percent)
        case .closureMedianDays: return MetricCatalog.Entry(nl: "mediane doorlooptijd tot afsluiting", en: "median time to closure", unit: .days)
        case .closureMedianNotReached: return MetricCatalog.Entry(nl: "mediaan afsluiting niet bereikt", en: "closure median not reached", unit: .index)
        case .responseNegativeDurations: return MetricCatalog.Entry(nl: "negatieve duren (datafout)", en: "negative durations (data error)", unit: .count)
        case .openWaiting: return MetricCatalog.Entry(nl: "wachtend op eerste contact aan het eind", en: "waiting for first contact at the end", unit: .count)
        case .openWaitingOver2d: return MetricCatalog.Entry(nl: "wachtend, langer dan 2 dagen", en: "waiting, over 2 days", unit: .count)
        case .openWaitingOver2dPct: return MetricCatalog.Entry(nl: "van de wachtenden: langer dan 2 dagen", en: "of those waiting: over 2 days", unit: .percent)
        case .openWaitingOver7d: return MetricCatalog.Entry(nl: "wachtend, langer dan 7 dagen", en: "waiting, over 7 days", unit: .count)
        case .openWaitingOver7dPct: return MetricCatalog.Entry(nl: "van de wachtenden: langer dan 7 dagen", en: "of those waiting: over 7 days", unit: .percent)
        case .openWaitingOver30d: return MetricCatalog.Entry(nl: "wachtend, langer dan 30 dagen", en: "waiting, over 30 days", unit: .count)
        case .openWaitingOver30dPct: return MetricCatalog.Entry(nl: "van de wachtenden: langer dan 30 dagen", en: "of those waiting: over 30 days", unit: .percent)
        case .escalationCasesCounted: return MetricCatalog.Entry(nl: "hulpvragen met risico, uitkomst bekend", en: "cases with a risk and known outcome", unit: .count)
        case .avoidedCostEur: return MetricCatalog.Entry(nl: "geschatte vermeden kosten (mediaan)", en: "estimated avoided cost (median)", unit: .euros)
        case .avoidedCostEurMostLikely: return MetricCatalog.Entry(nl: "vermeden kosten bij meest waarschijnlijke parameters", en: "avoided cost at the most likely parameters", unit: .euros)
        case .returnPerEuro: return MetricCatalog.Entry(nl: "geschatte opbrengst per euro (mediaan)", en: "estimated return per euro (median)", unit: .ratio)
        case .avoidedCostPriceYear: return MetricCatalog.Entry(nl: "prijspeil vermeden kosten", en: "price level of the avoided cost", unit: .year)
        case .escalationFollowUpComplete: return MetricCatalog.Entry(nl: "follow-up van de periode voorbij (1 = ja)", en: "follow-up of the period complete (1 = yes)", unit: .count)
        case .volunteersActive: return MetricCatalog.Entry(nl: "actieve vrijwilligers", en: "active volunteers", unit: .count)
        case .volunteersPer1000: return MetricCatalog.Entry(nl: "actieve vrijwilligers per 1.000 inwoners", en: "active volunteers per 1,000 inhabitants", unit: .per1000)
        case .volunteerTasks: return MetricCatalog.Entry(nl: "vrijwilligerstaken", en: "volunteer tasks", unit: .count)
        case .volunteerHours: return MetricCatalog.Entry(nl: "vrijwilligersuren", en: "volunteer hours", unit: .hours)
        case .volunteerHoursMedian: return MetricCatalog.Entry(nl: "uren per vrijwilliger (mediaan)", en: "hours per volunteer (median)", unit: .hours)
        case .volunteerHoursP90: return MetricCatalog.Entry(nl: "uren per vrijwilliger (90e percentiel)", en: "hours per volunteer (90th percentile)", unit: .hours)
        case .volunteerHoursMax: return MetricCatalog.Entry(nl: "uren per vrijwilliger (hoogste)", en: "hours per volunteer (maximum)", unit: .hours)
        case .volunteerHoursPerWeek: return MetricCatalog.Entry(nl: "uren per vrijwilliger per week", en: "hours per volunteer per week", unit: .hours)
        case .volunteerHoursTop20Share: return MetricCatalog.Entry(nl: "aandeel uren van drukste 20%", en: "share of hours by busiest 20%", unit: .share)
        case .volunteerGini: return MetricCatalog.Entry(nl: "Gini-coëfficiënt uren", en: "Gini coefficient of hours", unit: .index)
        case .volunteersOverThreshold: return MetricCatalog.Entry(nl: "vrijwilligers boven urengrens", en: "volunteers above the hours threshold", unit: .count)
        case .boundaryTasks: return MetricCatalog.Entry(nl: "taken over de professionele grens", en: "tasks over the professional boundary", unit: .count)
        case .supportHours: return MetricCatalog.Entry(nl: "uren dorpsondersteuner (geregistreerd)", en: "support worker hours (logged)", unit: .hours)
        case .supportHoursPerPaidHour: return MetricCatalog.Entry(nl: "geregistreerde uren per betaald uur", en: "logged hours per paid hour", unit: .ratio)
        case .openCasesAtEnd: return MetricCatalog.Entry(nl: "openstaande hulpvragen aan het eind", en: "open cases at the end", unit: .count)
        case .casesPerPaidHour: return MetricCatalog.Entry(nl: "hulpvragen per betaald uur", en: "cases per paid hour", unit: .ratio)
        case .rowsRead: return MetricCatalog.Entry(nl: "rijen gelezen", en: "rows read", unit: .count)
        case .rowsRejected: return MetricCatalog.Entry(nl: "rijen afgekeurd", en: "rows rejected", unit: .count)
        case .rejectedPct: return MetricCatalog.Entry(nl: "aandeel afgekeurd", en: "share rejected", unit: .percent)
        case .rejected: return MetricCatalog.Entry(nl: "afgekeurd op veld", en: "rejected on field", unit: .count)
        case .completenessPct: return MetricCatalog.Entry(nl: "volledigheid", en: "completeness", unit: .percent)
        case .datesOutOfOrder: return MetricCatalog.Entry(nl: "datums in verkeerde volgorde", en: "dates out of order", unit: .count)
        case .datesInFuture: return MetricCatalog.Entry(nl: "datums na de exportdatum", en: "dates after the export date", unit: .count)
        case .duplicateCases: return MetricCatalog.Entry(nl: "mogelijke dubbele hulpvragen", en: "possible duplicate cases", unit: .count)
        case .casesVanished: return MetricCatalog.Entry(nl: "hulpvragen niet meer in een nieuwere export", en: "cases missing from a newer export", unit: .count)
        case .daysSinceLatestExport: return MetricCatalog.Entry(nl: "dagen sinds laatste export", en: "days since latest export", unit: .days)
        case .exportsExpected: return MetricCatalog.Entry(nl: "exports verwacht", en: "exports expected", unit: .count)
        case .exportsReceived: return MetricCatalog.Entry(nl: "exports ontvangen", en: "exports received", unit: .count)
        case .exportsOnTime: return MetricCatalog.Entry(nl: "exports op tijd", en: "exports on time", unit: .count)
        case .exportDaysLate: return MetricCatalog.Entry(nl: "dagen achter op het exportschema", en: "days behind the export schedule", unit: .days)
        case .outlierModifiedZ: return MetricCatalog.Entry(nl: "uitschieter (gewijzigde z-score)", en: "outlier (modified z-score)", unit: .index)
        case .finding: return MetricCatalog.Entry(nl: "bevinding", en: "finding", unit: .severity)
        case .funnel95: return MetricCatalog.Entry(nl: "gemiddelde en 95%-grenzen", en: "pooled rate and 95% limits", unit: .index)
        case .funnel998: return MetricCatalog.Entry(nl: "gemiddelde en 99,8%-grenzen", en: "pooled rate and 99.8% limits", unit: .index)
        case .funnelPosition: return MetricCatalog.Entry(nl: "positie in trechter", en: "funnel position", unit: .index)
        case .funnelPhi: return MetricCatalog.Entry(nl: "overdispersie φ van de trechter", en: "funnel overdispersion φ", unit: .index)
        case .funnelTau2: return MetricCatalog.Entry(nl: "spreiding tussen dorpen τ² van de trechter", en: "funnel between-village variance τ²", unit: .index)
        case .funnelWidened: return MetricCatalog.Entry(nl: "trechtergrenzen verbreed (1) of exact (0)", en: "funnel limits widened (1) or exact (0)", unit: .index)
        case .attOverall: return MetricCatalog.Entry(nl: "gemiddeld effect na de start", en: "average effect after the start", unit: .index)
        case .attEvent: return MetricCatalog.Entry(nl: "effect t.o.v. de start", en: "effect relative to the start", unit: .index)
        case .attGroup: return MetricCatalog.Entry(nl: "effect per startgroep", en: "effect per start group", unit: .index)
        case .pretrendP: return MetricCatalog.Entry(nl: "pre-trendtoets, alle effecten vóór de start (p)", en: "pre-trend test, every effect before the start (p)", unit: .index)
        case .pretrendEventP: return MetricCatalog.Entry(nl: "pre-trendtoets, event study vóór de start (p)", en: "pre-trend test, event study before the start (p)", unit: .index)
        case .itsLevelChange: return MetricCatalog.Entry(nl: "sprong bij de start", en: "level change at the start", unit: .index)
        case .itsSlopeChange: return MetricCatalog.Entry(nl: "verandering van de trend", en: "change in trend", unit: .index)
        }
    }

    /// The label and unit of its categorised rows, before the category's own label
    /// ("thema: eenzaamheid"); nil for a metric without categories.
    var categoryEntry: MetricCatalog.Entry? {
        switch self {
        case .theme: return MetricCatalog.Entry(nl: "thema", en: "theme", unit: .count)
        case .themePct: return MetricCatalog.Entry(nl: "aandeel thema", en: "share of theme", unit: .percent)
        case .source: return MetricCatalog.Entry(nl: "gemeld door", en: "signalled by", unit: .count)
        case .sourcePct: return MetricCatalog.Entry(nl: "aandeel gemeld door", en: "share signalled by", unit: .percent)
        case .avoidedCostEur: return MetricCatalog.Entry(nl: "vermeden kosten", en: "avoided cost", unit: .euros)
        case .rejected: return MetricCatalog.Entry(nl: "afgekeurd op veld", en: "rejected on field", unit: .count)
        case .completenessPct: return MetricCatalog.Entry(nl: "volledigheid", en: "completeness", unit: .percent)
        // Categorised rows of these metrics carry the metric's own label and unit.
        case .outlierModifiedZ, .finding, .funnel95, .funnel998, .funnelPosition, .funnelPhi, .funnelTau2,
             .funnelWidened, .attEvent, .attGroup:
            return plainEntry
        default: return nil
        }
    }
}

extension Metric {
    /// The unit of its plain rows.
    public var unit: MetricCatalog.Unit { plainEntry.unit }

    /// What a proportion is multiplied by to give the figure: 1000 for a rate per 1,000, 100 for
    /// a percentage, else 1.
    public var scale: Double {
        switch unit {
        case .per1000: return 1000
        case .percent: return 100
        default: return 1
        }
    }

    /// What people read for it (without a category).
    public func label(_ language: Language) -> String { plainEntry.label(language) }
}
