import Foundation
import Testing
import NoaberModel
@testable import NoaberMetrics

struct EscalationTests {
    static func e(_ l: Double, _ m: Double, _ h: Double) -> Estimate { Estimate(low: l, mostLikely: m, high: h, source: "test") }

    /// Two risks, worked by hand:
    /// fall: 10 cases × 0.2 × (1 − 0.5) × 0.5 × €200 = 10 × €10 = €100
    /// debt:  3 cases × 0.5 × (1 − 0) × 1 × €1,000 = 3 × €500 = €1,500      → total €1,600
    static let twoRisks = EscalationParameters(followUpDays: 90, priceYear: 2022, risks: [
        .fall: RiskParameters(event: "fall", probability: e(0.1, 0.2, 0.4), deadweight: e(0.2, 0.5, 0.6),
                              attribution: e(0.5, 0.5, 0.5), unitCost: e(100, 200, 400)),
        .debt: RiskParameters(event: "debt", probability: e(0.5, 0.5, 0.5), deadweight: e(0, 0, 0),
                              attribution: e(1, 1, 1), unitCost: e(1000, 1000, 2000)),
    ])

    @Test func deterministicValueByHand() {
        let r = EscalationModel(parameters: Self.twoRisks, draws: 2000, seed: 1)
            .evaluate(counts: [.fall: 10, .debt: 3, .isolation: 4], ondersteunerCost: 800)
        #expect(close(r.mostLikely, 1600))                     // isolation has no parameters: not valued
        #expect(r.perRisk.map(\.risk) == [.fall, .debt])
        #expect(close(r.perRisk[0].mostLikely, 100) && close(r.perRisk[1].mostLikely, 1500))
        #expect(close(r.returnPerEuro, r.median / 800))        // the median per euro
        #expect(r.interval.lower <= r.median && r.median <= r.interval.upper)
        #expect(r.interval.lower < r.mostLikely || r.interval.upper > r.mostLikely)
        #expect(r.interval.lower <= r.interval.upper)
    }

    @Test func sensitivityByHand() {
        let r = EscalationModel(parameters: Self.twoRisks, draws: 100, seed: 1)
            .evaluate(counts: [.fall: 10, .debt: 3], ondersteunerCost: nil)
        #expect(r.returnPerEuro == nil)
        let top = r.sensitivity.prefix(4).map { "\($0.risk.rawValue).\($0.parameter.rawValue)" }
        // debt cost 1000 → 2000: +1500; fall probability 0.1/0.4: −50/+100; fall cost 100/400: −50/+100;
        // fall deadweight 0.2/0.6: 10 × 0.2·0.8·0.5·200 = 160 (+60) / 80 (−20), swing 80
        #expect(top == ["debt.unit_cost", "fall.probability", "fall.unit_cost", "fall.deadweight"])
        let first = r.sensitivity[0]
        #expect(close(first.valueAtLow, 1600) && close(first.valueAtHigh, 3100) && close(first.swing, 1500))
        let dead = r.sensitivity[3]
        #expect(close(dead.valueAtLow, 1660) && close(dead.valueAtHigh, 1580))
        #expect(r.sensitivity.count == 8)
        #expect(r.sensitivity.suffix(4).allSatisfy { $0.swing == 0 })
    }

    @Test func triangularQuantilesMatchTheory() {
        // One case, only the cost uncertain: triangular(0, 0, 1), F(x) = 1 − (1 − x)².
        // 5% quantile 1 − √0.95 = 0.025320566, 95% quantile 1 − √0.05 = 0.776393202.
        let p = EscalationParameters(followUpDays: 0, priceYear: 2022, risks: [
            .fall: RiskParameters(event: "x", probability: Self.e(1, 1, 1), deadweight: Self.e(0, 0, 0),
                                  attribution: Self.e(1, 1, 1), unitCost: Self.e(0, 0, 1)),
        ])
        let r = EscalationModel(parameters: p, draws: 200_000, seed: 7).evaluate(counts: [.fall: 1], ondersteunerCost: nil)
        #expect(abs(r.interval.lower - 0.025320566) < 0.003)
        #expect(abs(r.interval.upper - 0.776393202) < 0.005)
        #expect(r.mostLikely == 0)
    }

    @Test func monteCarloIsReproducible() {
        let a = EscalationModel(parameters: .reference, draws: 5000, seed: 42)
            .evaluate(counts: [.fall: 7, .nursingHomeAdmission: 2], ondersteunerCost: 10_000)
        let b = EscalationModel(parameters: .reference, draws: 5000, seed: 42)
            .evaluate(counts: [.fall: 7, .nursingHomeAdmission: 2], ondersteunerCost: 10_000)
        let c = EscalationModel(parameters: .reference, draws: 5000, seed: 43)
            .evaluate(counts: [.fall: 7, .nursingHomeAdmission: 2], ondersteunerCost: 10_000)
        #expect(a == b)
        #expect(a.interval != c.interval)
        #expect(a.mostLikely == c.mostLikely)               // the mode does not depend on the seed
        #expect(a.median != c.median)
    }

    @Test func generatorIsStable() {
        // Reference values from a Python transcription of Vigna's splitmix64.c and xoshiro256starstar.c
        // (state = four SplitMix64 outputs from seed 0, the first being 0xE220A8397B1DCDAF).
        var g = Xoshiro256StarStar(seed: 0)
        let first = (0..<3).map { _ in g.next() }
        #expect(first == [11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768])
        for _ in 0..<1000 { let u = g.nextUnit(); #expect(u >= 0 && u < 1) }
    }

    @Test func intervalNarrowsAsDrawsGrow() {
        func spread(_ draws: Int) -> Double {
            let lows = (1...16).map { seed in
                EscalationModel(parameters: Self.twoRisks, draws: draws, seed: UInt64(seed))
                    .evaluate(counts: [.fall: 10, .debt: 3], ondersteunerCost: nil).interval.upper
            }
            let mean = lows.reduce(0, +) / Double(lows.count)
            return (lows.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(lows.count - 1)).squareRoot()
        }
        let s1 = spread(1000), s10 = spread(10_000), s50 = spread(50_000)
        #expect(s1 > s10 && s10 > s50, "sd of the 95% point: \(s1), \(s10), \(s50)")
    }

    @Test func fixtureCountingRuleAndValue() throws {
        // Counted (as-of 2024-05-31, horizon 90 days): c1 fall (closed), c3 nursing home (closed),
        // c4 frequent GP use (closed; debt escalated). Not counted: c5 (fall escalated), c8 (87 days,
        // open), c10 (80 days), c12 (72 days).
        let r = try Fixture.run(.escalation) { $0.priceIndex = nil }
        #expect(try r.value("AAA", "2024Q1", "escalation_cases_counted") == 3)
        // Reference file at mode, 2022 prices: fall 0.2·0.6·0.4·1536 = 73.728; nursing
        // 0.1·0.6·0.4·26100 = 626.4; GP 0.5·0.6·0.5·185.22 = 27.783
        let avoided = 73.728 + 626.4 + 27.783
        #expect(close(try r.value("AAA", "2024Q1", "avoided_cost_eur_most_likely"), avoided, 1e-6))
        #expect(try r.value("AAA", "2024Q1", "avoided_cost_price_year") == 2022)
        // The headline row is the median of the draws, inside its 5–95% interval and above the
        // most likely value (the ranges are skewed upwards).
        let median = try #require(r.row("AAA", "2024Q1", "avoided_cost_eur"))
        #expect(median.n == 3)
        #expect(try #require(median.lower) < (median.value ?? 0) && (median.value ?? 0) < (median.upper ?? 0))
        #expect((median.value ?? 0) > avoided)
        #expect(try r.value("AAA", "2024Q1", "avoided_cost_eur:debt") == 0)
        #expect(r.row("AAA", "2024Q1", "avoided_cost_eur:fall")?.n == 1)
        let cost = 26_000 * 91 / 365.25
        #expect(close(try r.value("AAA", "2024Q1", "return_per_euro"), (median.value ?? 0) / cost, 1e-9))
        // A shorter horizon makes c8, c10, c12 known: isolation 2, debt 1.
        let short = try Fixture.run(.escalation) { $0.followUpDays = 60 }
        #expect(try short.value("AAA", "2024Q1", "escalation_cases_counted") == 6)
        #expect(short.row("AAA", "2024Q1", "avoided_cost_eur:isolation")?.n == 2)
    }

    /// 2024Q1 is at 2024 prices by default: every euro figure × CPI 2024 / CPI 2022 =
    /// 130.31 / 121.43 = 1.0731285514 (Python: make_escalation_reference.py gives the same factor).
    @Test func fixtureIsAtThePricesOfTheReportYear() throws {
        let plain = try Fixture.run(.escalation) { $0.priceIndex = nil }
        let priced = try Fixture.run(.escalation)
        let f = 130.31 / 121.43
        #expect(abs(f - 1.0731285514288067) < 1e-15)
        #expect(try priced.value("AAA", "2024Q1", "avoided_cost_price_year") == 2024)
        let mode = (73.728 + 626.4 + 27.783) * f
        #expect(close(try priced.value("AAA", "2024Q1", "avoided_cost_eur_most_likely"), mode, 1e-6))
        // Draws of a triangular distribution scale with its three points: the median, interval and
        // per-risk figures are the unpriced ones times f (to rounding).
        for metric in ["avoided_cost_eur", "avoided_cost_eur:fall", "avoided_cost_eur:nursing_home_admission", "return_per_euro"] {
            let a = try #require(plain.row("AAA", "2024Q1", metric)), b = try #require(priced.row("AAA", "2024Q1", metric))
            #expect(close(b.value, (a.value ?? 0) * f, 1e-9 * (a.value ?? 1)), "\(metric)")
            #expect(close(b.lower, (a.lower ?? 0) * f, 1e-9 * (a.lower ?? 1)) && close(b.upper, (a.upper ?? 0) * f, 1e-9 * (a.upper ?? 1)))
        }
        // A price year asked for beyond the CPI series (2027) uses 2025 and says 2025.
        let later = try Fixture.run(.escalation) { $0.priceYear = 2027 }
        #expect(try later.value("AAA", "2024Q1", "avoided_cost_price_year") == 2025)
        // A period before the CPI series is not indexed: the file's 2022 prices, and the row says so.
        var options = MetricsOptions(periods: [try period("2009")], suppress: false)
        options.escalationParameters = .reference
        #expect(options.pricedEscalationParameters.1 == nil)
        #expect(options.pricedEscalationParameters.0 == .reference)
    }

    /// As-of 2024-05-31 is 61 days after 2024Q1 ends: with the 90-day horizon the quarter's
    /// follow-up is incomplete (c8, c10, c12 are open and too recent to count); with 60 days it is
    /// complete (61 > 60).
    @Test func followUpCompleteness() throws {
        let r = try Fixture.run(.escalation)
        #expect(try r.value("AAA", "2024Q1", "escalation_follow_up_complete") == 0)
        let short = try Fixture.run(.escalation) { $0.followUpDays = 60 }
        #expect(try short.value("AAA", "2024Q1", "escalation_follow_up_complete") == 1)
        let edge = try Fixture.run(.escalation) { $0.followUpDays = 61 }
        #expect(try edge.value("AAA", "2024Q1", "escalation_follow_up_complete") == 0)
    }

    @Test func referenceMatchesFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/parameters/escalation.json")
        let bytes = [UInt8](try Data(contentsOf: url))
        let decoded = try EscalationParameters.decode(json: bytes)
        #expect(decoded == EscalationParameters.reference)
        #expect(decoded.valuedRisks == Risk.allCases)
        #expect(decoded.followUpDays == 90)
        for (_, p) in decoded.risks {
            #expect(p.unitCost.priceYear == 2022)
            #expect(p.probability.source.contains("ASSUMPTION"))
        }
    }

    @Test(arguments: [
        #"{"price_year":2022,"follow_up_days":90,"risks":{"fall":{"event":"x","probability":{"low":0.5,"most_likely":0.2,"high":0.6,"source":"s"},"deadweight":{"low":0,"most_likely":0,"high":0,"source":"s"},"attribution":{"low":1,"most_likely":1,"high":1,"source":"s"},"unit_cost":{"low":1,"most_likely":1,"high":1,"source":"s"}}}}"#,
        #"{"price_year":2022,"follow_up_days":90,"risks":{"falls":{"event":"x","probability":{"low":0.1,"most_likely":0.2,"high":0.6,"source":"s"},"deadweight":{"low":0,"most_likely":0,"high":0,"source":"s"},"attribution":{"low":1,"most_likely":1,"high":1,"source":"s"},"unit_cost":{"low":1,"most_likely":1,"high":1,"source":"s"}}}}"#,
        #"{"price_year":2022,"follow_up_days":90,"distribution":"pert","risks":{}}"#,
        #"{"price_year":2022,"follow_up_days":90,"risks":{"fall":{"event":"x","probability":{"low":0.1,"most_likely":0.2,"high":1.6,"source":"s"},"deadweight":{"low":0,"most_likely":0,"high":0,"source":"s"},"attribution":{"low":1,"most_likely":1,"high":1,"source":"s"},"unit_cost":{"low":1,"most_likely":1,"high":1,"source":"s"}}}}"#,
        #"{"price_year":2022}"#,
        "not json",
    ])
    func rejectsBadParameterFiles(json: String) {
        #expect(throws: MetricsError.self) { try EscalationParameters.decode(json: Array(json.utf8)) }
    }
}
