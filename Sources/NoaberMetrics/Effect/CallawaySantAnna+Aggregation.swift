/// The aggregations of the did package's `aggte`, with the same influence functions, so that the
/// standard errors agree with `did`/`csdid` to rounding.
///
/// Aggregation weights are cohort shares P(G = g) = n_g / N. They are estimated, so an aggregate
/// that weights cohorts differently (the overall effect, each event time) adds the influence of
/// the weights — did's `wif`. For weights p_k / S (S = Σ p_k) over cells k with effects a_k, did
/// builds an N × k matrix; summed against the effects it reduces to one number per area:
///
///     wif_i · a = (Σ_{k: cohort of i = cohort k} a_k − m_i · Ā) / S
///
/// with Ā the aggregate and m_i the number of cells from area i's cohort (0 for comparison
/// areas): (1{G_i=g_k} − p_k)/S − Σ_k'(1{G_i=g_k'} − p_k') p_k/S², summed against a_k, gives
/// that after Σ_k p_k a_k = S·Ā cancels. Within one cohort (att_group) the weights are equal and
/// fixed, and did adds no `wif` there either.
extension GroupTimeCells {
    /// An aggregate and its influence function (one value per area).
    struct Aggregate {
        let value: Double
        let influence: [Double]
        /// Areas behind it: the cohorts' members plus the comparison areas.
        let areas: Int
    }

    /// Σ_k w_k · ATT_k over `cellIndices` with weights p_k / Σ p_k, with the weights' influence
    /// when `estimatedWeights` (the cells must come from distinct cohorts then, as in the event
    /// study; within one cohort all weights are equal and did adds none).
    func aggregate(cells cellIndices: [Int], estimatedWeights: Bool) -> Aggregate {
        let shares = cellIndices.map { share(cells[$0].cohort) }
        let total = shares.reduce(0, +)
        var value = 0.0
        for (k, index) in cellIndices.enumerated() { value += shares[k] / total * cells[index].att }
        var influence = [Double](repeating: 0, count: areaCount)
        for (k, index) in cellIndices.enumerated() {
            addInfluence(of: cells[index], weight: shares[k] / total, to: &influence)
        }
        var involved = Set<Int>()
        for index in cellIndices { involved.insert(cells[index].cohort) }
        if estimatedWeights {
            addWeightInfluence(effects: cellIndices.map { (cells[$0].cohort, cells[$0].att) },
                               aggregate: value, total: total, to: &influence)
        }
        let areas = involved.reduce(comparison.count) { $0 + cohorts[$1].members.count }
        return Aggregate(value: value, influence: influence, areas: areas)
    }

    /// Adds did's `wif · att` to each area of the cohorts in `effects`: (Σ own effects − m·Ā)/S.
    func addWeightInfluence(effects: [(cohort: Int, att: Double)], aggregate: Double, total: Double,
                            to influence: inout [Double]) {
        var own = [Double](repeating: 0, count: cohorts.count)
        var count = [Int](repeating: 0, count: cohorts.count)
        for e in effects {
            own[e.cohort] += e.att
            count[e.cohort] += 1
        }
        for c in cohorts.indices where count[c] > 0 {
            let add = (own[c] - Double(count[c]) * aggregate) / total
            for a in cohorts[c].members { influence[a] += add }
        }
    }

    /// The estimate with its analytic standard error.
    func estimate(_ aggregate: Aggregate, confidence: Double) -> EffectEstimate {
        EffectEstimate(value: aggregate.value, standardError: standardError(of: aggregate.influence),
                       n: aggregate.areas, confidence: confidence)
    }

    /// Everything `CallawaySantAnna.estimate` returns.
    func result(panel: OutcomePanel, options: DiDOptions) -> DiDResult {
        let confidence = options.confidence
        let groupTime = cells.map { cell in
            GroupTimeEffect(cohortStart: cohorts[cell.cohort].firstTreated, period: cell.period, basePeriod: cell.base,
                            estimate: EffectEstimate(value: cell.att, standardError: cell.standardError,
                                                     n: cohorts[cell.cohort].members.count + comparison.count,
                                                     confidence: confidence))
        }

        // Cohorts (aggte type "group"): the mean of the cohort's post-start effects.
        var cohortAggregates: [Aggregate] = []
        for c in cohorts.indices {
            let post = cells.indices.filter { cells[$0].cohort == c && isPost(cells[$0]) }
            cohortAggregates.append(aggregate(cells: post, estimatedWeights: false))
        }
        let cohortEffects = cohorts.indices.map { c in
            CohortEffect(start: cohorts[c].firstTreated, label: panel.periods[cohorts[c].firstTreated].label,
                         areas: cohorts[c].members.count, estimate: estimate(cohortAggregates[c], confidence: confidence))
        }

        // Overall: cohort effects weighted by cohort share, with the weights' influence.
        let shares = cohorts.indices.map { share($0) }
        let total = shares.reduce(0, +)
        var overallValue = 0.0
        for c in cohorts.indices { overallValue += cohortAggregates[c].value * shares[c] }
        overallValue /= total
        var overallInfluence = [Double](repeating: 0, count: areaCount)
        for c in cohorts.indices {
            let w = shares[c] / total
            for (a, v) in cohortAggregates[c].influence.enumerated() { overallInfluence[a] += w * v }
        }
        addWeightInfluence(effects: cohorts.indices.map { ($0, cohortAggregates[$0].value) },
                           aggregate: overallValue, total: total, to: &overallInfluence)
        let overall = estimate(Aggregate(value: overallValue, influence: overallInfluence, areas: areaCount),
                               confidence: confidence)

        // Event study (aggte type "dynamic"): every relative period e = t − g present.
        var byEvent: [Int: [Int]] = [:]
        for (k, cell) in cells.enumerated() {
            byEvent[cell.period - cohorts[cell.cohort].firstTreated, default: []].append(k)
        }
        var eventAggregates: [Aggregate] = []
        var events: [EventTimeEffect] = []
        for e in byEvent.keys.sorted() {
            guard let members = byEvent[e] else { continue }
            let agg = aggregate(cells: members, estimatedWeights: true)
            eventAggregates.append(agg)
            events.append(EventTimeEffect(relativePeriod: e, cohorts: members.count,
                                          estimate: estimate(agg, confidence: confidence)))
        }

        var eventBand: SimultaneousBand?
        var cohortBand: SimultaneousBand?
        if let bootstrap = options.bootstrap {
            eventBand = bootstrap.band(influences: eventAggregates.map(\.influence),
                                       estimates: events.map(\.estimate), confidence: confidence, stream: 0)
            cohortBand = bootstrap.band(influences: cohortAggregates.map(\.influence),
                                        estimates: cohortEffects.map(\.estimate), confidence: confidence, stream: 1)
        }

        var cautions: [EffectCaution] = []
        for c in cohortEffects where c.areas < 5 { cautions.append(.smallCohort(period: c.label, areas: c.areas)) }
        if comparison.count < 5 { cautions.append(.fewComparisonAreas(count: comparison.count)) }

        return DiDResult(measure: panel.measure, periods: panel.periods, rangeLabel: panel.rangeLabel,
                         areaCount: areaCount, comparisonAreaCount: comparison.count, groupTime: groupTime,
                         overall: overall, cohorts: cohortEffects, events: events, pretrend: pretrendTest(),
                         eventPretrend: eventPretrendTest(events: events, aggregates: eventAggregates),
                         eventBand: eventBand, cohortBand: cohortBand, adjustments: panel.adjustments,
                         cautions: cautions)
    }
}
