import NoaberMetrics
import NoaberModel

/// The raadsbrief's per-village figure when there are more villages than a bar chart can show
/// on two A4 pages (`raadsbriefVillageLimit`): one funnel plot whatever the count, a short
/// summary beside it (range, median, villages outside the limits) and the full table per village
/// in `tables/reach-per-village.csv`, which the caption names.
///
/// The summary only uses figures that disclosure control let through: a suppressed village is
/// counted as suppressed and is not in the range or the median, and its row in the CSV reads `<k`.
extension ReportComposer {
    /// How many names of villages outside the 99.8% limits a caption lists before "and N more".
    static let namedOutlierLimit = 8

    mutating func compactReachFigure() {
        let metric = "reach_per_1000"
        let cur = data.current.label
        let points = disclosedFunnel(metric)
        let byCode = Dictionary(points.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[TableCell]] = []
        var suppressedCount = 0
        for v in villagesByName {
            let r = data.row(v.code, cur, metric)
            let position: TableCell
            if r?.suppressed == true {
                suppressedCount += 1
                position = .suppressed
            } else {
                position = .text(byCode[v.code].map(positionText) ?? format.notAvailable)
            }
            rows.append([.text(v.name), TableCell.from(r, digits: 1, interval: true),
                         TableCell.from(data.row(v.code, cur, "residents_reached"), digits: 0),
                         .number(Double(v.inhabitants), digits: 0), position])
        }
        let title = pick("Bereik per dorp, \(periodName(data.current))", "Reach per village, \(periodName(data.current))")
        let fid = reserveName("reach-per-village")
        let full = ReportTable(name: "", caption: title,
                               columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                         TableColumn(pick("Per 1.000 (95%-BI)", "Per 1,000 (95% CI)"), csv: metric, estimate: true),
                                         TableColumn(pick("Inwoners bereikt", "Residents reached"), csv: "residents_reached"),
                                         TableColumn(pick("Inwoners", "Inhabitants"), csv: "inhabitants"),
                                         TableColumn(pick("Ligging in de trechter", "Position in the funnel"), csv: "position")],
                               rows: rows)
        let summary = villageSummary(points: points, suppressed: suppressedCount, metric: metric, title: title)
        let csvNote = pick("De cijfers per dorp staan in \(tablePath(fid)).", "The figures per village are in \(tablePath(fid)).")
        guard !points.isEmpty else {
            if countedVillages.isEmpty {
                // No village covers the whole period: nothing to compare, and no zeros to show.
                paragraph(title + ": " + pick("geen cijfers, want geen enkel dorp heeft gegevens over de hele periode (zie boven).",
                                              "no figures, because no village has data for the whole period (see above)."))
                return
            }
            // Every village suppressed: no chart, but still the summary and the CSV.
            paragraph(title + ": " + pick("geen dorp met genoeg hulpvragen om te tonen.", "no village with enough requests to show.") + " " + csvNote)
            var t = full
            t.name = fid
            var s = summary
            s.name = fid + "-summary"
            table(s)
            tableFile(t)
            return
        }
        let chart = funnelChart(points: points, metric: metric, isRate: false, digits: 1, title: title,
                                rateTitle: pick("per 1.000 inwoners", "per 1,000 inhabitants"), identifier: fid,
                                width: chartWidth(tableColumns: summary.columns.count), height: 330)
        figure(chart, caption: compactCaption(points: points, suppressed: suppressedCount) + " " + limitsSentence(metric) + " " + csvNote,
               table: full, shown: summary)
    }

    /// The caption: how to read the funnel, which villages lie outside the 99.8% limits
    /// (alphabetical, at most `namedOutlierLimit` names) and how many are hidden.
    func compactCaption(points: [FunnelPoint], suppressed: Int) -> String {
        var text = pick("Elk punt is een dorp, tegen het bereik van alle dorpen samen met 95%- en 99,8%-grenzen bij zijn omvang; binnen de grenzen is het verschil toeval. Geen ranglijst.",
                        "Each point is a village, against the reach of all villages together with 95% and 99.8% limits at its size; inside the limits the difference is chance. Not a ranking.")
        let outside = points.filter(\.outside998).map { (name: data.name(of: $0.village), above: $0.value > $0.limits998.upper) }
            .sorted { $0.name < $1.name }
        if outside.isEmpty {
            text += " " + pick("Geen dorp ligt buiten de 99,8%-grenzen.", "No village lies outside the 99.8% limits.")
        } else {
            let shown = outside.prefix(Self.namedOutlierLimit).map { "\($0.name) (\($0.above ? pick("hoger", "higher") : pick("lager", "lower")))" }
            let more = outside.count - shown.count
            text += " " + pick("Buiten de 99,8%-grenzen: ", "Outside the 99.8% limits: ") + shown.joined(separator: ", ")
                + (more > 0 ? pick(" en \(more) andere", " and \(more) more") : "") + "."
        }
        if suppressed > 0 {
            text += " " + pick("\(format.integer(suppressed)) dorpen met minder dan \(k) inwoners bereikt staan er niet in (<\(k)).",
                               "\(format.integer(suppressed)) villages with fewer than \(k) residents reached are not shown (<\(k)).")
        }
        return text
    }

    /// Range, median and limits in a few rows: what a council member can take from a hundred points.
    func villageSummary(points: [FunnelPoint], suppressed: Int, metric: String, title: String) -> ReportTable {
        let values = points.map(\.value).filter(\.isFinite).sorted()
        let pooled = data.row(ReportData.pooledKey, data.current.label, metric)
        var rows: [[TableCell]] = [
            [.text(pick("Dorpen in het diagram", "Villages in the chart")), .number(Double(points.count), digits: 0)],
        ]
        if suppressed > 0 {
            rows.append([.text(pick("Dorpen onderdrukt (<\(k))", "Villages suppressed (<\(k))")), .number(Double(suppressed), digits: 0)])
        }
        rows += [
            [.text(pick("Laagste dorp", "Lowest village")), .number(values.first, digits: 1)],
            [.text(pick("Mediaan van de dorpen", "Median of the villages")), .number(ReportComposer.median(values), digits: 1)],
            [.text(pick("Hoogste dorp", "Highest village")), .number(values.last, digits: 1)],
            [.text(pick("Alle dorpen samen (95%-BI)", "All villages together (95% CI)")), TableCell.from(pooled, digits: 1, interval: true)],
            [.text(pick("Boven de 99,8%-grens", "Above the 99.8% limit")),
             .number(Double(points.filter { $0.value > $0.limits998.upper }.count), digits: 0)],
            [.text(pick("Onder de 99,8%-grens", "Below the 99.8% limit")),
             .number(Double(points.filter { $0.value < $0.limits998.lower }.count), digits: 0)],
            [.text(pick("Tussen 95%- en 99,8%-grens", "Between 95% and 99.8% limits")),
             .number(Double(points.filter { $0.outside95 && !$0.outside998 }.count), digits: 0)],
        ]
        return ReportTable(name: "", caption: pick("\(title): samenvatting (per 1.000 inwoners)", "\(title): summary (per 1,000 inhabitants)"),
                           columns: [TableColumn(pick("Kengetal", "Figure"), csv: "figure"),
                                     TableColumn(pick("Waarde", "Value"), csv: "value", estimate: true)],
                           rows: rows)
    }

    /// The median of sorted values (mean of the middle two for an even count); nil when empty.
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
