import NoaberMetrics
import NoaberModel

/// The onderzoek report's methods and provenance: definitions and formulas, the escalation
/// parameters with sources, as-of dates, the suppression rule used, version and command line.
extension ReportComposer {
    mutating func methodsSection() {
        let p = data.request.escalationParameters
        heading(2, pick("Methoden", "Methods"), id: "methods")
        var defs: [(String, String)] = []
        defs.append((pick("Bereik", "Reach"), pick(
            "Verschillende inwoners met ten minste één hulpvraag in de periode, per 1.000 inwoners. Interval: Wilson-score, p̂ = x/n, centrum (p̂ + z²/2n)/(1 + z²/n), halve breedte z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), z = 1,96.",
            "Distinct residents with at least one request in the period, per 1,000 inhabitants. Interval: Wilson score, p̂ = x/n, centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), z = 1.96.")))
        defs.append((pick("Reactietijd", "Response time"), pick(
            "Kaplan–Meier S(t) = Π(1 − dᵢ/nᵢ) over dagen van binnenkomst tot eerste contact en tot afsluiting; open hulpvragen zijn rechts gecensureerd op de exportdatum van hun dorp. Band: exponentiële Greenwood (log-log), V = Σ dᵢ/(nᵢ(nᵢ−dᵢ)), grenzen exp(−exp(log(−log S) ± z√V/|log S|)). Mediaan: eerste t met S(t) ≤ 0,5; interval: waar de band 0,5 kruist (conventie van lifelines); ∞ als de bovengrens 0,5 niet bereikt. Binnen t dagen: 100·(1 − S(t)).",
            "Kaplan–Meier S(t) = Π(1 − dᵢ/nᵢ) over days from receipt to first contact and to closure; open requests are right-censored at their village's export date. Band: exponential Greenwood (log-log), V = Σ dᵢ/(nᵢ(nᵢ−dᵢ)), limits exp(−exp(log(−log S) ± z√V/|log S|)). Median: first t with S(t) ≤ 0.5; interval: where the band crosses 0.5 (lifelines' convention); ∞ when the upper band never reaches 0.5. Within t days: 100·(1 − S(t)).")))
        defs.append((pick("Vermeden kosten (schatting)", "Avoided cost (estimate)"), pick(
            "Σ over risico's: aantal hulpvragen × kans × (1 − deadweight) × toerekening × kostprijs. Een hulpvraag telt als de uitkomst bekend is (afgesloten, of ouder dan \(p.followUpDays) dagen) en de formele gebeurtenis niet volgde. Onzekerheid: Monte Carlo met \(format.integer(data.request.draws)) trekkingen uit driehoeksverdelingen (laag, meest waarschijnlijk, hoog), seed \(data.request.seed); gerapporteerd: de waarde met alle parameters op meest waarschijnlijk en het 5–95%-interval. Opbrengst per euro: tegen de kosten van de ondersteuner in de periode (kosten per jaar × dagen/365,25).",
            "Σ over risks: cases × probability × (1 − deadweight) × attribution × unit cost. A case counts when its outcome is known (closed, or older than \(p.followUpDays) days) and the formal event did not follow. Uncertainty: Monte Carlo with \(format.integer(data.request.draws)) draws from triangular distributions (low, most likely, high), seed \(data.request.seed); reported: the value with all parameters at most likely and the 5–95% interval. Return per euro: against the support worker's cost in the period (cost per year × days/365.25).")))
        defs.append((pick("Trechtergrenzen", "Funnel limits"), pick(
            "Voor elk dorp de gepoolde waarde over alle dorpen met 95%- en 99,8%-grenzen bij de noemer van het dorp: exact binomiaal voor aandelen, exact Poisson voor hulpvragen per 1.000 (één inwoner kan meer hulpvragen hebben). Overdispersie (Spiegelhalter 2005, zoals het R-pakket FunnelPlotR): z-scores op de arcsinus-wortelschaal (aandelen) of wortelschaal (hulpvragen), de buitenste 10% aan elke kant gewinsoriseerd, φ = gemiddelde z², τ² volgens DerSimonian en Laird, alleen over de getoonde dorpen. De grenzen worden met τ² verbreed als φ boven 1 + 2√(2/n) ligt en er minstens 5 dorpen zijn; anders blijven ze exact. Het bijschrift van elk trechterdiagram zegt welke grenzen getekend zijn.",
            "For each village the rate pooled over all villages with 95% and 99.8% limits at the village's denominator: exact binomial for proportions, exact Poisson for requests per 1,000 (one resident can bring several requests). Overdispersion (Spiegelhalter 2005, as the R package FunnelPlotR): z-scores on the arcsine square-root scale (proportions) or square-root scale (requests), the outer 10% at each end winsorised, φ = mean z², τ² after DerSimonian and Laird, over the villages shown only. The limits are widened by τ² when φ exceeds 1 + 2√(2/n) with at least 5 villages; otherwise they stay exact. Each funnel plot's caption says which limits are drawn.")))
        defs.append((pick("Vrijwilligersbelasting", "Volunteer load"), pick(
            "Uren per actieve vrijwilliger: mediaan en p90 (lineaire interpolatie), aandeel van de drukste 20% en Gini (gemiddeld absoluut verschil / 2 × gemiddelde).",
            "Hours per active volunteer: median and p90 (linear interpolation), share of the busiest 20% and Gini (mean absolute difference / 2 × mean).")))
        let suppression = data.request.effectiveMinCell.map {
            pick("Aantallen 1 tot \($0 - 1) en alles wat daarvan is afgeleid staan als <\($0); aanvullende onderdrukking binnen thema's en signaleerders (docs/disclosure.md). k = \($0).",
                 "Counts 1 to \($0 - 1) and everything derived from them read <\($0); secondary suppression within themes and sources (docs/disclosure.md). k = \($0).")
        } ?? pick("uitgeschakeld (--no-suppression): alleen voor intern onderzoek, niet publiceren.",
                  "disabled (--no-suppression): for internal research only, do not publish.")
        defs.append((pick("Onderdrukking kleine aantallen", "Small-cell suppression"), suppression))
        raw("<dl class=\"defs\">\n" + defs.map { "<dt>\(HTML.text($0.0))</dt><dd>\(HTML.text($0.1))</dd>\n" }.joined() + "</dl>\n")
        parametersTable()
    }

    mutating func parametersTable() {
        let p = data.request.escalationParameters
        var rows: [[TableCell]] = []
        for risk in p.valuedRisks {
            guard let rp = p.risks[risk] else { continue }
            for param in EscalationParameter.allCases {
                let e = rp.estimate(param)
                let digits = param == .unitCost ? 2 : 3
                rows.append([.text(risk.label(language)), parameterText(param == .probability ? rp.event : ""), .text(parameterName(param)),
                             .number(e.low, digits: digits), .number(e.mostLikely, digits: digits), .number(e.high, digits: digits),
                             .text(e.priceYear.map(String.init) ?? (param == .unitCost ? String(p.priceYear) : "")), parameterText(e.source)])
            }
        }
        table(ReportTable(name: "escalation-parameters",
                          caption: pick("Escalatieparameters (laag, meest waarschijnlijk, hoog) met bron en prijsjaar; follow-up \(p.followUpDays) dagen",
                                        "Escalation parameters (low, most likely, high) with source and price year; follow-up \(p.followUpDays) days"),
                          columns: [TableColumn(pick("Risico", "Risk"), csv: "risk"), TableColumn(pick("Gebeurtenis", "Event"), csv: "event"),
                                    TableColumn("Parameter", csv: "parameter"), TableColumn(pick("Laag", "Low"), csv: "low"),
                                    TableColumn(pick("Meest waarschijnlijk", "Most likely"), csv: "most_likely"),
                                    TableColumn(pick("Hoog", "High"), csv: "high"), TableColumn(pick("Prijsjaar", "Price year"), csv: "price_year"),
                                    TableColumn(pick("Bron", "Source"), csv: "source")],
                          rows: rows))
    }

    /// A text from the parameter file: its events and sources are written in English (the bundled
    /// file and docs/escalation-parameters.md), so a Dutch report marks them `lang="en"`.
    func parameterText(_ text: String) -> TableCell {
        language == .en ? .text(text) : .textIn(text, language: "en")
    }

    /// Per-risk breakdown of the pooled estimate.
    mutating func escalationTable() {
        let cur = data.current.label
        let rows: [[TableCell]] = Risk.allCases.compactMap { risk in
            guard let r = data.row(ReportData.pooledKey, cur, "avoided_cost_eur:" + risk.rawValue) else { return nil }
            return [.text(risk.label(language)), r.suppressed ? .suppressed : .number(r.n.map(Double.init), digits: 0),
                    TableCell.from(r, digits: 0, interval: true)]
        }
        guard !rows.isEmpty else { return }
        table(ReportTable(name: "escalation-per-risk", caption: pick("Geschatte vermeden kosten per risico, alle dorpen (€, 5–95%-interval)",
                                                                     "Estimated avoided cost per risk, all villages (€, 5–95% interval)"),
                          columns: [TableColumn(pick("Risico", "Risk"), csv: "risk"), TableColumn(pick("Hulpvragen", "Cases"), csv: "cases"),
                                    TableColumn(pick("Vermeden kosten (€)", "Avoided cost (€)"), csv: "avoided_cost_eur", estimate: true)],
                          rows: rows))
    }

    mutating func provenanceSection() {
        heading(2, pick("Herkomst van de gegevens", "Data provenance"), id: "provenance")
        var rows: [[TableCell]] = []
        for i in provenance.imports.sorted(by: { ($0.village ?? "", $0.kind, $0.fileName) < ($1.village ?? "", $1.kind, $1.fileName) }) {
            rows.append([.text(i.fileName), .text(i.village.map { data.name(of: $0) } ?? ""), .text(i.kind), .text(dates.date(i.asOf)),
                         .number(Double(i.rowsRead), digits: 0), .number(Double(i.accepted), digits: 0), .number(Double(i.rejected), digits: 0)])
        }
        table(ReportTable(name: "imports", caption: pick("Imports met exportdatum (peildatum: open hulpvragen zijn daar gecensureerd)",
                                                         "Imports with export date (as-of date: open requests are censored there)"),
                          columns: [TableColumn(pick("Bestand", "File"), csv: "file"), TableColumn(pick("Dorp", "Village"), csv: "village"),
                                    TableColumn(pick("Soort", "Kind"), csv: "kind"), TableColumn(pick("Peildatum", "As of"), csv: "as_of"),
                                    TableColumn(pick("Gelezen", "Read"), csv: "rows_read"), TableColumn(pick("Geaccepteerd", "Accepted"), csv: "accepted"),
                                    TableColumn(pick("Afgekeurd", "Rejected"), csv: "rejected")],
                          rows: rows))
        let asOfRows: [[TableCell]] = villagesByName.map { v in
            [.text(v.name), .text(v.code), .text(data.asOf[v.code].map { dates.date($0) } ?? pick("laatste datum in de gegevens", "latest date in the data"))]
        }
        table(ReportTable(name: "as-of-dates", caption: pick("Peildatum per dorp", "As-of date per village"),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"), TableColumn("Code", csv: "code"),
                                    TableColumn(pick("Peildatum", "As of"), csv: "as_of")],
                          rows: asOfRows))
        raw("<p>" + HTML.text(pick("Software: noaber \(provenance.softwareVersion). Gemaakt op \(dates.date(provenance.generatedOn)) met:",
                                   "Software: noaber \(provenance.softwareVersion). Made on \(dates.date(provenance.generatedOn)) with:"))
            + "</p>\n<p><code class=\"command\">" + HTML.text(provenance.commandLine) + "</code></p>\n")
    }
}
