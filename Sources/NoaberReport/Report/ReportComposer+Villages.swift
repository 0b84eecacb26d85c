#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberMetrics
import NoaberModel

/// The lerend-netwerk comparison: funnel plots, a side-by-side table, themes and sources,
/// response-time curves and volunteer load per village — always in alphabetical order.
extension ReportComposer {
    /// A funnel plot of one rate; villages whose count is suppressed get no point and are named.
    mutating func funnelFigure(metric: String, isRate: Bool, digits: Int, title: String, rateTitle: String) {
        let points = disclosedFunnel(metric)
        let byCode = Dictionary(points.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[TableCell]] = []
        var hidden: [String] = []
        for v in villagesByName {
            if let p = byCode[v.code] {
                rows.append([.text(v.name), .number(p.value, digits: digits), .number(Double(p.denominator), digits: 0),
                             .estimate(p.target, lower: p.limits95.lower, upper: p.limits95.upper, digits: digits),
                             .estimate(p.target, lower: p.limits998.lower, upper: p.limits998.upper, digits: digits),
                             .text(positionText(p))])
            } else if data.row(v.code, data.current.label, metric)?.suppressed == true {
                hidden.append(v.name)
                rows.append([.text(v.name), .suppressed, .number(Double(v.inhabitants), digits: 0), .suppressed, .suppressed, .suppressed])
            }
        }
        guard !points.isEmpty else {
            paragraph(title + ": " + pick("geen dorpen om te tonen.", "no villages to show."))
            return
        }
        let note = hidden.isEmpty ? "" : " " + pick("Niet getoond (minder dan \(k)): ", "Not shown (fewer than \(k)): ") + hidden.joined(separator: ", ") + "."
        let fid = reserveName("funnel-" + metric)
        figure(funnelChart(points: points, metric: metric, isRate: isRate, digits: digits, title: title,
                           rateTitle: rateTitle, identifier: fid, width: chartWidth(tableColumns: 6)),
                              caption: pick("Trechterdiagram: elk dorp tegen het gemiddelde van alle dorpen, met 95%- en 99,8%-grenzen bij zijn omvang. Een punt binnen de grenzen verschilt niet meer dan toeval.",
                             "Funnel plot: each village against the pooled rate, with 95% and 99.8% limits at its size. A point inside the limits differs no more than chance.") + " " + limitsSentence(metric) + note,
               table: ReportTable(name: "", caption: title,
                                  columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                            TableColumn(rateTitle, csv: metric),
                                            TableColumn(pick("Noemer", "Denominator"), csv: "denominator"),
                                            TableColumn(pick("Gemiddelde, 95%-grenzen", "Pooled, 95% limits"), csv: "pooled_95", estimate: true),
                                            TableColumn(pick("Gemiddelde, 99,8%-grenzen", "Pooled, 99.8% limits"), csv: "pooled_998", estimate: true),
                                            TableColumn(pick("Ligging", "Position"), csv: "position")],
                                  rows: rows))
    }

    /// The funnel points of the current period whose village row disclosure control let through.
    ///
    /// The engine's funnel points carry every village's value; a village hidden by *secondary*
    /// suppression (its figure would give away a small village through the pooled total) must
    /// not reappear as a point, so points follow the rows' `suppressed` flag.
    func disclosedFunnel(_ metric: String) -> [FunnelPoint] {
        data.funnel(metric).filter { data.row($0.village, data.current.label, metric)?.suppressed != true }
    }

    /// The overdispersion test of a funnel metric in the current period (over the villages shown).
    func funnelDispersion(_ metric: String) -> FunnelDispersion? {
        data.byVillage.funnelDispersion.first { $0.metric == metric && $0.period == data.current.label }
    }

    /// The funnel plot of `points` (not empty): the pooled rate with the limits drawn (exact, or
    /// widened for overdispersion: `FunnelDispersion`) at 41 denominators spread geometrically over
    /// the villages' sizes.
    func funnelChart(points: [FunnelPoint], metric: String, isRate: Bool, digits: Int, title: String,
                     rateTitle: String, identifier: String, width: Double, height: Double = 400) -> FunnelPlot {
        let target = points.first?.target ?? 0
        let scale: Double = metric.hasSuffix("_pct") ? 100 : 1000
        let p0 = target / scale
        let dispersion = funnelDispersion(metric)
        let ns = points.map { Double($0.denominator) }
        let lo = max(1, (ns.min() ?? 1) * 0.7), hi = max(lo + 1, (ns.max() ?? 1) * 1.3)
        var limits95: [FunnelPlot.Limit] = [], limits998: [FunnelPlot.Limit] = []
        for i in 0...40 {
            let n = (lo * pow(hi / lo, Double(i) / 40)).rounded()
            for (coverage, target) in [(0.95, 0), (0.998, 1)] {
                let limit: FunnelPlot.Limit
                if let dispersion {
                    let l = dispersion.limits(atDenominator: n, coverage: coverage)
                    limit = FunnelPlot.Limit(denominator: n, lower: l.lower, upper: l.upper)
                } else {
                    let l = isRate ? Funnel.rateLimits(targetRate: p0, exposure: n, coverage: coverage)
                                   : Funnel.proportionLimits(target: p0, denominator: Int(n), coverage: coverage)
                    limit = FunnelPlot.Limit(denominator: n, lower: scale * l.lower, upper: scale * l.upper)
                }
                if target == 0 { limits95.append(limit) } else { limits998.append(limit) }
            }
        }
        let plotPoints = points.map { p in
            FunnelPlot.Point(label: data.name(of: p.village), denominator: Double(p.denominator), rate: p.value,
                             highlighted: isHighlighted(p.village))
        }.sorted { $0.label < $1.label }
        return FunnelPlot(title: title, subtitle: periodName(data.current), points: plotPoints, pooledRate: target,
                          limits95: limits95, limits998: limits998,
                          denominatorTitle: pick("inwoners", "inhabitants"), rateTitle: rateTitle,
                          style: .number(fractionDigits: digits), widened: dispersion?.limitKind == .widened,
                          width: width, height: height, identifier: identifier)
    }

    /// One or two sentences for a funnel's caption: which limits are drawn and why (φ, τ²).
    func limitsSentence(_ metric: String) -> String {
        guard let d = funnelDispersion(metric) else { return "" }
        let phi = format.decimal(d.phi, fractionDigits: 2), threshold = format.decimal(d.threshold, fractionDigits: 2)
        switch d.limitKind {
        case .widened:
            let tau = format.decimal(d.tau2, fractionDigits: 5)
            return pick("De dorpen verschillen meer dan toeval verklaart (φ = \(phi), boven \(threshold)): de grenzen zijn verbreed met de spreiding tussen de dorpen (τ² = \(tau), Spiegelhalter). Alleen een dorp buiten deze grenzen wijkt af van wat dorpen onderling al verschillen.",
                        "The villages differ more than chance explains (φ = \(phi), above \(threshold)): the limits are widened by the spread between villages (τ² = \(tau), Spiegelhalter). Only a village outside these limits differs beyond how villages already differ.")
        case .exact:
            if d.count < FunnelDispersion.minimumVillagesToWiden {
                return pick("Exacte grenzen (toeval alleen); met \(d.count) dorpen is de spreiding tussen dorpen niet te schatten (φ = \(phi)).",
                            "Exact limits (chance alone); with \(d.count) villages the spread between villages cannot be estimated (φ = \(phi)).")
            }
            return pick("Exacte grenzen (toeval alleen): de dorpen verschillen niet meer dan toeval verwacht (φ = \(phi), niet boven \(threshold)).",
                        "Exact limits (chance alone): the villages differ no more than chance would (φ = \(phi), not above \(threshold)).")
        }
    }

    func positionText(_ p: FunnelPoint) -> String {
        if p.outside998 { return p.value > p.limits998.upper ? pick("boven 99,8%-grens", "above 99.8% limit") : pick("onder 99,8%-grens", "below 99.8% limit") }
        if p.outside95 { return p.value > p.limits95.upper ? pick("boven 95%-grens", "above 95% limit") : pick("onder 95%-grens", "below 95% limit") }
        return pick("binnen de grenzen", "within the limits")
    }

    mutating func funnelSection() {
        heading(2, pick("Dorpen vergeleken", "Villages compared"))
        paragraph(pick("Geen ranglijst: een dorp wijkt pas echt af als het buiten de trechter valt. Dorpen staan op alfabet.",
                       "No league table: a village only truly differs when it lies outside the funnel. Villages are in alphabetical order."))
        funnelFigure(metric: "reach_per_1000", isRate: false, digits: 1,
                     title: pick("Bereik per 1.000 inwoners", "Reach per 1,000 inhabitants"), rateTitle: pick("per 1.000", "per 1,000"))
        funnelFigure(metric: "cases_per_1000", isRate: true, digits: 1,
                     title: pick("Hulpvragen per 1.000 inwoners", "Requests per 1,000 inhabitants"), rateTitle: pick("per 1.000", "per 1,000"))
        funnelFigure(metric: "volunteers_per_1000", isRate: false, digits: 1,
                     title: pick("Actieve vrijwilligers per 1.000 inwoners", "Active volunteers per 1,000 inhabitants"), rateTitle: pick("per 1.000", "per 1,000"))
    }

    /// Side-by-side figures per village, with the pooled row last.
    mutating func villageTable() {
        let cur = data.current.label
        let spec: [(String, String, String, Int, Bool)] = [
            ("cases", "Hulpvragen", "Requests", 0, false),
            ("residents_reached", "Inwoners", "Residents", 0, false),
            ("reach_per_1000", "Bereik per 1.000", "Reach per 1,000", 1, true),
            ("reach_75plus_pct", "Bereik 75+ (%)", "Reach 75+ (%)", 1, true),
            ("first_contact_median_days", "Mediaan dagen eerste contact", "Median days first contact", 1, true),
            ("first_contact_within_7d_pct", "Binnen 7 dagen (%)", "Within 7 days (%)", 0, true),
            ("closure_median_days", "Mediaan doorlooptijd (dagen)", "Median days to closure", 0, true),
        ]
        var rows: [[TableCell]] = villagesByName.map { v in
            [.text(v.name), .text(coverageCell(v))]
                + spec.map { TableCell.from(data.row(v.code, cur, $0.0), digits: $0.3, interval: $0.4) }
        }
        rows.append([.text(data.name(of: ReportData.pooledKey)), .text("")]
                    + spec.map { TableCell.from(data.row(ReportData.pooledKey, cur, $0.0), digits: $0.3, interval: $0.4) })
        table(ReportTable(name: "villages", caption: pick("Per dorp, \(periodName(data.current)) (95%-BI tussen haakjes)", "Per village, \(periodName(data.current)) (95% CI in brackets)")
                            + uncoveredNote(),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                    TableColumn(pick("Gegevens over de periode", "Data for the period"), csv: "coverage")]
                            + spec.map { TableColumn(pick($0.1, $0.2), csv: $0.0, estimate: $0.4) },
                          rows: rows))
    }

    /// Counts per village of a category family (`theme:` or `source:`), `<k` where suppressed.
    mutating func categoryTable<C: Code>(_ type: C.Type, prefix: String, name: String, caption: String) {
        let cur = data.current.label
        let codes = Array(C.allCases)
        let groups = villagesByName.map(\.code) + [ReportData.pooledKey]
        let rows: [[TableCell]] = groups.map { g in
            [.text(data.name(of: g))] + codes.map { TableCell.from(data.row(g, cur, prefix + $0.rawValue), digits: 0) }
        }
        table(ReportTable(name: name, caption: caption,
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village")] + codes.map { TableColumn($0.label(language), csv: $0.rawValue) },
                          rows: rows))
    }

    mutating func themesSection() {
        heading(2, pick("Thema's en signaleerders per dorp", "Themes and sources per village"))
        paragraph(pick("Een hulpvraag kan meer thema's hebben; de aantallen tellen dus op tot meer dan het aantal hulpvragen.",
                       "A request can have several themes, so the counts add up to more than the number of requests."))
        categoryTable(Theme.self, prefix: "theme:", name: "themes", caption: pick("Hulpvragen per thema, \(periodName(data.current))", "Requests per theme, \(periodName(data.current))"))
        categoryTable(Source.self, prefix: "source:", name: "sources", caption: pick("Wie signaleerde, \(periodName(data.current))", "Who signalled, \(periodName(data.current))"))
    }

    /// First-contact curves per village (at most eight, else the pooled curve only).
    mutating func villageSurvivalSection() {
        heading(2, pick("Reactietijd per dorp", "Response time per village"))
        let cur = data.current.label
        var curves: [(key: String, label: String, km: KaplanMeier)] = []
        var hidden: [String] = []
        var hiddenPanels: [(String, String)] = []
        let villages = villagesByName
        let pooled = data.curves(ReportData.pooledKey, cur, .firstContact)?.estimate
        if villages.count <= 8 {
            for v in villages {
                if let c = data.curves(v.code, cur, .firstContact) {
                    curves.append((v.code, v.name, c.estimate))
                } else if data.currentCoverage.none.contains(v) {
                    continue   // no data in the period: named by the coverage note, not as a small cell
                } else {
                    hidden.append(v.name)
                    hiddenPanels.append((v.code, v.name))
                }
            }
        } else if let pooled {
            curves.append((ReportData.pooledKey, data.name(of: ReportData.pooledKey), pooled))
        }
        // Up to eight villages: small multiples against the pooled curve.
        let reference = villages.count <= 8 ? pooled : nil
        survivalFigure(curves: curves, hidden: hidden,
                       title: pick("Tijd tot eerste contact per dorp", "Time to first contact per village"), name: "response-time-villages",
                       reference: reference, hiddenPanels: reference == nil ? [] : hiddenPanels)
    }

    mutating func volunteerSection() {
        heading(2, pick("Vrijwilligers en ondersteuner", "Volunteers and support worker"))
        let cur = data.current.label
        let spec: [(String, String, String, Int)] = [
            ("volunteers_active", "Actief", "Active", 0),
            ("volunteers_per_1000", "Per 1.000 inwoners", "Per 1,000 inhabitants", 1),
            ("volunteer_tasks", "Taken", "Tasks", 0),
            ("volunteer_hours_median", "Uren mediaan", "Hours median", 1),
            ("volunteer_hours_p90", "Uren p90", "Hours p90", 1),
            ("volunteer_hours_per_week", "Uur per week", "Hours a week", 1),
            ("volunteers_over_threshold", "Boven drempel", "Over threshold", 0),
            ("boundary_tasks", "Taken over de grens", "Boundary tasks", 0),
            ("support_hours_per_paid_hour", "Ondersteunersuren per betaald uur", "Support hours per paid hour", 2),
            ("open_cases_at_end", "Open aan eind", "Open at end", 0),
        ]
        let groups = villagesByName.map(\.code) + [ReportData.pooledKey]
        let rows: [[TableCell]] = groups.map { g in
            [.text(data.name(of: g))] + spec.map { TableCell.from(data.row(g, cur, $0.0), digits: $0.3) }
        }
        table(ReportTable(name: "volunteer-load", caption: pick("Vrijwilligersbelasting, \(periodName(data.current)); drempel 4 uur per week; taken over de professionele grens worden altijd geteld",
                                                                "Volunteer load, \(periodName(data.current)); threshold 4 hours a week; tasks over the professional boundary are always counted"),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village")] + spec.map { TableColumn(pick($0.1, $0.2), csv: $0.0) },
                          rows: rows))
        lorenzFigure()
    }
}
