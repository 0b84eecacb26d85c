import NoaberModel

/// One village's records indexed for a run: cases by receipt and tasks by date, each case with
/// its resident number, so every (period) slice is a binary search rather than a scan.
///
/// A run holds only the few villages it is computing; this replaces indexing the whole input.
struct PreparedVillage: Sendable {
    let village: Village
    /// The latest export's as-of date, or else the latest date in the village's own cases (nil
    /// without either): where a case whose own last-seen date is unknown is censored.
    let asOf: CivilDate?
    /// Which days the village's case and task data cover.
    let coverage: VillageCoverage
    /// Aligned with `cases`: the day number each case is censored at when it is open (see
    /// `ExportTimeline.censorDay`), or `Int32.min` when nothing is known.
    let censorDays: [Int32]
    /// Cases that a newer full export no longer listed (`cases_vanished`).
    let vanished: Int
    /// The as-of days of the village's case exports, ascending and distinct (from its export
    /// timeline; else its one as-of date): what the export schedule is checked against.
    let exportDays: [Int]
    /// Every stored case of the village, in order of receipt.
    let cases: [CaseFacts]
    /// Aligned with `cases`: the resident number of a non-collective case with a person, else -1.
    let persons: [Int32]
    /// The village's volunteer tasks in date order.
    let tasks: [TaskFacts]

    /// - Complexity: O(cases · log residents).
    init(village: Village, records: VillageRecords, asOf given: CivilDate?, residents: ResidentIndex,
         coverage: VillageCoverage? = nil, timeline: ExportTimeline? = nil) {
        self.village = village
        cases = records.cases
        tasks = records.tasks
        var persons: [Int32] = []
        persons.reserveCapacity(cases.count)
        for i in cases.indices {
            let c = cases[i]
            persons.append(c.hasPerson && !c.collective ? residents.number(of: c.person) : -1)
        }
        self.persons = persons
        var asOf = given
        if asOf == nil, !cases.isEmpty {
            var latest = CivilDate(dayNumber: Int.min / 2)
            for r in cases {
                latest = max(latest, r.received.date, r.firstContact?.date ?? latest, r.closed?.date ?? latest)
            }
            asOf = latest
        }
        self.asOf = asOf
        self.coverage = coverage ?? VillageCoverage(start: cases.first?.received.date, startSource: .earliestRecord,
                                                    casesEnd: asOf, tasksEnd: asOf ?? tasks.last?.date)
        // Per-case censoring: with a timeline, from each case's last-seen date; else the village's
        // as-of date for every case.
        var censor: [Int32] = []
        censor.reserveCapacity(cases.count)
        var vanished = 0
        let fallback = asOf.map { Int32(clamping: $0.dayNumber) } ?? Int32.min
        if let timeline, !timeline.isEmpty {
            // Cases share a handful of last-seen dates (one per export): remember the last answer.
            var lastSeen: Int?? = .none, answer = fallback, dropped = false
            for i in cases.indices {
                let seen = cases[i].lastSeenDayNumber
                if seen != lastSeen {
                    lastSeen = .some(seen)
                    answer = timeline.censorDay(lastSeen: seen).map { Int32(clamping: $0) } ?? fallback
                    dropped = seen.map { timeline.droppedBy(lastSeen: $0) != nil } ?? false
                }
                censor.append(answer)
                if dropped { vanished += 1 }
            }
        } else {
            censor = Array(repeating: fallback, count: cases.count)
        }
        censorDays = censor
        self.vanished = vanished
        if let timeline, !timeline.isEmpty {
            exportDays = Array(Set(timeline.fullDays + timeline.incrementalDays)).sorted()
        } else {
            exportDays = given.map { [$0.dayNumber] } ?? []
        }
    }

    /// The cases received in the period, with their resident numbers (slices, no copy).
    func cases(in period: Period) -> VillageCases {
        let range = Self.lowerBound(cases, period.start.dayNumber)..<Self.lowerBound(cases, period.end.dayNumber + 1)
        return VillageCases(code: village.code, asOf: asOf, cases: cases[range], persons: persons[range],
                            censorDays: censorDays[range])
    }

    /// The cases received on the days of `period` that the village's case data cover (none when
    /// it covers none of them).
    func coveredCases(in period: Period) -> VillageCases {
        guard let days = coverage.covered(period, .cases) else {
            return VillageCases(code: village.code, asOf: asOf, cases: cases[0..<0], persons: persons[0..<0],
                                censorDays: censorDays[0..<0])
        }
        let range = Self.lowerBound(cases, days.lowerBound)..<Self.lowerBound(cases, days.upperBound + 1)
        return VillageCases(code: village.code, asOf: asOf, cases: cases[range], persons: persons[range],
                            censorDays: censorDays[range])
    }

    /// The tasks dated in the period (a slice, no copy).
    func tasks(in period: Period) -> ArraySlice<TaskFacts> {
        let range = Self.partitionPoint(tasks.count) { tasks[$0].day < period.start.dayNumber }
            ..< Self.partitionPoint(tasks.count) { tasks[$0].day <= period.end.dayNumber }
        return tasks[range]
    }

    /// Cases received on or before `day` and not closed by then: the open caseload at the end
    /// of a day; among them the cases still waiting for a first contact, and how long they have
    /// waited. A case last seen open before `day` (a newer full export no longer listed it) is not
    /// known to be open then and is not counted.
    /// - Complexity: O(cases received on or before `day`).
    func openCases(at day: CivilDate) -> OpenCases {
        var out = OpenCases()
        let d = day.dayNumber
        let end = Self.lowerBound(cases, d + 1)
        for i in 0..<end {
            if let closed = cases[i].closedDayNumber, closed <= d { continue }
            if censorDays[i] != Int32.min, Int(censorDays[i]) < d { continue }
            out.open += 1
            if let contact = cases[i].firstContact?.date.dayNumber, contact <= d { continue }
            out.waiting += 1
            let waited = d - cases[i].receivedDayNumber
            if waited > 2 { out.waitingOver2Days += 1 }
            if waited > 7 { out.waitingOver7Days += 1 }
            if waited > 30 { out.waitingOver30Days += 1 }
        }
        return out
    }

    /// First index whose receipt day is ≥ day.
    private static func lowerBound(_ a: [CaseFacts], _ day: Int) -> Int {
        partitionPoint(a.count) { a[$0].receivedDayNumber < day }
    }

    /// The first index in `0..<count` where `isBelow` turns false (it must hold for a prefix only).
    @inline(__always)
    private static func partitionPoint(_ count: Int, _ isBelow: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBelow(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// The open cases of a village at the end of one day (`PreparedVillage.openCases(at:)`).
struct OpenCases: Sendable, Hashable {
    /// Received on or before the day, not closed by its end, and known to be open then.
    var open = 0
    /// Of those, without a first contact by the end of the day: the incomplete pathways of a
    /// waiting list (NHS referral-to-treatment statistics count them, not only finished waits).
    var waiting = 0
    /// Of the waiting, those received more than 2, 7 and 30 days before the day.
    var waitingOver2Days = 0
    var waitingOver7Days = 0
    var waitingOver30Days = 0
}

/// The cases of one village within a period, with what per-case metrics need from their
/// village: the resident numbers and the censoring days (aligned with `cases`).
struct VillageCases {
    let code: String
    let asOf: CivilDate?
    let cases: ArraySlice<CaseFacts>
    let persons: ArraySlice<Int32>
    /// Aligned with `cases`: where each open case is censored (`Int32.min`: unknown).
    let censorDays: ArraySlice<Int32>
}
