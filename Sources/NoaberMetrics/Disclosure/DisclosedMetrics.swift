import NoaberModel

/// Metrics ready for publication: disclosure control applied across village AND municipality
/// rows at once, whatever grouping was asked for.
///
/// Applying the rules to one grouping alone is not enough: a reader who also has the municipal
/// total (from another table, another report, or another run) could recover a village's hidden
/// cell by subtraction. So the rows of the requested grouping are suppressed together with the
/// village and municipality rows of the same input, and only then filtered back to what was asked.
public enum DisclosedMetrics {
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions) -> MetricsResult {
        guard options.suppress else { return MetricsEngine.compute(family, input: input, options: options) }
        // Structured chart material (curves, distributions, funnel points) is filtered by the
        // engine itself when suppression is on.
        var result = MetricsEngine.compute(family, input: input, options: options)
        var open = options
        open.suppress = false
        var union: [MetricRow] = []
        // Rows are kept by their full key: a family such as quality is always per village, so
        // keying on the group alone would let every village row of other families through.
        var requestedKeys: Set<String> = []
        for grouping in Set([options.grouping, .village, .municipality]) {
            open.grouping = grouping
            let rows = MetricsEngine.compute(family, input: input, options: open).rows
            if grouping == options.grouping { requestedKeys = Set(rows.map(Self.key)) }
            union += rows
        }
        // A row can appear twice when a municipality and a village share a name; keep one.
        var seen: Set<String> = []
        union = union.filter { seen.insert(Self.key($0)).inserted }
        let municipalityOf = Dictionary(input.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        let disclosed = DisclosureControl.apply(union, minCell: options.minCell, municipalityOf: municipalityOf)
        result.rows = disclosed.filter { requestedKeys.contains(Self.key($0)) }.sorted(by: MetricRow.tidyOrder)
        return result
    }

    private static func key(_ r: MetricRow) -> String { r.village + "\u{1F}" + r.period + "\u{1F}" + r.metric }
}
