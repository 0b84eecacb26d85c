import NoaberModel

/// Everything the rows of one group and period are made of: one mergeable tally per metric
/// family, filled one village at a time in village-code order.
///
/// A village's own group is filled with that village and read at once; a pooled group
/// (municipality, all) is filled with each of its villages as the run reads them and read at
/// the end. Its memory is bounded by residents (a bit each), distinct response times and
/// volunteers, never by cases.
struct GroupTally: Sendable {
    var reach: ReachMetrics.Tally?
    var response: ResponseMetrics.Tally?
    var volunteers: VolunteerLoad.Tally?
    var escalation: EscalationMetrics.Tally?
    /// Cases waiting for a first contact at the end of the period (with the response family).
    var waiting: WaitingMetrics.Tally?
    /// The villages whose case data cover the whole period (or part of it, with
    /// `--include-partial`): those counted in every figure that grows with the time observed,
    /// and whose inhabitants, paid hours and costs are the group's denominators.
    private(set) var casesCounted: [Village] = []
    /// The same for volunteer tasks.
    private(set) var tasksCounted: [Village] = []
    /// Villages whose case data cover the period partly, and those that cover none of it.
    private(set) var partlyCovered: [String] = []
    private(set) var withoutData: [String] = []
    /// Whether any village covers a day of the period (response times are computed then).
    private var anyCovered = false
    /// A pooled group (municipality, all) rather than one village's own.
    let pooled: Bool
    /// For a village's own group: the share of the period's days its case and task data cover.
    private var coveragePercent: (cases: Double, tasks: Double)?

    /// Tallies for the families of `plan`; `countsOnly` leaves out response times, which have
    /// no counts that disclosure control needs.
    init(_ plan: TallyPlan, countsOnly: Bool, pooled: Bool) {
        self.pooled = pooled
        if plan.reach { reach = ReachMetrics.Tally(residents: plan.residents) }
        if plan.response, !countsOnly { response = ResponseMetrics.Tally() }
        if plan.response { waiting = WaitingMetrics.Tally() }
        if plan.volunteers { volunteers = VolunteerLoad.Tally() }
        if plan.escalation { escalation = EscalationMetrics.Tally() }
    }

    /// Adds what `village` has in `period`, as far as its coverage allows: every figure when its
    /// case data cover the whole period (or, with `includePartial`, any of it); response times
    /// from the cases received on covered days whenever it covers some; volunteer figures when its
    /// task data cover the whole period (or, with `includePartial`, any of it). A village that
    /// covers no day of the period adds nothing.
    mutating func add(_ village: PreparedVillage, period: Period, followUpDays: Int, includePartial: Bool) {
        let cases = village.coverage.level(period, .cases), tasks = village.coverage.level(period, .tasks)
        if !pooled {
            coveragePercent = (village.coverage.percent(period, .cases), village.coverage.percent(period, .tasks))
        }
        switch cases {
        case .full: break
        case .partial: partlyCovered.append(village.village.code)
        case .none: withoutData.append(village.village.code)
        }
        let countCases = cases == .full || (includePartial && cases == .partial)
        let countTasks = tasks == .full || (includePartial && tasks == .partial)
        if cases != .none {
            anyCovered = true
            response?.add(village.coveredCases(in: period))
        }
        if countCases {
            casesCounted.append(village.village)
            let slice = village.cases(in: period)
            reach?.add(slice)
            // One scan of the open cases serves the open caseload and the waiting list, unless the
            // village's data end before the period does (only with --include-partial).
            let reference = WaitingMetrics.referenceDay(village, period: period)
            let atEnd = volunteers != nil || (waiting != nil && reference == period.end) ? village.openCases(at: period.end) : nil
            if let atEnd { volunteers?.add(cases: slice, openAtEnd: atEnd.open) }
            if waiting != nil {
                waiting?.add(reference == period.end ? atEnd ?? village.openCases(at: reference) : village.openCases(at: reference))
            }
            escalation?.add(slice, followUpDays: followUpDays)
            escalation?.noteFollowUp(casesEnd: village.coverage.casesEnd, period: period, followUpDays: followUpDays)
        }
        if countTasks {
            tasksCounted.append(village.village)
            volunteers?.add(tasks: village.tasks(in: period))
        }
    }

    /// The rows of `group` in `period`, and the kinds of chart material `charts` names (left
    /// out for a small cell, as `small` says).
    func finish(group: MetricGroup, period: Period, plan: TallyPlan, model: EscalationModel?, charts: ChartMaterial,
                countsOnly: Bool, small: (Int) -> Bool) -> MetricsResult {
        var part = MetricsResult()
        part.rows += coverageRows(group: group, period: period)
        // Figures that grow with the time observed, over the villages counted: their
        // denominators (inhabitants, paid hours, costs) are those villages' own.
        let counted = MetricGroup(key: group.key, villages: casesCounted)
        let countedTasks = MetricGroup(key: group.key, villages: tasksCounted)
        if let reach, !casesCounted.isEmpty {
            part.rows += ReachMetrics.rows(reach, group: counted, period: period, index: plan.index)
        }
        if let response, anyCovered {
            let out = ResponseMetrics.compute(response, group: group, period: period)
            part.rows += out.rows
            for endpoint in ResponseEndpoint.allCases where charts.contains(.survivalCurves) {
                guard let km = out.curves[endpoint], km.count > 0, !small(km.count) else { continue }
                part.survivalCurves.append(SurvivalCurve(group: group.key, period: period.label,
                                                         endpoint: endpoint, estimate: km))
            }
        }
        if let volunteers, !tasksCounted.isEmpty {
            let out = VolunteerLoad.compute(volunteers, group: countedTasks, period: period,
                                            thresholdPerWeek: plan.thresholdPerWeek)
            part.rows += out.rows
            if charts.contains(.volunteerHours), !out.hours.isEmpty, !small(out.hours.count) {
                part.volunteerHours.append(VolunteerHoursDistribution(group: group.key, period: period.label,
                                                                      hours: out.hours))
            }
        }
        if let volunteers, !casesCounted.isEmpty {
            part.rows += VolunteerLoad.ondersteunerRows(volunteers, group: counted, period: period)
        }
        if let waiting, !casesCounted.isEmpty {
            part.rows += WaitingMetrics.rows(waiting, group: counted, period: period, countsOnly: countsOnly)
        }
        if let escalation, !casesCounted.isEmpty {
            let group = counted
            if countsOnly || model == nil {
                part.rows += EscalationMetrics.countRow(escalation, group: group, period: period)
            } else if let model {
                let out = EscalationMetrics.compute(escalation, group: group, period: period, model: model)
                part.rows += out.rows
                if charts.contains(.escalation), !small(out.casesCounted) {
                    part.escalation.append(EscalationSummary(group: group.key, period: period.label,
                                                             casesCounted: out.casesCounted, result: out.result))
                }
            }
        }
        return part
    }

    /// Coverage rows: for one village the share of the period's days its case and task data
    /// cover; for a pooled group how many villages cover it fully, partly or not at all.
    private func coverageRows(group: MetricGroup, period: Period) -> [MetricRow] {
        var b = RowBuilder(group: group, period: period)
        if !pooled {
            guard let coveragePercent else { return [] }
            b.add("coverage_pct", coveragePercent.cases, n: period.dayCount)
            b.add("tasks_coverage_pct", coveragePercent.tasks, n: period.dayCount)
            return b.rows
        }
        let full = group.villages.count - partlyCovered.count - withoutData.count
        b.count("villages_covered", full, n: group.villages.count)
        b.count("villages_partly_covered", partlyCovered.count, n: group.villages.count)
        b.count("villages_without_data", withoutData.count, n: group.villages.count)
        return b.rows
    }

    /// A village's counts for the funnel plot (from its own group's tally), each marked with
    /// whether the village is counted for it (full coverage, or partial with `--include-partial`).
    func funnelCounts(village: Village) -> FunnelPoints.Counts {
        FunnelPoints.Counts(village: village, cases: reach?.cases ?? 0, reached: reach?.residents.count ?? 0,
                            reached75: reach?.residents75.count ?? 0, active: volunteers?.perVolunteer.count ?? 0,
                            casesCounted: !casesCounted.isEmpty, tasksCounted: !tasksCounted.isEmpty)
    }
}

/// What every tally of a run needs to know: which families it computes and the run's constants.
struct TallyPlan: Sendable {
    let reach: Bool
    let response: Bool
    let volunteers: Bool
    let escalation: Bool
    let index: ResidentIndex
    let followUpDays: Int
    let thresholdPerWeek: Double

    var residents: Int { index.count }
}
