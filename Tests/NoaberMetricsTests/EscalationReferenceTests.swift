import Foundation
import Testing
import NoaberModel
@testable import NoaberMetrics

/// The reference values written by Fixtures/make_escalation_reference.py: an independent Python
/// transcription of the generator and the triangular draws, numpy's percentiles, and the CBS CPI
/// read from Datasets/parameters/cpi-cbs.csv.
struct EscalationReferenceFile: Decodable, Sendable {
    struct Point: Decodable, Sendable {
        let low: Double
        let mostLikely: Double
        let high: Double
    }

    struct RiskFigures: Decodable, Sendable {
        let cases: Int
        let mostLikely: Double
        let p5: Double
        let median: Double
        let p95: Double
    }

    struct Case: Decodable, Sendable {
        let name: String
        let draws: Int
        let seed: UInt64
        let counts: [String: Int]
        let mostLikely: Double
        let p5: Double
        let median: Double
        let p95: Double
        let perRisk: [String: RiskFigures]
        let cost: Double?
        let returnPerEuro: Double?
        let reportYear: Int?
        let priceFactors: [String: Double]?
        let unitCosts: [String: Point]
    }

    struct Theory: Decodable, Sendable {
        let median: Double
        let p5: Double
        let p95: Double
    }

    let cases: [Case]
    let theory: Theory

    static func load() throws -> EscalationReferenceFile {
        let url = try #require(Bundle.module.url(forResource: "escalation_reference", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(EscalationReferenceFile.self, from: Data(contentsOf: url))
    }
}

@Suite("Prevented escalation against the Python reference (median, interval, prices)")
struct EscalationReferenceTests {
    static func parameters(_ name: String) -> EscalationParameters {
        switch name {
        case "two_risks": return EscalationTests.twoRisks
        case "theory":
            return EscalationParameters(followUpDays: 0, priceYear: 2022, risks: [
                .fall: RiskParameters(event: "x", probability: EscalationTests.e(1, 1, 1), deadweight: EscalationTests.e(0, 0, 0),
                                      attribution: EscalationTests.e(1, 1, 1), unitCost: EscalationTests.e(0, 0, 1)),
            ])
        default: return .reference
        }
    }

    @Test func everyCaseMatches() throws {
        let file = try EscalationReferenceFile.load()
        #expect(file.cases.count == 5)
        let cmp = ReferenceComparison(relative: 1e-12, absolute: 1e-9)
        for c in file.cases {
            var parameters = Self.parameters(c.name)
            var level: PriceLevel?
            if let year = c.reportYear {
                (parameters, level) = try parameters.priced(by: .cbs, to: year)
            }
            let model = EscalationModel(parameters: parameters, draws: c.draws, seed: c.seed, priceLevel: level)
            var counts: [Risk: Int] = [:]
            for (code, n) in c.counts { counts[try #require(Risk(rawValue: code))] = n }
            let r = model.evaluate(counts: counts, ondersteunerCost: c.cost)
            #expect(cmp.agrees(r.mostLikely, c.mostLikely), "\(c.name) most likely \(r.mostLikely) vs \(c.mostLikely)")
            #expect(cmp.agrees(r.median, c.median), "\(c.name) median \(r.median) vs \(c.median)")
            #expect(cmp.agrees(r.interval.lower, c.p5), "\(c.name) 5% \(r.interval.lower) vs \(c.p5)")
            #expect(cmp.agrees(r.interval.upper, c.p95), "\(c.name) 95% \(r.interval.upper) vs \(c.p95)")
            if let expected = c.returnPerEuro {
                #expect(cmp.agrees(try #require(r.returnPerEuro), expected), "\(c.name) return per euro")
            } else {
                #expect(r.returnPerEuro == nil)
            }
            for risk in r.perRisk {
                let p = try #require(c.perRisk[risk.risk.rawValue], "\(c.name) \(risk.risk)")
                #expect(risk.cases == p.cases)
                #expect(cmp.agrees(risk.mostLikely, p.mostLikely), "\(c.name) \(risk.risk) most likely")
                #expect(cmp.agrees(risk.median, p.median), "\(c.name) \(risk.risk) median \(risk.median) vs \(p.median)")
                #expect(cmp.agrees(risk.interval.lower, p.p5) && cmp.agrees(risk.interval.upper, p.p95), "\(c.name) \(risk.risk) band")
            }
            for (code, point) in c.unitCosts {
                let risk = try #require(Risk(rawValue: code))
                let cost = try #require(parameters.risks[risk]?.unitCost)
                #expect(cmp.agrees(cost.low, point.low) && cmp.agrees(cost.mostLikely, point.mostLikely)
                        && cmp.agrees(cost.high, point.high), "\(c.name) \(code) unit cost")
            }
            if let factors = c.priceFactors, let level {
                for (code, f) in factors {
                    let risk = try #require(Risk(rawValue: code))
                    let indexation = try #require(level.indexations[risk])
                    #expect(cmp.agrees(indexation.factor, f), "\(c.name) \(code) factor")
                }
                #expect(r.priceYear == min(c.reportYear ?? 0, 2025) && level.year == r.priceYear)
            }
        }
        print("EscalationModel vs make_escalation_reference.py: \(cmp.compared) numbers, largest relative difference \(cmp.largest)")
    }

    /// triangular(0, 0, 1): F(x) = 1 − (1 − x)², median 1 − √½ = 0.292893; with 200,000 draws the
    /// sample median lies within 0.002 of it (its standard error is about 0.0009).
    @Test func medianMatchesTheory() throws {
        let file = try EscalationReferenceFile.load()
        let r = EscalationModel(parameters: Self.parameters("theory"), draws: 200_000, seed: 7)
            .evaluate(counts: [.fall: 1], ondersteunerCost: nil)
        #expect(abs(file.theory.median - 0.2928932188) < 1e-9)
        #expect(abs(r.median - file.theory.median) < 0.002)
        #expect(abs(r.interval.lower - file.theory.p5) < 0.003 && abs(r.interval.upper - file.theory.p95) < 0.005)
        #expect(r.mostLikely == 0 && r.interval.lower < r.median && r.median < r.interval.upper)
    }
}
