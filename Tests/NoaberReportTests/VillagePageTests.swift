import Foundation
import NoaberMetrics
import NoaberModel
import NoaberTestSupport
import Testing
@testable import NoaberReport

/// The village pages (`report --audience dorp`) on `VillagePageFixture`: what
/// each page says for a village with complete data, one without any, one partly covered and one
/// too small to show, its to-do list, suppression across the pages, and print.
@Suite struct VillagePageTests {
    /// The page's `<main>` with every inline SVG cut to `<svg/>` (the figures have goldens of their own).
    static func main(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<main>\n")), end = try #require(html.range(of: "</main>"))
        var body = String(html[start.upperBound..<end.lowerBound])
        while let open = body.range(of: "<svg "), let close = body.range(of: "</svg>\n", range: open.upperBound..<body.endIndex) {
            body.replaceSubrange(open.lowerBound..<close.upperBound, with: "<svg/>\n")
        }
        return body
    }

    static func page(_ files: [String: String], _ code: String) throws -> String {
        try #require(files["\(code)/report-dorp-\(code).html"], "no page for \(code): \(files.keys.sorted())")
    }

    /// Reading a CSV table through the independent reader of the tests: a tidy file (standard
    /// dialect), or a readable table of a Dutch page (Dutch Excel's: BOM and `;`).
    static func csv(_ text: String) throws -> [[String]] {
        text.hasPrefix("\u{FEFF}") ? ReferenceCSV.parse(String(text.dropFirst()), delimiter: ";") : ReferenceCSV.parse(text)
    }

    // MARK: - Golden files

    @Test(arguments: Language.allCases)
    func pagesMatchTheirGoldenFiles(language: Language) throws {
        let files = try VillagePageFixture.render(language: language)
        for code in ["DEU", "LAT", "NDE", "TIL"] {
            try GoldenFile.check(try Self.main(try Self.page(files, code)), against: "village-page-\(code)-\(language.rawValue).html")
        }
        for figure in ["reach-trend", "response-time"] {
            let svg = try #require(files["DEU/figures/\(figure).svg"])
            try GoldenFile.check(svg, against: "village-\(figure)-\(language.rawValue).svg")
        }
    }

    // MARK: - Files

    @Test func everyVillageGetsAFolderOfItsOwn() throws {
        let files = try VillagePageFixture.render()
        for v in VillagePageFixture.villages {
            #expect(files["\(v.code)/report-dorp-\(v.code).html"] != nil, "\(v.code)")
            #expect(files["\(v.code)/tables/metrics.csv"] != nil, "\(v.code)")
        }
        // A village with figures has its two charts and their tables; one without data has none.
        for path in ["WEE/figures/reach-trend.svg", "WEE/figures/response-time.svg", "WEE/tables/key-figures.csv",
                     "WEE/tables/reach-trend.csv", "WEE/tables/response-time.csv", "DEU/tables/rejected-rows.csv"] {
            #expect(files[path] != nil, "\(path)")
        }
        #expect(!files.keys.contains { $0.hasPrefix("TIL/figures/") })
        // The tidy file of a page holds its own village and the pooled group, nothing of the others.
        let tidy = try Self.csv(try #require(files["SAA/tables/metrics.csv"]))
        #expect(Set(tidy.dropFirst().map { $0[0] }) == ["SAA", "all"])
    }

    @Test func folderNamesCannotLeaveTheOutputFolder() {
        let villages = ["../x", "a/b", "a-b", "", "SAA"].map { Village(code: $0, name: $0, municipality: "M", inhabitants: 100) }
        let folders = ReportGenerator.pageFolders(villages)
        #expect(folders == ["dorp---x", "a-b", "a-b-2", "dorp", "SAA"])
        #expect(folders.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })
    }

    /// `--village` picks the pages; the comparison is still with every village.
    @Test func pageVillagesPickThePagesNotTheComparison() throws {
        let all = try VillagePageFixture.render()
        let one = try VillagePageFixture.render(pages: ["SAA"])
        #expect(Set(one.keys.map { String($0.prefix { $0 != "/" }) }) == ["SAA"])
        #expect(one["SAA/tables/key-figures.csv"] == all["SAA/tables/key-figures.csv"])
        #expect(one["SAA/report-dorp-SAA.html"] == all["SAA/report-dorp-SAA.html"])
        #expect(throws: ReportError.unknownVillage(code: "XYZ")) {
            _ = try VillagePageFixture.render(pages: ["SAA", "XYZ"])
        }
    }

    // MARK: - What a page says

    @Test func aVillageWithoutDataSaysSoPlainly() throws {
        for (language, sentence, todo) in [
            (Language.nl, "Tilligte heeft nog geen gegevens aangeleverd", "stuur de eerste export van de registratie"),
            (.en, "Tilligte has not sent any data yet", "send the first export of the registration"),
        ] {
            let html = try Self.page(try VillagePageFixture.render(language: language), "TIL")
            #expect(html.contains(sentence))
            #expect(html.contains(todo))
            #expect(html.contains(language == .nl ? "ook geen nullen" : "not even zeros"))
            #expect(!html.contains("<table") && !html.contains("<figure"), "no table of dashes, no empty chart")
        }
    }

    /// Lattrop-Breklenkamp's data end on 15 November 2024: response times yes, counts and the
    /// comparison with 2023 no, and the to-do says a newer export would complete 2024.
    @Test func aPartlyCoveredVillageHasNoCountsAndNoComparison() throws {
        let files = try VillagePageFixture.render()
        let html = try Self.page(files, "LAT")
        #expect(html.contains("De gegevens van Lattrop-Breklenkamp lopen tot 15 november 2024, de dag van de laatste export (87% van de periode)."))
        #expect(html.contains("Geen vergelijking met 2023"))
        #expect(html.contains("<strong>Te doen:</strong> stuur een nieuwe export. De laatste is van 15 november 2024"))
        let table = try Self.csv(try #require(files["LAT/tables/key-figures.csv"]))
        #expect(table[0] == ["Wat", "Lattrop-Breklenkamp, 2024", "Lattrop-Breklenkamp, 2024 – ondergrens", "Lattrop-Breklenkamp, 2024 – bovengrens",
                             "Dorpen met volledige gegevens, 2024", "Dorpen met volledige gegevens, 2024 – ondergrens",
                             "Dorpen met volledige gegevens, 2024 – bovengrens"], "what, the village and all villages, no 2023")
        let cases = try #require(table.first { $0[0] == "Hulpvragen en signalen" })
        #expect(cases[1] == "", "no count for a partly covered year, not a zero: \(cases)")
        let within = try #require(table.first { $0[0] == "Eerste contact binnen 7 dagen (%)" })
        #expect(!within[1].isEmpty, "response times over the covered days: \(within)")
    }

    /// A period past a village's data: the page says where its data end, shows no table of dashes.
    @Test func aPeriodPastTheDataOfAVillage() throws {
        let files = try VillagePageFixture.render(period: "2025Q1")
        let lat = try Self.page(files, "LAT")
        #expect(lat.contains("Over 1e kwartaal 2025 zijn er van Lattrop-Breklenkamp geen gegevens: ze lopen van 1 januari 2023 tot 15 november 2024."))
        #expect(lat.contains("over 1e kwartaal 2025 zijn er nog geen cijfers"))
        let saa = try Self.page(files, "SAA")
        #expect(saa.contains("De gegevens van Saasveld lopen tot 10 januari 2025"))
        #expect(saa.contains("Over 1e kwartaal 2025 zijn voor Saasveld nog geen cijfers te geven."))
        #expect(!saa.contains("id=\"t-key-figures\""))
    }

    @Test func aFullyCoveredVillageIsComparedWithAllVillagesAndItsPreviousYear() throws {
        let files = try VillagePageFixture.render()
        let html = try Self.page(files, "WEE")
        #expect(html.contains("De cijfers van Weerselo komen uit de export van 10 januari 2025 en gaan over de hele periode."))
        #expect(html.contains("Dat verschil is niet groter dan toeval bij een dorp van deze grootte kan geven.")
                || html.contains("dan je door toeval zou verwachten") || html.contains("dan toeval kan verklaren"))
        #expect(html.contains("In 2023 kwamen er ") || html.contains("Er kwamen evenveel hulpvragen"))
        let table = try Self.csv(try #require(try VillagePageFixture.render(language: .en)["WEE/tables/key-figures.csv"]))
        #expect(table[0] == ["What", "Weerselo, 2024", "Weerselo, 2024 – lower bound", "Weerselo, 2024 – upper bound",
                             "Weerselo, 2023", "Weerselo, 2023 – lower bound", "Weerselo, 2023 – upper bound",
                             "Villages with complete data, 2024", "Villages with complete data, 2024 – lower bound",
                             "Villages with complete data, 2024 – upper bound"])
        // No jargon for volunteers and the dorpsraad.
        // (The charts' text alternatives, read out by a screen reader, name the median.)
        for jargon in ["Kaplan", "Wilson", "KM", "BI ", "gecensureerd", "mediaan", "funnel", "trechter"] {
            #expect(!Self.visibleText(html, withoutAlternatives: true).contains(jargon), "\(jargon)")
            if jargon != "mediaan" { #expect(!Self.visibleText(html).contains(jargon), "\(jargon)") }
        }
    }

    /// The visible words of a page: tags and the stylesheet left out.
    static func visibleText(_ html: String, withoutAlternatives: Bool = false) -> String {
        var text = html
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(style.lowerBound..<end.upperBound) }
        while withoutAlternatives, let open = text.range(of: "<desc"), let close = text.range(of: "</desc>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        var out = "", inTag = false
        for ch in text {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false; out.append(" ") } else if !inTag { out.append(ch) }
        }
        return out
    }

    @Test func theEnglishPageIsEnglish() throws {
        let html = try Self.page(try VillagePageFixture.render(language: .en), "DEU")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let text = Self.visibleText(html)
        for dutch in ["hulpvra", "Te doen", "In orde", "inwoners", "dorpen", "regel", "kwartaal", "Periode"] {
            #expect(!text.contains(dutch), "\(dutch)")
        }
        #expect(text.contains("To do:") && text.contains("Your figures"))
    }

    // MARK: - The to-do list

    @Test func theToDoListNamesTheRowsToFixInTheFilesOwnWords() throws {
        let files = try VillagePageFixture.render()
        let html = try Self.page(files, "DEU")
        #expect(html.contains("3 rijen zijn afgekeurd en tellen niet mee."))
        // Two rows with the same reason in the same column are one thing to fix; no folder names.
        #expect(html.contains("<li>DEU-cases.csv, regels 72 en 90, kolom ‘Datum melding’: datum bestaat niet &#39;31-2-2024&#39;</li>")
                || html.contains("<li>DEU-cases.csv, regels 72 en 90, kolom ‘Datum melding’: datum bestaat niet '31-2-2024'</li>"))
        #expect(html.contains("regel 177, kolom ‘Thema&#39;s’") || html.contains("regel 177, kolom ‘Thema's’"))
        #expect(!html.contains("/home/someone"))
        #expect(html.contains("6 niet meer in DEU-cases-januari.csv van 10 januari 2025 (waarvan 2 nog open)"))
        let rejected = try Self.csv(try #require(files["DEU/tables/rejected-rows.csv"]))
        #expect(rejected.count == 4)
        #expect(rejected[0] == ["Bestand", "Regel", "Kolom", "Reden"])
        #expect(rejected[1] == ["DEU-cases.csv", "72", "Datum melding", "datum bestaat niet '31-2-2024'"])
        // Fields left empty: the age band of about one request in six.
        #expect(html.contains("vul deze velden vaker in: leeftijd (leeg bij"))
        // A village with nothing rejected says so.
        #expect(try Self.page(files, "SAA").contains("<strong>In orde:</strong> alle rijen uit jullie exports zijn ingelezen"))
    }

    /// Without the store's list (a library user's own input) the page gives the counts.
    @Test func withoutTheStoresListThePageGivesTheCounts() throws {
        var provenance = VillagePageFixture.provenance()
        provenance.villageFeedback = [:]
        let html = try Self.page(try VillagePageFixture.render(provenance: provenance), "DEU")
        #expect(html.contains("3 rijen uit jullie exports van hulpvragen zijn afgekeurd"))
        #expect(html.contains("noaber rejected --for-village DEU"))
    }

    // MARK: - Disclosure

    /// Noord-Deurningen has 4 requests in 2024: `<5` on its page, never the number; and since
    /// the pooled total stands on every page, a second village is hidden as well (rule 3), so the
    /// hidden count cannot be recovered by subtracting the other pages' counts from the total.
    @Test func aSmallVillageIsHiddenAndCannotBeRecoveredFromTheTotal() throws {
        let files = try VillagePageFixture.render()
        let html = try Self.page(files, "NDE")
        let table = try Self.csv(try #require(files["NDE/tables/key-figures.csv"]))
        let cases = try #require(table.first { $0[0] == "Hulpvragen en signalen" })
        #expect(cases[1] == "<5", "\(cases)")
        #expect(html.contains("te weinig hulpvragen (minder dan 5)"))
        // Every page shows its own village and the pooled group, no "other villages" column.
        for (path, text) in files where path.hasSuffix("tables/key-figures.csv") {
            let header = try Self.csv(text)[0]
            let code = String(path.prefix { $0 != "/" })
            let name = try #require(VillagePageFixture.villages.first { $0.code == code }).name
            #expect(header.allSatisfy { $0 == "Wat" || $0.hasPrefix(name + ", ") || $0.hasPrefix("Dorpen met volledige gegevens, ") },
                    "\(path): \(header)")
        }
        // Across all pages: where the pooled count is shown, never exactly one village is hidden.
        var shown: [String: [String: MetricRowText]] = [:]
        for (path, text) in files where path.hasSuffix("tables/metrics.csv") {
            for row in try Self.csv(text).dropFirst() where row[1] == "2024" && DisclosureControl.isCount(MetricID(stringLiteral: row[2])) {
                shown[row[2], default: [:]][row[0]] = MetricRowText(value: row[3], suppressed: row[7] == "true")
            }
        }
        var checked = 0
        for (metric, groups) in shown {
            guard let total = groups["all"], !total.suppressed, !total.value.isEmpty else { continue }
            let hidden = groups.filter { $0.key != "all" && $0.value.suppressed }
            #expect(hidden.count != 1, "\(metric): only \(hidden.keys.sorted()) hidden beside a total of \(total.value)")
            if !hidden.isEmpty { checked += 1 }
        }
        #expect(checked > 0, "the fixture hides some count beside a shown total")
    }

    struct MetricRowText { let value: String; let suppressed: Bool }

    /// No person key, volunteer key or case id of the input appears in anything a page writes.
    @Test func nothingOnAPageIdentifiesAResident() throws {
        for language in Language.allCases {
            for (path, text) in try VillagePageFixture.render(language: language) {
                for marker in ["-person-", "-volunteer-", "DEU-0-", "SAA-1-", "WEE-7-"] {
                    #expect(!text.contains(marker), "\(path) contains \(marker)")
                }
            }
        }
    }

    // MARK: - Print

    /// Every chart text prints at 8 pt or more on A4 and none is cut short, in both languages.
    @Test(arguments: Language.allCases)
    func everyChartTextPrintsAtEightPointsUncut(language: Language) throws {
        let files = try VillagePageFixture.render(language: language)
        var figures = 0
        for (path, html) in files where path.hasSuffix(".html") {
            let folder = String(path.prefix { $0 != "/" })
            let texts = PrintedTextTests.texts(in: html)
            let svgFiles = files.filter { $0.key.hasPrefix(folder + "/figures/") }
            #expect(Set(texts.map(\.figure)).count == svgFiles.count, "\(path)")
            let small = texts.filter { $0.points < PrintLayout.minimumPoints - 1e-9 }
            #expect(small.isEmpty, "\(path): below 8 pt: \(small.prefix(5).map { "\($0.content) \($0.points)" })")
            #expect(!texts.contains { $0.content.hasSuffix("…") }, "\(path)")
            for (svgPath, svg) in svgFiles { #expect(!svg.contains("…</text>"), "\(svgPath) has a label cut short") }
            figures += svgFiles.count
        }
        #expect(figures >= 6, "Deurningen and Weerselo with two charts each, Lattrop-Breklenkamp and Saasveld with one at least")
    }

    @Test func halfWidthChartsPrintAtTheSizeTheStylesheetGives() {
        // Two columns of 186 mm less the 0.8 rem gap: 345 px; 11 units of a 350-unit chart: 8.1 pt.
        #expect(abs(PrintLayout.halfPrintedWidth - 345.1) < 0.1)
        #expect(Draw.smallFontSize * PrintLayout.halfPrintedWidth / PrintLayout.halfChartWidth * 0.75 >= 8)
        #expect(Stylesheet.css.contains(".figure-pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .8rem;"))
    }
}

