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
        defs.append((pick("Wie wacht er nu", "Who is waiting now"), pick(
            "Naast de Kaplan–Meier-curve de kijk van een wachtlijst (de NHS telt ‘incomplete pathways’, omdat alleen afgeronde wachttijden tellen de lange verbergt): hulpvragen die op de laatste dag van de periode (of op de exportdatum, als die eerder ligt) zijn binnengekomen, nog open zijn en nog geen eerste contact hadden, ook als ze uit een eerdere periode komen (open_waiting), en welk deel daarvan al langer dan 2, 7 en 30 dagen wacht (open_waiting_over_2d_pct, _7d_pct, _30d_pct, met Wilson-interval). Alleen dorpen met gegevens over de hele periode tellen mee; het zijn aantallen en ze worden onderdrukt als elk aantal.",
            "Beside the Kaplan–Meier curve, the view of a waiting list (the NHS counts ‘incomplete pathways’, because counting only finished waits hides the long ones): requests received by the last day of the period (or the export date, when earlier) that are still open and have had no first contact, also when they come from an earlier period (open_waiting), and the share of them waiting more than 2, 7 and 30 days (open_waiting_over_2d_pct, _7d_pct, _30d_pct, with Wilson intervals). Only villages with data for the whole period count; they are counts and are suppressed like every count.")))
        let mostLikely = data.row(ReportData.pooledKey, data.current.label, "avoided_cost_eur_most_likely")
        let mostLikelyText = mostLikely.flatMap { r in r.suppressed ? nil : r.value.map { euros($0) } }
        defs.append((pick("Vermeden kosten (schatting)", "Avoided cost (estimate)"), pick(
            "Σ over risico's: aantal hulpvragen × kans × (1 − deel dat ook zonder hulp was voorkomen) × deel dat aan de ondersteuner is toe te schrijven × kostprijs. Een hulpvraag telt als de uitkomst bekend is (afgesloten, of ouder dan \(p.followUpDays) dagen op de exportdatum) en de formele gebeurtenis niet volgde. Een periode waarvan het einde minder dan \(p.followUpDays) dagen voor de exportdatum van een meegeteld dorp ligt, is onvolledig (escalation_follow_up_complete = 0): recente hulpvragen tellen dan alleen als ze zijn afgesloten, dus het bedrag is te laag; de trend tekent zulke perioden niet. Onzekerheid: Monte Carlo met \(format.integer(data.request.draws)) trekkingen uit driehoeksverdelingen (laag, meest waarschijnlijk, hoog), seed \(data.request.seed). Gerapporteerd (avoided_cost_eur): de mediaan van de trekkingen met het 5–95%-interval, in de tekst afgerond op twee significante cijfers van de breedte van het interval (ten minste € 100; in de raadsbrief € 1.000 zolang de ondergrens daarbij twee significante cijfers houdt); de tabellen in metrics.csv houden alle cijfers. Tot december 2026 was dit de waarde met alle parameters op meest waarschijnlijk; die staat nu in avoided_cost_eur_most_likely\(mostLikelyText.map { " (alle dorpen, \(periodName(data.current)): \($0))" } ?? "") en ligt laag in het interval, omdat de bereiken naar boven scheef zijn. Per risico: de mediaan van dat risico alleen (medianen tellen niet op). Opbrengst per euro: de mediaan tegen de kosten van de ondersteuner in de periode (kosten per jaar × dagen/365,25). Prijspeil: \(indexationText) Alle perioden van dit rapport staan in hetzelfde prijspeil.",
            "Σ over risks: cases × probability × (1 − deadweight) × attribution × unit cost. A case counts when its outcome is known (closed, or older than \(p.followUpDays) days on the export date) and the formal event did not follow. A period whose end lies less than \(p.followUpDays) days before the export date of a counted village is incomplete (escalation_follow_up_complete = 0): recent cases then count only when closed, so the amount is too low; the trend does not draw such periods. Uncertainty: Monte Carlo with \(format.integer(data.request.draws)) draws from triangular distributions (low, most likely, high), seed \(data.request.seed). Reported (avoided_cost_eur): the median of the draws with the 5–95% interval, rounded in the text to two significant digits of the interval's width (at least €100; in the council brief €1,000 as long as the lower end keeps two significant digits); metrics.csv keeps every digit. Until December 2026 this was the value with every parameter at most likely; that is now avoided_cost_eur_most_likely\(mostLikelyText.map { " (all villages, \(periodName(data.current)): \($0))" } ?? "") and lies low in the interval, because the ranges are skewed upwards. Per risk: the median of that risk alone (medians do not add up). Return per euro: the median against the support worker's cost in the period (cost per year × days/365.25). Price level: \(indexationText) Every period of this report is at the same price level.")))
        defs.append((pick("Trechtergrenzen", "Funnel limits"), pick(
            "Voor elk dorp de gepoolde waarde over alle dorpen met 95%- en 99,8%-grenzen bij de noemer van het dorp: exact binomiaal voor aandelen, exact Poisson voor hulpvragen per 1.000 (één inwoner kan meer hulpvragen hebben). Overdispersie (Spiegelhalter 2005, zoals het R-pakket FunnelPlotR): z-scores op de arcsinus-wortelschaal (aandelen) of wortelschaal (hulpvragen), de buitenste 10% aan elke kant gewinsoriseerd, φ = gemiddelde z², τ² volgens DerSimonian en Laird, alleen over de getoonde dorpen. De grenzen worden met τ² verbreed als φ boven 1 + 2√(2/n) ligt en er minstens 5 dorpen zijn; anders blijven ze exact. Het bijschrift van elk trechterdiagram zegt welke grenzen getekend zijn.",
            "For each village the rate pooled over all villages with 95% and 99.8% limits at the village's denominator: exact binomial for proportions, exact Poisson for requests per 1,000 (one resident can bring several requests). Overdispersion (Spiegelhalter 2005, as the R package FunnelPlotR): z-scores on the arcsine square-root scale (proportions) or square-root scale (requests), the outer 10% at each end winsorised, φ = mean z², τ² after DerSimonian and Laird, over the villages shown only. The limits are widened by τ² when φ exceeds 1 + 2√(2/n) with at least 5 villages; otherwise they stay exact. Each funnel plot's caption says which limits are drawn.")))
        defs.append((pick("Vrijwilligersbelasting", "Volunteer load"), pick(
            "Uren per actieve vrijwilliger: mediaan en p90 (lineaire interpolatie), aandeel van de drukste 20% en Gini (gemiddeld absoluut verschil / 2 × gemiddelde).",
            "Hours per active volunteer: median and p90 (linear interpolation), share of the busiest 20% and Gini (mean absolute difference / 2 × mean).")))
        defs.append((pick("Uitschieters per maand", "Outlying months"), pick(
            "Per dorp het aantal hulpvragen per hele kalendermaand waarvoor gegevens zijn (een maand die het begin van de registratie of de exportdatum doorsnijdt telt niet mee), vergeleken met de mediaan van die maanden: gewijzigde z-score M = 0,6745 · (x − mediaan) / MAD, MAD = mediaan |x − mediaan| (Iglewicz & Hoaglin 1993, de methode van DHIS2); een maand met |M| ≥ 3,5 valt op (outlier_modified_z:cases, met de maand als periode). Niet beoordeeld: minder dan 6 maanden, of MAD = 0 (minstens de helft van de maanden even veel hulpvragen).",
            "Per village the number of requests per whole calendar month with data (a month cut by the registration start or the export date does not count), compared with the median of those months: modified z-score M = 0.6745 · (x − median) / MAD, MAD = median |x − median| (Iglewicz & Hoaglin 1993, the method DHIS2 uses); a month with |M| ≥ 3.5 stands out (outlier_modified_z:cases, with the month as period). Not judged: fewer than 6 months, or MAD = 0 (at least half the months with the same number of requests).")))
        defs.append((pick("Tijdigheid van exports", "Timeliness of exports"), pick(
            "Elk dorp levert elk \(exportUnitName) een export van hulpvragen; de export voor een \(exportUnitName) heeft een exportdatum op of na de laatste dag ervan en vóór het eind van het volgende, en is op tijd binnen \(exportGraceDays) dagen (de standaard van DHIS2). Verwacht: elk \(exportUnitName) vanaf het begin van de registratie waarvan de termijn voorbij is; ontvangen en op tijd: daarvan met een export (exports_expected, exports_received, exports_on_time). Dagen achter op het schema (export_days_late): reikt een export tot het eind van het laatste verwachte \(exportUnitName), dan hoeveel dagen na de termijn de eerste zo'n export kwam (0 als op tijd); anders het aantal dagen sinds de termijn van het eerste \(exportUnitName) dat de nieuwste export niet meer dekt.",
            "Every village sends a case export every \(exportUnitName); the export for a \(exportUnitName) has an export date on or after its last day and before the end of the next, and is on time within \(exportGraceDays) days (DHIS2's default). Expected: every \(exportUnitName) from the registration start whose deadline has passed; received and on time: those with an export (exports_expected, exports_received, exports_on_time). Days behind schedule (export_days_late): when an export reaches the end of the latest expected \(exportUnitName), how many days after the deadline the first such export came (0 when on time); otherwise the days since the deadline of the first \(exportUnitName) the newest export no longer covers.")))
        defs.append((pick("Ernst van bevindingen", "Severity of findings"), pick(
            "fout (3): datums in verkeerde volgorde of na de exportdatum, ≥ 20% afgekeurde rijen, gegevens meer dan een \(exportUnitName) achter op het exportschema; waarschuwing (2): ≥ 5% afgekeurd, mogelijke dubbele hulpvragen, hulpvragen niet meer in een nieuwere export, een opvallende maand, leeftijd, signaleerder, kanaal, thema of minuten voor minder dan 50% ingevuld, gegevens achter op het exportschema; info (1): enige afgekeurde rijen, die velden voor minder dan 90% ingevuld, minder exports dan verwacht. In metrics.csv als rij finding:<kengetal> met waarde 1, 2 of 3.",
            "error (3): dates out of order or after the export date, ≥ 20% rows rejected, data more than a \(exportUnitName) behind the export schedule; warning (2): ≥ 5% rejected, possible duplicates, requests missing from a newer export, an outlying month, age, source, channel, theme or minutes filled in for less than 50%, data behind the export schedule; info (1): some rows rejected, those fields filled in for less than 90%, fewer exports than expected. In metrics.csv as a row finding:<metric> with value 1, 2 or 3.")))
        let suppression = data.request.effectiveMinCell.map {
            pick("Aantallen 1 tot \($0 - 1) en alles wat daarvan is afgeleid staan als <\($0); aanvullende onderdrukking binnen thema's en signaleerders (docs/disclosure.md). k = \($0).",
                 "Counts 1 to \($0 - 1) and everything derived from them read <\($0); secondary suppression within themes and sources (docs/disclosure.md). k = \($0).")
        } ?? pick("uitgeschakeld (--no-suppression): alleen voor intern onderzoek, niet publiceren.",
                  "disabled (--no-suppression): for internal research only, do not publish.")
        defs.append((pick("Onderdrukking kleine aantallen", "Small-cell suppression"), suppression))
        raw("<dl class=\"defs\">\n" + defs.map { "<dt>\(HTML.text($0.0))</dt><dd>\(HTML.textWithMetricNames($0.1))</dd>\n" }.joined() + "</dl>\n")
        parametersTable()
    }

    /// The unit of the export schedule, for sentences ("kwartaal").
    var exportUnitName: String {
        switch data.request.exportEvery {
        case .month: return pick("maand", "month")
        case .quarter: return pick("kwartaal", "quarter")
        case .year: return pick("jaar", "year")
        }
    }

    /// Days within which an export counts as on time.
    var exportGraceDays: Int { MetricsOptions.defaultExportGraceDays }

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
        paragraph(pick("De kostprijzen in deze tabel staan in hun eigen prijsjaar. \(indexationText)",
                       "The unit costs in this table are at their own price year. \(indexationText)"))
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
                    roundedEuroCell(r)]
        }
        guard !rows.isEmpty else { return }
        table(ReportTable(name: "escalation-per-risk", caption: pick("Geschatte vermeden kosten per risico, alle dorpen (€, mediaan en 5–95%-interval, \(priceLevelText)); de medianen per risico tellen niet op tot de mediaan van het totaal",
                                                                     "Estimated avoided cost per risk, all villages (€, median and 5–95% interval, \(priceLevelText)); the medians per risk do not add up to the median of the total"),
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
