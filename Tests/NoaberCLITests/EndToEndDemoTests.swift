import Foundation
import Testing

/// `noaber demo`, the newcomer's first command, on the bundled datasets.
@Suite("End to end: demo")
struct EndToEndDemoTests {
    @Test func demoImportsEverythingAndPrintsTheAccounting() throws {
        let box = try Sandbox()
        let out = box.path("demo")
        let run = try box.run("demo", "--out", out, "--datasets", EndToEnd.datasets, "--lang", "en", "--quiet")
        #expect(run.status == 0, "\(run)")
        let manifest = try EndToEnd.manifest()
        for entry in manifest {
            #expect(run.stdout.contains(entry.file), "the table lists \(entry.file)\n\(run)")
        }
        let total = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("total exports") }, "\(run)")
        // Counts people read carry thousands separators in the language's style.
        #expect(total.split(separator: " ").suffix(3) == ["1,817", "1,807", "10"], "\(total)")
        let store = out + "/noaber-demo.sqlite"
        #expect(FileManager.default.fileExists(atPath: store), "\(run)")
        #expect(run.stdout.contains("6 villages"), "\(run)")
        #expect(run.stdout.contains("10 rejected rows"), "\(run)")

        // The demo's store is a normal store: the read commands work on it.
        let imports = try box.run("imports", "--db", store, "--format", "json")
        #expect(imports.status == 0, "\(imports)")
        #expect(try imports.json([ImportRecordJSON].self).filter { $0.kind != "villages" && $0.kind != "outcomes" }.count == manifest.count)
        #expect(try imports.json([ImportRecordJSON].self).filter { $0.kind == "outcomes" }.count == 1)

        // The synthetic outcome series gives the onderzoek report its effect section and the
        // raadsbrief its sentence; the comparison areas are in no village list.
        #expect(run.stdout.contains("outcomes/huisartsconsulten.csv") && run.stdout.contains("8 comparison areas"), "\(run)")
        let onderzoek = try String(contentsOfFile: out + "/onderzoek/report-onderzoek.html", encoding: .utf8)
        #expect(onderzoek.contains("id=\"effect\">Effect on huisartsconsulten (measured)"))
        #expect(FileManager.default.fileExists(atPath: out + "/onderzoek/figures/effect-event-study.svg"))
        let brief = try String(contentsOfFile: out + "/raadsbrief/report-raadsbrief.html", encoding: .utf8)
        #expect(brief.contains("<p class=\"effect\">In the 6 villages with a village support worker, huisartsconsulten were on average"))
        #expect(!brief.contains("Agelo") && !brief.contains("Denekamp"))

        // Run again, in Dutch: the store is replaced, not added to.
        let again = try box.run("demo", "--out", out, "--datasets", EndToEnd.datasets, "--quiet")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("6 dorpen, 8 vergelijkingsgebieden, 392 uitkomstcijfers, 1.046 hulpvragen")
                && again.stdout.contains("10 afgekeurde rijen"), "\(again)")
        let dutchTotal = try #require(again.stdout.split(separator: "\n").first { $0.hasPrefix("totaal exports") }, "\(again)")
        #expect(dutchTotal.split(separator: " ").suffix(3) == ["1.817", "1.807", "10"], "\(dutchTotal)")
    }

    @Test func demoWithoutDatasetsSaysWhereToRunIt() throws {
        let box = try Sandbox()
        let run = try box.run("demo", "--out", box.path("demo"), "--lang", "en")
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr.contains("manifest.csv"), "\(run)")
    }
}
