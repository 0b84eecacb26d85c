import Foundation
import NoaberModel
import Testing
@testable import NoaberMetrics

/// Simulated panels with a known effect, for coverage, size and speed.
struct EffectSimulation {
    var rng: Xoshiro256StarStar

    init(seed: UInt64) { rng = Xoshiro256StarStar(seed: seed) }

    /// A standard normal draw (Box–Muller; one of the pair is enough here).
    mutating func normal() -> Double {
        let u = max(rng.nextUnit(), 0x1.0p-53), v = rng.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Rates for `never` comparison areas and cohorts `(first treated index, areas)` over `periods`:
    /// area level + common period effect + AR(1) noise (ρ = 0.5, sd 4) + effect + slope·(t − g).
    mutating func panel(periods: Int, never: Int, cohorts: [(start: Int, areas: Int)], effect: Double,
                        slope: Double) throws -> OutcomePanel {
        var first: [Int?] = Array(repeating: nil, count: never)
        for c in cohorts { first += Array(repeating: Optional(c.start), count: c.areas) }
        let periodEffect = (0..<periods).map { _ in 3 * normal() }
        var rates: [Double] = []
        rates.reserveCapacity(first.count * periods)
        for g in first {
            let level = 120 + 25 * normal()
            var noise = 4 * normal() / (1 - 0.25).squareRoot()
            for t in 0..<periods {
                if t > 0 { noise = 0.5 * noise + 4 * normal() }
                var tau = 0.0
                if let g, t >= g { tau = effect + slope * Double(t - g) }
                rates.append(level + periodEffect[t] + noise + tau)
            }
        }
        return try OutcomePanel(measure: "simulated", periods: effectQuarters(periods),
                                areas: first.indices.map { "S\($0)" }, firstTreated: first, rates: rates)
    }
}

@Suite("Effect: coverage and size by simulation")
struct EffectSimulationTests {
    /// Coverage: 2,000 panels of 100 areas over 6 quarters, 40 never treated, 30 starting in the
    /// 3rd quarter and 30 in the 5th. The effect is 3 at the start and grows 0.5 per quarter, so
    /// the cohort effects are 3.75 and 3.25 and the true att_overall (equal cohorts) is 3.5. The
    /// standard error of an estimated coverage of 95% over 2,000 panels is 0.49 points, so 93–97%
    /// is ±4 standard errors.
    ///
    /// Size: 2,000 panels without any effect, 100 never treated and 80 + 80 starting as above.
    /// The pre-trend test (4 pre-start cells) should reject at 5% in 5% of them: 3.4–6.6% is
    /// ±3.3 standard errors (0.1% two-sided for a test that is exactly right).
    ///
    /// The Wald test uses an estimated covariance and is oversized in small cohorts (as Hotelling's
    /// T² is before its F correction): the coverage panels, whose pre-start periods are also
    /// effect-free, measure that with 30 areas per cohort (about 7%); it is printed and only
    /// required to stay below 10%. docs/effect.md quotes these figures.
    @Test("the 95% interval of att_overall covers the truth in 93–97%, the pre-trend test rejects in about 5%")
    func coverageAndSize() throws {
        let panels = 2000
        var simulation = EffectSimulation(seed: 20_240_501)
        var covered = 0, coveredEventZero = 0, smallRejected = 0
        for _ in 0..<panels {
            let panel = try simulation.panel(periods: 6, never: 40, cohorts: [(2, 30), (4, 30)], effect: 3, slope: 0.5)
            let result = try CallawaySantAnna.estimate(panel)
            if result.overall.interval?.contains(3.5) == true { covered += 1 }
            if result.events.first(where: { $0.relativePeriod == 0 })?.estimate.interval?.contains(3) == true {
                coveredEventZero += 1
            }
            if case let .tested(_, _, p) = result.pretrend, p < 0.05 { smallRejected += 1 }
        }
        var rejected = 0, nullCovered = 0, tested = 0
        for _ in 0..<panels {
            let panel = try simulation.panel(periods: 6, never: 100, cohorts: [(2, 80), (4, 80)], effect: 0, slope: 0)
            let result = try CallawaySantAnna.estimate(panel)
            if case let .tested(_, q, p) = result.pretrend {
                tested += 1
                #expect(q == 4)
                if p < 0.05 { rejected += 1 }
            }
            if result.overall.interval?.contains(0) == true { nullCovered += 1 }
        }
        let coverage = Double(covered) / Double(panels), rejection = Double(rejected) / Double(tested)
        let smallRejection = Double(smallRejected) / Double(panels)
        print(String(format: "simulation: att_overall 95%% interval covered the true 3.5 in %.2f%% of %d panels (att_event:0 %.2f%%); without an effect (260 areas) it covered 0 in %.2f%% and the pre-trend test rejected at 5%% in %.2f%% of %d; with 30 areas per cohort it rejected in %.2f%%",
                     100 * coverage, panels, 100 * Double(coveredEventZero) / Double(panels),
                     100 * Double(nullCovered) / Double(panels), 100 * rejection, tested, 100 * smallRejection))
        #expect(tested == panels)
        #expect((0.93...0.97).contains(coverage))
        #expect((0.93...0.97).contains(Double(nullCovered) / Double(panels)))
        #expect((0.034...0.066).contains(rejection))
        #expect(smallRejection < 0.10)
    }

    /// Speed: 1,000 areas × 40 quarters. Skipped unless NOABER_EFFECT_BENCHMARK is set; run it on a
    /// release build:
    ///
    ///     NOABER_EFFECT_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing \
    ///         --filter EffectSimulationTests/benchmark
    @Test("1,000 areas × 40 quarters", .enabled(if: ProcessInfo.processInfo.environment["NOABER_EFFECT_BENCHMARK"] != nil))
    func benchmark() throws {
        var simulation = EffectSimulation(seed: 99)
        let designs: [(String, [(start: Int, areas: Int)])] = [
            ("8 cohorts", (0..<8).map { (4 + 4 * $0, 88) }),
            ("a cohort every quarter 4-36", (4...36).map { ($0, $0 <= 24 ? 22 : 20) }),
        ]
        for (label, cohorts) in designs {
            let treated = cohorts.reduce(0) { $0 + $1.areas }
            let panel = try simulation.panel(periods: 40, never: 1000 - treated, cohorts: cohorts, effect: 2, slope: 0.1)
            var best = Double.infinity
            var result: DiDResult?
            for _ in 0..<5 {
                let clock = ContinuousClock.now
                result = try CallawaySantAnna.estimate(panel)
                let elapsed = ContinuousClock.now - clock
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            let r = try #require(result)
            var withBands = Double.infinity
            for _ in 0..<3 {
                let clock = ContinuousClock.now
                _ = try CallawaySantAnna.estimate(panel, options: DiDOptions(bootstrap: MultiplierBootstrap(draws: 1000)))
                let elapsed = ContinuousClock.now - clock
                withBands = min(withBands, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            let pretest = switch r.pretrend {
            case let .tested(_, q, _): "pre-test over \(q) cells"
            case let .singularCovariance(q): "pre-test covariance of \(q) cells singular"
            case .noPreTreatmentPeriods: "no pre-test"
            }
            print(String(format: "benchmark %@: %d areas, %d periods, %d cohorts, %d ATT(g,t), %@: %.1f ms (best of 5); with 1,000 bootstrap draws %.1f ms",
                         label, r.areaCount, r.periods.count, r.cohorts.count, r.groupTime.count, pretest, best * 1000, withBands * 1000))
            #expect(best < 1.0)
        }
    }
}
