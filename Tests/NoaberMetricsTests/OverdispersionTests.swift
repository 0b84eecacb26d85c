import Foundation
import Testing
@testable import NoaberMetrics

@Suite("Funnel-plot overdispersion (FunnelPlotR's φ, τ² and widened limits)")
struct OverdispersionTests {
    // MARK: Against the independent Python reference

    @Test("every dataset matches numpy/scipy: z, winsorised z, roles, φ, τ², test and limits")
    func matchesReference() throws {
        let cases = try StatsReferenceFixtures.load().overdispersion
        #expect(cases.count >= 15)
        let cmp = ReferenceComparison()
        for c in cases {
            let od = try #require(Overdispersion(units: c.units, indicator: c.swiftIndicator, trimFraction: c.trim), "\(c.name)")
            let label = c.name
            #expect(cmp.agrees(od.target, c.target), "\(label) target \(od.target) vs \(c.target)")
            #expect(od.count == c.count, "\(label) n")
            #expect(cmp.agrees(od.phi, c.phi), "\(label) phi \(od.phi) vs \(c.phi)")
            #expect(cmp.agrees(od.tau2, c.tau2), "\(label) tau2 \(od.tau2) vs \(c.tau2)")
            #expect(cmp.agrees(od.chiSquareStatistic, c.chiSquareStatistic), "\(label) n·phi")
            #expect(cmp.agrees(od.spiegelhalterThreshold, c.spiegelhalterThreshold), "\(label) 1 + 2√(2/n)")
            if let p = c.chiSquareP {
                let swiftP = try #require(od.chiSquarePValue, "\(label) p")
                #expect(cmp.agrees(swiftP, p), "\(label) p \(swiftP) vs \(p)")
            } else {
                #expect(od.chiSquarePValue == nil, "\(label) p")
            }
            if let b = c.winsorisingBounds {
                let bounds = try #require(od.winsorisingBounds, "\(label) bounds")
                #expect(cmp.agrees(bounds.lower, b[0]) && cmp.agrees(bounds.upper, b[1]), "\(label) bounds \(bounds) vs \(b)")
            } else {
                #expect(od.winsorisingBounds == nil, "\(label) bounds")
            }
            #expect(od.units.map(\.role) == c.swiftRoles, "\(label) roles")
            for (i, unit) in od.units.enumerated() {
                switch (unit.z, c.z[i]) {
                case let (s?, p?): #expect(cmp.agrees(s, p), "\(label) z[\(i)] \(s) vs \(p)")
                case (nil, nil): break
                default: Issue.record("\(label) z[\(i)]: \(String(describing: unit.z)) vs \(String(describing: c.z[i]))")
                }
                switch (unit.zUsed, c.zUsed[i]) {
                case let (s?, p?): #expect(cmp.agrees(s, p), "\(label) z_used[\(i)] \(s) vs \(p)")
                case (nil, nil): break
                default: Issue.record("\(label) z_used[\(i)]: \(String(describing: unit.zUsed)) vs \(String(describing: c.zUsed[i]))")
                }
                if let l = c.unitLimits[i] {
                    let l95 = try #require(unit.limits95), l998 = try #require(unit.limits998)
                    #expect(cmp.agrees(l95.lower, l[0]) && cmp.agrees(l95.upper, l[1]), "\(label) unit \(i) 95% \(l95) vs \(l)")
                    #expect(cmp.agrees(l998.lower, l[2]) && cmp.agrees(l998.upper, l[3]), "\(label) unit \(i) 99.8% \(l998) vs \(l)")
                } else {
                    #expect(unit.limits95 == nil && unit.limits998 == nil && unit.value == nil, "\(label) unit \(i) excluded")
                }
                if case .excluded = unit.role { #expect(unit.z == nil && unit.zUsed == nil, "\(label) unit \(i) has no z") }
            }
            for l in c.limits {
                let swift = od.limits(atDenominator: l.denominator, z: l.z)
                #expect(cmp.agrees(swift.lower, l.lower) && cmp.agrees(swift.upper, l.upper),
                        "\(label) limits at \(l.denominator), \(l.zLabel): \(swift) vs [\(l.lower), \(l.upper)]")
                if l.zLabel.hasPrefix("exact") {
                    let coverage = l.zLabel == "exact_95" ? 0.95 : 0.998
                    let byCoverage = od.limits(atDenominator: l.denominator, coverage: coverage)
                    #expect(cmp.agrees(byCoverage.lower, l.lower) && cmp.agrees(byCoverage.upper, l.upper),
                            "\(label) limits by coverage at \(l.denominator)")
                }
            }
        }
        print("Overdispersion vs make_stats_reference.py: \(cmp.compared) numbers, largest relative difference \(cmp.largest)")
        #expect(cmp.largest < 1e-10)
    }

    /// FunnelPlotR's own test (tests/testthat/test-classes_methods.R, FunnelPlotR 0.6.0):
    ///
    ///     dt <- data.frame(num = c(100, 150, 180, 80, 120, 225), denom = c(108, 112, 165, 95, 100, 220), …)
    ///     a <- funnel_plot(dt, num, denom, group)          # defaults: SR, SHMI, trim_by 0.1
    ///     expect_equal(round(phi.funnelplot(a), 6), 2.948033)
    ///
    /// Six units: SHMI truncation keeps all of them (⌊r·10/7⌋ = 1, 2, 4, 5, 7, 8, all in 1…8).
    @Test("FunnelPlotR's published test value: φ = 2.948033 for its SHMI example")
    func funnelPlotRTestValue() throws {
        let units = zip([100, 150, 180, 80, 120, 225], [108, 112, 165, 95, 100, 220])
            .map { Overdispersion.Unit(numerator: $0, denominator: $1) }
        let od = try #require(Overdispersion(units: units, indicator: .standardisedRatio(.log)))
        #expect((od.phi * 1e6).rounded() / 1e6 == 2.948033)
        #expect(od.count == 6 && od.units.allSatisfy { $0.role == .counted })
        #expect(od.isOverdispersed)
    }

    // MARK: By hand

    /// Two proportions, 25/100 and 75/100: target 1/2, θ₀ = asin √½ = π/4; y = asin ½ = π/6 and
    /// asin(√3/2) = π/3; s = 1/(2·√100) = 0.05, so z = ∓(π/12)/0.05 = ∓5π/3 (∓5.236).
    /// Winsorising at 10% of two values (type 7): q_lo = 0.9·(−5π/3) + 0.1·(5π/3) = −4π/3, q_hi = 4π/3;
    /// both are pulled in. φ = ½·2·(4π/3)² = 16π²/9 = 17.546.
    /// τ²: w = 1/s² = 400 each, Σw − Σw²/Σw = 800 − 400 = 400; n·φ = 32π²/9 = 35.092 ≥ n − 1 = 1,
    /// so τ² = (32π²/9 − 1)/400 = 0.085230.
    @Test func proportionsByHand() throws {
        let od = try #require(Overdispersion(units: [.init(numerator: 25, denominator: 100),
                                                      .init(numerator: 75, denominator: 100)], indicator: .proportion))
        let pi = Double.pi
        #expect(od.target == 0.5)
        let z0 = try #require(od.units[0].z), z1 = try #require(od.units[1].z)
        #expect(abs(z0 + 5 * pi / 3) < 1e-12 && abs(z1 - 5 * pi / 3) < 1e-12)
        let bounds = try #require(od.winsorisingBounds)
        #expect(abs(bounds.lower + 4 * pi / 3) < 1e-12 && abs(bounds.upper - 4 * pi / 3) < 1e-12)
        #expect(od.units.map(\.role) == [.winsorised, .winsorised])
        #expect(abs(od.phi - 16 * pi * pi / 9) < 1e-12)
        #expect(abs(od.tau2 - (32 * pi * pi / 9 - 1) / 400) < 1e-14)
        // Limits at n = 100 with z = 2: σ = √(1/400 + τ²) = √(0.0025 + 0.085230) = 0.296192;
        // π/4 ± 2σ = 0.785398 ± 0.592384 → sin²(0.193014) = 0.036794, sin²(1.377783) = 0.963206.
        let sigma = (0.0025 + (32 * pi * pi / 9 - 1) / 400).squareRoot()
        let l = od.limits(atDenominator: 100, z: 2)
        #expect(abs(l.lower - pow(sin(pi / 4 - 2 * sigma), 2)) < 1e-14)
        #expect(abs(l.upper - pow(sin(pi / 4 + 2 * sigma), 2)) < 1e-14)
        #expect(abs(l.lower - 0.036794) < 1e-6 && abs(l.upper - 0.963206) < 1e-6)
        // At n = 1 the 99.8% spread 3.09·√(0.25 + 0.0852) = 1.79 passes both ends of [0, π/2]:
        // the angle is held there and the limits are exactly 0 and 1.
        #expect(od.limits(atDenominator: 1, coverage: 0.998) == Interval(lower: 0, upper: 1))
    }

    /// Two villages, 16 and 36 cases on 100 inhabitants each: pooled rate 52/200 = 0.26, E = 26;
    /// on the square-root scale z = (√(O/E) − 1)·2√E = 2(√O − √E): 8 − 2√26 = −2.198039 and
    /// 12 − 2√26 = 1.801961. Without winsorising (trim 0): φ = (4.831377 + 3.247063)/2 = 4.039220.
    /// w = 1/s² = 4E = 104 each, so Σw − Σw²/Σw = 104 and τ² = (2φ − 1)/104 = 0.068062.
    /// Limits at 100 inhabitants, z = 2: σ = √(1/104 + τ²) = 0.278707; the rate limits are
    /// 0.26·(1 ∓ 2σ)² = 0.26·0.442586² = 0.050929 and 0.26·1.557414² = 0.630640.
    @Test func ratesByHand() throws {
        let od = try #require(Overdispersion(units: [.init(numerator: 16, denominator: 100),
                                                      .init(numerator: 36, denominator: 100)],
                                              indicator: .rate(.squareRoot), trimFraction: 0))
        let r26 = 26.0.squareRoot()
        #expect(abs(od.target - 0.26) < 1e-15)
        let z0 = try #require(od.units[0].z), z1 = try #require(od.units[1].z)
        #expect(abs(z0 - (8 - 2 * r26)) < 1e-12 && abs(z1 - (12 - 2 * r26)) < 1e-12)
        let phi = (pow(8 - 2 * r26, 2) + pow(12 - 2 * r26, 2)) / 2
        #expect(abs(od.phi - phi) < 1e-12 && abs(od.phi - 4.039220) < 1e-6)
        #expect(abs(od.tau2 - (2 * phi - 1) / 104) < 1e-13 && abs(od.tau2 - 0.068062) < 1e-6)
        let l = od.limits(atDenominator: 100, z: 2)
        #expect(abs(l.lower - 0.050929) < 1e-6 && abs(l.upper - 0.630640) < 1e-6)
        #expect(od.units.map(\.value) == [0.16, 0.36])
    }

    /// A standardised ratio on the log scale, one unit: O = 20, E = 10: z = √10·log 2 = 2.191924.
    /// One unit: φ = z² = 4.804530, but τ² stays 0 (FunnelPlotR: 0/0 = NaN) and there is no test.
    @Test func oneUnit() throws {
        let od = try #require(Overdispersion(units: [.init(numerator: 20, denominator: 10)], indicator: .standardisedRatio(.log)))
        let z = try #require(od.units[0].z)
        #expect(abs(z - 10.0.squareRoot() * log(2.0)) < 1e-14)
        #expect(abs(od.phi - 10 * log(2.0) * log(2.0)) < 1e-13)
        #expect(od.tau2 == 0)
        #expect(od.count == 1 && od.chiSquarePValue == nil)
        // A proportion or a rate against its own pooled value: z = 0, φ = 0.
        let p = try #require(Overdispersion(units: [.init(numerator: 5, denominator: 20)], indicator: .proportion))
        #expect(p.units[0].z == 0 && p.phi == 0 && p.tau2 == 0 && !p.isOverdispersed)
        let r = try #require(Overdispersion(units: [.init(numerator: 7, denominator: 700)], indicator: .rate(.squareRoot)))
        #expect(r.units[0].z == 0 && r.phi == 0 && r.tau2 == 0)
    }

    // MARK: Edges

    @Test func emptyInput() {
        #expect(Overdispersion(units: [], indicator: .proportion) == nil)
        #expect(Overdispersion(units: [], indicator: .rate(.log)) == nil)
    }

    @Test("all units at the same rate: every z is 0, φ = τ² = 0, no widening")
    func allEqualRates() throws {
        let units = [(10, 100), (20, 200), (30, 300), (40, 400)].map { Overdispersion.Unit(numerator: $0.0, denominator: $0.1) }
        for indicator in [Overdispersion.Indicator.proportion, .rate(.squareRoot), .rate(.log)] {
            let od = try #require(Overdispersion(units: units, indicator: indicator))
            #expect(od.units.allSatisfy { $0.z == 0 }, "\(indicator)")
            #expect(od.phi == 0 && od.tau2 == 0 && !od.isOverdispersed, "\(indicator)")
            #expect(od.chiSquarePValue == 1, "\(indicator)")
        }
    }

    @Test("zero and negative denominators, impossible numerators: left out and named")
    func exclusions() throws {
        let od = try #require(Overdispersion(units: [
            .init(numerator: 12, denominator: 82), .init(numerator: 5, denominator: 0),
            .init(numerator: 30, denominator: 98), .init(numerator: 9, denominator: 7),
            .init(numerator: -1, denominator: 50), .init(numerator: 4, denominator: -3),
            .init(numerator: .nan, denominator: 10), .init(numerator: 26, denominator: 100),
        ], indicator: .proportion))
        // Three units left: 12/82 (lowest z), 30/98 (highest), 26/100; winsorising three values at 10%
        // pulls in both extremes (q_lo lies between the lowest and the middle one, q_hi likewise).
        #expect(od.units.map(\.role) == [.winsorised, .excluded(.nonPositiveDenominator), .winsorised,
                                         .excluded(.invalidNumerator), .excluded(.invalidNumerator),
                                         .excluded(.nonPositiveDenominator), .excluded(.invalidNumerator), .counted])
        #expect(od.count == 3)
        #expect(abs(od.target - 68.0 / 280) < 1e-15)             // (12 + 30 + 26) / (82 + 98 + 100)
        #expect(od.units[1].z == nil && od.units[1].limits95 == nil)
        // Nothing left to score: nil.
        #expect(Overdispersion(units: [.init(numerator: 3, denominator: 0), .init(numerator: 1, denominator: 0)],
                               indicator: .rate(.squareRoot)) == nil)
        #expect(Overdispersion(units: [.init(numerator: 0, denominator: 10), .init(numerator: 0, denominator: 20)],
                               indicator: .rate(.log)) == nil)
        // A village without cases on the log scale: no z-score, left out of φ, but it counts in the
        // pooled rate (0 + 40 + 60)/(300 + 500 + 700) and keeps its value 0 and its limits.
        let log = try #require(Overdispersion(units: [.init(numerator: 0, denominator: 300), .init(numerator: 40, denominator: 500),
                                                       .init(numerator: 60, denominator: 700)], indicator: .rate(.log)))
        #expect(log.target == 100.0 / 1500 && log.count == 2)
        #expect(log.units[0].role == .excluded(.zeroCountOnLogScale) && log.units[0].z == nil && log.units[0].value == 0)
        #expect(log.units[0].limits95 == log.limits(atDenominator: 300, coverage: 0.95))
        // A rate of 9 cases per 7 inhabitants is fine (a rate may exceed 1).
        #expect(Overdispersion(units: [.init(numerator: 9, denominator: 7)], indicator: .rate(.squareRoot))?.units[0].role == .counted)
    }

    @Test("a rate with no events anywhere: target 0, z = 0, limits [0, 0]")
    func zeroTargetRate() throws {
        let od = try #require(Overdispersion(units: [.init(numerator: 0, denominator: 1000), .init(numerator: 0, denominator: 2500)],
                                              indicator: .rate(.squareRoot)))
        #expect(od.target == 0 && od.phi == 0 && od.tau2 == 0)
        #expect(od.limits(atDenominator: 1000, coverage: 0.95) == Interval(lower: 0, upper: 0))
        #expect(od.units.allSatisfy { $0.z == 0 && $0.limits998 == Interval(lower: 0, upper: 0) })
    }

    @Test func degenerateLimitArguments() throws {
        let p = try #require(Overdispersion(units: [.init(numerator: 3, denominator: 10), .init(numerator: 6, denominator: 10)],
                                             indicator: .proportion))
        #expect(p.limits(atDenominator: 0, coverage: 0.95) == Interval(lower: 0, upper: 1))
        #expect(p.limits(atDenominator: -5, coverage: 0.95) == Interval(lower: 0, upper: 1))
        #expect(p.limits(atDenominator: .nan, coverage: 0.95) == Interval(lower: 0, upper: 1))
        #expect(p.limits(atDenominator: 100, coverage: 1) == Interval(lower: 0, upper: 1))
        #expect(p.limits(atDenominator: 100, coverage: 0) == Interval(lower: 0, upper: 1))
        let r = try #require(Overdispersion(units: [.init(numerator: 3, denominator: 10), .init(numerator: 6, denominator: 10)],
                                             indicator: .rate(.log)))
        #expect(r.limits(atDenominator: 0, coverage: 0.95) == Interval(lower: 0, upper: .infinity))
        #expect(r.limits(atDenominator: 100, coverage: 2) == Interval(lower: 0, upper: .infinity))
    }

    @Test func trimFractionOutOfRange() {
        let units = [Overdispersion.Unit(numerator: 3, denominator: 10), .init(numerator: 6, denominator: 10)]
        #expect(Overdispersion(units: units, indicator: .proportion, trimFraction: 0.5) == nil)
        #expect(Overdispersion(units: units, indicator: .proportion, trimFraction: -0.1) == nil)
        #expect(Overdispersion(units: units, indicator: .proportion, trimFraction: .nan) == nil)
        #expect(Overdispersion(units: units, indicator: .proportion, trimFraction: 0) != nil)
    }

    // MARK: Properties

    @Test("the widened limits narrow as the denominator grows, hold the target, and contain the τ² = 0 limits")
    func funnelShape() throws {
        let c = try StatsReferenceFixtures.load().overdispersionCase("random_proportions_40")
        let sizes: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 5_000, 20_000, 100_000]
        for indicator in [Overdispersion.Indicator.proportion, .rate(.squareRoot), .rate(.log)] {
            let od = try #require(Overdispersion(units: c.units, indicator: indicator))
            #expect(od.tau2 > 0, "\(indicator)")
            var previous = Overdispersion.everything(indicator)
            for n in sizes {
                for coverage in [0.95, 0.998] {
                    let l = od.limits(atDenominator: n, coverage: coverage)
                    #expect(l.contains(od.target), "\(indicator) n=\(n)")
                    let plain = Overdispersion.limits(indicator: indicator, target: od.target, tau2: 0, denominator: n,
                                                      z: NormalDistribution.twoSidedZ(confidence: coverage))
                    #expect(l.lower <= plain.lower && plain.upper <= l.upper, "\(indicator) n=\(n): τ² widens")
                }
                let l = od.limits(atDenominator: n, coverage: 0.998)
                #expect(l.lower >= previous.lower && l.upper <= previous.upper, "\(indicator) n=\(n) narrows")
                previous = l
                let inner = od.limits(atDenominator: n, coverage: 0.95)
                #expect(l.lower <= inner.lower && inner.upper <= l.upper, "\(indicator) n=\(n): 99.8% holds 95%")
            }
            // As n grows the limits tend to the between-unit band alone, not to the target.
            let far = od.limits(atDenominator: 1e12, coverage: 0.95)
            #expect(far.width > 0, "\(indicator)")
        }
    }

    /// A unit is kept when 0 < ⌊r·10/(n+1)⌋ < 9. The highest rank r = n gives ⌊10n/(n+1)⌋, which
    /// reaches 9 from n = 9 on; the lowest, r = 1, gives ⌊10/(n+1)⌋ = 0 only from n = 10 on.
    /// So FunnelPlotR's SHMI truncation keeps everything up to 8 units, drops only the highest at 9,
    /// and both extremes from 10.
    @Test("SHMI truncation: nothing up to eight units, the highest from nine, both extremes from ten")
    func truncationThresholds() {
        for n in 1...8 {
            #expect(Overdispersion.keptAfterTruncation((0..<n).map(Double.init), trimFraction: 0.1).allSatisfy { $0 }, "n=\(n)")
        }
        let kept9 = Overdispersion.keptAfterTruncation((0..<9).map(Double.init), trimFraction: 0.1)
        #expect(kept9 == [Bool](repeating: true, count: 8) + [false])          // r = 9: ⌊90/10⌋ = 9
        let kept10 = Overdispersion.keptAfterTruncation((0..<10).map(Double.init), trimFraction: 0.1)
        // n = 10: r = 1 → ⌊10/11⌋ = 0 (out); r = 10 → ⌊100/11⌋ = 9 = k − 1 (out).
        #expect(kept10 == [false] + [Bool](repeating: true, count: 8) + [false])
        #expect(Overdispersion.averageRanks([3, 1, 3, 2, 1]) == [4.5, 1.5, 4.5, 3, 1.5])
    }

    @Test("R's type-7 quantile")
    func quantileType7() {
        // x = 1…5: index (n−1)p = 0.4 → 1 + 0.4·(2 − 1) = 1.4; p = 0.9 → 3.6 → 4 + 0.6 = 4.6.
        #expect(Overdispersion.quantileType7([1, 2, 3, 4, 5], 0.1) == 1.4)
        #expect(abs(Overdispersion.quantileType7([1, 2, 3, 4, 5], 0.9) - 4.6) < 1e-15)
        #expect(Overdispersion.quantileType7([7], 0.1) == 7)
        #expect(Overdispersion.quantileType7([2, 2, 2, 9], 0.1) == 2)
    }
}
