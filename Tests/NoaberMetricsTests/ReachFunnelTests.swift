import NoaberTestSupport
import Testing
import NoaberModel
@testable import NoaberMetrics

/// Funnel points. Village A: 1,000 inhabitants, 30 residents with 2 cases each (60 cases);
/// village B: 200 inhabitants, 20 residents, 30 cases. Pooled reach 50 / 1,200; pooled case rate
/// 90 / 1,200. Expected limits (per 1,000) from scipy.stats with Spiegelhalter's interpolation
/// r_p = ppf(p), α = (cdf(r_p) − p) / pmf(r_p), limit = (r_p − α) / n:
///   binomial n = 1000: 95% 29.212274 … 53.968127; 99.8% 23.027583 … 61.941849
///   binomial n = 200:  95% 13.567891 … 69.051224; 99.8% 2.284888 … 89.033770
///   Poisson (cases) n = 1000: 95% 58.016994 … 91.936546; n = 200: 36.799449 … 112.915827
struct ReachFunnelTests {
    static func input() throws -> MetricsInput {
        let a = Village(code: "A", name: "A", municipality: "M", inhabitants: 1000, registrationStart: try day("2024-01-01"))
        let b = Village(code: "B", name: "B", municipality: "M", inhabitants: 200, registrationStart: try day("2024-01-01"))
        var cases: [CaseRecord] = []
        for i in 0..<60 {
            cases.append(CaseRecord(village: "A", caseID: "a\(i)", personKey: "a\(i % 30)", received: try at("2024-02-01")))
        }
        for i in 0..<30 {
            cases.append(CaseRecord(village: "B", caseID: "b\(i)", personKey: "b\(i % 20)", received: try at("2024-02-01")))
        }
        return MetricsInput(villages: [a, b], cases: cases, asOf: ["A": try day("2024-06-30"), "B": try day("2024-06-30")])
    }

    @Test func funnelPointsAgainstScipy() throws {
        let r = MetricsEngine.compute(.reach, input: try Self.input(), options: MetricsOptions(periods: [try period("2024Q1")]))
        let a = try #require(r.funnel.first { $0.village == "A" && $0.metric.rawValue == "reach_per_1000" })
        let b = try #require(r.funnel.first { $0.village == "B" && $0.metric.rawValue == "reach_per_1000" })
        #expect(a.value == 30 && b.value == 100)
        #expect(close(a.target, 1000.0 * 50 / 1200) && a.denominator == 1000 && b.denominator == 200)
        #expect(close(a.limits95.lower, 29.212274235972025, 1e-6) && close(a.limits95.upper, 53.96812682402748, 1e-6))
        #expect(close(a.limits998.lower, 23.027582888325355, 1e-6) && close(a.limits998.upper, 61.94184873490535, 1e-6))
        #expect(close(b.limits95.lower, 13.567890992100587, 1e-6) && close(b.limits95.upper, 69.05122430806085, 1e-6))
        #expect(close(b.limits998.upper, 89.03376964585047, 1e-6))
        #expect(!a.outside95 && !a.outside998)
        #expect(b.outside95 && b.outside998)
        let ca = try #require(r.funnel.first { $0.village == "A" && $0.metric.rawValue == "cases_per_1000" })
        let cb = try #require(r.funnel.first { $0.village == "B" && $0.metric.rawValue == "cases_per_1000" })
        #expect(ca.value == 60 && cb.value == 150 && close(ca.target, 75))
        #expect(close(ca.limits95.lower, 58.016994326468954, 1e-6) && close(ca.limits95.upper, 91.93654595751883, 1e-6))
        #expect(close(cb.limits95.lower, 36.79944938432924, 1e-6) && close(cb.limits95.upper, 112.91582720269601, 1e-6))
        #expect(!ca.outside95 && cb.outside95)
        // No 75+ denominators: no points for that rate.
        #expect(!r.funnel.contains { $0.metric.rawValue == "reach_75plus_pct" })
    }
}
