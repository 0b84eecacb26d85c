import Testing
@testable import NoaberMetrics

/// The limits the reports draw: exact, or widened for overdispersion over the villages shown
/// (`FunnelPoints.drawLimits`), against `make_stats_reference.py` (numpy/scipy).
@Suite("Funnel limits as drawn: overdispersion over the villages shown")
struct FunnelDrawTests {
    static let rules: [(String, FunnelWidening)] = [("never", .never), ("spiegelhalter", .spiegelhalter), ("funnelplotr", .funnelPlotR)]

    /// The points of a reference case as the engine makes them: one per village shown, all with
    /// the pooled rate of every village (hidden ones included) and exact limits to be replaced.
    static func points(_ c: StatsReferenceFile.FunnelDrawCase) -> [FunnelPoint] {
        let scale = FunnelPoints.scale(of: c.metric)
        return c.numerators.indices.filter { c.shown[$0] }.map { i in
            FunnelPoint(village: "V\(i)", period: "2024", metric: c.metric,
                        value: scale * Double(c.numerators[i]) / Double(c.denominators[i]), numerator: c.numerators[i],
                        denominator: c.denominators[i], target: c.target, limits95: Interval(lower: 0, upper: 0),
                        limits998: Interval(lower: 0, upper: 0))
        }
    }

    @Test("φ, τ², the decision and every village's limits match numpy/scipy under each rule")
    func matchesReference() throws {
        let cases = try StatsReferenceFixtures.load().funnelDraw
        #expect(cases.count >= 6)
        let cmp = ReferenceComparison(relative: 1e-9, absolute: 1e-12)
        for c in cases {
            for (name, rule) in Self.rules {
                let drawn = FunnelPoints.drawLimits(Self.points(c), widening: rule)
                let d = try #require(drawn.dispersion.first, "\(c.name)")
                #expect(drawn.dispersion.count == 1)
                #expect(d.count == c.count, "\(c.name) n")
                #expect(cmp.agrees(d.phi, c.phi), "\(c.name) φ \(d.phi) vs \(c.phi)")
                #expect(cmp.agrees(d.tau2, c.tau2), "\(c.name) τ² \(d.tau2) vs \(c.tau2)")
                #expect(cmp.agrees(d.threshold, c.threshold), "\(c.name) threshold")
                #expect(cmp.agrees(d.target, c.target), "\(c.name) target")
                let widened = c.widened[name] == true
                #expect((d.limitKind == .widened) == widened, "\(c.name) \(name): widened \(d.limitKind)")
                let expected = try #require(c.limits[name])
                for (point, l) in zip(drawn.points, expected) {
                    #expect(point.limitKind == d.limitKind)
                    #expect(cmp.agrees(point.limits95.lower, l[0]) && cmp.agrees(point.limits95.upper, l[1]),
                            "\(c.name) \(name) \(point.village) 95% \(point.limits95) vs \(l)")
                    #expect(cmp.agrees(point.limits998.lower, l[2]) && cmp.agrees(point.limits998.upper, l[3]),
                            "\(c.name) \(name) \(point.village) 99.8% \(point.limits998) vs \(l)")
                }
            }
        }
        print("FunnelPoints.drawLimits vs make_stats_reference.py: \(cmp.compared) numbers, largest relative difference \(cmp.largest)")
    }

    /// The demo's 2024 reach (four villages fully covered): φ = 0.26, far below 1 + 2√(2/4) = 2.41,
    /// and τ² = 0: exact limits under every rule.
    @Test func demoDrawsExactLimits() throws {
        let c = try StatsReferenceFixtures.load().funnelDraw.first { $0.name == "demo_reach" }
        let demo = try #require(c)
        let d = try #require(FunnelPoints.drawLimits(Self.points(demo), widening: .spiegelhalter).dispersion.first)
        #expect(abs(d.phi - 0.2552) < 1e-4 && d.tau2 == 0 && d.limitKind == .exact)
    }

    /// A village hidden after the pass (secondary suppression) leaves φ: its count must not be
    /// recoverable from φ and the other villages' published figures.
    @Test("withholding a funnel point draws φ and the limits again without it")
    func withholdingRedraws() throws {
        let c = try #require(try StatsReferenceFixtures.load().funnelDraw.first { $0.name == "six_spread_reach" })
        let all = Self.points(c)
        var result = MetricsResult()
        (result.funnel, result.funnelDispersion) = FunnelPoints.drawLimits(all, widening: .spiegelhalter)
        let hidden = MetricRow(village: "V2", period: "2024", metric: c.metric, value: nil, lower: nil, upper: nil, n: nil,
                               suppressed: true)
        DisclosureControl.withholdChartMaterial(&result, rows: [hidden], funnelWidening: .spiegelhalter)
        #expect(result.funnel.map(\.village) == ["V0", "V1", "V3", "V4", "V5"])
        let expected = FunnelPoints.drawLimits(all.filter { $0.village != "V2" }, widening: .spiegelhalter)
        #expect(result.funnelDispersion == expected.dispersion)
        #expect(result.funnel == expected.points)
        #expect(result.funnelDispersion.first?.count == 5)
        // The centre line is still the pooled rate of all six.
        #expect(result.funnel.allSatisfy { $0.target == c.target })
    }

    @Test("tidy rows: φ, τ² and the decision under group all")
    func rows() throws {
        let c = try #require(try StatsReferenceFixtures.load().funnelDraw.first { $0.name == "six_spread_reach" })
        let d = try #require(FunnelPoints.drawLimits(Self.points(c), widening: .spiegelhalter).dispersion.first)
        #expect(d.rows.map(\.metric) == ["funnel_phi:reach_per_1000", "funnel_tau2:reach_per_1000", "funnel_widened:reach_per_1000"])
        #expect(d.rows.allSatisfy { $0.village == "all" && $0.period == "2024" && $0.n == 6 && !$0.suppressed })
        #expect(d.rows[2].value == 1)
        #expect(MetricCatalog.entry("funnel_phi:reach_per_1000").en.hasPrefix("funnel overdispersion φ"))
    }
}
