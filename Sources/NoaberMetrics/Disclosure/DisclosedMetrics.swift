import NoaberModel

/// Metrics ready for publication: disclosure control applied across village, municipality and
/// pooled rows at once, whatever groupings are shown.
///
/// Applying the rules to one grouping alone is not enough: a reader who also has the municipal
/// or pooled total (from another table, another report, or another run) could recover a village's
/// hidden cell by subtraction. So the rows of every requested grouping are suppressed together
/// with the village and municipality rows of the same input, and only then split back into what
/// was asked.
public enum DisclosedMetrics {
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions) -> MetricsResult {
        compute(family, input: input, options: options, groupings: [options.grouping])[0]
    }

    /// One result per requested grouping, in the order given, all disclosed together. Data-quality
    /// rows (per village whatever the grouping) come with the first requested grouping only.
    /// - Complexity: the input is indexed once and the Monte Carlo draws are made once; each
    ///   grouping costs one pass over its groups and periods, and the extra village/municipality
    ///   passes skip data quality and chart material.
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions,
                               groupings: [Grouping]) -> [MetricsResult] {
        guard options.suppress else {
            return groupings.map { grouping in
                var o = options
                o.grouping = grouping
                return MetricsEngine.compute(family, input: input, options: o)
            }
        }
        let data = PreparedInput(input)
        let model = MetricsEngine.model(family, options)
        var results: [MetricsResult] = []
        // Per requested grouping, the positions of its rows in `union`.
        var positionsOf: [[Int]] = []
        var union: [MetricRow] = []
        var position: [RowKey: Int] = [:]
        // A row can appear in two groupings (a municipality may share a name with a village): the
        // union keeps the first, and both groupings point at it.
        func add(_ rows: [MetricRow]) -> [Int] {
            rows.map { r in
                let k = RowKey(r)
                if let p = position[k] { return p }
                position[k] = union.count
                union.append(r)
                return union.count - 1
            }
        }
        for (i, grouping) in groupings.enumerated() {
            var o = options
            o.grouping = grouping
            // Rows unsuppressed; chart material already filtered by the engine for small cells.
            let result = MetricsEngine.unsuppressed(family, input: input, data: data, options: o, model: model, quality: i == 0)
            results.append(result)
            positionsOf.append(add(result.rows))
        }
        var open = options
        open.suppress = false
        for grouping in [Grouping.village, .municipality] where !groupings.contains(grouping) {
            open.grouping = grouping
            _ = add(MetricsEngine.unsuppressed(family, input: input, data: data, options: open, model: model,
                                               quality: false, charts: false, countsOnly: true).rows)
        }
        let municipalityOf = Dictionary(input.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        // `apply` keeps the order of the rows, so union positions still point at the same rows.
        let disclosed = DisclosureControl.apply(union, minCell: options.minCell, municipalityOf: municipalityOf)
        for i in results.indices {
            results[i].rows = MetricRow.sortedTidy(Set(positionsOf[i]).sorted().map { disclosed[$0] })
            DisclosureControl.withholdChartMaterial(&results[i], rows: disclosed)
        }
        return results
    }

    /// A row's identity (group, period, metric) without building a joined string per row.
    private struct RowKey: Hashable {
        let village: String, period: String, metric: String
        init(_ r: MetricRow) { village = r.village; period = r.period; metric = r.metric }
    }
}

