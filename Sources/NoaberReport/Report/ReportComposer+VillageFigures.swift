import NoaberMetrics
import NoaberModel

/// The two charts of a village page, side by side (`div.figure-pair`, `PrintLayout.halfChartWidth`):
/// its reach per trend period against all villages, and how quickly its requests had a first
/// contact against all villages, each above its table. A chart that cannot be shown is a sentence
/// that says why (no data, too few requests, or hidden for another village's sake).
extension ReportComposer {
    /// The village's reach per trend period against all villages, above its table; left
    /// out (with a sentence) when no period has a figure for the village.
    mutating func villageTrendFigure(_ village: Village) {
        let metric = Metric.reachPer1000, all = ReportData.pooledKey
        let labels = data.trend.map(\.label)
        func values(_ key: String) -> [TrendChart.Value?] {
            labels.map { p in
                guard let r = data.row(key, p, metric), !r.suppressed, let v = r.value else { return nil }
                return TrendChart.Value(v, lower: r.lower, upper: r.upper)
            }
        }
        let own = values(village.code)
        guard own.contains(where: { $0 != nil }) else {
            paragraph(pick("Geen verloop per \(unitWord) voor \(village.name): er is geen \(unitWord) met volledige gegevens waarvan het cijfer getoond kan worden (\(k) of meer inwoners met een hulpvraag, en niet nodig om een klein aantal elders te verbergen).",
                           "No trend per \(unitWord) for \(village.name): there is no \(unitWord) with complete data whose figure can be shown (\(k) or more residents with a request, and not needed to hide a small number elsewhere)."))
            return
        }
        let pooledName = data.name(of: all)
        let title = pick("Inwoners met een hulpvraag", "Residents with a request")
        let columns = [TableColumn(pick("Periode", "Period"), csv: "period"),
                       TableColumn(village.name, csv: village.code, estimate: true),
                       TableColumn(pooledName, csv: all, estimate: true)]
        let rows: [[TableCell]] = labels.map { p in
            [.text(dates.periodLabel(p)), TableCell.from(data.row(village.code, p, metric), digits: 1, interval: true),
             TableCell.from(data.row(all, p, metric), digits: 1, interval: true)]
        }
        let fid = reserveName("reach-trend")
        let chart = TrendChart(title: title, periods: labels,
                               series: [TrendChart.Series(label: village.name, values: own),
                                        TrendChart.Series(label: pooledName, values: values(all))],
                               valueTitle: pick("per 1.000 inwoners", "per 1,000 inhabitants"), style: .number(fractionDigits: 1),
                               width: PrintLayout.halfChartWidth, height: 180, identifier: fid)
        // The page lists the latest periods only (a year by month would not fit); the CSV all.
        let limit = Self.villageTrendRows
        let tableTitle = pick("Inwoners met een hulpvraag per 1.000 inwoners", "Residents with a request per 1,000 inhabitants")
        var caption = pick("Per \(unitWord); de band is de marge. Geen punt: geen volledige gegevens of minder dan \(k) inwoners met een hulpvraag (niet als nul getekend).",
                           "Per \(unitWord); the band is the margin. No point: no complete data or fewer than \(k) residents with a request (not drawn as zero).")
        var shown: ReportTable?
        if rows.count > limit {
            shown = ReportTable(name: "", caption: tableTitle + pick(" (laatste \(limit))", " (latest \(limit))"), columns: columns, rows: Array(rows.suffix(limit)))
            caption += " " + pick("Alle \(rows.count) perioden staan in \(tablePath(fid)).", "All \(rows.count) periods are in \(tablePath(fid)).")
        }
        figure(chart, caption: caption + pooledTrendNote(),
               table: ReportTable(name: "", caption: tableTitle, columns: columns, rows: rows), shown: shown, half: true)
    }

    /// How quickly the village's requests had a first contact, against all villages: the share
    /// still waiting after so many days (open requests count up to their export date).
    mutating func villageResponseFigure(_ village: Village) {
        let cur = data.current.label, all = ReportData.pooledKey
        guard let own = data.curves(village.code, cur, .firstContact)?.estimate else {
            // The response rows count the requests of the covered days (n): none at all is not a
            // small cell, and k or more means the curve was hidden for another village's sake
            // (its count beside the total, rule 3), which the shown n already tells.
            let response = data.row(village.code, cur, .firstContactWithin7dPct)
            let n = response.flatMap { $0.suppressed ? nil : $0.n }
            if n == 0 || response == nil {
                paragraph(pick("Geen grafiek van de reactietijd: \(village.name) had geen hulpvragen op de dagen van deze periode waarvoor gegevens zijn.",
                               "No response-time chart: \(village.name) had no requests on the days of this period with data."))
            } else if let n, n >= k {
                paragraph(pick("Geen grafiek van de reactietijd: die is verborgen, zodat een klein aantal van een ander dorp niet uit het totaal terug te rekenen is.",
                               "No response-time chart: it is hidden so that a small number of another village cannot be worked out from the total."))
            } else {
                paragraph(pick("Geen grafiek van de reactietijd: \(village.name) had in deze periode te weinig hulpvragen (minder dan \(k)) om die te tonen zonder iemand herkenbaar te maken.",
                               "No response-time chart: \(village.name) had too few requests in this period (fewer than \(k)) to show one without making anyone recognisable."))
            }
            return
        }
        var curves: [(key: String, label: String, km: KaplanMeier)] = [(village.code, village.name, own)]
        if let pooled = data.curves(all, cur, .firstContact)?.estimate { curves.append((all, data.name(of: all), pooled)) }
        let title = pick("Hoe snel het eerste contact kwam", "How quickly the first contact came")
        let columns = [TableColumn(pick("Na dagen", "After days"), csv: "days")]
            + curves.map { TableColumn($0.label, csv: $0.key + "_waiting_pct", estimate: true) }
        let rows: [[TableCell]] = ReportComposer.kmDays.map { t in
            [.number(t, digits: 0)] + curves.map { c in
                let s = c.km.survival(at: t), band = c.km.survivalInterval(at: t)
                return .estimate(100 * s, lower: 100 * band.lower, upper: 100 * band.upper, digits: 0)
            }
        }
        let maxTime = min(curves.compactMap { $0.km.steps.last?.time }.max() ?? 60, 120)
        let fid = reserveName("response-time")
        var chart = KaplanMeierChart(title: title, curves: curves.map { chartCurve($0.km, label: $0.label) },
                                     shareTitle: pick("aandeel dat nog wacht", "share still waiting"),
                                     timeTitle: pick("dagen na binnenkomst", "days after the request"),
                                     maximumTime: maxTime, width: PrintLayout.halfChartWidth, height: 180, identifier: fid)
        chart.plainWords = true
        figure(chart,
               caption: pick("Hoeveel procent van de hulpvragen na zoveel dagen nog op een eerste contact wachtte; de band is de marge. Een hulpvraag die bij de export nog open was, telt mee tot die dag (streepje).",
                             "What percentage of the requests was still waiting for a first contact after so many days; the band is the margin. A request still open at the export counts until that day (tick)."),
               table: ReportTable(name: "", caption: title + pick(": % dat nog wacht", ": % still waiting"), columns: columns, rows: rows),
               shown: nil, half: true)
    }

    /// `trendCompositionNote` in the few words a half-width caption has room for.
    func pooledTrendNote() -> String {
        let counts = data.trend.compactMap { data.row(ReportData.pooledKey, $0.label, .villagesCovered)?.value }
        guard let lo = counts.min(), let hi = counts.max(), lo != hi else { return "" }
        return " " + pick("De lijn van alle dorpen telt niet elke periode even veel dorpen (\(format.decimal(lo)) tot \(format.decimal(hi))); een sprong kan daar ook door komen.",
                          "The line of all villages does not count the same number of villages in every period (\(format.decimal(lo)) to \(format.decimal(hi))); a jump can come from that too.")
    }

    /// The most trend periods listed under the chart on a village page (the latest ones).
    static let villageTrendRows = 8

    /// "kwartaal", "maand" or "jaar": the unit of the trend periods.
    var unitWord: String {
        switch data.request.trendEvery ?? .quarter {
        case .month: return pick("maand", "month")
        case .quarter: return pick("kwartaal", "quarter")
        case .year: return pick("jaar", "year")
        }
    }
}
