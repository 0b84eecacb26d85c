import NoaberMetrics
import NoaberModel

/// Data quality per village: what a lerend-netwerk session checks before it trusts a comparison.
/// These rows describe the registration, not residents, and are never suppressed.
extension ReportComposer {
    mutating func qualitySection() {
        heading(2, pick("Datakwaliteit per dorp", "Data quality per village"))
        paragraph(pick("Volledigheid is het aandeel van alle opgeslagen hulpvragen waarin het veld is ingevuld. Afgekeurde rijen staan met regel en reden in de database. ‘Niet meer in nieuwere export’: hulpvragen die een latere volledige export niet meer bevatte; een open hulpvraag telt dan mee tot de laatste export waarin hij stond.",
                       "Completeness is the share of all stored requests with the field filled in. Rejected rows are kept with line and reason in the database. ‘Missing from a newer export’: requests that a later full export no longer listed; an open one counts up to the last export that listed it."))
        let fields: [(String, String, String)] = [
            ("person_id", "persoon", "person"), ("age_band", "leeftijd", "age"), ("first_contact", "eerste contact", "first contact"),
            ("closed", "afgesloten", "closed"), ("source", "signaleerder", "source"), ("themes", "thema", "theme"),
            ("support_minutes", "minuten", "minutes"),
        ]
        var rows: [[TableCell]] = []
        for v in villagesByName {
            func r(_ m: String) -> MetricRow? { data.row(v.code, "all", m) }
            let latest = data.qualityFacts[v.code]?.latestExport ?? data.asOf[v.code]
            var row: [TableCell] = [.text(v.name), .text(latest.map { dates.date($0) } ?? pick("nog geen export", "no export yet")),
                                    TableCell.from(r("days_since_latest_export"), digits: 0),
                                    TableCell.from(r("rows_read"), digits: 0), TableCell.from(r("rows_rejected"), digits: 0),
                                    TableCell.from(r("rejected_pct"), digits: 1)]
            row += fields.map { TableCell.from(r("completeness_pct:" + $0.0), digits: 0) }
            row += [TableCell.from(r("dates_in_future"), digits: 0), TableCell.from(r("duplicate_cases"), digits: 0),
                    TableCell.from(r("cases_vanished"), digits: 0),
                    TableCell.from(r("exports_received"), digits: 0), TableCell.from(r("exports_expected"), digits: 0),
                    TableCell.from(r("export_days_late"), digits: 0)]
            rows.append(row)
        }
        let columns = [TableColumn(pick("Dorp", "Village"), csv: "village"),
                       TableColumn(pick("Laatste export", "Latest export"), csv: "latest_export"),
                       TableColumn(pick("Dagen geleden", "Days ago"), csv: "days_since_latest_export"),
                       TableColumn(pick("Rijen gelezen", "Rows read"), csv: "rows_read"),
                       TableColumn(pick("Afgekeurd", "Rejected"), csv: "rows_rejected"),
                       TableColumn(pick("Afgekeurd (%)", "Rejected (%)"), csv: "rejected_pct")]
            + fields.map { TableColumn(pick("Volledig: \($0.1) (%)", "Complete: \($0.2) (%)"), csv: "completeness_pct_" + $0.0) }
            + [TableColumn(pick("Datum na export", "Date after export"), csv: "dates_in_future"),
               TableColumn(pick("Dubbel", "Duplicates"), csv: "duplicate_cases"),
               TableColumn(pick("Niet meer in nieuwere export", "Missing from a newer export"), csv: "cases_vanished"),
               TableColumn(pick("Exports ontvangen", "Exports received"), csv: "exports_received"),
               TableColumn(pick("Exports verwacht", "Exports expected"), csv: "exports_expected"),
               TableColumn(pick("Dagen achter op schema", "Days behind schedule"), csv: "export_days_late")]
        table(ReportTable(name: "data-quality", caption: pick("Datakwaliteit, alle opgeslagen hulpvragen; exports: elk \(exportUnitName) één, op tijd binnen \(exportGraceDays) dagen",
                                                              "Data quality, all stored requests; exports: one every \(exportUnitName), on time within \(exportGraceDays) days"),
                          columns: columns, rows: rows))
        outlierSection()
        findingsTable()
    }

    /// The months whose number of requests stands out, per village, in plain sentences; and for
    /// which villages the check cannot judge.
    mutating func outlierSection() {
        heading(3, pick("Opvallende maanden", "Months that stand out"))
        paragraph(pick(
            "Per dorp vergelijken we het aantal hulpvragen in elke hele maand met wat gewoonlijk is voor dat dorp: de mediaan van alle maanden. Een maand valt op als hij veel verder van die mediaan ligt dan de maanden gewoonlijk van elkaar verschillen (gewijzigde z-score van 3,5 of meer; de methode die DHIS2 gebruikt). Een opvallende maand is geen fout, maar een vraag: is die maand twee keer geregistreerd, of juist niet, of klopt een aantal niet?",
            "Per village we compare the number of requests in each whole month with what is usual for that village: the median of all months. A month stands out when it lies much further from that median than the months usually differ from each other (modified z-score of 3.5 or more; the method DHIS2 uses). A month that stands out is not an error but a question: was that month registered twice, or not at all, or is a number wrong?"))
        var items: [String] = []
        var notJudged: [(String, String)] = []
        let byCode = Dictionary(data.byVillage.outliers.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        for v in villagesByName {
            guard let series = byCode[v.code] else { continue }
            switch series.score.outcome {
            case .tooShort:
                notJudged.append((v.name, pick("minder dan 6 hele maanden", "fewer than 6 whole months")))
                continue
            case .madIsZero, .allEqual:
                notJudged.append((v.name, pick("de meeste maanden hebben even veel hulpvragen", "most months have the same number of requests")))
                continue
            case .scored:
                break
            }
            for i in series.flagged {
                items.append(outlierSentence(village: v, series: series, index: i))
            }
        }
        if items.isEmpty {
            paragraph(pick("Geen enkele maand valt op.", "No month stands out."))
        } else {
            raw("<ul class=\"outliers\">\n" + items.map { "<li>\(HTML.text($0))</li>\n" }.joined() + "</ul>\n")
        }
        if !notJudged.isEmpty {
            paragraph(pick("Niet te beoordelen: ", "Cannot be judged: ")
                      + notJudged.map { "\($0.0) (\($0.1))" }.joined(separator: "; ") + ".")
        }
    }

    /// "In Weerselo kwamen in maart 2024 veel meer hulpvragen binnen dan gewoonlijk (60, gewoonlijk
    /// 13 per maand); controleer of de export klopt." A month of 1 … k − 1 requests reads `<k`.
    func outlierSentence(village: Village, series: MonthlyOutliers, index i: Int) -> String {
        // The usual level is a median of counts: whole, or halfway between two.
        let median = series.score.median ?? 0
        let usual = format.decimal(median, fractionDigits: median.rounded() == median ? 0 : 1)
        let month = dates.periodLabel(series.months[i])
        let n = series.counts[i]
        let hidden = data.row(village.code, series.months[i], MonthlyOutliers.metric)?.suppressed ?? false
        let count = hidden ? format.suppressed(minimumCell: k) : format.integer(n)
        let more = (series.score.scores[i] ?? 0) > 0
        return more
            ? pick("In \(village.name) kwamen in \(month) veel meer hulpvragen binnen dan gewoonlijk (\(count), gewoonlijk \(usual) per maand); controleer of de export klopt en of niets dubbel staat.",
                   "In \(village.name), many more requests came in during \(month) than usual (\(count), usually \(usual) a month); check that the export is right and nothing is listed twice.")
            : pick("In \(village.name) kwamen in \(month) veel minder hulpvragen binnen dan gewoonlijk (\(count), gewoonlijk \(usual) per maand); controleer of die maand volledig is geregistreerd.",
                   "In \(village.name), far fewer requests came in during \(month) than usual (\(count), usually \(usual) a month); check that the month was registered in full.")
    }

    /// Every data-quality finding with its severity: the to-do list per village.
    mutating func findingsTable() {
        heading(3, pick("Wat te controleren", "What to check"))
        var rows: [[TableCell]] = []
        let prefix = DataQualityFindings.prefix
        for v in villagesByName {
            let findings = data.rows.filter { $0.village == v.code && $0.metric.hasPrefix(prefix) }
                .compactMap { f -> (FindingSeverity, String, String)? in
                    guard let level = f.value.flatMap({ FindingSeverity(rawValue: Int($0)) }) else { return nil }
                    let metric = String(f.metric.dropFirst(prefix.count))
                    return (level, f.period, findingText(village: v, metric: metric, period: f.period))
                }
                .sorted { a, b in a.0 != b.0 ? a.0 > b.0 : a.1 < b.1 }
            for (level, _, text) in findings {
                rows.append([.text(v.name), .text(level.label(language)), .text(text)])
            }
        }
        guard !rows.isEmpty else {
            paragraph(pick("Geen bevindingen.", "No findings."))
            return
        }
        table(ReportTable(name: "data-quality-findings",
                          caption: pick("Bevindingen per dorp, de ernstigste eerst: fout (cijfers die deze gegevens gebruiken niet vertrouwen tot het is hersteld), waarschuwing (controleren: cijfers kunnen afwijken), info (goed om te weten)",
                                        "Findings per village, the most serious first: error (do not trust figures that use these data until fixed), warning (check: figures may be off), info (good to know)"),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"), TableColumn(pick("Ernst", "Severity"), csv: "severity"),
                                    TableColumn(pick("Bevinding", "Finding"), csv: "finding")],
                          rows: rows))
    }

    /// One finding in words.
    func findingText(village: Village, metric: String, period: String) -> String {
        let row = data.row(village.code, period, metric)
        let n = value(row, digits: 0)
        switch metric {
        case "dates_out_of_order":
            return pick("\(n) hulpvragen met datums in de verkeerde volgorde (bijvoorbeeld afgesloten vóór binnenkomst).",
                        "\(n) requests with dates out of order (for example closed before received).")
        case "dates_in_future":
            return pick("\(n) hulpvragen met een datum na de exportdatum.", "\(n) requests with a date after the export date.")
        case "rejected_pct":
            let read = value(data.row(village.code, "all", "rows_read"), digits: 0)
            let rejected = value(data.row(village.code, "all", "rows_rejected"), digits: 0)
            return pick("\(value(row, digits: 1))% van de rijen afgekeurd (\(rejected) van \(read)); de lijst met regel en reden: noaber rejected --for-village \(village.code).",
                        "\(value(row, digits: 1))% of the rows rejected (\(rejected) of \(read)); the list with line and reason: noaber rejected --for-village \(village.code).")
        case "duplicate_cases":
            return pick("\(n) mogelijke dubbele hulpvragen (zelfde persoon, dag en thema's).",
                        "\(n) possible duplicate requests (same person, day and themes).")
        case "cases_vanished":
            return pick("\(n) hulpvragen stonden niet meer in een nieuwere volledige export.",
                        "\(n) requests were missing from a newer full export.")
        case MonthlyOutliers.metric:
            guard let series = data.byVillage.outliers.first(where: { $0.village == village.code }),
                  let i = series.months.firstIndex(of: period) else {
                return pick("Opvallende maand: \(dates.periodLabel(period)).", "Month that stands out: \(dates.periodLabel(period)).")
            }
            return outlierSentence(village: village, series: series, index: i)
        case "export_days_late":
            return pick("De gegevens lopen \(n) dagen achter op het exportschema (elk \(exportUnitName) een export, uiterlijk \(exportGraceDays) dagen na het eind ervan).",
                        "The data are \(n) days behind the export schedule (one export every \(exportUnitName), at most \(exportGraceDays) days after its end).")
        case "exports_received":
            let expected = value(data.row(village.code, "all", "exports_expected"), digits: 0)
            return pick("\(n) van de \(expected) verwachte exports ontvangen (elk \(exportUnitName) één).",
                        "\(n) of the \(expected) expected exports received (one every \(exportUnitName)).")
        default:
            if metric.hasPrefix("completeness_pct:") {
                let names: [String: (String, String)] = [
                    "age_band": ("Leeftijd", "Age"), "source": ("Signaleerder", "Source"), "channel": ("Kanaal", "Channel"),
                    "themes": ("Thema", "Theme"), "support_minutes": ("Minuten", "Minutes"),
                ]
                let code = String(metric.dropFirst("completeness_pct:".count))
                let field = names[code].map { pick($0.0, $0.1) } ?? code
                return pick("\(field): bij \(value(row, digits: 0))% van de hulpvragen ingevuld.",
                            "\(field): filled in for \(value(row, digits: 0))% of the requests.")
            }
            return MetricCatalog.entry(metric).label(language) + ": " + n
        }
    }
}
