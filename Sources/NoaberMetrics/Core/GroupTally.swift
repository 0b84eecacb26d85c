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

    /// Tallies for the families of `plan`; `countsOnly` leaves out response times, which have
    /// no counts that disclosure control needs.
    init(_ plan: TallyPlan, countsOnly: Bool) {
        if plan.reach { reach = ReachMetrics.Tally(residents: plan.residents) }
        if plan.response, !countsOnly { response = ResponseMetrics.Tally() }
        if plan.volunteers { volunteers = VolunteerLoad.Tally() }
        if plan.escalation { escalation = EscalationMetrics.Tally() }
    }

    /// Adds what `village` has in `period`.
    mutating func add(_ village: PreparedVillage, period: Period, followUpDays: Int) {
        let slice = village.cases(in: period)
        reach?.add(slice)
        response?.add(slice)
        if volunteers != nil {
            volunteers?.add(tasks: village.tasks(in: period))
            volunteers?.add(cases: slice, openAtEnd: village.openCases(at: period.end))
        }
        escalation?.add(slice, followUpDays: followUpDays)
    }

    /// The rows of `group` in `period`, and the kinds of chart material `charts` names (left
    /// out for a small cell, as `small` says).
    func finish(group: MetricGroup, period: Period, plan: TallyPlan, model: EscalationModel?, charts: ChartMaterial,
                countsOnly: Bool, small: (Int) -> Bool) -> MetricsResult {
        var part = MetricsResult()
        if let reach {
            part.rows += ReachMetrics.rows(reach, group: group, period: period, index: plan.index)
        }
        if let response {
            let out = ResponseMetrics.compute(response, group: group, period: period)
            part.rows += out.rows
            for endpoint in ResponseEndpoint.allCases where charts.contains(.survivalCurves) {
                guard let km = out.curves[endpoint], km.count > 0, !small(km.count) else { continue }
                part.survivalCurves.append(SurvivalCurve(group: group.key, period: period.label,
                                                         endpoint: endpoint, estimate: km))
            }
        }
        if let volunteers {
            let out = VolunteerLoad.compute(volunteers, group: group, period: period,
                                            thresholdPerWeek: plan.thresholdPerWeek)
            part.rows += out.rows
            if charts.contains(.volunteerHours), !out.hours.isEmpty, !small(out.hours.count) {
                part.volunteerHours.append(VolunteerHoursDistribution(group: group.key, period: period.label,
                                                                      hours: out.hours))
            }
        }
        if let escalation {
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

    /// A village's counts for the funnel plot (from its own group's tally).
    func funnelCounts(village: Village) -> FunnelPoints.Counts {
        FunnelPoints.Counts(village: village, cases: reach?.cases ?? 0, reached: reach?.residents.count ?? 0,
                            reached75: reach?.residents75.count ?? 0, active: volunteers?.perVolunteer.count ?? 0)
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
