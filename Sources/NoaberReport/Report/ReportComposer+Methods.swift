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
            "Kaplan–Meier S(t) = Π(1 − dᵢ/nᵢ) over dagen van binnenkomst tot eerste contact en tot afsluiting, over de hulpvragen die binnenkwamen op dagen waarvoor het dorp gegevens heeft. Een open hulpvraag is rechts gecensureerd op de exportdatum van de laatste export waarin hij stond; bij aanvullende exports (alleen nieuwe en gewijzigde hulpvragen) loopt hij door tot de nieuwste export, tot een volledige export hem niet meer bevat. Band: exponentiële Greenwood (log-log), V = Σ dᵢ/(nᵢ(nᵢ−dᵢ)), grenzen exp(−exp(log(−log S) ± z√V/|log S|)). Mediaan: eerste t met S(t) ≤ 0,5; interval: waar de band 0,5 kruist (conventie van lifelines); ∞ als de bovengrens 0,5 niet bereikt. Binnen t dagen: 100·(1 − S(t)).",
            "Kaplan–Meier S(t) = Π(1 − dᵢ/nᵢ) over days from receipt to first contact and to closure, over the requests received on days for which the village has data. An open request is right-censored at the export date of the last export that listed it; under incremental exports (new and changed requests only) it carries on to the newest export, until a full export no longer lists it. Band: exponential Greenwood (log-log), V = Σ dᵢ/(nᵢ(nᵢ−dᵢ)), limits exp(−exp(log(−log S) ± z√V/|log S|)). Median: first t with S(t) ≤ 0.5; interval: where the band crosses 0.5 (lifelines' convention); ∞ when the upper band never reaches 0.5. Within t days: 100·(1 − S(t)).")))
        defs.append((pick("Dekking", "Coverage"), pick(
            "De gegevens van een dorp dekken de dagen van het begin van de registratie (uit het dorpenbestand; anders de eerste hulpvraag) tot de exportdatum van de nieuwste export; voor vrijwilligerstaken tot die van de nieuwste takenexport. Cijfers die met de tijd groeien (hulpvragen, inwoners, bereik, vrijwilligers, uren, vermeden kosten, opbrengst per euro) worden alleen gegeven voor dorpen die de hele periode dekken; totalen en noemers (inwoners, betaalde uren, kosten) nemen alleen die dorpen mee. Een dorp zonder gegevens in een periode heeft daar geen cijfer, geen nul. Reactietijden gebruiken alle hulpvragen die binnenkwamen op gedekte dagen. Een vergelijking met de vorige periode wordt alleen gemaakt als beide even lang zijn en dezelfde dorpen de hele periode dekken.",
            "A village's data cover the days from its registration start (from the villages file; else its first request) to the export date of its newest export; for volunteer tasks to that of its newest task export. Figures that grow with time (requests, residents, reach, volunteers, hours, avoided cost, return per euro) are given only for villages covering the whole period; totals and denominators (inhabitants, paid hours, costs) take only those villages. A village without data in a period has no figure there, not a zero. Response times use every request received on a covered day. A comparison with the previous period is made only when both are equally long and the same villages cover the whole of both.")))
        defs.append((pick("Wie is wie", "Who is who"), pick(
            "Elk dorp nummert zijn eigen inwoners en vrijwilligers; dezelfde sleutel in twee dorpen is dus twee mensen, tenzij een import meldt dat de gemeente één sleutelsysteem gebruikt. Samengetelde aantallen tellen verschillende (dorp, sleutel)-paren. Sleutels zijn gepseudonimiseerd (HMAC-SHA-256) en worden nooit getoond.",
            "Each village numbers its own residents and volunteers, so the same key in two villages is two people, unless an import declares that the municipality uses one key system. Pooled counts count distinct (village, key) pairs. Keys are pseudonymised (HMAC-SHA-256) and never shown.")))
        defs.append((pick("Vermeden kosten (schatting)", "Avoided cost (estimate)"), pick(
            "Σ over risico's: aantal hulpvragen × kans × (1 − deel dat ook zonder hulp was voorkomen) × deel dat aan de ondersteuner is toe te schrijven × kostprijs. Een hulpvraag telt als de uitkomst bekend is (afgesloten, of ouder dan \(p.followUpDays) dagen) en de formele gebeurtenis niet volgde. Onzekerheid: Monte Carlo met \(format.integer(data.request.draws)) trekkingen uit driehoeksverdelingen (laag, meest waarschijnlijk, hoog), seed \(data.request.seed); gerapporteerd: de waarde met alle parameters op meest waarschijnlijk en het 5–95%-interval. Opbrengst per euro: tegen de kosten van de ondersteuner in de periode (kosten per jaar × dagen/365,25).",
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
                rows.append([.text(risk.label(language)), param == .probability ? parameterFileText(rp.event) : .text(""),
                             .text(parameterName(param)),
                             .number(e.low, digits: digits), .number(e.mostLikely, digits: digits), .number(e.high, digits: digits),
                             .text(e.priceYear.map(String.init) ?? (param == .unitCost ? String(p.priceYear) : "")), parameterFileText(e.source)])
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

    /// Free text from the parameter file (events, sources), which is English. In a Dutch report
    /// the fixed flag "ASSUMPTION:" at its start becomes "Aanname:" and the rest is marked as
    /// English (`lang="en"`), so a reader and a screen reader know; an English report shows it as
    /// written.
    func parameterFileText(_ text: String) -> TableCell {
        guard language == .nl, !text.isEmpty else { return .text(text) }
        for flag in ["ASSUMPTION:", "Assumption:", "assumption:"] where text.hasPrefix(flag) {
            let rest = text.dropFirst(flag.count).drop { $0 == " " }
            return .textIn(String(rest), language: "en", prefix: "Aanname: ")
        }
        return .textIn(text, language: "en")
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
            rows.append([.text(i.fileName), .text(i.village.map { data.name(of: $0) } ?? ""),
                         .text(RecordKind(rawValue: i.kind)?.label(language) ?? i.kind), .text(dates.date(i.asOf)),
                         .number(Double(i.rowsRead), digits: 0), .number(Double(i.accepted), digits: 0), .number(Double(i.rejected), digits: 0)])
        }
        table(ReportTable(name: "imports", caption: pick("Imports met exportdatum (peildatum: open hulpvragen zijn daar gecensureerd)",
                                                         "Imports with export date (as-of date: open requests are censored there)"),
                          columns: [TableColumn(pick("Bestand", "File"), csv: "file"), TableColumn(pick("Dorp", "Village"), csv: "village"),
                                    TableColumn(pick("Soort", "Kind"), csv: "kind"), TableColumn(pick("Peildatum", "As of"), csv: "as_of"),
                                    TableColumn(pick("Gelezen", "Read"), csv: "rows_read"), TableColumn(pick("Geaccepteerd", "Accepted"), csv: "accepted"),
                                    TableColumn(pick("Afgekeurd", "Rejected"), csv: "rejected")],
                          rows: rows))
        let coverageRows: [[TableCell]] = villagesByName.map { v in
            let c = data.coverage[v.code] ?? .empty
            let start: String
            if let s = c.start {
                start = c.startSource == .registrationStart ? dates.date(s)
                    : pick("\(dates.date(s)) (eerste hulpvraag)", "\(dates.date(s)) (first request)")
            } else {
                start = format.notAvailable
            }
            let mine = provenance.imports.filter { $0.village == v.code && $0.kind == "cases" }
            let kinds = Set(mine.map(\.exportKind)), scopes = Set(mine.map(\.idScope))
            let export = kinds.isEmpty ? "" : kinds.count > 1 ? pick("volledig en aanvullend", "full and incremental")
                : kinds.first == .full ? pick("volledig", "full") : pick("aanvullend", "incremental")
            let keys = scopes.isEmpty ? "" : scopes.first == .municipality ? pick("gemeente", "municipality") : pick("per dorp", "per village")
            return [.text(v.name), .text(v.code), .text(start),
                    .text(c.casesEnd.map { dates.date($0) } ?? pick("nog geen export", "no export yet")),
                    .text(c.tasksEnd.map { dates.date($0) } ?? pick("nog geen export", "no export yet")),
                    .text(coverageCell(v)), .text(export), .text(keys)]
        }
        table(ReportTable(name: "coverage", caption: pick("Dekking per dorp: van het begin van de registratie tot de nieuwste export (open hulpvragen zijn gecensureerd op de laatste export waarin ze stonden)",
                                                          "Coverage per village: from the registration start to the newest export (open requests are censored at the last export that listed them)"),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"), TableColumn("Code", csv: "code"),
                                    TableColumn(pick("Begin registratie", "Registration start"), csv: "registration_start"),
                                    TableColumn(pick("Hulpvragen t/m", "Cases through"), csv: "cases_through"),
                                    TableColumn(pick("Taken t/m", "Tasks through"), csv: "tasks_through"),
                                    TableColumn(periodName(data.current), csv: "coverage_current_period"),
                                    TableColumn(pick("Exports", "Exports"), csv: "export_kind"),
                                    TableColumn(pick("Sleutels", "Keys"), csv: "id_scope")],
                          rows: coverageRows))
        raw("<p>" + HTML.text(pick("Software: noaber \(provenance.softwareVersion). Gemaakt op \(dates.date(provenance.generatedOn)) met:",
                                   "Software: noaber \(provenance.softwareVersion). Made on \(dates.date(provenance.generatedOn)) with:"))
            + "</p>\n<p><code class=\"command\">" + HTML.text(provenance.commandLine) + "</code></p>\n")
    }
}
