import NoaberMetrics
import NoaberModel

/// What the prevented-escalation estimate, the waiting list and the price level look like in
/// words: euros rounded to what their interval supports, the price level, whether the follow-up
/// of a period has passed, and who is waiting at the end of the period.
extension ReportComposer {
    /// The coarsest euro step text may use: € 1.000 in the raadsbrief, € 100 elsewhere.
    var euroMinimumStep: Double {
        data.request.audience == .raadsbrief ? EstimateRounding.councilEuros : EstimateRounding.euros
    }

    /// The rounding step for an estimate row (from its interval's width).
    func euroStep(_ row: MetricRow) -> Double {
        EstimateRounding.step(lower: row.lower ?? 0, upper: row.upper ?? 0, minimum: euroMinimumStep)
    }

    /// An amount rounded to `step`, in euros.
    func roundedEuros(_ x: Double, step: Double) -> String { euros(EstimateRounding.rounded(x, step: step)) }

    /// A Monte Carlo estimate's cell for a table people read: value and 5–95% interval rounded to
    /// the step its interval supports (the tidy CSV keeps every digit).
    func roundedEuroCell(_ row: MetricRow?) -> TableCell {
        guard let row, !row.suppressed, let v = row.value else { return TableCell.from(row, digits: 0, interval: true) }
        let step = euroStep(row)
        return .estimate(EstimateRounding.rounded(v, step: step), lower: row.lower.map { EstimateRounding.rounded($0, step: step) },
                         upper: row.upper.map { EstimateRounding.rounded($0, step: step) }, digits: 0)
    }

    /// "prijspeil 2024", or with the latest CBS year standing in for a later one.
    var priceLevelText: String {
        let year = data.priceYear
        if let level = data.priceLevel, level.usesLatestYear {
            return pick("prijspeil \(year), het laatste jaar van de CBS-prijsindex (\(level.requestedYear) is nog niet bekend)",
                        "at \(year) prices, the latest year of the CBS price index (\(level.requestedYear) is not yet known)")
        }
        return pick("prijspeil \(year)", "at \(year) prices")
    }

    /// How the unit costs got to the report's price level, for the methods and the estimate note.
    var indexationText: String {
        let file = data.request.escalationParameters
        guard let level = data.priceLevel else {
            return pick("Kostprijzen in prijspeil \(file.priceYear) van het parameterbestand (niet geïndexeerd).",
                        "Unit costs at the parameter file's \(file.priceYear) prices (not indexed).")
        }
        let years = list(level.sourceYears.map(String.init))
        let factors = level.factors.map { format.decimal($0, fractionDigits: 4) }.joined(separator: ", ")
        return pick("Kostprijzen uit prijsjaar \(years), omgerekend naar \(priceLevelText) met de consumentenprijsindex van het CBS (83131NED, 2015 = 100): factor \(factors).",
                    "Unit costs from price year \(years), brought to \(year(level)) prices with the CBS consumer price index (83131NED, 2015 = 100): factor \(factors).")
    }

    private func year(_ level: PriceLevel) -> String {
        level.usesLatestYear ? "\(level.year) (the latest CBS year; \(level.requestedYear) is not yet known)" : "\(level.year)"
    }

    /// The follow-up horizon of the escalation estimate.
    var followUpDays: Int { data.request.escalationParameters.followUpDays }

    /// Whether the follow-up of `period` has passed for every village counted in it (nil when
    /// there is no escalation row).
    func followUpComplete(_ period: Period) -> Bool? {
        data.row(ReportData.pooledKey, period.label, .escalationFollowUpComplete)?.value.map { $0 == 1 }
    }

    /// For an incomplete period: the first day from which cases cannot have a known outcome yet,
    /// and the earliest as-of date, over the villages counted.
    func followUpOpen(_ period: Period) -> (from: CivilDate, dataEnd: CivilDate)? {
        let ends = countedVillages.compactMap { data.coverage[$0.code]?.casesEnd }
            .filter { $0.dayNumber - period.end.dayNumber <= followUpDays }
        guard let end = ends.min() else { return nil }
        return (max(end.adding(days: -followUpDays), period.start), end)
    }

    /// The sentence saying that the estimate is too low because recent cases cannot have a known
    /// outcome yet; nil when the follow-up of the current period has passed.
    func followUpSentence() -> String? {
        guard followUpComplete(data.current) == false, let open = followUpOpen(data.current) else { return nil }
        return pick("Hulpvragen vanaf \(dates.date(open.from)) tellen alleen mee als ze zijn afgesloten (follow-up \(followUpDays) dagen, gegevens tot \(dates.date(open.dataEnd))), dus dit bedrag valt waarschijnlijk te laag uit.",
                    "Requests from \(dates.date(open.from)) on count only when closed (follow-up \(followUpDays) days, data until \(dates.date(open.dataEnd))), so this amount is probably too low.")
    }

    /// The day "now" means for the current period: its last day, unless a counted village's
    /// data end earlier (only with --include-partial).
    var waitingDayText: String {
        let end = data.current.end
        let early = countedVillages.contains { (data.coverage[$0.code]?.casesEnd).map { $0 < end } ?? false }
        return early ? pick("Aan het eind van de periode (of op de exportdatum, als die eerder ligt)",
                            "At the end of the period (or on the export date, when earlier)")
            : pick("Op \(dates.date(end))", "On \(dates.date(end))")
    }

    /// One plain sentence: how many requests were still waiting for a first contact at the end of
    /// the period, and how many of them for more than 7 days. Nil without the figure.
    func waitingSentence() -> String? {
        let all = ReportData.pooledKey, cur = data.current.label
        guard let waiting = data.row(all, cur, .openWaiting) else { return nil }
        let day = waitingDayText
        if waiting.suppressed {
            return pick("\(day) wachtten minder dan \(k) hulpvragen op een eerste contact.",
                        "\(day), fewer than \(k) requests were waiting for a first contact.")
        }
        guard let n = waiting.value else { return nil }
        if n == 0 {
            return pick("\(day) wachtte geen enkele hulpvraag meer op een eerste contact.",
                        "\(day), no request was still waiting for a first contact.")
        }
        let count = HTML.text(value(waiting, digits: 0))
        let over = data.row(all, cur, .openWaitingOver7d)
        let tail: String
        if over?.suppressed == true {
            tail = pick("; minder dan \(k) daarvan al langer dan 7 dagen.", "; fewer than \(k) of them for more than 7 days.")
        } else if let o = over?.value, o == 0 {
            tail = pick("; geen daarvan wachtte al langer dan 7 dagen.", "; none of them for more than 7 days.")
        } else if over?.value != nil {
            let o = HTML.text(value(over, digits: 0))
            tail = pick("; \(o) daarvan al langer dan 7 dagen.", "; \(o) of them for more than 7 days.")
        } else {
            tail = "."
        }
        return pick("\(HTML.text(day)) wachtten nog <strong>\(count)</strong> hulpvragen op een eerste contact\(tail)",
                    "\(HTML.text(day)), <strong>\(count)</strong> requests were still waiting for a first contact\(tail)")
    }

    /// Beside the Kaplan–Meier curves: per village and for all villages, who is waiting at the end
    /// of the period and for how long (the view of a waiting list).
    mutating func waitingTable() {
        let cur = data.current.label
        var groups: [(String, String)] = usesCompactVillageForm ? [] : villagesByName.map { ($0.code, $0.name) }
        groups.append((ReportData.pooledKey, data.name(of: ReportData.pooledKey)))
        let rows: [[TableCell]] = groups.compactMap { code, name in
            guard let waiting = data.row(code, cur, .openWaiting) else { return nil }
            return [.text(name), TableCell.from(waiting, digits: 0)]
                + [Metric.openWaitingOver2dPct, .openWaitingOver7dPct, .openWaitingOver30dPct].map {
                    TableCell.from(data.row(code, cur, $0), digits: 0, interval: true)
                }
        }
        guard !rows.isEmpty else { return }
        let day = waitingDayText
        table(ReportTable(name: "waiting-now",
                          caption: pick("Wie wacht er nu? \(day): hulpvragen zonder eerste contact, en welk deel al langer dan 2, 7 en 30 dagen wacht (%, 95%-BI). De curve hierboven volgt de hulpvragen van de periode; deze tabel telt iedereen die nog wacht, ook van eerder.",
                                        "Who is waiting now? \(day): requests without a first contact, and the share waiting more than 2, 7 and 30 days (%, 95% CI). The curve above follows the requests of the period; this table counts everyone still waiting, earlier requests too."),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                    TableColumn(pick("Wachtend", "Waiting"), csv: "open_waiting"),
                                    TableColumn(pick("> 2 dagen (%)", "> 2 days (%)"), csv: "open_waiting_over_2d_pct", estimate: true),
                                    TableColumn(pick("> 7 dagen (%)", "> 7 days (%)"), csv: "open_waiting_over_7d_pct", estimate: true),
                                    TableColumn(pick("> 30 dagen (%)", "> 30 days (%)"), csv: "open_waiting_over_30d_pct", estimate: true)],
                          rows: rows))
    }

    /// The estimated avoided cost over the trend periods (median and 5–95% interval), with the
    /// periods whose follow-up has not passed left out of the chart and named in the caption.
    mutating func avoidedCostTrendFigure() {
        let incomplete = data.trend.filter { followUpComplete($0) == false }
        let names = list(incomplete.map { periodName($0) })
        let note = incomplete.isEmpty ? "" : pick(
            "Niet getekend: \(names), omdat de follow-up van \(followUpDays) dagen daar nog niet voorbij is. Van recente hulpvragen is de uitkomst dan vaak nog niet bekend, zodat ze niet meetellen en de schatting te laag zou uitvallen; de tabel geeft het getal wel, gemarkeerd als onvolledig.",
            "Not drawn: \(names), because the \(followUpDays)-day follow-up has not passed there. The outcome of recent requests is then often not yet known, so they are not counted and the estimate would be too low; the table gives the figure, marked incomplete.")
        trendFigure(metric: .avoidedCostEur, digits: 0, perVillage: false,
                    title: pick("Geschatte vermeden kosten door de tijd", "Estimated avoided cost over time"),
                    valueTitle: pick("euro, mediaan en 5–95%-interval, \(priceLevelText)", "euros, median and 5–95% interval, \(priceLevelText)"),
                    name: "avoided-cost-trend", pooledColumnTitle: pick("€ (mediaan, 5–95%-interval)", "€ (median, 5–95% interval)"), band: pick("5–95%-interval", "5–95% interval"),
                    gaps: Set(incomplete.map(\.label)), gapNote: note, roundedEuros: true)
    }
}
