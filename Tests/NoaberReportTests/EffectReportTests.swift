import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// The effect in the reports: the raadsbrief's one sentence in each of its cases, and the
/// onderzoek report's section, on synthetic panels (`ReportFixture` for the case figures).
@Suite struct EffectReportTests {
    /// 12 villages in two start groups and 12 comparison areas, quarterly from 2019Q1, population
    /// 1,000; the rate from `rate(area, t, treatedNow, isTreatedArea)` plus a fixed jitter.
    static func evidence(jitter amplitude: Double = 10, minCell: Int? = 5,
                         rate: (Int, Int, Bool, Bool) -> Double) throws -> EffectEvidence {
        var areas: [EffectAreaFacts] = []
        var outcomes: [OutcomeRecord] = []
        let periods = (0..<12).map { OutcomePeriod.quarter(2019, 1).advanced(by: $0) }
        func noise(_ a: Int, _ t: Int) -> Double {
            var z = UInt64(a) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(t) &* 0xBF58_476D_1CE4_E5B9 &+ 1
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) / Double(1 << 53) - 0.5) * amplitude
        }
        for i in 0..<24 {
            let treated = i < 12
            let start: OutcomePeriod = i < 6 ? .quarter(2020, 1) : .quarter(2020, 3)
            let code = (treated ? "T" : "C") + String(100 + i)
            areas.append(EffectAreaFacts(code: code, name: (treated ? "Dorp " : "Gebied ") + String(i), ondersteunerStart: treated ? start.start : nil,
                                         isComparisonArea: !treated))
            for (t, p) in periods.enumerated() {
                let value = rate(i, t, treated && p >= start, treated) + noise(i, t)
                outcomes.append(OutcomeRecord(village: code, measure: "huisartsconsulten", period: p, value: value, population: 1000))
            }
        }
        let input = EffectInput(areas: areas, outcomes: outcomes)
        let request = EffectRequest(measure: "huisartsconsulten", minCell: minCell)
        do { return .estimated(try EffectAnalysis.run(input, request: request)) } catch {
            return .notPossible(measure: "huisartsconsulten", error: error)
        }
    }

    static func shown() throws -> EffectEvidence {
        try evidence { a, t, on, _ in 1000 + 3 * Double(a % 7) + 2 * Double(t) + (on ? -60 : 0) }
    }
    static func zero() throws -> EffectEvidence {
        try evidence(jitter: 40) { a, t, _, _ in 1000 + 3 * Double(a % 7) + 2 * Double(t) }
    }
    static func diverging() throws -> EffectEvidence {
        try evidence(jitter: 5) { a, t, on, treated in 1000 + 3 * Double(a % 7) + (treated ? 8 * Double(t) : 0) + (on ? -60 : 0) }
    }

    func render(_ audience: Audience, _ effect: EffectEvidence?, language: Language = .nl) throws -> [String: String] {
        var request = try ReportFixture.request(audience, language: language)
        request.effect = effect
        let files = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance, request: request)
        var out: [String: String] = [:]
        for f in files { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }

    /// The sentence in the raadsbrief's paragraph `class="effect"`.
    func sentence(_ html: String) throws -> String {
        let after = try #require(html.components(separatedBy: "<p class=\"effect\">").dropFirst().first, "no effect sentence")
        return try #require(after.components(separatedBy: "</p>").first)
    }

    @Test func theRaadsbriefClaimsAnEffectOnlyWhenTheIntervalExcludesZeroAndNoPretrendRejects() throws {
        let claim = try sentence(try #require(render(.raadsbrief, Self.shown())["report-raadsbrief.html"]))
        #expect(claim.hasPrefix("In de 12 dorpen met een dorpsondersteuner lag het aantal huisartsconsulten na de start gemiddeld"), "\(claim)")
        #expect(claim.contains("per 1.000 inwoners per kwartaal lager dan te verwachten was uit 12 vergelijkbare gebieden"), "\(claim)")
        #expect(!claim.contains("nog niet"))

        let zero = try sentence(try #require(render(.raadsbrief, Self.zero())["report-raadsbrief.html"]))
        #expect(zero.hasPrefix("Of de dorpsondersteuning het aantal huisartsconsulten verandert, kunnen de gegevens nog niet laten zien: de schatting"), "\(zero)")
        #expect(zero.contains("valt binnen de marge van toeval") && zero.contains("geen effect is"), "\(zero)")

        let pretrend = try sentence(try #require(render(.raadsbrief, Self.diverging())["report-raadsbrief.html"]))
        #expect(pretrend.contains("kunnen de gegevens nog niet laten zien") && pretrend.contains("al vóór de start verschillend"), "\(pretrend)")
        #expect(pretrend.contains("pre-trendtoets p = "), "\(pretrend)")

        let english = try sentence(try #require(render(.raadsbrief, Self.zero(), language: .en)["report-raadsbrief.html"]))
        #expect(english.hasPrefix("The data cannot show yet whether village support changes the number of huisartsconsulten"), "\(english)")
    }

    @Test func whenNoEstimateCanBeMadeTheRaadsbriefSaysWhyInPlainWords() throws {
        let incomplete = EffectEvidence.notPossible(
            measure: "huisartsconsulten", error: .estimate(.unbalancedPanel(measure: "huisartsconsulten", gaps: [.init(area: "X", missingPeriods: ["2024Q1"])])))
        let s = try sentence(try #require(render(.raadsbrief, incomplete)["report-raadsbrief.html"]))
        #expect(s == "Of de dorpsondersteuning het aantal huisartsconsulten verandert, kunnen de gegevens nog niet laten zien: de reeks is niet compleet (niet voor elk gebied elke periode).")
        let html = try #require(render(.onderzoek, incomplete)["report-onderzoek.html"])
        #expect(html.contains("Waarom niet: maat huisartsconsulten ontbreekt voor 1 gebied in sommige perioden"))
        // Small counts: the sentence says so; the figure has no number for the hidden estimates.
        var small = try Self.evidence(jitter: 0) { a, t, on, _ in a == 20 && t == 0 ? 3 : 1000 + Double(a % 5) + (on ? -30 : 0) }
        if case .estimated(let r) = small { #expect(r.verdict == .suppressed) } else { Issue.record("\(small)") }
        let hidden = try sentence(try #require(render(.raadsbrief, small)["report-raadsbrief.html"]))
        #expect(hidden.hasSuffix("de cijfers berusten op te kleine aantallen om te publiceren."), "\(hidden)")
        small = try Self.evidence(jitter: 0, minCell: nil) { a, t, on, _ in a == 20 && t == 0 ? 3 : 1000 + Double(a % 5) + (on ? -30 : 0) }
        if case .estimated(let r) = small { #expect(r.verdict != .suppressed) }
    }

    @Test func theOnderzoekReportShowsTheEventStudyTheTestsAndTheAssumptions() throws {
        let files = try render(.onderzoek, Self.shown())
        let html = try #require(files["report-onderzoek.html"])
        #expect(html.contains("id=\"effect\">Effect op huisartsconsulten (gemeten)</h2>"))
        for needle in ["Dorpen met een ondersteuner (12)", "Vergelijkingsgebieden zonder ondersteuner (12)",
                       "Gemiddeld effect na de start: ", "Pre-trendtoets over alle effecten vóór de start",
                       "Pre-trendtoets over de event study in de laatste 4 kwartalen", "Gelijke trends:", "Weinig gebieden:",
                       "Andere veranderingen in dezelfde tijd:", "Callaway &amp; Sant"] {
            #expect(html.contains(needle), "\(needle)")
        }
        let svg = try #require(files["figures/effect-event-study.svg"])
        #expect(svg.contains(">Event study, verschil per 1.000 inwoners, per periode ten opzichte van de start"))
        #expect(svg.contains("vóór de start") && svg.contains(">start<"))
        let table = try #require(files["tables/effect-event-study.csv"])
        // A readable table: the report's language and, for a Dutch report, the excel-nl dialect.
        #expect(table.hasPrefix("\u{FEFF}t.o.v. start;Periode;Effect (95%-BI);Effect (95%-BI) – ondergrens;Effect (95%-BI) – bovengrens;Startgroepen;Gebieden"),
                "\(table.prefix(120))")
        #expect(files["tables/effect-start-groups.csv"] != nil)
        // The other audiences say nothing more than the raadsbrief's sentence.
        let network = try #require(try render(.lerendNetwerk, Self.shown())["report-lerend-netwerk.html"])
        #expect(!network.contains("huisartsconsulten"))
    }

    @Test func withoutOutcomeSeriesNoReportMentionsEffects() throws {
        for audience in Audience.allCases {
            let html = try #require(try render(audience, nil).first { $0.key.hasSuffix(".html") }?.value)
            #expect(!html.contains("class=\"effect\"") && !html.contains("id=\"effect\""), "\(audience)")
        }
        let choose = try #require(try render(.onderzoek, .chooseMeasure(["a", "b"]))["report-onderzoek.html"])
        #expect(choose.contains("kies er één voor dit rapport met --effect-measure"))
        let brief = try #require(try render(.raadsbrief, .chooseMeasure(["a", "b"]))["report-raadsbrief.html"])
        #expect(!brief.contains("class=\"effect\""))
    }

    @Test func theEventStudyChartDrawsHiddenEstimatesAsBoxesAndNeverCutsText() {
        let chart = EventStudyChart(title: "Effect", points: [
            .init(relativePeriod: -2, value: 1, lower: -3, upper: 5), .init(relativePeriod: -1, value: nil, lower: nil, upper: nil, suppressed: true),
            .init(relativePeriod: 0, value: -8, lower: -12, upper: -4), .init(relativePeriod: 1, value: -9, lower: -14, upper: -4),
        ], valueTitle: "verschil", periodTitle: "kwartalen vanaf de start")
        let svg = chart.svg(language: .nl)
        #expect(svg.contains("url(#event-study-hatch)"))
        #expect(chart.textAlternative(language: .nl).contains("-1: verborgen (kleine aantallen)"))
        #expect(chart.textAlternative(language: .en).contains("0: -8.0 (95% CI -12.0 to -4.0)"))
        // Every text at 11 units or more (8 pt stacked on A4).
        for size in svg.components(separatedBy: "font-size=\"").dropFirst().compactMap({ Double($0.prefix { $0 != "\"" }) }) {
            #expect(size >= 11)
        }
    }
}
