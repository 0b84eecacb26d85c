import NoaberModel

/// The input indexed once per run: cases and tasks per village sorted by date, so each
/// (group, period) slice is a binary search rather than a scan of every record.
///
/// Built once and shared by every grouping `DisclosedMetrics` computes. Residents are numbered
/// here (their position among the sorted distinct person tokens), so reach counts distinct
/// residents by sorting small integers, and each resident's first case day is an array lookup.
struct PreparedInput: Sendable {
    let villagesByCode: [String: Village]
    /// Per village, its cases in order of receipt (shared with the input's `CaseTable`, not copied).
    private let cases: [String: [CaseFacts]]
    /// Per village, aligned with `cases`: the resident number of a non-collective case with a
    /// person, else -1.
    private let casePersons: [String: [Int32]]
    /// Per village, its volunteer tasks in date order (shared with the input's `TaskTable`).
    private let tasks: [String: [TaskFacts]]
    /// Per village, aligned with `tasks`: the volunteer's number among `volunteerCount`.
    private let taskVolunteers: [String: [Int32]]
    /// Number of distinct volunteers over all input.
    let volunteerCount: Int
    /// Per resident number, the day of their first non-collective case over all input (for
    /// `new_residents_pct`), including cases of villages not in the input's village list.
    let firstCaseDay: [Int]
    /// Per village code, the censoring date: the import's as-of date, or else the latest date in
    /// the village's own cases (or nil when it has none).
    let asOf: [String: CivilDate]

    /// - Complexity: O(cases · log residents): one sort of the person tokens, one binary search
    ///   per case. Cases arrive sorted from `CaseTable`.
    init(_ input: MetricsInput) {
        var villages: [String: Village] = [:]
        for v in input.villages { villages[v.code] = v }
        villagesByCode = villages
        let all = input.cases.byVillage
        cases = all.filter { villages[$0.key] != nil }
        // Residents: the distinct tokens over all input (villages outside the list included:
        // "new" means new to every export), numbered in token order, each with its first case
        // day. Tokens alone are radix-sorted (8 bytes a case), then one binary search per case
        // gives both its resident number and the first-day minimum.
        var tokens: [UInt64] = []
        tokens.reserveCapacity(input.cases.count)
        for list in all.values {
            for c in list where c.hasPerson && !c.collective { tokens.append(c.person) }
        }
        PreparedInput.sortDistinct(&tokens)
        var first = [Int](repeating: Int.max, count: tokens.count)
        var persons: [String: [Int32]] = [:]
        for (code, list) in all {
            let inList = villages[code] != nil
            var numbers: [Int32] = []
            if inList { numbers.reserveCapacity(list.count) }
            for c in list {
                guard c.hasPerson, !c.collective else {
                    if inList { numbers.append(-1) }
                    continue
                }
                let n = PreparedInput.lowerBound(tokens, c.person)
                first[n] = min(first[n], c.receivedDayNumber)
                if inList { numbers.append(Int32(n)) }
            }
            if inList { persons[code] = numbers }
        }
        firstCaseDay = first
        casePersons = persons
        let t = input.tasks.byVillage.filter { villages[$0.key] != nil }
        tasks = t
        var volunteers: [UInt64] = []
        for list in t.values { for task in list { volunteers.append(task.volunteer) } }
        PreparedInput.sortDistinct(&volunteers)
        volunteerCount = volunteers.count
        taskVolunteers = t.mapValues { list in list.map { Int32(PreparedInput.lowerBound(volunteers, $0.volunteer)) } }
        var asOf = input.asOf
        for (code, list) in cases where asOf[code] == nil {
            var latest = CivilDate(dayNumber: Int.min / 2)
            for r in list {
                latest = max(latest, r.received.date, r.firstContact?.date ?? latest, r.closed?.date ?? latest)
            }
            if !list.isEmpty { asOf[code] = latest }
        }
        self.asOf = asOf
    }

    /// All stored cases of one village, sorted by receipt.
    func allCases(village code: String) -> [CaseFacts] { cases[code] ?? [] }

    /// Per village of the group, its cases received in the period (slices of the index, no
    /// copy) with their resident numbers and the village's censoring date.
    func slices(in group: MetricGroup, period: Period) -> [VillageCases] {
        var out: [VillageCases] = []
        out.reserveCapacity(group.villages.count)
        for v in group.villages {
            guard let list = cases[v.code], let persons = casePersons[v.code] else { continue }
            let range = PreparedInput.range(list, period)
            out.append(VillageCases(code: v.code, asOf: asOf[v.code], cases: list[range], persons: persons[range]))
        }
        return out
    }

    /// Number of cases of the group received in the period.
    func caseCount(in group: MetricGroup, period: Period) -> Int {
        group.villages.reduce(0) { n, v in n + (cases[v.code].map { PreparedInput.range($0, period).count } ?? 0) }
    }

    /// Cases of the group's villages received on or before `day` and not closed by then: the
    /// open caseload at the end of a period. Counts in place, without copying the cases.
    func openCases(in group: MetricGroup, at day: CivilDate) -> Int {
        var open = 0
        for v in group.villages {
            guard let list = cases[v.code] else { continue }
            let end = PreparedInput.lowerBound(list, day.dayNumber + 1)
            for i in 0..<end {
                if let closed = list[i].closedDayNumber, closed <= day.dayNumber { continue }
                open += 1
            }
        }
        return open
    }

    /// Volunteer tasks of the group's villages dated in the period, with their volunteer numbers,
    /// as slices of the index (no copy).
    func tasks(in group: MetricGroup, period: Period) -> [VillageTasks] {
        var out: [VillageTasks] = []
        for v in group.villages {
            guard let list = tasks[v.code], let volunteers = taskVolunteers[v.code] else { continue }
            let range = PreparedInput.partitionPoint(list.count) { list[$0].day < period.start.dayNumber }
                ..< PreparedInput.partitionPoint(list.count) { list[$0].day <= period.end.dayNumber }
            out.append(VillageTasks(tasks: list[range], volunteers: volunteers[range]))
        }
        return out
    }

    private static func range(_ list: [CaseFacts], _ p: Period) -> Range<Int> {
        lowerBound(list, p.start.dayNumber)..<lowerBound(list, p.end.dayNumber + 1)
    }

    /// Leaves the distinct tokens, ascending (radix sort, then duplicates squeezed out in place).
    private static func sortDistinct(_ tokens: inout [UInt64]) {
        RadixSort.sort(&tokens)
        var distinct = 0
        for i in tokens.indices where i == 0 || tokens[i] != tokens[i - 1] {
            tokens[distinct] = tokens[i]
            distinct += 1
        }
        tokens.removeLast(tokens.count - distinct)
    }

    /// First index whose receipt day is ≥ day.
    private static func lowerBound(_ a: [CaseFacts], _ day: Int) -> Int {
        partitionPoint(a.count) { a[$0].receivedDayNumber < day }
    }

    /// First index whose value is ≥ x.
    private static func lowerBound<T: Comparable>(_ a: [T], _ x: T) -> Int {
        partitionPoint(a.count) { a[$0] < x }
    }

    /// The first index in `0..<count` where `isBelow` turns false (it must hold for a prefix only):
    /// the one binary search behind every slice of the index.
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

/// The volunteer tasks of one village within a (group, period) slice, with the volunteer number
/// of each (aligned with `tasks`).
struct VillageTasks {
    let tasks: ArraySlice<TaskFacts>
    let volunteers: ArraySlice<Int32>
}

/// The cases of one village within a (group, period) slice, with what per-case metrics need
/// from their village: the resident numbers (aligned with `cases`) and the censoring date.
struct VillageCases {
    let code: String
    let asOf: CivilDate?
    let cases: ArraySlice<CaseFacts>
    let persons: ArraySlice<Int32>
}

/// Consecutive pieces of the index read as one sequence, so a group of several villages is
/// iterated without copying its records into a new array.
struct Slices<Element>: Sequence {
    let parts: [ArraySlice<Element>]

    /// - Complexity: O(number of parts).
    var count: Int { parts.reduce(0) { $0 + $1.count } }

    func makeIterator() -> FlattenSequence<[ArraySlice<Element>]>.Iterator { parts.joined().makeIterator() }

    /// Calls `body` with each element in place, in order. Unlike `for … in`, which copies each
    /// element out (retaining every string and set in a record), this lends it.
    @inline(__always)
    func forEach(_ body: (borrowing Element) -> Void) {
        for part in parts {
            for i in part.indices { body(part[i]) }
        }
    }
}

/// Builds rows for one (group, period) with less repetition.
struct RowBuilder {
    let village: String
    let period: String
    var rows: [MetricRow] = []

    init(group: MetricGroup, period: Period) {
        village = group.key
        self.period = period.label
    }

    init(village: String, period: String) {
        self.village = village
        self.period = period
    }

    mutating func add(_ metric: String, _ value: Double?, _ interval: Interval? = nil, n: Int? = nil) {
        rows.append(MetricRow(village: village, period: period, metric: metric, value: value,
                              lower: interval?.lower, upper: interval?.upper, n: n))
    }

    mutating func count(_ metric: String, _ value: Int, n: Int? = nil) {
        add(metric, Double(value), n: n)
    }

    /// A proportion scaled by `scale` (100 for %, 1000 for per 1,000) with its Wilson interval;
    /// n is the denominator. A zero or unknown denominator gives a nil value.
    mutating func proportion(_ metric: String, _ successes: Int, of trials: Int?, scale: Double) {
        guard let trials, trials > 0 else {
            add(metric, nil, n: trials)
            return
        }
        let w = Wilson.interval(successes: successes, trials: trials)
        add(metric, scale * Double(successes) / Double(trials),
            w.map { Interval(lower: scale * $0.lower, upper: scale * $0.upper) }, n: trials)
    }
}
