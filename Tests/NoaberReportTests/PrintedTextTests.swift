import Foundation
import NoaberModel
import Testing
@testable import NoaberReport

/// Every text of every SVG the three reports write prints at 8 pt or more on A4 and none is cut
/// short with "…" (issue "Reports as their readers read them", item 2).
///
/// The printed size follows from the HTML: a figure whose table sits beside the chart prints the
/// chart 414 CSS px wide, a stacked one 640 px (`PrintLayout`, the print stylesheet); a text of
/// `s` units in a chart `W` units wide prints at `s · printed / W · 0.75` pt. The browser check
/// (`Tests/browser/check_reports.py`) measures the same in Chromium.
@Suite struct PrintedTextTests {
    struct Text { let figure: String; let content: String; let points: Double }

    /// Every chart text of an HTML report with its printed size.
    static func texts(in html: String) -> [Text] {
        var out: [Text] = []
        var rest = Substring(html)
        while let figureStart = rest.range(of: "<figure id=\"") {
            rest = rest[figureStart.upperBound...]
            let figure = String(rest.prefix { $0 != "\"" })
            guard let end = rest.range(of: "</figure>") else { break }
            let body = rest[..<end.lowerBound]
            rest = rest[end.upperBound...]
            let stacked = body.contains("class=\"figure-body stacked\"")
            // One of two figures side by side (a village page): half the width less the gap.
            let half = body.contains("class=\"figure-body half\"")
            guard let svgStart = body.range(of: "<svg "),
                  let width = attribute("width", in: body[svgStart.lowerBound...].prefix { $0 != ">" }).flatMap(Double.init),
                  let svgEnd = body.range(of: "</svg>") else { continue }
            let svg = body[svgStart.lowerBound..<svgEnd.lowerBound]
            let rootSize = attribute("font-size", in: svg.prefix { $0 != ">" }).flatMap(Double.init) ?? 16
            var scan = svg
            while let open = scan.range(of: "<text ") {
                let tag = scan[open.lowerBound...].prefix { $0 != ">" }
                let afterTag = scan[open.lowerBound...].dropFirst(tag.count + 1)
                guard let close = afterTag.range(of: "</text>") else { break }
                let content = XMLText.unescaped(String(afterTag[..<close.lowerBound]))
                let size = attribute("font-size", in: tag).flatMap(Double.init) ?? rootSize
                out.append(Text(figure: figure, content: content,
                                points: half ? size * PrintLayout.halfPrintedWidth / width * 0.75
                                             : PrintLayout.printedPoints(size, chartWidth: width, stacked: stacked)))
                scan = afterTag[close.upperBound...]
            }
        }
        return out
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    enum XMLText {
        static func unescaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The village pages are checked page by page in `VillagePageTests`.
    @Test(arguments: Audience.allCases.filter { $0 != .dorp }, Language.allCases)
    func everyChartTextPrintsAtEightPointsUncut(audience: Audience, language: Language) throws {
        let request = try DemoLikeFixture.request(audience, language: language, highlight: ["SAA"])
        let files = try ReportGenerator.render(input: DemoLikeFixture.input, provenance: DemoLikeFixture.provenance, request: request)
        let html = try #require(files.first { $0.path == audience.fileName }).bytes
        let texts = Self.texts(in: String(decoding: html, as: UTF8.self))
        let figures = Set(texts.map(\.figure))
        // Every figure of the report was found and has text; the standalone SVGs are the same charts.
        let svgFiles = files.filter { $0.path.hasPrefix("figures/") }
        #expect(figures.count == svgFiles.count, "\(figures.sorted()) vs \(svgFiles.map(\.path))")
        #expect(texts.count > 40)
        let small = texts.filter { $0.points < PrintLayout.minimumPoints - 1e-9 }
        #expect(small.isEmpty, "\(audience) \(language): below 8 pt: \(small.prefix(5).map { "\($0.figure) \"\($0.content)\" \($0.points)" })")
        let cut = texts.filter { $0.content.hasSuffix("…") }
        #expect(cut.isEmpty, "\(audience) \(language): cut short: \(cut.map { "\($0.figure) \"\($0.content)\"" })")
        for file in svgFiles {
            #expect(!String(decoding: file.bytes, as: UTF8.self).contains("…</text>"), "\(file.path) has a label cut short")
        }
        let smallest = texts.map(\.points).min() ?? 0
        print("\(audience.rawValue) \(language.rawValue): \(texts.count) chart texts in \(figures.count) figures, smallest \(smallest) pt")
    }

    @Test func printLayoutMatchesTheStylesheet() {
        // 186 mm at 96 px per inch; the side column 3/5 of it less the 0.8 rem gap.
        #expect(abs(PrintLayout.contentWidth - 703.0) < 0.1)
        #expect(abs(PrintLayout.printedWidth(stacked: false) - 414.1) < 0.1)
        #expect(PrintLayout.printedWidth(stacked: true) == 640)
        #expect(Stylesheet.css.contains("grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: .8rem"))
        #expect(Stylesheet.css.contains("@page { size: A4; margin: 10mm 12mm; }"))
        #expect(Stylesheet.css.contains(".figure-body.stacked .figure-svg svg { max-width: 40rem; }"))
        #expect(!Stylesheet.css.contains("max-height"), "a maximum height would shrink charts below the printed size worked out")
        #expect(PrintLayout.printedPoints(Draw.smallFontSize, chartWidth: PrintLayout.besideChartWidth, stacked: false) >= 8)
        #expect(PrintLayout.printedPoints(Draw.smallFontSize, chartWidth: PrintLayout.stackedChartWidth, stacked: true) >= 8)
    }

    @Test func longLabelsWrapInsteadOfBeingCut() {
        let lines = TextMetrics.lines("aandeel van de vrijwilligers, van minst naar meest actief", maxWidth: 200, fontSize: 12)
        #expect(lines.count == 2)
        #expect(lines.joined(separator: " ") == "aandeel van de vrijwilligers, van minst naar meest actief")
        #expect(lines.allSatisfy { TextMetrics.width($0, fontSize: 12) <= 200 })
        // A word wider than the line is broken after its hyphen, then between characters; nothing is lost.
        let word = TextMetrics.lines("Wmo-huishoudelijke-hulp", maxWidth: 60, fontSize: 12)
        #expect(word.joined() == "Wmo-huishoudelijke-hulp" && word.count > 1)
        let long = TextMetrics.lines("Onderdendamsterbuitenwegen", maxWidth: 50, fontSize: 12)
        #expect(long.joined() == "Onderdendamsterbuitenwegen" && long.allSatisfy { TextMetrics.width($0, fontSize: 12) <= 50 })
        #expect(TextMetrics.lines("", maxWidth: 10, fontSize: 12) == [""])
    }
}

/// WCAG 2.1 contrast of the chart colours on white: 3:1 for lines and markers (1.4.11), 4.5:1
/// for text (1.4.3).
@Suite struct PaletteContrastTests {
    @Test func seriesColoursStandOutFromWhite() throws {
        for colour in Palette.series + [Palette.secondary, Palette.reference, Palette.blue, Palette.vermillion, Palette.black] {
            let ratio = try #require(Palette.contrastRatio(colour))
            #expect(ratio >= 3, "\(colour): \(ratio):1")
        }
    }

    @Test func textColoursAreReadable() throws {
        for colour in Palette.text {
            let ratio = try #require(Palette.contrastRatio(colour))
            #expect(ratio >= 4.5, "\(colour): \(ratio):1")
        }
    }

    /// The published Okabe–Ito values, measured: orange 2.25:1, sky blue 2.31:1.
    @Test func contrastRatioAgreesWithKnownValues() throws {
        #expect(try #require(Palette.contrastRatio("#000000")) == 21)
        #expect(abs(try #require(Palette.contrastRatio(Palette.orange)) - 2.25) < 0.01)
        #expect(abs(try #require(Palette.contrastRatio(Palette.skyBlue)) - 2.31) < 0.01)
        #expect(abs(try #require(Palette.contrastRatio("#767676")) - 4.54) < 0.01)
        #expect(Palette.contrastRatio("blue") == nil)
        #expect(!Palette.series.contains(Palette.orange) && !Palette.series.contains(Palette.skyBlue))
    }
}

/// `--highlight CODE`: the reader's own village is marked in the funnel plots and the panels.
@Suite struct HighlightTests {
    @Test func ownVillageIsMarkedAndNamed() throws {
        let request = try DemoLikeFixture.request(.lerendNetwerk, language: .nl, highlight: ["SAA"])
        let files = try ReportGenerator.render(input: DemoLikeFixture.input, provenance: DemoLikeFixture.provenance, request: request)
        let funnel = String(decoding: try #require(files.first { $0.path == "figures/funnel-reach_per_1000.svg" }).bytes, as: UTF8.self)
        #expect(funnel.contains("font-weight=\"bold\">Saasveld</text>"))
        #expect(funnel.contains(">eigen dorp</text>"))
        #expect(funnel.contains("Gemarkeerd: Saasveld."))
        let panels = String(decoding: try #require(files.first { $0.path == "figures/response-time-villages.svg" }).bytes, as: UTF8.self)
        #expect(panels.contains("Saasveld (eigen dorp)"))
        // Without --highlight nothing is marked.
        let plain = try ReportGenerator.render(input: DemoLikeFixture.input, provenance: DemoLikeFixture.provenance,
                                               request: try DemoLikeFixture.request(.lerendNetwerk, language: .nl))
        let plainFunnel = String(decoding: try #require(plain.first { $0.path == "figures/funnel-reach_per_1000.svg" }).bytes, as: UTF8.self)
        #expect(!plainFunnel.contains("eigen dorp"))
        // Every village of the six (five with enough cases) is named in a plot of at most 12.
        for name in ["Deurningen", "Lattrop-Breklenkamp", "Saasveld", "Weerselo"] { #expect(plainFunnel.contains(">\(name)</text>"), "\(name)") }
    }
}
