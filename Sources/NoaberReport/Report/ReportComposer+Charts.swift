import NoaberMetrics
import NoaberModel

/// The charts shared by the audiences: reach per village, the reach trend, response-time curves,
/// the escalation tornado and the volunteer Lorenz curve. Each comes with its data table.
extension ReportComposer {
    /// Reach per 1,000 per village (alphabetical), suppressed villages drawn as `<k`.
    /// In a raadsbrief over more than `raadsbriefVillageLimit` villages: the compact form instead.
    mutating func reachBarFigure() {
        if usesCompactVillageForm {
            compactReachFigure()
            return
        }
        guard !countedVillages.isEmpty else {
            paragraph(pick("Bereik per dorp, \(periodName(data.current)): geen cijfers, want geen enkel dorp heeft gegevens over de hele periode (zie boven).",
                           "Reach per village, \(periodName(data.current)): no figures, because no village has data for the whole period (see above)."))
            return
        }
        let cur = data.current.label
        var bars: [BarChart.Bar] = []
        var rows: [[TableCell]] = []
        for v in villagesByName {
            let r = data.row(v.code, cur, .reachPer1000)
            if r?.suppressed == true { bars.append(.suppressed(v.name)) } else if let x = r?.value {
                bars.append(BarChart.Bar(label: v.name, value: x, lower: r?.lower, upper: r?.upper))
            }
            rows.append([.text(v.name), TableCell.from(r, digits: 1, interval: true),
                         TableCell.from(data.row(v.code, cur, .residentsReached), digits: 0)])
        }
        let title = pick("Bereik per dorp, \(periodName(data.current))", "Reach per village, \(periodName(data.current))")
        let fid = reserveName("reach-per-village")
        figure(BarChart(title: title, subtitle: pick("inwoners met een hulpvraag per 1.000 inwoners, met 95%-BI", "residents with a request per 1,000 inhabitants, with 95% CI"),
                          valueTitle: pick("per 1.000 inwoners", "per 1,000 inhabitants"), bars: bars, minimumCell: k,
                          width: chartWidth(tableColumns: 3), identifier: fid),
                              caption: pick("Bereik per dorp in alfabetische volgorde, geen ranglijst. Kleine dorpen hebben brede intervallen.",
                             "Reach per village in alphabetical order, not a ranking. Small villages have wide intervals.") + uncoveredNote(),
               table: ReportTable(name: "", caption: title,
                                  columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                            TableColumn(pick("Per 1.000 (95%-BI)", "Per 1,000 (95% CI)"), csv: "reach_per_1000", estimate: true),
                                            TableColumn(pick("Inwoners", "Residents"), csv: "residents_reached")],
                                  rows: rows))
    }

    /// A metric over the trend periods: pooled, or one series per village when `perVillage`.
    /// `band` names the interval in the caption (the Wilson/Kaplan–Meier "95%-BI" by default);
    /// periods in `gaps` are left out of the chart, marked in the table, and `gapNote` says why;
    /// `roundedEuros` rounds the table's euros to what their intervals support.
    mutating func trendFigure(metric: Metric, digits: Int, perVillage: Bool, title: String, valueTitle: String, name: String,
                              pooledColumnTitle: String? = nil, band: String? = nil, gaps: Set<String> = [], gapNote: String = "",
                              roundedEuros: Bool = false) {
        let groups: [(String, String)] = perVillage ? villagesByName.map { ($0.code, $0.name) }
                                                    : [(ReportData.pooledKey, data.name(of: ReportData.pooledKey))]
        guard !groups.isEmpty else { return }
        let labels = data.trend.map(\.label)
        var series: [TrendChart.Series] = []
        var hidden: [String] = []
        for (code, label) in groups {
            let values: [TrendChart.Value?] = labels.map { p in
                guard !gaps.contains(p), let r = data.row(code, p, metric), !r.suppressed, let v = r.value else {
                    if data.row(code, p, metric)?.suppressed == true { hidden.append("\(label) \(dates.shortPeriodLabel(p))") }
                    return nil
                }
                return TrendChart.Value(v, lower: r.lower, upper: r.upper)
            }
            series.append(TrendChart.Series(label: label, values: values))
        }
        // A trend without a single point is a sentence, not an empty chart with a table of dashes.
        guard series.contains(where: { $0.values.contains { $0 != nil } }) else {
            let whole: String
            switch data.request.trendEvery ?? .quarter {
            case .month: whole = pick("een hele maand", "a whole month")
            case .quarter: whole = pick("een heel kwartaal", "a whole quarter")
            case .year: whole = pick("een heel jaar", "a whole year")
            }
            let why = hidden.isEmpty
                ? pick("geen enkel dorp heeft gegevens over \(whole)", "no village has data for \(whole)")
                : pick("de aantallen zijn te klein om te tonen (<\(k)) of geen dorp heeft gegevens over \(whole)",
                       "the counts are too small to show (<\(k)) or no village has data for \(whole)")
            paragraph(title + ": " + pick("geen cijfers, want \(why).", "no figures, because \(why)."))
            return
        }
        // One pooled column says what its numbers are (`pooledColumnTitle`, "Per 1.000 (95%-BI)"):
        // a bare "Dorpen met volledige gegevens" above "10,9 (9,0–13,3)" reads like a count of
        // villages. Short, so the header stays on one line (the raadsbrief has two pages).
        let columns = [TableColumn(pick("Periode", "Period"), csv: "period")]
            + groups.map { TableColumn(perVillage ? $0.1 : pooledColumnTitle ?? $0.1, csv: $0.0, estimate: true) }
        let rows: [[TableCell]] = labels.map { p in
            [.text(dates.periodLabel(p) + (gaps.contains(p) ? pick(" (onvolledig)", " (incomplete)") : ""))]
                + groups.map { g in
                    let row = data.row(g.0, p, metric)
                    return roundedEuros ? roundedEuroCell(row) : TableCell.from(row, digits: digits, interval: true)
                }
        }
        var note = hidden.isEmpty ? "" : " " + pick("Onderdrukte perioden (<\(k)) zijn onderbroken, niet als nul getekend.",
                                                     "Suppressed periods (<\(k)) are gaps, not drawn as zero.")
        if !perVillage { note += trendCompositionNote() }
        let fid = reserveName(name)
        let table = ReportTable(name: "", caption: title, columns: columns, rows: rows)
        // A raadsbrief lists only the latest periods beside the chart, so a long trend cannot push
        // it past two pages; the CSV keeps them all and the caption says where.
        var shown: ReportTable?
        let limit = ReportComposer.raadsbriefTrendRows
        if data.request.audience == .raadsbrief, rows.count > limit {
            shown = ReportTable(name: "", caption: title + pick(" (laatste \(limit))", " (latest \(limit))"),
                                columns: columns, rows: Array(rows.suffix(limit)))
            note += " " + pick("De tabel toont de laatste \(limit) van \(rows.count) perioden; alle perioden staan in \(tablePath(fid)).",
                               "The table shows the latest \(limit) of \(rows.count) periods; all periods are in \(tablePath(fid)).")
        }
        let caption = pick("Verloop per \(unitName); punten met \(band ?? "95%-BI").", "Trend per \(unitName); points with \(band ?? "95% CI").")
            + (gaps.isEmpty ? "" : " " + gapNote) + note
        guard perVillage else {
            // The value axis' title says the unit; no subtitle repeats it (height: two A4 pages).
            figure(TrendChart(title: title, periods: labels, series: series, valueTitle: valueTitle,
                              style: .number(fractionDigits: digits), width: chartWidth(tableColumns: columns.count), height: 190,
                              identifier: fid),
                   caption: caption, table: table, shown: shown)
            return
        }
        // One small panel per village on shared axes, the pooled series in grey in each: six
        // lines with six bands in one panel could not be told apart.
        let pooled = labels.map { p -> TrendChart.Value? in
            guard let r = data.row(ReportData.pooledKey, p, metric), !r.suppressed, let v = r.value else { return nil }
            return TrendChart.Value(v)
        }
        let panels = zip(groups, series).map { group, series in
            TrendPanels.Panel(label: series.label, values: series.values, highlighted: isHighlighted(group.0))
        }
        figure(TrendPanels(title: title, subtitle: valueTitle, periods: labels, panels: panels,
                           reference: TrendChart.Series(label: data.name(of: ReportData.pooledKey), values: pooled),
                           valueTitle: valueTitle, style: .number(fractionDigits: digits),
                           width: chartWidth(tableColumns: columns.count), identifier: fid),
               caption: pick("Verloop per \(unitName), per dorp een paneel met dezelfde assen; grijs: alle dorpen samen. Punten met \(band ?? "95%-BI").",
                             "Trend per \(unitName), one panel per village on the same axes; grey: all villages together. Points with \(band ?? "95% CI").")
                + (gaps.isEmpty ? "" : " " + gapNote) + note,
               table: table, shown: shown)
    }

    private var unitName: String {
        switch data.request.trendEvery ?? .quarter {
        case .month: return pick("maand", "month")
        case .quarter: return pick("kwartaal", "quarter")
        case .year: return pick("jaar", "year")
        }
    }

    static let kmDays: [Double] = [1, 2, 3, 7, 14, 28]

    func chartCurve(_ km: KaplanMeier, label: String) -> KaplanMeierChart.Curve {
        KaplanMeierChart.Curve(label: label,
                               steps: km.steps.map { KaplanMeierChart.Step(time: $0.time, survival: $0.survival, lower: $0.lower, upper: $0.upper) },
                               censorTimes: km.steps.filter { $0.censored > 0 }.map(\.time))
    }

    /// Kaplan–Meier curves; the table gives the share still waiting at fixed days with its band.
    /// With a `reference` (the pooled curve) the curves are villages, drawn as small multiples;
    /// `hiddenPanels` (code, name) get an empty panel that says why.
    mutating func survivalFigure(curves: [(key: String, label: String, km: KaplanMeier)], hidden: [String], title: String, name: String,
                                 reference: KaplanMeier? = nil, hiddenPanels: [(String, String)] = []) {
        guard !curves.isEmpty else {
            paragraph(pick("Geen reactietijdcurve: te weinig hulpvragen.", "No response-time curve: too few requests."))
            return
        }
        let columns = [TableColumn(pick("Na dagen", "After days"), csv: "days")]
            + curves.map { TableColumn(pick("\($0.label): % nog wachtend", "\($0.label): % still waiting"), csv: $0.key + "_waiting_pct", estimate: true) }
        let rows: [[TableCell]] = ReportComposer.kmDays.map { t in
            [.number(t, digits: 0)] + curves.map { c in
                let s = c.km.survival(at: t), band = c.km.survivalInterval(at: t)
                return .estimate(100 * s, lower: 100 * band.lower, upper: 100 * band.upper, digits: 0)
            }
        }
        var note = hidden.isEmpty ? "" : " " + pick("Niet getoond (minder dan \(k) hulpvragen): ", "Not shown (fewer than \(k) requests): ") + hidden.joined(separator: ", ") + "."
        let uncovered = data.currentCoverage.none.map(\.name)
        if curves.count > 1 || !hidden.isEmpty, !uncovered.isEmpty {
            note += " " + pick("Geen gegevens over de periode: ", "No data for the period: ") + list(uncovered.sorted()) + "."
        }
        let maxTime = min(curves.compactMap { $0.km.steps.last?.time }.max() ?? 60, 120)
        let fid = reserveName(name)
        let table = ReportTable(name: "", caption: title, columns: columns, rows: rows)
        guard let reference else {
            var chart = KaplanMeierChart(title: title, curves: curves.map { chartCurve($0.km, label: $0.label) },
                                         shareTitle: pick("aandeel nog niet bereikt", "share not yet reached"),
                                         timeTitle: pick("dagen na binnenkomst", "days after the request"),
                                         maximumTime: maxTime, width: chartWidth(tableColumns: columns.count), height: 190, identifier: fid)
            chart.plainWords = usesPlainWords
            figure(chart, caption: survivalCaption + note, table: table)
            return
        }
        // Per village: one small panel each on shared axes, all villages together in grey.
        var panels = curves.map {
            KaplanMeierPanels.Panel(label: $0.label, curve: chartCurve($0.km, label: $0.label), highlighted: isHighlighted($0.key))
        }
        for (code, label) in hiddenPanels {
            panels.append(KaplanMeierPanels.Panel(label: label, curve: nil,
                                                  note: pick("minder dan \(k) hulpvragen", "fewer than \(k) requests"),
                                                  highlighted: isHighlighted(code)))
        }
        panels.sort { $0.label < $1.label }
        var chart = KaplanMeierPanels(title: title, panels: panels, reference: chartCurve(reference, label: data.name(of: ReportData.pooledKey)),
                                      shareTitle: pick("aandeel nog zonder contact", "share still without contact"),
                                      timeTitle: pick("dagen na binnenkomst", "days after the request"), maximumTime: maxTime,
                                      width: chartWidth(tableColumns: columns.count), identifier: fid)
        chart.plainWords = usesPlainWords
        let panelCaption = usesPlainWords
            ? pick("Tijd tot eerste contact: per dorp een paneel met dezelfde assen, met 95%-band; grijs: alle dorpen samen. Hulpvragen die nog openstonden tellen mee tot hun exportdatum.",
                   "Time to first contact: one panel per village on the same axes, with 95% band; grey: all villages together. Requests still open count until their export date.")
            : pick("Tijd tot eerste contact: per dorp een paneel met dezelfde assen, met 95%-band; grijs: alle dorpen samen. Open hulpvragen zijn gecensureerd op hun exportdatum (Kaplan–Meier).",
                   "Time to first contact: one panel per village on the same axes, with 95% band; grey: all villages together. Open requests are censored at their export date (Kaplan–Meier).")
        figure(chart, caption: panelCaption + note, table: table)
    }

    /// What a response-time curve shows: in plain words for the raadsbrief and the lerend netwerk,
    /// with the method's name for researchers.
    var survivalCaption: String {
        usesPlainWords
            ? pick("Hoe lang het duurde tot het eerste contact en tot de afsluiting: het aandeel hulpvragen dat na zoveel dagen nog wachtte, met 95%-band. Hulpvragen die nog openstonden tellen mee tot de exportdatum (streepjes).",
                   "How long it took to first contact and to closure: the share of requests still waiting after so many days, with 95% band. Requests still open count until the export date (ticks).")
            : pick("Kaplan–Meier: aandeel hulpvragen dat nog wacht, met 95%-band; open hulpvragen zijn gecensureerd op de exportdatum (streepjes).",
                   "Kaplan–Meier: share of requests still waiting, with 95% band; open requests are censored at the export date (ticks).")
    }

    /// Pooled first contact and closure curves of the current period.
    mutating func pooledSurvivalFigure() {
        var curves: [(key: String, label: String, km: KaplanMeier)] = []
        for (endpoint, label) in [(ResponseEndpoint.firstContact, pick("eerste contact", "first contact")),
                                  (.closure, pick("afsluiting", "closure"))] {
            if let c = data.curves(ReportData.pooledKey, data.current.label, endpoint) { curves.append((endpoint.rawValue, label, c.estimate)) }
        }
        survivalFigure(curves: curves, hidden: [],
                       title: pick("Reactietijd, alle dorpen, \(periodName(data.current))", "Response time, all villages, \(periodName(data.current))"),
                       name: "response-time")
    }

    /// Tornado of the pooled estimate: each parameter at its low and high value.
    mutating func tornadoFigure() {
        guard let summary = data.escalation(ReportData.pooledKey, data.current.label),
              data.row(ReportData.pooledKey, data.current.label, .avoidedCostEur)?.suppressed != true else {
            if data.currentCoverage.full.isEmpty && !data.request.includePartial {
                paragraph(pick("Geen gevoeligheidsanalyse: geen enkel dorp heeft gegevens over de hele periode (zie boven).",
                               "No sensitivity analysis: no village has data for the whole period (see above)."))
            } else {
                paragraph(pick("Geen gevoeligheidsanalyse: te weinig afgeronde hulpvragen met een risico.",
                               "No sensitivity analysis: too few finished cases with a risk."))
            }
            return
        }
        // The raadsbrief shows the four most influential parameters (two A4 pages), the others eight.
        let shown = data.request.audience == .raadsbrief ? 4 : 8
        let entries = Array(summary.result.sensitivity.prefix(shown))
        guard !entries.isEmpty else { return }
        func label(_ e: SensitivityEntry) -> String { e.risk.label(language) + ": " + parameterName(e.parameter) }
        // The chart and the table beside it claim no more precision than the headline: in the
        // raadsbrief and lerend-netwerk their euros are rounded to the caption's step (€ 22.000,
        // not € 21.765); the onderzoek report keeps every euro for the reader who recomputes them.
        let step = data.request.audience == .onderzoek ? 1 : tornadoStep(summary)
        func rounded(_ v: Double) -> Double { (v / step).rounded() * step }
        let params = entries.map {
            TornadoChart.Parameter(label: label($0), low: rounded($0.valueAtLow), high: rounded($0.valueAtHigh),
                                   lowSetting: inputText($0.lowInput, $0.parameter), highSetting: inputText($0.highInput, $0.parameter))
        }
        let rows: [[TableCell]] = entries.map {
            [.text(label($0)), .number(rounded($0.valueAtLow), digits: 0), .number(rounded($0.valueAtHigh), digits: 0)]
        }
        let title = pick("Gevoeligheid van de geschatte vermeden kosten", "Sensitivity of the estimated avoided cost")
        let fid = reserveName("escalation-sensitivity")
        figure(TornadoChart(title: title, subtitle: pick("elke parameter op laag en hoog, de rest op meest waarschijnlijk", "each parameter at low and high, the rest at most likely"),
                              baseValue: rounded(summary.result.mostLikely), parameters: params, valueTitle: pick("vermeden kosten (€)", "avoided cost (€)"),
                              style: .euros(fractionDigits: 0), width: chartWidth(tableColumns: 3), identifier: fid),
                              caption: pick("Schatting, geen meting: de \(entries.count) parameters met de grootste invloed, de grootste bovenaan. Basis: alles op meest waarschijnlijk, \(roundedEuros(summary.result.mostLikely, step: tornadoStep(summary))) (kerncijfer: de mediaan).",
                             "An estimate, not a measurement: the \(entries.count) most influential parameters, the largest on top. Base: all at most likely, \(roundedEuros(summary.result.mostLikely, step: tornadoStep(summary))) (key figure: the median)."),
               table: ReportTable(name: "", caption: title,
                                  columns: [TableColumn(pick("Parameter", "Parameter"), csv: "parameter"),
                                            TableColumn(pick("Bij laag (€)", "At low (€)"), csv: "value_at_low_eur"),
                                            TableColumn(pick("Bij hoog (€)", "At high (€)"), csv: "value_at_high_eur")],
                                  rows: rows))
    }

    /// The rounding step of the tornado's caption: that of the estimate's interval.
    func tornadoStep(_ summary: EscalationSummary) -> Double {
        EstimateRounding.step(lower: summary.result.interval.lower, upper: summary.result.interval.upper, minimum: euroMinimumStep)
    }

    func parameterName(_ p: EscalationParameter) -> String {
        switch p {
        case .probability: return pick("kans", "probability")
        case .deadweight: return pick("ook zonder hulp voorkomen", "deadweight")
        case .attribution: return pick("toe te schrijven", "attribution")
        case .unitCost: return pick("kostprijs", "unit cost")
        }
    }

    func inputText(_ x: Double, _ p: EscalationParameter) -> String {
        p == .unitCost ? format.euros(x) : format.percent(x, fractionDigits: 0)
    }

    /// Lorenz curve of hours per volunteer (pooled, current period).
    mutating func lorenzFigure() {
        guard let dist = data.volunteerHours(ReportData.pooledKey, data.current.label), !dist.hours.isEmpty else {
            paragraph(pick("Geen verdeling van vrijwilligersuren: te weinig actieve vrijwilligers.",
                           "No distribution of volunteer hours: too few active volunteers."))
            return
        }
        let hours = dist.hours.sorted()
        let total = hours.reduce(0, +)
        let rows: [[TableCell]] = [0.2, 0.4, 0.6, 0.8].map { share in
            let count = Int((share * Double(hours.count)).rounded(.down))
            let part = hours.prefix(count).reduce(0, +)
            return [.number(100 * share, digits: 0), .number(total > 0 ? 100 * part / total : nil, digits: 0)]
        }
        let title = pick("Verdeling van vrijwilligersuren", "Distribution of volunteer hours")
        let fid = reserveName("volunteer-lorenz")
        figure(LorenzChart(title: title, hoursPerVolunteer: hours, width: chartWidth(tableColumns: 2), identifier: fid),
                              caption: pick("Lorenzcurve over \(format.integer(hours.count)) actieve vrijwilligers: hoe verder onder de diagonaal, hoe meer het werk op weinig mensen rust.",
                             "Lorenz curve over \(format.integer(hours.count)) active volunteers: the further below the diagonal, the more the work rests on few people."),
               table: ReportTable(name: "", caption: title,
                                  columns: [TableColumn(pick("Minst actieve vrijwilligers (%)", "Least active volunteers (%)"), csv: "volunteers_pct"),
                                            TableColumn(pick("Hun aandeel in de uren (%)", "Their share of hours (%)"), csv: "hours_pct")],
                                  rows: rows))
    }
}
