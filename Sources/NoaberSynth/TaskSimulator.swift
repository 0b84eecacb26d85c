import NoaberModel

/// One volunteer task in compact form.
struct SynthTask {
    var caseSequence: Int
    var volunteer: Int
    var day: Int
    /// Hours in quarters (1.5 hours is 6).
    var quarterHours: Int
    /// Index into `TaskKind.allCases`.
    var kind: Int
}

/// Draws the volunteer tasks of one village from its cases: cases resolved with informal help
/// (and some collective ones) get one or more tasks between first contact and closure.
///
/// Volunteers are drawn with a steep skew (index = pool × u^3.5), so a few volunteers do most
/// tasks, as coordinators report; about 1.5% of tasks are personal care, which belongs to
/// professionals and which the load metrics must count apart.
struct TaskSimulator {
    private var cases: CaseSimulator
    private var random: SeededRandom
    private let asOfDay: Int
    private let volunteers: Int
    private var pending: [SynthTask] = []
    private var pendingIndex = 0

    init(village: Village, count: Int, options: SynthOptions) {
        cases = CaseSimulator(village: village, count: count, options: options)
        random = SeededRandom(seed: cases.villageSeed ^ 0x7461_736B_7300)
        asOfDay = options.asOf.dayNumber
        volunteers = max(4, Int(Double(village.inhabitants) / 1000 * 14))
    }

    // Task kinds per theme (indices into TaskKind.allCases), drawn from when a case has the theme.
    static let kindsForTheme: [[Int]] = [
        [2, 2, 7, 9],        // loneliness: visit, phone round, accompany
        [3, 4, 5],           // housing: odd jobs, garden, paperwork
        [0, 0, 9],           // transport: transport, accompany
        [1, 3, 4, 8],        // household: shopping, odd jobs, garden, meals
        [0, 9, 1],           // health_care: transport, accompany, shopping
        [2, 8, 1],           // caregiver_support: visit, meals, shopping
        [5, 5],              // finance_admin: paperwork
        [6, 6],              // digital: digital help
        [2, 7],              // meaning: visit, phone round
        [2, 0, 11],          // participation: visit, transport, other
        [3, 7],              // safety: odd jobs, phone round
        [11],                // other
    ]
    /// Typical hours per task kind.
    static let typicalHours: [Double] = [1.5, 1.0, 1.5, 2.0, 2.5, 1.0, 1.0, 0.5, 1.0, 2.5, 1.0, 1.0]

    mutating func next() -> SynthTask? {
        while pendingIndex >= pending.count {
            guard let c = cases.next() else { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            plan(c)
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    private mutating func plan(_ c: SynthCase) {
        guard let start = c.contactDay else { return }
        let helped = c.resolution == 0 || (c.resolution == 1 && random.chance(0.5))
            || (c.resolution == -1 && random.chance(0.35))
        guard helped else { return }
        let end = min(c.closedDay ?? asOfDay, asOfDay)
        let taskCount = min(1 + random.geometric(mean: 2.0), 12)
        // A case mostly keeps the same volunteer; sometimes another one steps in.
        let u = random.uniform()
        var volunteer = min(Int(Double(volunteers) * u * u * u * u.squareRoot()), volunteers - 1)
        var day = start + random.below(3)
        var themes: [Int] = []
        for index in 0..<12 where c.themes & (1 << UInt16(index)) != 0 { themes.append(index) }
        if themes.isEmpty { themes = [11] }
        for _ in 0..<taskCount {
            guard day <= end else { break }
            var kind: Int
            if random.chance(0.015) {
                kind = 10
            } else {
                let choices = TaskSimulator.kindsForTheme[themes[random.below(themes.count)]]
                kind = choices[random.below(choices.count)]
            }
            if random.chance(0.15) {
                let v = random.uniform()
                volunteer = min(Int(Double(volunteers) * v * v * v * v.squareRoot()), volunteers - 1)
            }
            let hours = TaskSimulator.typicalHours[kind] * (0.5 + random.uniform())
            let quarters = max(1, Int((hours * 4).rounded()))
            pending.append(SynthTask(caseSequence: c.sequence, volunteer: volunteer, day: day,
                                     quarterHours: quarters, kind: kind))
            day += 1 + random.below(10)
        }
    }
}
