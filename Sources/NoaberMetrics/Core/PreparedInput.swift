import NoaberModel

/// The input indexed once per run: cases and tasks bucketed by village and sorted by date, so
/// each (group, period) slice is a binary search rather than a scan of every record.
///
/// Built once and shared by every grouping `DisclosedMetrics` computes. Person keys are interned
/// to small integers here, so reach counts distinct residents by sorting integers instead of
/// hashing strings for every group and period.
struct PreparedInput: Sendable {
    let villagesByCode: [String: Village]
    private let cases: [String: [CaseRecord]]
    private let caseDays: [String: [Int]]
    /// Per village, aligned with `cases`: the interned person of a non-collective case with a
    /// person key, else -1.
    private let casePersons: [String: [Int32]]
    private let tasks: [String: [VolunteerTask]]
    private let taskDays: [String: [Int]]
    /// Per interned person, the day of their first non-collective case over all input (for
    /// `new_residents_pct`), including cases of villages not in the input's village list.
    let firstCaseDay: [Int]
    /// Per village code, the censoring date: the import's as-of date, or else the latest date in
    /// the village's own cases (or nil when it has none).
    let asOf: [String: CivilDate]

    /// - Complexity: O(cases · log cases): one hashing pass over person keys, one sort per village.
    init(_ input: MetricsInput) {
        var villages: [String: Village] = [:]
        for v in input.villages { villages[v.code] = v }
        villagesByCode = villages
        // Bucket by village as positions into the input, then sort each bucket's positions by
        // receipt (ties keep input order, as a stable sort of the records would) and gather the
        // records once: a record is copied once and never moved by the sort. The store delivers
        // cases ordered by village, so runs of one village are found by comparing codes with the
        // previous record rather than hashing each.
        let all = input.cases
        var positions: [String: [Int]] = [:]
        var outside: [Int] = []
        var i = 0
        while i < all.count {
            let code = all[i].village
            var j = i + 1
            while j < all.count && all[j].village == code { j += 1 }
            if villages[code] != nil {
                positions[code, default: []].append(contentsOf: i..<j)
            } else {
                outside.append(contentsOf: i..<j)
            }
            i = j
        }
        var c: [String: [CaseRecord]] = [:]
        for (code, list) in positions {
            // Moment order as one integer: the day, then the minute (a bare date sorts as 00:00).
            let key = list.map { all[$0].received.date.dayNumber * 1440 + (all[$0].received.minuteOfDay ?? 0) }
            let order = key.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
            c[code] = order.map { all[list[$0]] }
        }
        cases = c
        caseDays = c.mapValues { $0.map(\.received.date.dayNumber) }
        // Intern person keys while recording each resident's first case day (over all input,
        // villages outside the list included: "new" means new to every export).
        var ids: [String: Int32] = [:]
        var first: [Int] = []
        func intern(_ r: CaseRecord) -> Int32 {
            guard let key = r.personKey, !r.collective else { return -1 }
            let d = r.received.date.dayNumber
            if let id = ids[key] {
                if d < first[Int(id)] { first[Int(id)] = d }
                return id
            }
            let id = Int32(first.count)
            ids[key] = id
            first.append(d)
            return id
        }
        casePersons = c.mapValues { list in list.map(intern) }
        for p in outside { _ = intern(all[p]) }
        firstCaseDay = first
        var t = Dictionary(grouping: input.tasks, by: \.village).filter { villages[$0.key] != nil }
        for k in t.keys { t[k]?.sort { $0.date < $1.date } }
        tasks = t
        taskDays = t.mapValues { $0.map(\.date.dayNumber) }
        var asOf = input.asOf
        for (code, list) in c where asOf[code] == nil {
            var latest = CivilDate(dayNumber: Int.min / 2)
            for r in list {
                latest = max(latest, r.received.date, r.firstContact?.date ?? latest, r.closed?.date ?? latest)
            }
            if !list.isEmpty { asOf[code] = latest }
        }
        self.asOf = asOf
    }

    /// All stored cases of one village, sorted by receipt.
    func allCases(village code: String) -> [CaseRecord] { cases[code] ?? [] }

    /// Cases of the group's villages received in the period, as slices of the index (no copy).
    func cases(in group: MetricGroup, period: Period) -> Slices<CaseRecord> {
        var out: [ArraySlice<CaseRecord>] = []
        for v in group.villages {
            guard let list = cases[v.code], let days = caseDays[v.code] else { continue }
            out.append(list[PreparedInput.range(days, period)])
        }
        return Slices(parts: out)
    }

    /// The interned persons of `cases(in:period:)`, element for element (-1: no resident).
    func persons(in group: MetricGroup, period: Period) -> Slices<Int32> {
        var out: [ArraySlice<Int32>] = []
        for v in group.villages {
            guard let list = casePersons[v.code], let days = caseDays[v.code] else { continue }
            out.append(list[PreparedInput.range(days, period)])
        }
        return Slices(parts: out)
    }

    /// Cases of the group's villages received on or before `day` and not closed by then: the
    /// open caseload at the end of a period. Counts in place, without copying the cases.
    func openCases(in group: MetricGroup, at day: CivilDate) -> Int {
        var open = 0
        for v in group.villages {
            guard let list = cases[v.code], let days = caseDays[v.code] else { continue }
            for c in list[0..<PreparedInput.lowerBound(days, day.dayNumber + 1)] {
                if let closed = c.closed, closed.date <= day { continue }
                open += 1
            }
        }
        return open
    }

    /// Volunteer tasks of the group's villages dated in the period, as slices of the index.
    func tasks(in group: MetricGroup, period: Period) -> Slices<VolunteerTask> {
        var out: [ArraySlice<VolunteerTask>] = []
        for v in group.villages {
            guard let list = tasks[v.code], let days = taskDays[v.code] else { continue }
            out.append(list[PreparedInput.range(days, period)])
        }
        return Slices(parts: out)
    }

    private static func range(_ days: [Int], _ p: Period) -> Range<Int> {
        lowerBound(days, p.start.dayNumber)..<lowerBound(days, p.end.dayNumber + 1)
    }

    /// First index whose value is ≥ x.
    private static func lowerBound(_ a: [Int], _ x: Int) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
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
