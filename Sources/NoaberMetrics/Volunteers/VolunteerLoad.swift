import NoaberModel

/// Volunteer load (vrijwilligersbelasting) and the ondersteuner's own load.
///
/// Volunteer rows use tasks dated in the period; "active" means at least one task in it. Hours
/// statistics are over hours per active volunteer (n = active volunteers):
/// `volunteers_active`, `volunteers_per_1000` (Wilson on volunteers / inhabitants),
/// `volunteer_tasks`, `volunteer_hours`, `volunteer_hours_median`, `_p90`, `_max` (numpy-linear
/// percentiles), `volunteer_hours_per_week` (mean hours per active volunteer per week of the
/// period), `volunteer_hours_top20_share` (busiest ceil(20%) of volunteers, as a share of all
/// hours), `volunteer_gini`, `volunteers_over_threshold` (hours / weeks of the period > threshold),
/// `boundary_tasks` (tasks over the professional boundary, counted, never hidden).
///
/// Ondersteuner rows: `support_hours` (Σ support minutes / 60 of cases received in the period;
/// n = cases with minutes logged), `support_hours_per_paid_hour` (support hours / (paid hours a
/// week × weeks)), `open_cases_at_end` (received by the end, not closed by the end),
/// `cases_per_paid_hour` (cases received / paid hours in the period).
enum VolunteerLoad {
    struct Output {
        var rows: [MetricRow]
        /// Hours per active volunteer, ascending (for a Lorenz curve).
        var hours: [Double]
    }

    /// What the rows of one group and period are made of, filled one village at a time
    /// (villages in code order, tasks and cases in date order, so every sum is added in the
    /// same order whichever way the villages are read).
    struct Tally: Sendable {
        /// Hours per volunteer token: memory grows with the volunteers, not with their tasks.
        var perVolunteer: [UInt64: Double] = [:]
        var boundary = 0, taskCount = 0
        var cases = 0, logged = 0
        var minutes = 0.0
        var openAtEnd = 0

        mutating func add(tasks: ArraySlice<TaskFacts>) {
            taskCount += tasks.count
            for i in tasks.indices {
                perVolunteer[tasks[i].volunteer, default: 0] += tasks[i].hours
                if tasks[i].task.crossesProfessionalBoundary { boundary += 1 }
            }
        }

        mutating func add(cases slice: VillageCases, openAtEnd open: Int) {
            cases += slice.cases.count
            for i in slice.cases.indices {
                if let m = slice.cases[i].supportMinutes {
                    minutes += m
                    logged += 1
                }
            }
            openAtEnd += open
        }
    }

    static func compute(_ t: Tally, group: MetricGroup, period: Period, thresholdPerWeek: Double) -> Output {
        var b = RowBuilder(group: group, period: period)
        let hours = t.perVolunteer.values.sorted()
        let boundary = t.boundary, taskCount = t.taskCount
        let active = hours.count
        let total = hours.reduce(0, +)
        let weeks = period.weeks
        b.count(.volunteersActive, active)
        b.proportion(.volunteersPer1000, active, of: group.inhabitants, scale: 1000)
        b.count(.volunteerTasks, taskCount)
        b.add(.volunteerHours, total, n: active)
        b.add(.volunteerHoursMedian, Descriptive.percentile(hours, 0.5, sorted: true), n: active)
        b.add(.volunteerHoursP90, Descriptive.percentile(hours, 0.9, sorted: true), n: active)
        b.add(.volunteerHoursMax, hours.last, n: active)
        b.add(.volunteerHoursPerWeek, active > 0 ? total / Double(active) / weeks : nil, n: active)
        b.add(.volunteerHoursTop20Share, Descriptive.topShare(hours, fraction: 0.2, sorted: true), n: active)
        b.add(.volunteerGini, Descriptive.gini(hours, sorted: true), n: active)
        b.count(.volunteersOverThreshold, hours.filter { $0 / weeks > thresholdPerWeek }.count, n: active)
        b.count(.boundaryTasks, boundary, n: taskCount)
        return Output(rows: b.rows, hours: hours)
    }

    /// The ondersteuner's own load, from the cases of the villages whose case data cover the
    /// period (`group`): support hours, against paid hours, and the open caseload.
    static func ondersteunerRows(_ t: Tally, group: MetricGroup, period: Period) -> [MetricRow] {
        var b = RowBuilder(group: group, period: period)
        let weeks = period.weeks
        let loggedCount = t.logged, caseCount = t.cases
        let supportHours = t.minutes / 60
        let paidHours = group.paidHoursPerWeek.map { $0 * weeks }
        b.add(.supportHours, supportHours, n: loggedCount)
        b.add(.supportHoursPerPaidHour, paidHours.flatMap { $0 > 0 ? supportHours / $0 : nil }, n: loggedCount)
        b.count(.openCasesAtEnd, t.openAtEnd)
        b.add(.casesPerPaidHour, paidHours.flatMap { $0 > 0 ? Double(caseCount) / $0 : nil }, n: caseCount)
        return b.rows
    }
}
