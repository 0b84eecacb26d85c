#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberCSV
import NoaberModel

/// A synthetic aggregated outcome series with a known effect, for the demo, tests and the
/// effect benchmark: one count per area and quarter (or month, or year), written in the canonical
/// outcomes format `village,period,measure,value,population`.
///
/// The rate per 1,000 inhabitants in area a and period t is
///
///     base × (1 + area_a) × (1 + trend · years) × season_t × (1 + effect_at) × (1 + e_at)
///
/// with `area_a` a fixed area level (±`areaSpread`), a common yearly `trend`, a common seasonal
/// factor (winter quarters higher, as GP consultations are), `e_at` an AR(1) noise per area
/// (`noise`, autocorrelation 0.5), and `effect_at` the built-in effect: from the first period that
/// starts on or after the area's `ondersteunerStart`, `effect` × min(1, (k + 1) / `rampPeriods`) for
/// the k-th period after the start. The count is then drawn around rate × population / 1,000 with
/// Poisson noise (normal approximation; the counts are in the hundreds or more). Deterministic in
/// `seed` and the area codes.
///
/// The data are **synthetic**: the effect is put in on purpose, so that an estimator can be seen
/// to find it. No real figure is behind any row.
public struct OutcomeSeries: Sendable {
    public var seed: UInt64
    public var measure: String
    public var areas: [Village]
    public var periods: [OutcomePeriod]
    /// Events per 1,000 inhabitants per year (spread over the periods of a year).
    public var baseRatePerYear: Double
    public var areaSpread: Double
    public var trend: Double
    public var noise: Double
    /// The relative effect once fully in place (−0.07: seven percent fewer).
    public var effect: Double
    public var rampPeriods: Int

    public init(seed: UInt64, measure: String, areas: [Village], periods: [OutcomePeriod], baseRatePerYear: Double = 4_800,
                areaSpread: Double = 0.08, trend: Double = 0.01, noise: Double = 0.015, effect: Double = -0.07,
                rampPeriods: Int = 4) {
        self.seed = seed
        self.measure = measure
        self.areas = areas
        self.periods = periods
        self.baseRatePerYear = baseRatePerYear
        self.areaSpread = areaSpread
        self.trend = trend
        self.noise = noise
        self.effect = effect
        self.rampPeriods = rampPeriods
    }

    /// The consecutive periods of `unit` from the one holding `from` to the one holding `to`.
    public static func periods(_ unit: OutcomePeriod.Unit, from: OutcomePeriod, to: OutcomePeriod) -> [OutcomePeriod] {
        guard let first = from.within(unit), let last = to.within(unit) else { return [] }
        var result: [OutcomePeriod] = []
        var p = first
        while p <= last {
            result.append(p)
            p = p.advanced(by: 1)
        }
        return result
    }

    /// Writes the header and one row per area and period, areas in the order given.
    /// - Returns: the rows written.
    @discardableResult
    public func write(to sink: some ByteSink) throws -> Int {
        var writer = try CSVWriter(sink: sink, dialect: .standard)
        try writer.writeRow(RecordKind.outcomes.canonicalColumns)
        var rows = 0
        for area in areas {
            var random = SeededRandom(seed: seed ^ stableHash(area.code) ^ stableHash(measure))
            let level = 1 + areaSpread * (2 * random.uniform() - 1)
            let first = area.ondersteunerStart.flatMap { start in periods.firstIndex { $0.start >= start } }
            var ar = 0.0
            for (t, period) in periods.enumerated() {
                ar = 0.5 * ar + noise * (0.75).squareRoot() * random.normal()
                let years = Double(period.monthIndex - (periods.first?.monthIndex ?? 0)) / 12
                var effectNow = 0.0
                if let first, t >= first {
                    effectNow = effect * min(1, Double(t - first + 1) / Double(max(1, rampPeriods)))
                }
                let perPeriod = baseRatePerYear * Double(period.unit.months) / 12
                let rate = perPeriod * level * (1 + trend * years) * Self.season(period) * (1 + effectNow) * (1 + ar)
                let expected = rate * Double(area.inhabitants) / 1000
                let count = max(0, (expected + expected.squareRoot() * random.normal()).rounded())
                try writer.writeRow([.text(area.code), .text(period.label), .text(measure), .integer(Int(count)),
                                     .integer(area.inhabitants)])
                rows += 1
            }
        }
        try writer.flush()
        return rows
    }

    /// GP consultations peak in winter: the first quarter 6% above the year's mean, the third 7%
    /// below (a month or quarter takes its quarter's factor; a year 1).
    static func season(_ period: OutcomePeriod) -> Double {
        guard period.unit != .year else { return 1 }
        let quarter = (period.firstMonth - 1) / 3
        return [1.06, 0.99, 0.93, 1.02][quarter]
    }
}

extension OutcomeSeries {
    /// A synthetic panel for benchmarks and tests: `areas` villages (`SyntheticVillages`), every
    /// other one with an ondersteuner starting in one of eight staggered quarters (the 5th, 9th, …
    /// 33rd of the series, or as many as `quarters` allows), the rest comparison areas; GP
    /// consultations per quarter from 2015Q1, `quarters` long, with the built-in effect.
    public static func syntheticPanel(areas: Int, quarters: Int, seed: UInt64) -> (villages: [Village], series: OutcomeSeries) {
        let first = OutcomePeriod.quarter(2015, 1)
        let periods = (0..<max(quarters, 1)).map { first.advanced(by: $0) }
        let starts = stride(from: 4, to: max(5, quarters - 3), by: 4).prefix(8).map { periods[min($0, periods.count - 1)].start }
        let villages = SyntheticVillages.make(count: areas, seed: seed).enumerated().map { index, village -> Village in
            var v = village
            if index % 2 == 0, !starts.isEmpty {
                v.ondersteunerStart = starts[(index / 2) % starts.count]
            } else {
                v.isComparisonArea = true
                v.paidHoursPerWeek = 0
                v.costPerYearEUR = nil
            }
            return v
        }
        return (villages, OutcomeSeries(seed: seed, measure: "huisartsconsulten", areas: villages, periods: periods))
    }
}
