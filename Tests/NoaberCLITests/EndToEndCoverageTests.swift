import Foundation
import Testing

/// Data shaped like real data, as a user meets them: the README's first session (two of six
/// villages imported), a report period past the data, a period the data cover only partly, a
/// comparison across periods with different villages, and stores that are empty or half made.
/// Each test reads what the output then says, and what it must not say.
@Suite("End to end: coverage")
struct EndToEndCoverageTests {
    /// The README's "A first session" block, run line by line as written (paths made absolute).
    @Test func theReadmeFirstSessionWorksAsWritten() throws {
        let box = try Sandbox()
        let readme = try String(contentsOf: EndToEnd.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### A first session with real exports").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let lines = block.split(separator: "\n").map { $0.split(separator: "#").first.map(String.init) ?? "" }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("noaber ") }
        #expect(lines.count >= 6)
        var runs: [String: CLIRun] = [:]
        for line in lines {
            let words = line.split(separator: " ").dropFirst().map { word -> String in
                let w = String(word)
                if w.hasPrefix("Datasets/") { return EndToEnd.datasets + w.dropFirst("Datasets".count) }
                if w == "dinkelland.sqlite" || w == "raadsbrief-2024" { return box.path(w) }
                return w
            }
            let run = try box.run(words)
            #expect(run.status == 0, "\(line)\n\(run)")
            runs[words.prefix(2).joined(separator: " ")] = run
        }
        // The session starts from Weerselo's workbook: the draft maps it, drops its name and notes
        // columns, and leaves four labels for a person; the import with the checked profile reads
        // every row under the title and skips the totals row.
        let draft = try #require(runs["profile draft"])
        for needle in ["werkblad 'Registratie', kopregel op rij 4", "kolom C 'Naam' — de kopregel noemt een direct identificerend gegeven",
                       "Voor u om te beslissen (5 keer \"?\"", "'keukentafel' (61 keer)", "noaber import"] {
            #expect(draft.stdout.contains(needle), "\(needle)\n\(draft)")
        }
        #expect(FileManager.default.fileExists(atPath: box.path("weerselo-concept.json")))
        let workbook = try #require(runs["import " + EndToEnd.datasets + "/exports/WEE-cases-werkmap.xlsx"])
        #expect(workbook.stdout.contains("gelezen 399 = geaccepteerd 399 + afgekeurd 0") && workbook.stdout.contains("rij 405"), "\(workbook)")
        // Only Weerselo and Deurningen have data: the municipal figure counts them alone.
        let metrics = try #require(runs["metrics reach"])
        for village in ["Lattrop-Breklenkamp (LAT)", "Noord-Deurningen (NDE)", "Saasveld (SAA)", "Tilligte (TIL)"] {
            #expect(metrics.stderr.contains("\(village): geen gegevens"), "\(metrics)")
        }
        let reach = try #require(metrics.stdout.split(separator: "\n").first { $0.hasPrefix("bereik per 1.000 inwoners") })
        #expect(reach.hasSuffix("5.090"), "n is the inhabitants of WEE and DEU: \(reach)")
        let html = try String(contentsOfFile: box.path("raadsbrief-2024") + "/report-raadsbrief.html", encoding: .utf8)
        #expect(html.contains("over 2 van de 6 dorpen (Deurningen en Weerselo)"))
        #expect(html.contains("Lattrop-Breklenkamp, Noord-Deurningen, Saasveld en Tilligte hebben nog geen gegevens aangeleverd."))
        #expect(!html.contains("0,0 (0,0"), "no zero stands for 'no data'")
    }

    /// A period past the data is refused with the range the data do cover; nothing is written.
    @Test func aPeriodNoVillageCoversIsRefused() throws {
        let box = try Sandbox()
        let store = try Self.demoStore(box)
        let out = box.path("r2026")
        for (lang, text) in [("nl", "geen enkel dorp heeft gegevens over 2026. De gegevens lopen van 1 januari 2023 tot 24 januari 2025"),
                             ("en", "no village has data for 2026. The data run from 1 January 2023 to 24 January 2025")] {
            let run = try box.run(["report", "--db", store, "--audience", "raadsbrief", "--period", "2026", "--out", out, "--lang", lang])
            #expect(run.status == 69, "\(run)")
            #expect(run.stderr.contains(text), "\(run)")
            #expect(run.stderr.contains("--period 2024"), "suggests a covered year\n\(run)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/report-raadsbrief.html"))
    }

    /// 2025 is covered for a few weeks in January: no count, no euro figure, no comparison —
    /// and plain sentences on why, in Dutch and in English.
    @Test func aPartlyCoveredPeriodSaysWhatTheDataCover() throws {
        let box = try Sandbox()
        let store = try Self.demoStore(box)
        for lang in ["nl", "en"] {
            let out = box.path("r2025-\(lang)")
            let run = try box.run(["report", "--db", store, "--audience", "raadsbrief", "--period", "2025", "--out", out, "--lang", lang])
            #expect(run.status == 0, "\(run)")
            let html = try String(contentsOfFile: out + "/report-raadsbrief.html", encoding: .utf8)
            if lang == "nl" {
                #expect(html.contains("Geen enkel dorp heeft gegevens over de hele periode."))
                #expect(html.contains("Over 2025 zijn geen aantallen te geven"))
                #expect(html.contains("Geen vergelijking met 2024"))
                for wrong in ["Er kwamen 0", "€ 0", "duidelijk lager", "duidelijk hoger", "0,0 (0,0"] {
                    #expect(!html.contains(wrong), "\(wrong)")
                }
                // No empty chart with a table of dashes, no note on an estimate that was not given,
                // and the sensitivity analysis missing for the real reason.
                #expect(html.contains("Bereik per 1.000 inwoners door de tijd: geen cijfers, want geen enkel dorp heeft gegevens over een heel kwartaal."))
                #expect(!FileManager.default.fileExists(atPath: out + "/figures/reach-trend.svg"))
                #expect(!html.contains("Wat de schatting wel en niet zegt"))
                #expect(html.contains("Geen gevoeligheidsanalyse: geen enkel dorp heeft gegevens over de hele periode"))
            } else {
                #expect(html.contains("No village has data for the whole period."))
                #expect(html.contains("No counts can be given for 2025"))
                #expect(html.contains("No comparison with 2024"))
                for wrong in ["came in", "€0", "clearly lower", "clearly higher"] { #expect(!html.contains(wrong), "\(wrong)") }
                #expect(html.contains("Reach per 1,000 inhabitants over time: no figures, because no village has data for a whole quarter."))
                #expect(!html.contains("What the estimate does and does not claim"))
            }
        }
    }

    /// A two-year range: the title reads "2023 en 2024"; it is compared with 2021 and 2022 (the
    /// same length directly before), which hold no data, so no comparison is made.
    @Test func aRangeIsNamedInWordsAndComparedWithTheSameLengthBefore() throws {
        let box = try Sandbox()
        let store = try Self.demoStore(box)
        let out = box.path("range")
        let run = try box.run(["report", "--db", store, "--audience", "raadsbrief", "--period", "2023-01-01..2024-12-31", "--out", out])
        #expect(run.status == 0, "\(run)")
        let html = try String(contentsOfFile: out + "/report-raadsbrief.html", encoding: .utf8)
        #expect(html.contains("<title>Dorpsondersteuning, raadsbrief — 2023 en 2024</title>"))
        #expect(html.contains("Vergeleken met 2021 en 2022"))
        #expect(html.contains("Over 2021 en 2022 zijn er geen gegevens"))
        #expect(!html.contains("2020-12-31") && !html.contains("duidelijk"))
    }

    /// The demo year 2024: Tilligte has no export, Noord-Deurningen's ends on 15 November.
    @Test func theDemoYearNamesWhoIsLeftOut() throws {
        let box = try Sandbox()
        let store = try Self.demoStore(box)
        let metrics = try box.run(["metrics", "reach", "--db", store, "--period", "2024", "--by", "all", "--format", "csv"])
        #expect(metrics.status == 0, "\(metrics)")
        #expect(metrics.stderr.contains("Tilligte (TIL): geen gegevens (nog geen export van hulpvragen)"))
        #expect(metrics.stderr.contains("Noord-Deurningen (NDE), gegevens 1 januari 2023 t/m 15 november 2024: 2024: deels (87,4% van de dagen)"))
        #expect(metrics.stderr.contains("Lattrop-Breklenkamp (LAT): begin van de registratie niet in het dorpenbestand"))
        #expect(metrics.stdout.contains("all,2024,villages_covered,4,,,6,false"))
        #expect(metrics.stdout.contains("all,2024,villages_partly_covered,1,,,6,false"))
        #expect(metrics.stdout.contains("all,2024,villages_without_data,1,,,6,false"))
        // The whole municipality with --include-partial: Noord-Deurningen counted, and said so.
        let partial = try box.run(["metrics", "reach", "--db", store, "--period", "2024", "--by", "all", "--include-partial", "--lang", "en"])
        #expect(partial.stderr.contains("--include-partial: partly covered villages are counted anyway"))
    }

    /// A typo leaves no store behind; a store without cases is said to be empty, not healthy.
    @Test func emptyAndHalfMadeStores() throws {
        let box = try Sandbox()
        let store = box.path("typo.sqlite")
        let missing = try box.run(["import", box.path("missing.csv"), "--db", store, "--as-of", "2025-01-01"])
        #expect(missing.status == 66, "\(missing)")
        for suffix in ["", "-wal", "-shm", ".key"] {
            #expect(!FileManager.default.fileExists(atPath: store + suffix), "left behind: typo.sqlite\(suffix)")
        }
        // A villages file alone: metrics and report have nothing to compute.
        #expect(try box.run(["villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store]).status == 0)
        let metrics = try box.run(["metrics", "--db", store])
        #expect(metrics.status == 69 && metrics.stderr.contains("bevat nog geen hulpvragen"), "\(metrics)")
        let report = try box.run(["report", "--db", store, "--audience", "raadsbrief", "--out", box.path("r")])
        #expect(report.status == 69, "\(report)")
        let doctor = try box.run(["doctor", "--db", store])
        #expect(doctor.stdout.contains("dorpen zonder enige hulpvragen-export: DEU, LAT, NDE, SAA, TIL, WEE"), "\(doctor)")
        #expect(!doctor.stdout.contains("elk dorp heeft een export"), "\(doctor)")
        // A store with no village at all (an empty villages file) is called empty.
        let empty = box.path("empty.sqlite")
        let header = box.path("header-only.csv")
        try Data("village,name,municipality,inhabitants\n".utf8).write(to: URL(fileURLWithPath: header))
        #expect(try box.run(["villages", "import", header, "--db", empty]).status == 0)
        let emptyDoctor = try box.run(["doctor", "--db", empty])
        #expect(emptyDoctor.stdout.contains("de store is leeg"), "\(emptyDoctor)")
        #expect(try box.run(["metrics", "--db", empty]).stderr.contains("bevat nog geen dorpen"))
        // A case export given to 'villages import' is refused, not imported.
        let wrong = try box.run(["villages", "import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--db", store])
        #expect(wrong.status == 65, "\(wrong)")
        #expect(try box.sqlite(store, "SELECT count(*) FROM cases;") == ["0"])
    }

    /// The demo store (bundled data), made once per sandbox.
    static func demoStore(_ box: Sandbox) throws -> String {
        let out = box.path("demo")
        let run = try box.run(["demo", "--out", out, "--datasets", EndToEnd.datasets, "--quiet"])
        try #require(run.status == 0, "\(run)")
        return out + "/noaber-demo.sqlite"
    }
}
