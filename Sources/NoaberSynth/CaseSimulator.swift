#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberModel

/// Draws the cases of one village, one at a time, in order of receipt (near enough: weekend
/// requests are partly moved to the Monday).
///
/// Shares and shapes (documented in Datasets/README.md): ~10% anonymous, ~3% collective, the
/// rest from a pool of residents of whom some come back several times; age bands weighted to
/// 75–84; first contact mostly within 0–3 days with a long tail; closure within weeks; ~5% of
/// cases stay open for good, plus those still running at the as-of date; risks on ~30% of
/// individual cases, a minority of which escalate.
///
/// - Complexity: O(1) per case.
struct CaseSimulator {
    let village: Village
    let count: Int
    let villageSeed: UInt64
    private var random: SeededRandom
    private let firstDay: Int
    private let days: Int
    private let lastDay: Int
    private let asOfDay: Int
    private let fromYear: Int
    private let pool: Int
    private var produced = 0

    init(village: Village, count: Int, options: SynthOptions) {
        self.village = village
        self.count = count
        villageSeed = SplitMix64.mix(options.seed ^ stableHash(village.code))
        random = SeededRandom(seed: villageSeed)
        firstDay = options.from.dayNumber
        lastDay = options.lastReceived.dayNumber
        days = max(lastDay - firstDay + 1, 1)
        asOfDay = options.asOf.dayNumber
        fromYear = options.from.year
        // About 2.2 cases per named resident over the period.
        let drawn = max(1, Int(Double(count) * 0.87 / 2.2))
        pool = options.residentsWithinPopulation ? min(drawn, max(village.inhabitants, 1)) : drawn
    }

    /// The yearly rate multiplier of a village (0.85–1.15), fixed by seed and code.
    static func rateFactor(seed: UInt64, code: String) -> Double {
        let bits = SplitMix64.mix(seed ^ stableHash(code) ^ 0x5241_5445)
        return 0.85 + 0.30 * (Double(bits >> 11) * 0x1.0p-53)
    }

    // Weights in the order of each enum's allCases.
    static let ageBands = WeightedTable([2, 14, 22, 38, 24])
    static let sources = WeightedTable([34, 18, 10, 8, 9, 7, 4, 4, 4, 2])
    static let collectiveSources = WeightedTable([0, 0, 25, 30, 0, 0, 20, 5, 15, 5])
    static let channels = WeightedTable([38, 12, 6, 15, 9, 16, 2, 2])
    static let themes = WeightedTable([20, 5, 16, 15, 15, 7, 7, 6, 2, 4, 2, 1])
    static let collectiveThemes = WeightedTable([30, 8, 15, 0, 0, 0, 0, 5, 5, 30, 7, 0])
    static let resolutions = WeightedTable([36, 8, 18, 24, 8, 6])
    static let collectiveResolutions = WeightedTable([15, 60, 5, 15, 0, 5])
    /// Chance per noted risk that the formal event did happen (the minority that escalates).
    static let escalation: [Double] = [0.20, 0.15, 0.10, 0.06, 0.12, 0.08, 0.18, 0.08]

    /// Age at the start of the period and birth year of resident `person`: fixed per resident.
    private func resident(_ person: Int) -> (birthYear: Int, band: Int) {
        var r = SeededRandom(seed: villageSeed ^ (UInt64(person) &* 0x9E37_79B9_7F4A_7C15))
        let band = CaseSimulator.ageBands.draw(&r)
        let ages = [(8, 17), (25, 64), (65, 74), (75, 84), (85, 97)][band]
        let age = ages.0 + r.below(ages.1 - ages.0 + 1)
        return (fromYear - age, band)
    }

    /// The index of the age band an age falls in.
    private static func band(age: Int) -> Int {
        switch age {
        case ..<18: 0
        case 18...64: 1
        case 65...74: 2
        case 75...84: 3
        default: 4
        }
    }

    mutating func next() -> SynthCase? {
        guard produced < count else { return nil }
        var c = SynthCase()
        c.sequence = produced + 1

        // Received: spread evenly over the period, weekends thinned.
        var day = firstDay + Int((Double(produced) + random.uniform()) * Double(days) / Double(count))
        let weekday = CivilDate(dayNumber: day).isoWeekday
        if weekday >= 6, random.chance(0.7) { day = min(day + (8 - weekday), lastDay) }
        c.receivedDay = day
        produced += 1
        if random.chance(0.45) { c.receivedMinute = 510 + 5 * random.below(126) }

        // Who.
        let kind = random.uniform()
        if kind < 0.03 {
            c.collective = true
        } else if kind < 0.13 {
            if random.chance(0.6) { c.ageBand = CaseSimulator.ageBands.draw(&random) }
        } else {
            // Squaring skews towards low indices: some residents come back often.
            let u = random.uniform()
            c.person = min(Int(Double(pool) * u * u), pool - 1)
            let who = resident(c.person)
            c.birthYear = who.birthYear
            let year = CivilDate(dayNumber: day).year
            c.ageBand = CaseSimulator.band(age: year - who.birthYear)
            c.showBirthYear = random.chance(0.3)
        }

        c.source = (c.collective ? CaseSimulator.collectiveSources : CaseSimulator.sources).draw(&random)
        c.channel = CaseSimulator.channels.draw(&random)
        let themeTable = c.collective ? CaseSimulator.collectiveThemes : CaseSimulator.themes
        let themeCount = c.collective ? 1 + random.below(2) : (random.chance(0.5) ? 1 : (random.chance(0.7) ? 2 : 3))
        var tries = 0
        while c.themes.nonzeroBitCount < themeCount && tries < 20 {
            c.themes |= 1 << UInt16(themeTable.draw(&random))
            tries += 1
        }

        drawTimeline(&c)
        drawOutcome(&c)

        if random.chance(0.96) {
            var minutes = random.logNormal(median: 55, sigma: 0.65)
            minutes = min(max(minutes, 15), 300)
            c.halfMinutes = 10 * Int((minutes / 5).rounded())
            if random.chance(0.2), c.halfMinutes < 600 { c.halfMinutes += 5 }
        }
        if random.chance(0.6) { c.note = random.below(SynthVocabulary.notes.count) }
        return c
    }

    /// First contact and closure, censored at the as-of date.
    private mutating func drawTimeline(_ c: inout SynthCase) {
        let u = random.uniform()
        let delay: Int
        switch u {
        case ..<0.28: delay = 0
        case ..<0.58: delay = 1
        case ..<0.74: delay = 2
        case ..<0.84: delay = 3
        default: delay = min(4 + random.geometric(mean: 4), 60)
        }
        var contactDay = c.receivedDay + delay
        var contactMinute = -1
        if c.receivedMinute >= 0 {
            if delay == 0 {
                contactMinute = c.receivedMinute + 15 + 5 * random.below(44)
                if contactMinute >= 20 * 60 {
                    contactDay += 1
                    contactMinute = 540 + 5 * random.below(24)
                }
            } else {
                contactMinute = 510 + 5 * random.below(102)
            }
        }
        guard contactDay <= asOfDay else { return }
        c.contactDay = contactDay
        c.contactMinute = contactMinute

        if random.chance(0.05) { return }   // long-running: still open, whatever the as-of date
        let closeDelay: Int
        if random.chance(0.2) {
            closeDelay = random.below(3)
        } else {
            closeDelay = min(max(Int(random.logNormal(median: 14, sigma: 0.8)), 1), 180)
        }
        let closedDay = contactDay + closeDelay
        guard closedDay <= asOfDay else { return }
        c.closedDay = closedDay
        // A same-day closure after a timed contact always carries its time: a bare date would
        // sort before the contact.
        if contactMinute >= 0, closeDelay == 0 || random.chance(0.5) {
            c.closedMinute = closeDelay == 0 ? min(contactMinute + 30 + 5 * random.below(24), 23 * 60 + 55)
                                             : 540 + 5 * random.below(96)
        }
    }

    private mutating func drawOutcome(_ c: inout SynthCase) {
        if c.closedDay != nil {
            c.resolution = (c.collective ? CaseSimulator.collectiveResolutions : CaseSimulator.resolutions).draw(&random)
        }
        let referred = c.resolution == 2 || (c.resolution == 3 && random.chance(0.08))
        if referred {
            var weights: [Double] = [20, 15, 25, 6, 12, 10, 3, 3, 2]
            if c.themes & (1 << 6) != 0 { weights[6] += 25 }              // finance_admin → debt_help
            if c.themes & (1 << 1) != 0 { weights[7] += 20 }              // housing → housing_corp
            if c.themes & (1 << 4) != 0 { weights[0] += 10; weights[1] += 10 }
            if c.themes & (1 << 0) != 0 { weights[5] += 10 }
            let table = WeightedTable(weights)
            c.referrals |= 1 << UInt16(table.draw(&random))
            if random.chance(0.3) { c.referrals |= 1 << UInt16(table.draw(&random)) }
        }
        guard !c.collective, random.chance(0.30) else { return }
        var weights: [Double] = [1, 3, 2, 3, 4, 1, 3, 3]
        if c.ageBand == 4 { weights[1] += 6 }
        if c.ageBand >= 3 { weights[4] += 2 }
        if c.themes & (1 << 5) != 0 { weights[2] += 10 }
        if c.themes & (1 << 0) != 0 { weights[3] += 10 }
        if c.themes & (1 << 4) != 0 { weights[4] += 4; weights[7] += 5 }
        if c.themes & (1 << 6) != 0 { weights[5] += 10 }
        if c.themes & (1 << 3) != 0 { weights[6] += 8 }
        let table = WeightedTable(weights)
        c.risks |= 1 << UInt16(table.draw(&random))
        if random.chance(0.3) { c.risks |= 1 << UInt16(table.draw(&random)) }
        for index in 0..<8 where c.risks & (1 << UInt16(index)) != 0 {
            if random.chance(CaseSimulator.escalation[index]) { c.escalated |= 1 << UInt16(index) }
        }
    }
}
