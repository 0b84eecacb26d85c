import NoaberModel

/// The entry point: metric families over value types, no I/O, no printing.
///
///     let options = MetricsOptions(periods: try Period(parsing: "2024").split(every: .quarter))
///     let result = MetricsEngine.compute(.all, input: input, options: options)
///     for row in result.rows { … }   // tidy, sorted by village, period, metric
///
/// Groups follow `options.grouping` (quality is always per village, period `all`). With
/// `options.suppress` the rows pass through `DisclosureControl` with `options.minCell`.
/// Options out of range are clamped (`validate()` lets the CLI reject them first).
///
/// Villages are computed one after another (`MetricsPass`): a run holds a few villages' cases
/// at a time, so computing over a store does not need memory for all of it.
/// - Complexity: O(cases · log residents) to number residents, then per period O(its cases)
///   for each group a case belongs to; escalation adds O(draws · risks) once and per group.
public enum MetricsEngine {
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions) -> MetricsResult {
        compute(family, source: MetricsSource(input), options: options)
    }

    /// The same over any source, e.g. a store read one village at a time
    /// (`MetricsSource.reading`); throws what the source throws when it cannot be read.
    public static func compute<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>,
                                               options: MetricsOptions) throws(Failure) -> MetricsResult {
        let request = GroupingRequest(grouping: options.grouping, charts: true, countsOnly: false, quality: true)
        var result = try MetricsPass.run(family, source: source, options: options, requests: [request],
                                         model: model(family, options))[0]
        let k = max(options.minCell, 1)
        if options.suppress && k > 1 {
            var municipalityOf: [String: String] = [:]
            for v in source.villages { municipalityOf[v.code] = v.municipality }
            result.rows = DisclosureControl.apply(result.rows, minCell: k, municipalityOf: municipalityOf)
            DisclosureControl.withholdChartMaterial(&result, rows: result.rows, funnelWidening: options.funnelWidening)
        }
        result.rows = MetricRow.sortedTidy(result.rows)
        return result
    }

    /// The Monte Carlo model a run of `family` needs (nil without escalation), drawn once so that
    /// several groupings of one run share it.
    /// Its unit costs are at the run's price level (`MetricsOptions.pricedEscalationParameters`).
    static func model(_ family: MetricFamily, _ options: MetricsOptions) -> EscalationModel? {
        guard family.members.contains(.escalation) else { return nil }
        let (parameters, level) = options.pricedEscalationParameters
        return EscalationModel(parameters: parameters, draws: options.escalationDraws, seed: options.seed, priceLevel: level)
    }
}
