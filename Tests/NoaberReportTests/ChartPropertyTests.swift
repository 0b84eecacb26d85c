import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NoaberModel
import Testing
@testable import NoaberReport

/// Properties every chart must have, whatever its data: well-formed, self-contained, accessible,
/// and safe with hostile labels.
@Suite struct ChartPropertyTests {
    static let charts = ChartFixtures.all.map(\.name)

    private func svg(_ name: String, _ language: Language) throws -> String {
        try #require(ChartFixtures.all.first { $0.name == name }?.chart).svg(language: language)
    }

    @Test(arguments: charts, Language.allCases)
    func parsesAsXMLWithTitleAndDescription(name: String, language: Language) throws {
        let text = try svg(name, language)
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(collector.names.first == "svg")
        #expect(collector.names.dropFirst().first == "title")
        #expect(collector.names.dropFirst(2).first == "desc")
        #expect(collector.rootAttributes["role"] == "img")
        #expect(collector.rootAttributes["aria-labelledby"] == "\(collector.ids.first ?? "") \(collector.ids.dropFirst().first ?? "")")
        #expect(collector.rootAttributes["viewBox"]?.hasPrefix("0 0 ") == true)
        #expect(Set(collector.ids).count == collector.ids.count, "duplicate ids in \(name)")
    }

    @Test(arguments: charts, Language.allCases)
    func refersToNothingOutside(name: String, language: Language) throws {
        let text = try svg(name, language)
        let withoutNamespace = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http"))
        #expect(!withoutNamespace.contains("//"))
        #expect(!text.contains("href"))
        #expect(!text.contains("@import"))
        #expect(!text.contains("<script"))
    }

    @Test func hostileLabelsComeOutEscaped() throws {
        let chart = BarChart(title: "<script>x</script>", valueTitle: "=HYPERLINK(\"x\")",
                             bars: [.init(label: "<script>x</script>", value: 3), .init(label: "=HYPERLINK(\"x\")", value: 4)])
        let text = chart.svg(language: .nl)
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(text.contains("=HYPERLINK(&quot;x&quot;)"))
        #expect(!text.contains("HYPERLINK(\"x\")"))
        let funnel = try svg("funnel", .en)
        #expect(!funnel.contains("<script>"))
        #expect(funnel.contains("&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func suppressedBarIsAPlaceholderNotAZero() {
        let chart = BarChart(title: "t", valueTitle: "v", bars: [.suppressed("Wezup")], minimumCell: 5)
        let text = chart.svg(language: .nl)
        #expect(text.contains("&lt;5"))
        #expect(text.contains("url(#bar-chart-hatch)"))
        #expect(chart.textAlternative(language: .nl).contains("Wezup: <5 (onderdrukt)"))
        #expect(!chart.textAlternative(language: .nl).contains("Wezup: 0"))
    }

    /// A label too long for its place wraps onto more lines; nothing is cut with "…".
    @Test func longCategoryLabelsWrapAndAreNeverCut() throws {
        for (name, _) in ChartFixtures.all {
            for language in Language.allCases {
                #expect(!(try svg(name, language)).contains("…</text>"), "\(name) \(language)")
            }
        }
        let text = try svg("bar", .nl)
        #expect(text.contains("<title>Exloërveen en Zandberg (buitengebied): 47,5</title>"))
        let lines = TextMetrics.lines("Exloërveen en Zandberg (buitengebied)", maxWidth: 640 * 0.3, fontSize: Draw.fontSize)
        #expect(lines.count == 2)
        for line in lines { #expect(text.contains(">\(line)</text>"), "\(line)") }
    }

    @Test func outputIsDeterministic() {
        for (_, chart) in ChartFixtures.all {
            #expect(chart.svg(language: .nl) == chart.svg(language: .nl))
        }
    }

    @Test func funnelClassifiesAgainstInterpolatedLimits() {
        let funnel = ChartFixtures.funnel
        let byLabel = Dictionary(uniqueKeysWithValues: funnel.points.map { ($0.label, funnel.position(of: $0)) })
        // p = 0.02, n = 3950: 99.8% upper = (0.02 + 3.090232·sqrt(0.02·0.98/3950))·1000 ≈ 26.9 < 27.6.
        #expect(byLabel["Exloo"] == .above998)
        // n = 4800: 99.8% lower ≈ 13.8 > 12.9.
        #expect(byLabel["Borger (centrum en omliggende buurtschappen)"] == .below998)
        // n = 1210: 95% lower ≈ 12.1 > 9.1, 99.8% lower ≈ 7.5 < 9.1.
        #expect(byLabel["Zweeloo"] == .between95And998)
        #expect(byLabel["Odoorn"] == .within95)
        let limits: [FunnelPlot.Limit] = [.init(denominator: 100, lower: 0, upper: 10), .init(denominator: 200, lower: 2, upper: 6)]
        #expect(FunnelPlot.interpolate(limits, at: 150)?.upper == 8)
        #expect(FunnelPlot.interpolate(limits, at: 50)?.lower == 0)
        #expect(FunnelPlot.interpolate([], at: 50) == nil)
        #expect(funnel.textAlternative(language: .nl).contains("Buiten de 99,8%-grenzen: Exloo, Borger"))
    }

    @Test func kaplanMeierMediansAndSurvival() {
        let curves = ChartFixtures.kaplanMeier.curves
        #expect(curves[0].median == 6)
        #expect(curves[1].median == nil)
        #expect(curves[0].survival(at: 0.5) == 1)
        #expect(curves[0].survival(at: 4) == 0.55)
        let text = ChartFixtures.kaplanMeier.textAlternative(language: .nl)
        #expect(text.contains("Ees: mediaan 6 dagen"))
        #expect(text.contains("Odoorn: mediaan niet bereikt"))
    }

    @Test func lorenzGiniMatchesTheClosedForm() throws {
        // G = 2·Σ i·xᵢ / (n·Σx) − (n+1)/n for ascending x: 0.6231343283582089 (computed in Python).
        let gini = try #require(ChartFixtures.lorenz.gini)
        #expect(abs(gini - 0.6231343283582089) < 1e-12)
        #expect(LorenzChart(title: "t", hoursPerVolunteer: [4, 4, 4, 4]).gini == 0)
        #expect(LorenzChart(title: "t", hoursPerVolunteer: []).gini == nil)
        #expect(ChartFixtures.lorenz.svg(language: .nl).contains("Gini-coëfficiënt: 0,62"))
    }

    @Test func tornadoSortsBySwing() {
        let labels = ChartFixtures.tornado.sortedParameters.map(\.label)
        #expect(labels == ["Kans op escalatie zonder hulp", "Aandeel toe te schrijven aan het dorp (attributie)",
                           "Kosten van een opname", "Uren per hulpvraag"])
    }

    @Test func trendGapsAreNotDrawnAsZero() {
        let text = ChartFixtures.trend.textAlternative(language: .nl)
        #expect(text.contains("K4 2023 –"))
        #expect(!text.contains("K4 2023 0"))
    }
}

/// Records element names, ids and the root's attributes.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var names: [String] = []
    var ids: [String] = []
    var rootAttributes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if names.isEmpty { rootAttributes = attributeDict }
        names.append(elementName)
        if let id = attributeDict["id"], elementName == "title" || elementName == "desc" { ids.append(id) }
    }
}
