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
        compute(family, source: MetricsSource(input), options: options, groupings: [options.grouping])[0]
    }

    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions,
                               groupings: [Grouping]) -> [MetricsResult] {
        compute(family, source: MetricsSource(input), options: options, groupings: groupings)
    }

    /// `compute(_:input:options:)` over any source; throws what the source throws.
    public static func compute<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>,
                                               options: MetricsOptions) throws(Failure) -> MetricsResult {
        try compute(family, source: source, options: options, groupings: [options.grouping])[0]
    }

    /// One result per requested grouping, in the order given, all disclosed together. Data-quality
    /// rows (per village whatever the grouping) come with the first requested grouping only.
    /// - Complexity: one pass over the source for every grouping at once (`MetricsPass`); the
    ///   Monte Carlo draws are made once; the extra village/municipality groupings that only
    ///   disclosure needs skip response times, data quality and chart material.
    public static func compute<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>,
                                               options: MetricsOptions, groupings: [Grouping]) throws(Failure) -> [MetricsResult] {
        let model = MetricsEngine.model(family, options)
        guard options.suppress else {
            let requests = groupings.enumerated().map { i, grouping in
                GroupingRequest(grouping: grouping, charts: true, countsOnly: false, quality: i == 0)
            }
            return try MetricsPass.run(family, source: source, options: options, requests: requests, model: model)
                .map { result in
                    var r = result
                    r.rows = MetricRow.sortedTidy(r.rows)
                    return r
                }
        }
        var requests = groupings.enumerated().map { i, grouping in
            GroupingRequest(grouping: grouping, charts: true, countsOnly: false, quality: i == 0)
        }
        for grouping in [Grouping.village, .municipality] where !groupings.contains(grouping) {
            requests.append(GroupingRequest(grouping: grouping, charts: false, countsOnly: true, quality: false))
        }
        let computed = try MetricsPass.run(family, source: source, options: options, requests: requests, model: model)
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
        for (i, result) in computed.enumerated() {
            let positions = add(result.rows)
            guard i < groupings.count else { continue }
            // Rows unsuppressed; chart material already filtered by the pass for small cells.
            results.append(result)
            positionsOf.append(positions)
        }
        let municipalityOf = Dictionary(source.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        // `apply` keeps the order of the rows, so union positions still point at the same rows.
        let disclosed = DisclosureControl.apply(union, minCell: options.minCell, municipalityOf: municipalityOf)
        for i in results.indices {
            results[i].rows = MetricRow.sortedTidy(Set(positionsOf[i]).sorted().map { disclosed[$0] })
            DisclosureControl.withholdChartMaterial(&results[i], rows: disclosed, funnelWidening: options.funnelWidening)
        }
        return results
    }

    /// A row's identity (group, period, metric) without building a joined string per row.
    private struct RowKey: Hashable {
        let village: String, period: String, metric: String
        init(_ r: MetricRow) { village = r.village; period = r.period; metric = r.metric }
    }
}

