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

    /// One result per requested grouping, in the order given, all disclosed together.
    /// - Complexity: one engine run per requested grouping, plus one unsuppressed run per grouping
    ///   in the union of the requested ones, `.village` and `.municipality`.
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions,
                               groupings: [Grouping]) -> [MetricsResult] {
        func run(_ grouping: Grouping, suppress: Bool) -> MetricsResult {
            var o = options
            o.grouping = grouping
            o.suppress = suppress
            return MetricsEngine.compute(family, input: input, options: o)
        }
        // Structured chart material (curves, distributions, funnel points) is filtered by the
        // engine itself when suppression is on.
        var results = groupings.map { run($0, suppress: options.suppress) }
        guard options.suppress else { return results }
        var union: [MetricRow] = []
        var seen: Set<String> = []
        var keysOf: [Grouping: Set<String>] = [:]
        let all = groupings + [Grouping.village, .municipality].filter { !groupings.contains($0) }
        for grouping in all {
            let rows = run(grouping, suppress: false).rows
            keysOf[grouping] = Set(rows.map(key))
            // A row can appear in two groupings (quality rows are per village in every grouping;
            // a municipality may share a name with a village): keep one.
            union += rows.filter { seen.insert(key($0)).inserted }
        }
        let municipalityOf = Dictionary(input.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        let disclosed = DisclosureControl.apply(union, minCell: options.minCell, municipalityOf: municipalityOf)
        for (i, grouping) in groupings.enumerated() {
            let wanted = keysOf[grouping] ?? []
            results[i].rows = disclosed.filter { wanted.contains(key($0)) }.sorted(by: MetricRow.tidyOrder)
        }
        return results
    }

    private static func key(_ r: MetricRow) -> String { r.village + "\u{1F}" + r.period + "\u{1F}" + r.metric }
}
