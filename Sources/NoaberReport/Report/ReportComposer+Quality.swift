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
                    TableCell.from(r("cases_vanished"), digits: 0)]
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
               TableColumn(pick("Niet meer in nieuwere export", "Missing from a newer export"), csv: "cases_vanished")]
        table(ReportTable(name: "data-quality", caption: pick("Datakwaliteit, alle opgeslagen hulpvragen", "Data quality, all stored requests"),
                          columns: columns, rows: rows))
    }
}
