import NoaberModel

/// Metrics ready for publication: disclosure control applied across village AND municipality
/// rows at once, whatever grouping was asked for.
///
/// Applying the rules to one grouping alone is not enough: a reader who also has the municipal
/// total (from another table, another report, or another run) could recover a village's hidden
/// cell by subtraction. So the rows of the requested grouping are suppressed together with the
/// village and municipality rows of the same input, and only then filtered back to what was asked.
public enum DisclosedMetrics {
    /// - Complexity: the input is indexed once and the Monte Carlo draws are made once; each extra
    ///   grouping costs one pass over its groups and periods, without data quality or chart material
    ///   (the same for every grouping).
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions) -> MetricsResult {
        guard options.suppress else { return MetricsEngine.compute(family, input: input, options: options) }
        let data = PreparedInput(input)
        let model = MetricsEngine.model(family, options)
        // The requested grouping: its rows unsuppressed, its chart material filtered by the engine
        // for small cells (rows and filtering do not depend on each other).
        var result = MetricsEngine.unsuppressed(family, input: input, data: data, options: options, model: model)
        let requestedKeys = Set(result.rows.map(\.village))
        var union = result.rows
        var open = options
        open.suppress = false
        for grouping in [Grouping.village, .municipality] where grouping != options.grouping {
            open.grouping = grouping
            union += MetricsEngine.unsuppressed(family, input: input, data: data, options: open, model: model,
                                                quality: false, charts: false).rows
        }
        // A row can appear twice when a municipality and a village share a name; keep one.
        var seen: Set<String> = []
        union = union.filter { seen.insert($0.village + "\u{1F}" + $0.period + "\u{1F}" + $0.metric).inserted }
        let municipalityOf = Dictionary(input.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        let disclosed = DisclosureControl.apply(union, minCell: options.minCell, municipalityOf: municipalityOf)
        result.rows = disclosed.filter { requestedKeys.contains($0.village) }.sorted(by: MetricRow.tidyOrder)
        return result
    }
}
