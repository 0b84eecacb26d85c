import Foundation
import NoaberCSV
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// The reporter end to end on `ReportFixture`: escaping, suppression, self-containment, figures,
/// language, and the files it leaves on disk.
@Suite struct ReportGeneratorTests {
    func render(_ audience: Audience, language: Language = .nl, suppress: Bool = true) throws -> [String: String] {
        let files = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance,
                                               request: try ReportFixture.request(audience, language: language, suppress: suppress))
        var out: [String: String] = [:]
        for f in files { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }

    @Test(arguments: Audience.allCases)
    func hostileTextNeverAppearsRaw(_ audience: Audience) throws {
        let files = try render(audience)
        for (path, text) in files {
            if !path.hasSuffix(".csv") {
                #expect(!text.contains("<script"), "raw <script in \(path)")
                #expect(!text.contains("<b>x</b>"), "raw command-line markup in \(path)")
            }
            if path.hasSuffix(".csv") {
                // Every CSV cell that starts with = is neutralised with a leading quote.
                let delimiter: Character = text.hasPrefix("\u{FEFF}") ? ";" : ","
                for line in text.split(whereSeparator: \.isNewline) {
                    for cell in line.split(separator: delimiter, omittingEmptySubsequences: false) {
                        let c = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                        #expect(!c.hasPrefix("="), "formula cell in \(path): \(line)")
                    }
                }
            }
        }
        // A village page per village: the hostile village's own page names it.
        let html = try #require(files[audience == .dorp ? "EVL/report-dorp-EVL.html" : audience.fileName])
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || audience == .raadsbrief
                || !html.contains("alert(1)"))
    }

    @Test func hostileNamesAreEscapedWhereShown() throws {
        let files = try render(.lerendNetwerk)
        let html = try #require(files["report-lerend-netwerk.html"])
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)") || html.contains("=HYPERLINK(\"x\")"))
        let villages = try #require(files["tables/villages.csv"])
        #expect(villages.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(villages.contains("<script>alert(1)</script>"), "CSV keeps text as text; only formulas are neutralised")
        let svgs = files.filter { $0.key.hasPrefix("figures/") }
        #expect(!svgs.isEmpty)
        for (path, svg) in svgs { #expect(!svg.contains("<script"), "\(path)") }
    }

    @Test(arguments: Audience.allCases)
    func selfContained(_ audience: Audience) throws {
        let files = try render(audience)
        let xmlns = "xmlns=\"http://www.w3.org/2000/svg\""
        for (path, text) in files where !path.hasSuffix(".csv") {
            let stripped = text.replacingOccurrences(of: xmlns, with: "")
            #expect(!stripped.contains("http"), "a URL in \(path)")
            #expect(!stripped.contains("//"), "a protocol-relative or URL reference in \(path)")
            #expect(!stripped.contains("src="), "an external resource in \(path)")
            #expect(!stripped.contains("<link"), "a linked resource in \(path)")
            #expect(!stripped.contains("<script"), "a script in \(path)")
            #expect(!stripped.contains("@import"), "an imported stylesheet in \(path)")
            var rest = stripped[...]
            while let r = rest.range(of: "url(") {
                #expect(rest[r.upperBound...].hasPrefix("#"), "url( to something outside the document in \(path)")
                rest = rest[r.upperBound...]
            }
        }
    }

    @Test func languageAttributeAndFormats() throws {
        let nl = try #require(try render(.raadsbrief)["report-raadsbrief.html"])
        #expect(nl.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        #expect(nl.contains("1e kwartaal 2024"))
        #expect(nl.contains("<meta name=\"viewport\""))
        let en = try #require(try render(.raadsbrief, language: .en)["report-raadsbrief.html"])
        #expect(en.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(en.contains("Q1 2024"))
        // Figures with an interval use the language's decimal separator.
        #expect(nl.range(of: #">[0-9.]*[0-9],[0-9] <span class="ci">"#, options: .regularExpression) != nil)
        #expect(en.range(of: #">[0-9,]*[0-9]\.[0-9] <span class="ci">"#, options: .regularExpression) != nil)
        // Aadorp (8 residents) would be 4,0 per 1,000, but Almelo's total is shown and EVL (3 cases)
        // is hidden: rule 3 of docs/disclosure.md hides the next smallest village too.
        #expect(nl.contains("Aadorp: &lt;5"))
    }

    @Test(arguments: Audience.allCases)
    func everyFigureHasCaptionAndTable(_ audience: Audience) throws {
        let html = try #require(try render(audience)[audience == .dorp ? "AAA/report-dorp-AAA.html" : audience.fileName])
        let figures = html.components(separatedBy: "<figure").dropFirst()
        #expect(figures.count >= (audience == .dorp ? 2 : audience == .raadsbrief ? 3 : 4))
        for f in figures {
            let body = f.components(separatedBy: "</figure>")[0]
            #expect(body.contains("<figcaption>"))
            #expect(body.contains("<table"))
            #expect(body.contains("<svg"))
            #expect(body.contains("<title"))
            #expect(body.contains("<desc"))
        }
    }

    @Test func smallVillageIsSuppressedEverywhere() throws {
        let files = try render(.onderzoek)
        let html = try #require(files["report-onderzoek.html"])
        // HYP has 3 cases: its row in the villages table shows <5 for cases, residents and reach.
        let row = try #require(html.components(separatedBy: "<tr>").first { $0.contains("=HYPERLINK(") && $0.contains("class=\"suppressed\"") })
        #expect(row.contains("&lt;5"))
        #expect(!row.contains(">3<"))
        // Reach 3/500 = 6.0 per 1,000 must not be derivable anywhere.
        for (path, text) in files where path.hasSuffix(".csv") && !path.hasSuffix("metrics.csv") {
            // Dutch Excel's `;` read as `,`, so "6,0" shows up as ",6," too.
            // The header row names the village (in a trend table's columns), never a figure.
            for line in text.replacingOccurrences(of: ";", with: ",").split(whereSeparator: \.isNewline).dropFirst() where line.contains("HYPERLINK") {
                #expect(!line.contains(",3,") && !line.contains(",6,") && !line.contains(",6.0"), "\(path): \(line)")
            }
        }
        let tidy = try #require(files["tables/metrics.csv"])
        for metric in ["cases", "residents_reached", "reach_per_1000", "cases_per_1000", "theme:transport"] {
            // Counts hide everything; rates keep their (large) denominator n = 500 inhabitants.
            #expect(tidy.contains("HYP,2024Q1,\(metric),,,,,true\n") || tidy.contains("HYP,2024Q1,\(metric),,,,500,true\n"), "\(metric)")
        }
        // The bar chart shows HYP as <5, not as a bar of zero.
        let bars = try #require(files["figures/reach-per-village.svg"])
        #expect(bars.contains("&lt;5"))
    }

    @Test func suppressionOffShowsTheSmallVillage() throws {
        let files = try render(.onderzoek, suppress: false)
        let tidy = try #require(files["tables/metrics.csv"])
        #expect(tidy.contains("HYP,2024Q1,cases,3,,,,false\n"))
        let html = try #require(files["report-onderzoek.html"])
        #expect(html.contains("uitgeschakeld"))
        #expect(!html.contains("class=\"suppressed\""))
    }

    /// The tidy file is for programs: the same bytes whatever the language, in the standard
    /// dialect, even when the readable tables are asked for in Dutch Excel's.
    @Test(arguments: Audience.allCases)
    func tidyFileIsTheSameInBothLanguages(_ audience: Audience) throws {
        let dutch = try render(audience, language: .nl)
        let english = try render(audience, language: .en)
        // A village page has a tidy file of its own, in its folder.
        let path = audience == .dorp ? "AAA/tables/metrics.csv" : "tables/metrics.csv"
        let tidy = try #require(dutch[path])
        #expect(tidy == english[path])
        #expect(tidy.hasPrefix("village,period,metric,value,lower,upper,n,suppressed\n"))
        var request = try ReportFixture.request(audience, language: .en)
        request.csvDialect = .excelDutch
        let asked = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance, request: request)
        #expect(asked.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) } == tidy)
    }

    /// Readable tables are for people: a Dutch report's open in Dutch Excel (BOM, `;`, decimal
    /// comma) with Dutch headers, an English report's in the standard dialect with English ones;
    /// `csvDialect` overrides the language's choice.
    @Test func readableTablesFollowTheLanguage() throws {
        let dutch = try #require(try render(.onderzoek, language: .nl)["tables/villages.csv"])
        #expect(dutch.hasPrefix("\u{FEFF}Dorp;Gegevens over de periode;Hulpvragen;"), "\(dutch.prefix(120))")
        #expect(dutch.contains("\r\n") && !dutch.contains("reach_per_1000"))
        let english = try #require(try render(.onderzoek, language: .en)["tables/villages.csv"])
        #expect(english.hasPrefix("Village,Data for the period,Requests,"), "\(english.prefix(120))")
        #expect(!english.contains("\r\n"))
        var request = try ReportFixture.request(.onderzoek, language: .nl)
        request.csvDialect = .standard
        let asked = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance, request: request)
        let standard = String(decoding: try #require(asked.first { $0.path == "tables/villages.csv" }).bytes, as: UTF8.self)
        #expect(standard.hasPrefix("Dorp,Gegevens over de periode,Hulpvragen,"))
    }

    @Test func writesEveryFileAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noaber-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try ReportGenerator.write(input: ReportFixture.input, provenance: ReportFixture.provenance,
                                              request: try ReportFixture.request(.onderzoek), to: dir)
        #expect(paths.contains(dir + "/report-onderzoek.html"))
        #expect(paths.contains(dir + "/tables/metrics.csv"))
        #expect(paths.contains { $0.hasPrefix(dir + "/figures/") && $0.hasSuffix(".svg") })
        var all: [String] = []
        for sub in ["", "/figures", "/tables"] {
            all += try FileManager.default.contentsOfDirectory(atPath: dir + sub)
        }
        #expect(!all.contains { $0.contains(".tmp") })
        for p in paths { #expect(FileManager.default.fileExists(atPath: p)) }
        // Writing again over an existing report works (rename replaces).
        _ = try ReportGenerator.write(input: ReportFixture.input, provenance: ReportFixture.provenance,
                                      request: try ReportFixture.request(.onderzoek), to: dir)
    }

    /// With no volunteer task in the period the headline says so in words, in both languages,
    /// instead of a sentence of dashes; with tasks it gives the figures.
    @Test func noVolunteerTasksIsSaidPlainly() throws {
        var input = ReportFixture.input
        input.tasks = TaskTable()
        for (language, sentence) in [(Language.nl, "geen vrijwilligerstaken geregistreerd"),
                                     (.en, "No volunteer tasks were registered")] {
            let files = try ReportGenerator.render(input: input, provenance: ReportFixture.provenance,
                                                   request: try ReportFixture.request(.raadsbrief, language: language))
            let html = String(decoding: try #require(files.first { $0.path.hasSuffix(".html") }).bytes, as: UTF8.self)
            #expect(html.contains(sentence))
            #expect(!html.contains("vrijwilligers waren actief") && !html.contains("volunteers were active"))
        }
        let html = try #require(try render(.raadsbrief).first { $0.key.hasSuffix(".html") }?.value)
        #expect(html.contains("vrijwilligers waren actief"))
        #expect(!html.contains("geen vrijwilligerstaken"))
    }

    @Test func unknownVillageIsAnError() throws {
        var request = try ReportFixture.request(.raadsbrief)
        request.villages = ["NOPE"]
        #expect(throws: ReportError.unknownVillage(code: "NOPE")) {
            _ = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance, request: request)
        }
    }

    @Test func villageFilterKeepsOnlyThoseVillages() throws {
        var request = try ReportFixture.request(.lerendNetwerk)
        request.villages = ["AAA"]
        let files = try ReportGenerator.render(input: ReportFixture.input, provenance: ReportFixture.provenance, request: request)
        let tidy = String(decoding: try #require(files.first { $0.path == "tables/metrics.csv" }).bytes, as: UTF8.self)
        #expect(!tidy.contains("\nEVL,"))
        #expect(tidy.contains("\nAAA,2024Q1,cases,12,"))
    }

    @Test func previousPeriodIsTheSameKindOfUnit() throws {
        #expect(ReportData.previousPeriod(of: try Period(parsing: "2024")).label == "2023")
        #expect(ReportData.previousPeriod(of: try Period(parsing: "2024Q1")).label == "2023Q4")
        #expect(ReportData.previousPeriod(of: try Period(parsing: "2024Q3")).label == "2024Q2")
        #expect(ReportData.previousPeriod(of: try Period(parsing: "2024-01")).label == "2023-12")
        #expect(ReportData.previousPeriod(of: try Period(parsing: "2024-03-01..2024-03-10")).label == "2024-02-20..2024-02-29")
    }

    @Test func provenanceKeepsOnlyTheFileName() {
        #expect(ReportFixture.provenance.imports[0].fileName == "AAA-cases.csv")
    }
}
