import NoaberModel

/// One village's records indexed for a run: cases by receipt and tasks by date, each case with
/// its resident number, so every (period) slice is a binary search rather than a scan.
///
/// A run holds only the few villages it is computing; this replaces indexing the whole input.
struct PreparedVillage: Sendable {
    let village: Village
    /// The censoring date: the latest export's as-of date, or else the latest date in the
    /// village's own cases (nil without either).
    let asOf: CivilDate?
    /// Every stored case of the village, in order of receipt.
    let cases: [CaseFacts]
    /// Aligned with `cases`: the resident number of a non-collective case with a person, else -1.
    let persons: [Int32]
    /// The village's volunteer tasks in date order.
    let tasks: [TaskFacts]

    /// - Complexity: O(cases · log residents).
    init(village: Village, records: VillageRecords, asOf given: CivilDate?, residents: ResidentIndex) {
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
    }

    /// The cases received in the period, with their resident numbers (slices, no copy).
    func cases(in period: Period) -> VillageCases {
        let range = Self.lowerBound(cases, period.start.dayNumber)..<Self.lowerBound(cases, period.end.dayNumber + 1)
        return VillageCases(code: village.code, asOf: asOf, cases: cases[range], persons: persons[range])
    }

    /// The tasks dated in the period (a slice, no copy).
    func tasks(in period: Period) -> ArraySlice<TaskFacts> {
        let range = Self.partitionPoint(tasks.count) { tasks[$0].day < period.start.dayNumber }
            ..< Self.partitionPoint(tasks.count) { tasks[$0].day <= period.end.dayNumber }
        return tasks[range]
    }

    /// Cases received on or before `day` and not closed by then: the open caseload at the end
    /// of a period.
    func openCases(at day: CivilDate) -> Int {
        var open = 0
        let end = Self.lowerBound(cases, day.dayNumber + 1)
        for i in 0..<end {
            if let closed = cases[i].closedDayNumber, closed <= day.dayNumber { continue }
            open += 1
        }
        return open
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

/// The cases of one village within a period, with what per-case metrics need from their
/// village: the resident numbers (aligned with `cases`) and the censoring date.
struct VillageCases {
    let code: String
    let asOf: CivilDate?
    let cases: ArraySlice<CaseFacts>
    let persons: ArraySlice<Int32>
}
