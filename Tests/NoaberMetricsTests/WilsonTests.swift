import Testing
@testable import NoaberMetrics

@Suite("Wilson score interval")
struct WilsonTests {
    @Test("matches the reference formula evaluated in Python (statsmodels' wilson method)")
    func reference() throws {
        let rows = try ReferenceFixtures.load().wilson
        #expect(rows.count >= 6)
        for row in rows {
            let interval = try #require(Wilson.interval(successes: row.successes, trials: row.trials,
                                                        confidence: row.confidence))
            #expect(isClose(interval.lower, row.lower, relative: 1e-12), "\(row.successes)/\(row.trials) lower")
            #expect(isClose(interval.upper, row.upper, relative: 1e-12), "\(row.successes)/\(row.trials) upper")
        }
    }

    // By hand, 5/10 at 95%: z = 1.959963984540054, z² = 3.841458820694124,
    //   denominator 1 + z²/10 = 1.3841458820694126,
    //   centre (0.5 + z²/20) / 1.38414588 = 0.5 (symmetric),
    //   half z·√(0.25/10 + z²/400) / 1.38414588 = 1.95996398·√0.03460365 / 1.38414588 = 0.2634069095,
    //   so [0.2365930905, 0.7634069095] (the published Wilson interval for 5/10 is 0.237–0.763).
    // 0/10: centre = half = (z²/20)/1.38414588 = 0.1387663999, so [0, 0.2775327999].
    @Test func handWorked() throws {
        let half = try #require(Wilson.interval(successes: 5, trials: 10))
        #expect(abs(half.lower - 0.2365930905) < 1e-10)
        #expect(abs(half.upper - 0.7634069095) < 1e-10)
        let none = try #require(Wilson.interval(successes: 0, trials: 10))
        #expect(none.lower == 0)
        #expect(abs(none.upper - 0.2775327999) < 1e-10)
        let all = try #require(Wilson.interval(successes: 10, trials: 10))
        #expect(all.upper == 1)
        #expect(abs(all.lower - (1 - 0.2775327999)) < 1e-10)
    }

    @Test func invalidInputsGiveNil() {
        #expect(Wilson.interval(successes: 0, trials: 0) == nil)
        #expect(Wilson.interval(successes: 3, trials: -1) == nil)
        #expect(Wilson.interval(successes: -1, trials: 10) == nil)
        #expect(Wilson.interval(successes: 11, trials: 10) == nil)
    }

    @Test("mirror symmetry, containment of p̂, and widening with confidence")
    func properties() throws {
        for trials in [1, 2, 7, 50, 1_700] {
            for successes in Set([0, 1, trials / 3, trials / 2, trials - 1, trials]) where successes >= 0 {
                let interval = try #require(Wilson.interval(successes: successes, trials: trials))
                let mirror = try #require(Wilson.interval(successes: trials - successes, trials: trials))
                #expect(abs(interval.lower - (1 - mirror.upper)) < 1e-12)
                #expect(abs(interval.upper - (1 - mirror.lower)) < 1e-12)
                #expect(interval.contains(Double(successes) / Double(trials)))
                #expect(0 <= interval.lower && interval.upper <= 1)
                let wider = try #require(Wilson.interval(successes: successes, trials: trials, confidence: 0.998))
                #expect(wider.lower <= interval.lower && interval.upper <= wider.upper)
            }
        }
    }
}
