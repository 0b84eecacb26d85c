import Foundation
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// The raadsbrief over many villages: the per-village bar chart and table give way to
/// one funnel plot with a summary and a CSV, while the headline figures stay.
@Suite struct RaadsbriefCompactTests {
    /// The rows of the HTML table with id `t-<name>`, as the text between `<tr>` tags.
    func tableRows(_ html: String, _ name: String) -> [String] {
        guard let start = html.range(of: "<table id=\"t-\(name)\">"),
              let end = html[start.upperBound...].range(of: "</table>"),
              let body = html[start.upperBound..<end.lowerBound].range(of: "<tbody>") else { return [] }
        let tbody = html[body.upperBound..<end.lowerBound]
        return tbody.components(separatedBy: "<tr>").dropFirst().map { $0 }
    }

    /// The lines of a readable table; a Dutch report writes them for Dutch Excel (BOM, `;`, CRLF).
    func csvLines(_ text: String?) -> [String] {
        var body = Substring(text ?? "")
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        return body.split(separator: "\r\n").flatMap { $0.split(separator: "\n") }.map(String.init)
    }

    @Test func manyVillagesGetTheFunnelAndTheCSV() throws {
        let files = try ManyVillageFixture.render(20, smallVillage: true)
        let html = try #require(files["report-raadsbrief.html"])
        let svg = try #require(files["figures/reach-per-village.svg"])
        #expect(svg.contains("Trechterdiagram"))
        #expect(!svg.contains("Staafdiagram"))
        #expect(html.contains("De cijfers per dorp staan in tables/reach-per-village.csv."))
        // The HTML shows the summary, not 21 rows.
        let rows = tableRows(html, "reach-per-village")
        #expect(rows.count == 9, "\(rows.count) rows: \(rows)")
        // Reach of village i is 6 + i per 1,000. Zwartemeer (2) reads <5, and since the pooled
        // total would give it away, disclosure control hides a second village: the smallest,
        // Dorp 000 (docs/disclosure.md). Shown: 7 … 25, median 16.
        #expect(rows.contains { $0.contains("Dorpen in het diagram") && $0.contains(">19<") }, "\(rows)")
        #expect(rows.contains { $0.contains("Dorpen onderdrukt (&lt;5)") && $0.contains(">2<") })
        #expect(rows.contains { $0.contains("Laagste dorp") && $0.contains(">7,0<") })
        #expect(rows.contains { $0.contains("Hoogste dorp") && $0.contains(">25,0<") })
        #expect(rows.contains { $0.contains("Mediaan van de dorpen") && $0.contains(">16,0<") })
        #expect(rows.contains { $0.contains("Boven de 99,8%-grens") && $0.contains(">0<") })
        #expect(html.contains("2 dorpen met minder dan 5 inwoners bereikt staan er niet in (&lt;5)."))
        // The CSV has every village; the hidden ones read <5, never a number.
        let csv = csvLines(files["tables/reach-per-village.csv"])
        #expect(csv.count == 22)
        #expect(csv.first == "Dorp;Per 1.000 (95%-BI);Per 1.000 (95%-BI) – ondergrens;Per 1.000 (95%-BI) – bovengrens;Inwoners bereikt;Inwoners;Ligging in de trechter")
        #expect(csv.contains("Zwartemeer;<5;<5;<5;<5;1000;<5"))
        #expect(csv.contains("Dorp 000;<5;<5;<5;<5;1000;<5"))
        let second = try #require(csv.first { $0.hasPrefix("Dorp 001;") })
        #expect(second.hasPrefix("Dorp 001;7,0;"))
        // 7 against the pooled 14.9 at n = 1,000 lies below the exact 95% limit, but reach 7 … 25
        // over nineteen equal villages varies far more than chance: φ passes 1 + 2√(2/19), the
        // limits are widened by τ², and the caption says so.
        #expect(second.hasSuffix(";7;1000;binnen de grenzen"), "\(second)")
        #expect(html.contains("de grenzen zijn verbreed met de spreiding tussen de dorpen"))
    }

    /// A village hidden by secondary suppression must not come back as a funnel point (with
    /// the pooled total beside it, its value would give the small village away).
    @Test(arguments: [Audience.raadsbrief, .lerendNetwerk])
    func hiddenVillagesAreNotFunnelPoints(_ audience: Audience) throws {
        var request = try ManyVillageFixture.request()
        request.audience = audience
        let files = try ReportGenerator.render(input: ManyVillageFixture.input(20, smallVillage: true),
                                               provenance: ReportFixture.provenance, request: request)
        let name = audience == .raadsbrief ? "figures/reach-per-village.svg" : "figures/funnel-reach_per_1000.svg"
        let svg = String(decoding: try #require(files.first { $0.path == name }).bytes, as: UTF8.self)
        #expect(svg.contains("<title>Dorp 001: 7,0 (n = 1.000)</title>"))
        #expect(!svg.contains("Dorp 000:"))
        #expect(!svg.contains("Zwartemeer:"))
    }

    @Test func headlineFiguresStayInTheCompactForm() throws {
        let html = try #require(try ManyVillageFixture.render(20, smallVillage: true)["report-raadsbrief.html"])
        // 6 + 7 + … + 25 = 310 requests, plus 2 in Zwartemeer; each from a different resident.
        #expect(html.contains("Er kwamen <strong>312</strong> hulpvragen en signalen binnen."))
        #expect(html.contains("bereikten <strong>312</strong> inwoners: 14,9 (95%-BI"), "312 / 21,000 inhabitants")
        #expect(html.contains("De helft van de hulpvragen had binnen <strong>2,0"))
        #expect(html.contains("Binnen 7 dagen: 100"))
        // The comparison with 2023Q4: 5 requests in each of the 20 villages.
        let comparison = tableRows(html, "comparison")
        #expect(comparison.first?.contains(">100<") == true)
        #expect(comparison.first?.contains(">312<") == true)
        #expect(html.contains("Wat de schatting wel en niet zegt"))
        #expect(html.components(separatedBy: "<figure ").count - 1 >= 3)
    }

    @Test func englishCompactForm() throws {
        let html = try #require(try ManyVillageFixture.render(20, language: .en)["report-raadsbrief.html"])
        #expect(html.contains("<strong>310</strong> requests and signals came in."))
        #expect(html.contains("The figures per village are in tables/reach-per-village.csv."))
        #expect(html.contains("No village lies outside the 99.8% limits."))
        #expect(tableRows(html, "reach-per-village").contains { $0.contains("Median of the villages") && $0.contains(">15.5<") })
    }

    @Test func twelveVillagesKeepTheBarChartThirteenDoNot() throws {
        let limit = ReportComposer.raadsbriefVillageLimit
        #expect(limit == 12)
        let atLimit = try ManyVillageFixture.render(limit)
        #expect(try #require(atLimit["figures/reach-per-village.svg"]).contains("Staafdiagram"))
        let html = try #require(atLimit["report-raadsbrief.html"])
        #expect(tableRows(html, "reach-per-village").count == limit)
        #expect(!html.contains("tables/reach-per-village.csv"))
        let over = try ManyVillageFixture.render(limit + 1)
        #expect(try #require(over["figures/reach-per-village.svg"]).contains("Trechterdiagram"))
        #expect(tableRows(try #require(over["report-raadsbrief.html"]), "reach-per-village").count == 8, "summary without a suppressed row")
        #expect(csvLines(over["tables/reach-per-village.csv"]).count == limit + 2)
    }

    @Test func longTrendListsTheLatestPeriodsAndKeepsAllInCSV() throws {
        // 2022Q1 … 2024Q1: nine quarters.
        let files = try ManyVillageFixture.render(13, period: "2022-01-01..2024-03-31", every: .quarter)
        let html = try #require(files["report-raadsbrief.html"])
        let rows = tableRows(html, "reach-trend")
        #expect(rows.count == ReportComposer.raadsbriefTrendRows)
        #expect(rows.first?.contains("2e kwartaal 2022") == true)
        #expect(rows.last?.contains("1e kwartaal 2024") == true)
        #expect(html.contains("De tabel toont de laatste 8 van 9 perioden; alle perioden staan in tables/reach-trend.csv."))
        #expect(csvLines(files["tables/reach-trend.csv"]).count == 10)
    }

    @Test func aHundredVillagesStaySmall() throws {
        let html = try #require(try ManyVillageFixture.render(100)["report-raadsbrief.html"])
        #expect(html.utf8.count < 100_000, "\(html.utf8.count) bytes")
        #expect(tableRows(html, "reach-per-village").count == 8)
    }

    @Test func smallVillageCountsKeepTheBarChartInOtherAudiences() throws {
        // The compact form is the raadsbrief's: the research report keeps every village in HTML.
        var request = try ManyVillageFixture.request()
        request.audience = .onderzoek
        let files = try ReportGenerator.render(input: ManyVillageFixture.input(20), provenance: ReportFixture.provenance, request: request)
        let html = String(decoding: try #require(files.first { $0.path == "report-onderzoek.html" }).bytes, as: UTF8.self)
        #expect(tableRows(html, "reach-per-village").count == 20)
    }
}

/// The chart-level pieces that keep a long or dense raadsbrief readable and small.
@Suite struct DenseChartTests {
    @Test func visibleStepsMergeCornersCloserThanTheResolution() {
        let merged = KaplanMeierChart.visibleSteps([(0, 100), (0.1, 90), (0.49, 80), (0.5, 70), (3, 60), (3.2, 50)],
                                                    resolution: 0.5)
        #expect(merged.map(\.x) == [0, 0.5, 3])
        #expect(merged.map(\.y) == [80, 70, 50])
        #expect(KaplanMeierChart.visibleSteps([]).isEmpty)
        let apart = [(x: 0.0, y: 1.0), (x: 1, y: 2), (x: 2, y: 3)]
        #expect(KaplanMeierChart.visibleSteps(apart).map(\.x) == [0, 1, 2], "one unit apart: all kept")
    }

    /// A curve of `count` steps over 60 days, survival falling linearly to 0.1.
    func denseCurve(_ count: Int) -> KaplanMeierChart {
        let steps = (1...count).map { i -> KaplanMeierChart.Step in
            let s = 1 - 0.9 * Double(i) / Double(count)
            return .init(time: 60 * Double(i) / Double(count), survival: s, lower: max(0, s - 0.05), upper: min(1, s + 0.05))
        }
        return KaplanMeierChart(title: "t", curves: [.init(label: "all", steps: steps)], maximumTime: 60,
                                width: 560, height: 320, identifier: "km-dense")
    }

    @Test func denseCurvesCostTheChartWidthNotTheStepCount() {
        let small = denseCurve(6_000).svg(language: .nl), large = denseCurve(60_000).svg(language: .nl)
        // About 500 units of plot: at most one corner per unit and path, whatever the steps.
        #expect(small.utf8.count < 50_000, "\(small.utf8.count) bytes")
        #expect(Double(large.utf8.count) < 1.05 * Double(small.utf8.count), "\(large.utf8.count) against \(small.utf8.count)")
        // The estimate line still ends at 10%, where a one-step curve at 60 days ends.
        let one = KaplanMeierChart(title: "t", curves: [.init(label: "all", steps: [.init(time: 60, survival: 0.1, lower: 0.05, upper: 0.15)])],
                                   maximumTime: 60, width: 560, height: 320, identifier: "km-dense").svg(language: .nl)
        func lastCorner(_ text: String) -> String? {
            text.components(separatedBy: "stroke-width=\"2\"").first?.components(separatedBy: "<path d=\"").last?
                .components(separatedBy: "\"").first?.components(separatedBy: "L").last
        }
        #expect(lastCorner(small) != nil)
        #expect(lastCorner(small) == lastCorner(one))
    }

    @Test func monthLabelsThinToCalendarStepsOnYearStarts() {
        let dates = DateFormatting(language: .nl)
        // 36 months from March 2022 to February 2025 in 13-unit slots: "mrt 2022" does not fit in one, two or three.
        let codes = (0..<36).map { i -> String in
            let m = (2 + i) % 12 + 1, y = 2022 + (2 + i) / 12
            return "\(y)-" + (m < 10 ? "0" : "") + "\(m)"
        }
        let layout = CategoryLabelLayout.periods(codes, labels: codes.map(dates.shortPeriodLabel), slotWidth: 13)
        #expect(layout.step == 6)
        #expect(!layout.rotated)
        #expect(layout.offset == 4, "July 2022 is the first month on a half-year start")
        #expect(codes.indices.filter(layout.shows).map { codes[$0] } == ["2022-07", "2023-01", "2023-07", "2024-01", "2024-07", "2025-01"])
        // Twelve quarters from 2022Q2 with room for every second label: Q3 and Q1.
        let quarters = (0..<12).map { i in "\(2022 + (1 + i) / 4)Q\((1 + i) % 4 + 1)" }
        let q = CategoryLabelLayout.periods(quarters, labels: quarters.map(dates.shortPeriodLabel), slotWidth: 40)
        #expect(q.step == 2)
        #expect(q.offset == 1)
        #expect(quarters.indices.filter(q.shows).map { quarters[$0] }.allSatisfy { $0.hasSuffix("Q1") || $0.hasSuffix("Q3") })
    }
}
