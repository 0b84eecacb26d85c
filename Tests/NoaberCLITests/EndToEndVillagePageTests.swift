import Foundation
import Testing

/// `noaber report --audience dorp` and the demo's village pages, run as a user would: the bundled
/// villages (Tilligte without an export, Noord-Deurningen's export older than 2024's end,
/// Deurningen with rejected rows), an unknown code, a period past the data, and cases a newer
/// export left out.
@Suite("End to end: village pages")
struct EndToEndVillagePageTests {
    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func theDemoWritesAPageForEveryBundledVillage() throws {
        let box = try Sandbox()
        let out = box.path("demo")
        let run = try box.run(["demo", "--out", out, "--datasets", EndToEnd.datasets, "--quiet"])
        #expect(run.status == 0, "\(run)")
        for code in ["DEU", "LAT", "NDE", "SAA", "TIL", "WEE"] {
            let page = "\(out)/dorp/\(code)/report-dorp-\(code).html"
            #expect(FileManager.default.fileExists(atPath: page), "\(code)")
            #expect(run.stdout.contains("Rapport: \(page)"), "\(code)\n\(run)")
        }
        let til = try Self.read("\(out)/dorp/TIL/report-dorp-TIL.html")
        #expect(til.contains("Tilligte heeft nog geen gegevens aangeleverd"))
        #expect(til.contains("stuur de eerste export van de registratie"))
        let nde = try Self.read("\(out)/dorp/NDE/report-dorp-NDE.html")
        #expect(nde.contains("De gegevens van Noord-Deurningen lopen tot 15 november 2024"))
        #expect(nde.contains("<strong>Te doen:</strong> stuur een nieuwe export. De laatste is van 15 november 2024"))
        #expect(nde.contains("Geen vergelijking met 2023"))
        // Deurningen's rejected rows as its own sheet names them, from the store.
        let deu = try Self.read("\(out)/dorp/DEU/report-dorp-DEU.html")
        #expect(deu.contains("5 rijen zijn afgekeurd en tellen niet mee."))
        #expect(deu.contains("DEU-cases-dutch-excel.csv, regel 72, kolom ‘Afgesloten’"))
        let rejected = try Self.read("\(out)/dorp/DEU/tables/rejected-rows.csv")
        #expect(rejected.contains("DEU-tasks-dutch-excel.csv;114;Datum;"), "\(rejected)")
        // The pages' files hold no pseudonym (hexadecimal keys the store keeps for residents).
        for code in ["DEU", "NDE"] {
            for file in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/dorp/\(code)") where file.contains(".") {
                let text = try Self.read("\(out)/dorp/\(code)/\(file)")
                #expect(text.range(of: "[0-9a-f]{32}", options: .regularExpression) == nil, "\(code)/\(file)")
            }
        }
    }

    /// The store is imported in Dutch (the default); its rejection reasons are shown in English on
    /// an English village page and by `noaber rejected --lang en`, in Dutch otherwise.
    @Test func rejectionReasonsFollowTheReadersLanguage() throws {
        let box = try Sandbox()
        let store = try EndToEndCoverageTests.demoStore(box)
        let out = box.path("pages-en")
        let run = try box.run(["report", "--db", store, "--audience", "dorp", "--village", "DEU", "--period", "2024",
                               "--out", out, "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let deu = try Self.read(out + "/DEU/report-dorp-DEU.html")
        #expect(deu.contains("<li>line 132, column ‘Datum melding’: &#39;Datum melding&#39;: date does not exist &#39;31-2-2024&#39;</li>"),
                "an English reason")
        #expect(!deu.contains("datum bestaat niet") && !deu.contains("older imports"), "no Dutch reason and no note")
        let csv = try Self.read(out + "/DEU/tables/rejected-rows.csv")
        #expect(csv.contains("date does not exist") && !csv.contains("bestaat niet"), "\(csv)")

        let english = try box.run(["rejected", "--db", store, "--lang", "en", "--format", "csv"])
        #expect(english.status == 0 && english.stdout.contains("date does not exist '31-2-2024'") && !english.stdout.contains("bestaat niet"),
                "\(english)")
        let village = try box.run(["rejected", "--db", store, "--for-village", "DEU", "--lang", "en"])
        #expect(village.stdout.contains("date does not exist '31-2-2024'"), "\(village)")
        let dutch = try box.run(["rejected", "--db", store, "--format", "json"])
        #expect(dutch.stdout.contains("datum bestaat niet '31-2-2024'") && !dutch.stdout.contains("date does not exist"), "\(dutch)")
    }

    /// `--village` picks the pages; an unknown code is refused with its name (exit 65), in both
    /// languages, and nothing is written; a period no village covers is refused as for any report.
    @Test func villagePickThePagesAndUnknownCodesAndEmptyPeriodsAreRefused() throws {
        let box = try Sandbox()
        let store = try EndToEndCoverageTests.demoStore(box)
        let out = box.path("pages")
        let run = try box.run(["report", "--db", store, "--audience", "dorp", "--village", "NDE", "--village", "TIL",
                               "--period", "2024", "--out", out])
        #expect(run.status == 0, "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["NDE", "TIL"])
        // The comparison is with every village, not just the two asked for.
        let nde = try Self.read(out + "/NDE/report-dorp-NDE.html")
        #expect(nde.contains("Dorpen met volledige gegevens: 4 van de 6 dorpen: Deurningen, Lattrop-Breklenkamp, Saasveld en Weerselo"))

        for (lang, message) in [("nl", "Fout: dorp 'XYZ' staat niet in de store"), ("en", "Error: village 'XYZ' is not in the store")] {
            let unknown = box.path("unknown-\(lang)")
            let refused = try box.run(["report", "--db", store, "--audience", "dorp", "--village", "SAA", "--village", "XYZ",
                                       "--out", unknown, "--lang", lang])
            #expect(refused.status == 65, "\(refused)")
            #expect(refused.stderr.contains(message), "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: unknown + "/SAA"), "nothing written")
        }
        let past = try box.run(["report", "--db", store, "--audience", "dorp", "--period", "2026", "--out", box.path("r2026")])
        #expect(past.status == 69, "\(past)")
        #expect(past.stderr.contains("geen enkel dorp heeft gegevens over 2026"), "\(past)")
    }

    /// A period past one village's data but not all: its page says where its data end.
    @Test func aPeriodPastAVillagesDataIsSaidPlainly() throws {
        let box = try Sandbox()
        let store = try EndToEndCoverageTests.demoStore(box)
        for (lang, sentence) in [("nl", "Over 1e kwartaal 2025 zijn er van Noord-Deurningen geen gegevens: ze lopen van 1 januari 2023 tot 15 november 2024."),
                                 ("en", "There are no data from Noord-Deurningen for Q1 2025: they run from 1 January 2023 to 15 November 2024.")] {
            let out = box.path("q1-\(lang)")
            let run = try box.run(["report", "--db", store, "--audience", "dorp", "--village", "NDE", "--period", "2025Q1",
                                   "--out", out, "--lang", lang])
            #expect(run.status == 0, "\(run)")
            let html = try Self.read(out + "/NDE/report-dorp-NDE.html")
            #expect(html.contains(sentence), "\(lang)")
            #expect(!html.contains("id=\"t-key-figures\""), "no table of dashes")
        }
    }

    /// The village pages with another audience and `--village`: the other report covers the
    /// villages asked for, the pages compare with all villages (two readings of the store).
    @Test func pagesBesideAnotherReportWithVillageFilter() throws {
        let box = try Sandbox()
        let store = try EndToEndCoverageTests.demoStore(box)
        let out = box.path("both")
        let run = try box.run(["report", "--db", store, "--audience", "raadsbrief", "--audience", "dorp", "--village", "SAA",
                               "--period", "2024", "--out", out])
        #expect(run.status == 0, "\(run)")
        let brief = try Self.read(out + "/raadsbrief/report-raadsbrief.html")
        #expect(brief.contains("Dorpen: Saasveld."))
        let page = try Self.read(out + "/dorp/SAA/report-dorp-SAA.html")
        #expect(page.contains("4 van de 6 dorpen"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/dorp") == ["SAA"])
    }

    /// A newer full export that leaves cases out: the page names the export and the count, from
    /// the store's own list.
    @Test func casesANewerExportLeftOutAreOnTheToDoList() throws {
        let box = try Sandbox()
        let store = try EndToEndCoverageTests.demoStore(box)
        let lines = try Self.read(EndToEnd.datasets + "/exports/SAA-cases-canonical.csv").split(separator: "\n", omittingEmptySubsequences: false)
        let newer = box.path("SAA-cases-februari.csv")
        // Header, then every case but the first five.
        try (([lines[0]] + lines.dropFirst(6)).joined(separator: "\n")).write(toFile: newer, atomically: true, encoding: .utf8)
        let imported = try box.run(["import", newer, "--village", "SAA", "--as-of", "2025-02-01", "--db", store, "--quiet"])
        #expect(imported.status == 0, "\(imported)")
        let out = box.path("vanished")
        let run = try box.run(["report", "--db", store, "--audience", "dorp", "--village", "SAA", "--period", "2024", "--out", out])
        #expect(run.status == 0, "\(run)")
        let html = try Self.read(out + "/SAA/report-dorp-SAA.html")
        #expect(html.contains("5 niet meer in SAA-cases-februari.csv van 1 februari 2025"), "\(html)")
    }
}
