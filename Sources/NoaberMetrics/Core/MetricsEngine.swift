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
/// - Complexity: O(cases · log cases) to index, then per group and period O(its cases);
///   escalation adds O(draws · risks) once and per group.
public enum MetricsEngine {
    public static func compute(_ family: MetricFamily, input: MetricsInput, options: MetricsOptions) -> MetricsResult {
        let data = PreparedInput(input)
        var result = unsuppressed(family, input: input, data: data, options: options, model: model(family, options))
        let k = max(options.minCell, 1)
        if options.suppress && k > 1 {
            var municipalityOf: [String: String] = [:]
            for v in input.villages { municipalityOf[v.code] = v.municipality }
            result.rows = DisclosureControl.apply(result.rows, minCell: k, municipalityOf: municipalityOf)
            DisclosureControl.withholdChartMaterial(&result, rows: result.rows)
        }
        result.rows = MetricRow.sortedTidy(result.rows)
        return result
    }

    /// The Monte Carlo model a run of `family` needs (nil without escalation), drawn once so that
    /// several groupings of one run share it.
    static func model(_ family: MetricFamily, _ options: MetricsOptions) -> EscalationModel? {
        family.members.contains(.escalation)
            ? EscalationModel(parameters: options.escalationParameters, draws: options.escalationDraws, seed: options.seed)
            : nil
    }

    /// The rows of one grouping before disclosure control, in no particular order, over an input
    /// indexed once by the caller. Chart material (curves, distributions, funnel points) is
    /// filtered for small cells per `options.suppress`, as `compute` returns it.
    ///
    /// `quality: false` leaves out the data-quality rows and `charts: false` the chart material:
    /// both are the same for every grouping, so a caller combining groupings computes them once.
    ///
    /// `countsOnly: true` computes just what disclosure control needs of a grouping that is not
    /// shown: the count rows. Response times (no counts) are skipped and escalation gives only
    /// `escalation_cases_counted`, without its Monte Carlo.
    static func unsuppressed(_ family: MetricFamily, input: MetricsInput, data: PreparedInput, options: MetricsOptions,
                             model: EscalationModel?, quality: Bool = true, charts: Bool = true,
                             countsOnly: Bool = false) -> MetricsResult {
        let families = Set(family.members)
        let groups = MetricGroup.groups(options.grouping, villages: input.villages)
        let k = max(options.minCell, 1)
        let hideSmall = options.suppress && k > 1
        let small: @Sendable (Int) -> Bool = { n in hideSmall && n >= 1 && n < k }
        let model = families.contains(.escalation) ? model : nil
        let followUp = max(options.effectiveFollowUpDays, 0)
        let threshold = options.volunteerThresholdHoursPerWeek
        let villages = input.villages
        let periods = options.periods

        // Periods are independent: each is computed on its own core and the parts are joined in
        // period order, so the result is the one a sequential loop gives.
        let parts = Parallel.map(periods.count) { index -> MetricsResult in
            let period = periods[index]
            var part = MetricsResult()
            for group in groups {
                if families.contains(.reach) {
                    part.rows += ReachMetrics.rows(group: group, period: period, data: data)
                }
                if families.contains(.response), !countsOnly {
                    let out = ResponseMetrics.compute(group: group, period: period, data: data)
                    part.rows += out.rows
                    for endpoint in ResponseEndpoint.allCases where charts {
                        guard let km = out.curves[endpoint], km.count > 0, !small(km.count) else { continue }
                        part.survivalCurves.append(SurvivalCurve(group: group.key, period: period.label,
                                                                 endpoint: endpoint, estimate: km))
                    }
                }
                if families.contains(.volunteers) {
                    let out = VolunteerLoad.compute(group: group, period: period, data: data, thresholdPerWeek: threshold)
                    part.rows += out.rows
                    if charts, !out.hours.isEmpty, !small(out.hours.count) {
                        part.volunteerHours.append(VolunteerHoursDistribution(group: group.key, period: period.label,
                                                                              hours: out.hours))
                    }
                }
                if model != nil, countsOnly {
                    part.rows += EscalationMetrics.countRow(group: group, period: period, data: data,
                                                           followUpDays: followUp)
                } else if let model {
                    let out = EscalationMetrics.compute(group: group, period: period, data: data, model: model,
                                                        followUpDays: followUp)
                    part.rows += out.rows
                    if charts, !small(out.casesCounted) {
                        part.escalation.append(EscalationSummary(group: group.key, period: period.label,
                                                                 casesCounted: out.casesCounted, result: out.result))
                    }
                }
            }
            if charts, families.contains(.reach) || families.contains(.volunteers) {
                part.funnel = FunnelPoints.compute(period: period, data: data, villages: villages,
                                                   reach: families.contains(.reach),
                                                   volunteers: families.contains(.volunteers),
                                                   hideBelow: hideSmall ? k : 1)
            }
            return part
        }
        var result = MetricsResult()
        var rows: [MetricRow] = []
        for part in parts {
            rows += part.rows
            result.survivalCurves += part.survivalCurves
            result.volunteerHours += part.volunteerHours
            result.escalation += part.escalation
            result.funnel += part.funnel
        }
        if quality, families.contains(.quality) {
            let ordered = input.villages.sorted { $0.code < $1.code }
            let facts = input.qualityFacts, today = options.today
            for part in Parallel.map(ordered.count, { i in
                QualityMetrics.rows(village: ordered[i], data: data, facts: facts[ordered[i].code], today: today)
            }) {
                rows += part
            }
        }
        result.rows = rows
        return result
    }
}
