import Foundation
import Testing

/// `noaber outcomes import|list` and `noaber effect` through the built binary: the bundled
/// series, both methods, every documented bad input with its exit code and message, and the
/// comparison areas staying out of every case figure.
@Suite("End to end: outcome series and effect")
struct EndToEndEffectTests {
    /// A store with the bundled villages, comparison areas and outcome series.
    static func bundledStore(_ box: Sandbox) throws -> String {
        let store = box.path("effect.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store).status == 0)
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/comparison-areas.csv", "--db", store).status == 0)
        let run = try box.run("outcomes", "import", EndToEnd.datasets + "/outcomes/huisartsconsulten.csv", "--as-of", "2025-02-01",
                              "--db", store)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("gelezen 392 = geaccepteerd 392 + afgekeurd 0"), "\(run)")
        return store
    }

    /// An area of a synthetic panel: a start date (treated), a comparison mark, or neither.
    struct Area {
        var code: String
        var start: String? = nil
        var comparison = false
    }

    /// Writes `villages.csv` and `outcomes.csv` for `areas`, quarterly from 2019Q1 (`quarters`
    /// long), population 1,000, leaving out the cells in `skip` ("CODE 2019Q3"), and imports both
    /// into a fresh store. The rate falls by 50 from each area's first quarter starting on or
    /// after its start.
    static func panelStore(_ box: Sandbox, _ areas: [Area], quarters: Int = 12, skip: Set<String> = []) throws -> String {
        var villages = "village,name,municipality,inhabitants,paid_hours_per_week,ondersteuner_start,comparison_area\n"
        var outcomes = "village,period,measure,value,population\n"
        for (i, area) in areas.enumerated() {
            villages += "\(area.code),Gebied \(area.code),Testgemeente,1000,\(area.comparison ? "0" : "8"),\(area.start ?? ""),\(area.comparison ? "ja" : "")\n"
            for t in 0..<quarters {
                let year = 2019 + t / 4, quarter = t % 4 + 1
                let label = "\(year)Q\(quarter)"
                guard !skip.contains("\(area.code) \(label)") else { continue }
                let first = String(format: "%04d-%02d-01", year, 3 * quarter - 2)
                let treated = area.start.map { first >= $0 } ?? false
                let value = 1000 + 7 * i + 3 * t + (i * 31 + t * 17) % 11 - (treated ? 50 : 0)
                outcomes += "\(area.code),\(label),gp,\(value),1000\n"
            }
        }
        let store = box.path("panel-\(UUID().uuidString.prefix(8)).sqlite")
        try villages.write(toFile: box.path("villages-panel.csv"), atomically: true, encoding: .utf8)
        try outcomes.write(toFile: box.path("outcomes-panel.csv"), atomically: true, encoding: .utf8)
        let v = try box.run("villages", "import", box.path("villages-panel.csv"), "--db", store)
        #expect(v.status == 0 && v.stdout.contains("afgekeurd 0"), "\(v)")
        let o = try box.run("outcomes", "import", box.path("outcomes-panel.csv"), "--as-of", "2025-01-01", "--db", store)
        #expect(o.status == 0 && o.stdout.contains("afgekeurd 0"), "\(o)")
        return store
    }

    /// Four villages in two start groups and four comparison areas: a well-formed panel.
    static let staggered = [Area(code: "A", start: "2020-01-01"), Area(code: "B", start: "2019-12-15"), Area(code: "C", start: "2020-07-01"),
                            Area(code: "D", start: "2020-07-01"), Area(code: "V", comparison: true), Area(code: "W", comparison: true),
                            Area(code: "X", comparison: true), Area(code: "Y", comparison: true)]

    @Test func theBundledSeriesIsListedAndEstimatedByBothMethods() throws {
        let box = try Sandbox()
        let store = try Self.bundledStore(box)
        let list = try box.run("outcomes", "list", "--db", store)
        #expect(list.status == 0, "\(list)")
        let line = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("huisartsconsulten") }, "\(list)")
        #expect(line.split(separator: " ").map(String.init) == ["huisartsconsulten", "14", "6", "8", "28", "2018Q1", "2024Q4", "kwartaal", "392"])
        let json = try box.run("outcomes", "--db", store, "--format", "json").jsonObjects()
        #expect(json.first?["measure"] as? String == "huisartsconsulten" && (json.first?["areas"] as? [String])?.count == 14)

        let did = try box.run("effect", "--measure", "huisartsconsulten", "--db", store)
        #expect(did.status == 0, "\(did)")
        #expect(did.stdout.contains("verschil-in-verschillen (Callaway & Sant'Anna 2021) tegen 8 vergelijkingsgebieden"), "\(did)")
        #expect(did.stdout.contains("gemiddeld effect na de start"), "\(did)")
        #expect(did.stdout.contains("In de 6 dorpen met een dorpsondersteuner lag het aantal huisartsconsulten na de start gemiddeld"), "\(did)")
        #expect(did.stderr.contains("is niet te maken: 49 effecten vóór de start"), "\(did)")

        let csv = try box.run("effect", "--measure", "huisartsconsulten", "--db", store, "--format", "csv")
        #expect(csv.status == 0 && csv.stdout.hasPrefix("village,period,metric,value,lower,upper,n,suppressed\n"), "\(csv)")
        #expect(csv.stdout.contains("\nall,2018-01-01..2024-12-31,att_overall,-"), "\(csv)")
        let rows = try box.run("effect", "--measure", "huisartsconsulten", "--db", store, "--format", "json").jsonObjects()
        let metrics = rows.compactMap { $0["metric"] as? String }
        #expect(metrics.first == "att_overall" && metrics.contains("att_event:-1") && metrics.contains("att_group:2019Q4"))
        #expect(metrics.suffix(2) == ["pretrend_p", "pretrend_event_p"])
        #expect(rows.allSatisfy { $0["village"] as? String == "all" && $0["suppressed"] as? Bool == false })

        let its = try box.run("effect", "--measure", "huisartsconsulten", "--method", "its", "--village", "SAA", "--db", store, "--lang", "en")
        #expect(its.status == 0, "\(its)")
        #expect(its.stdout.contains("interrupted time series per village") && its.stdout.contains("level change at the start"), "\(its)")
        #expect(its.stdout.contains("cannot rule out that something else changed at the same time"), "\(its)")
        let yearly = try box.run("effect", "--measure", "huisartsconsulten", "--every", "year", "--db", store, "--format", "csv")
        #expect(yearly.status == 0 && yearly.stdout.contains("att_group:2020,"), "\(yearly)")
        let monthly = try box.run("effect", "--measure", "huisartsconsulten", "--every", "month", "--db", store)
        #expect(monthly.status == 65 && monthly.stderr.contains("de cijfers zijn er per kwartaal; ze zijn niet te splitsen in maanden"), "\(monthly)")
    }

    @Test func noSeriesOrAnUnknownMeasureIsNoData() throws {
        let box = try Sandbox()
        let store = box.path("s.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store).status == 0)
        let none = try box.run("effect", "--measure", "huisartsconsulten", "--db", store)
        #expect(none.status == 69 && none.stderr.contains("de store bevat geen uitkomstreeksen"), "\(none)")
        let empty = try box.run("outcomes", "list", "--db", store)
        #expect(empty.status == 0 && empty.stdout.contains("Geen uitkomstreeksen"), "\(empty)")
        let bundled = try Self.bundledStore(box)
        let unknown = try box.run("effect", "--measure", "wmo", "--db", bundled, "--lang", "en")
        #expect(unknown.status == 69 && unknown.stderr.contains("no figures for measure 'wmo'; it has: huisartsconsulten"), "\(unknown)")
        let missing = try box.run("effect", "--db", bundled)
        #expect(missing.status == 64, "--measure is required\n\(missing)")
        // --min-cell 1 would suppress nothing: refused with the same words as in `metrics`.
        let cellOfOne = try box.run("effect", "--measure", "huisartsconsulten", "--min-cell", "1", "--db", bundled)
        #expect(cellOfOne.status == 64 && cellOfOne.stderr.contains("--min-cell moet minstens 2 zijn (zet onderdrukking uit met --no-suppression)"), "\(cellOfOne)")
    }

    @Test func aMeasureMissingForAnAreaOrSomePeriodsIsRefusedNeverFilledIn() throws {
        let box = try Sandbox()
        // Area E has a start but no figures at all.
        var areas = Self.staggered
        areas.append(Area(code: "E", start: "2020-01-01"))
        let noFigures = try Self.panelStore(box, areas, skip: Set((0..<12).map { "E \(2019 + $0 / 4)Q\($0 % 4 + 1)" }))
        let a = try box.run("effect", "--measure", "gp", "--db", noFigures)
        #expect(a.status == 65 && a.stderr.contains("maat gp ontbreekt voor gebied E in geen enkele periode"), "\(a)")

        // Unbalanced: B lacks one quarter.
        let gap = try Self.panelStore(box, Self.staggered, skip: ["B 2019Q3"])
        let b = try box.run("effect", "--measure", "gp", "--db", gap)
        #expect(b.status == 65, "\(b)")
        #expect(b.stderr.contains("maat gp ontbreekt voor 1 gebied in sommige perioden: B (2019Q3)"), "\(b)")
        #expect(b.stderr.contains("een gebalanceerd panel") && b.stderr.contains("--like-did-package"), "\(b)")
        #expect(b.stdout.isEmpty, "no figure is printed\n\(b)")
        let lenient = try box.run("effect", "--measure", "gp", "--db", gap, "--like-did-package")
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.stderr.contains("--like-did-package: B weggelaten, cijfers ontbreken in 2019Q3"), "\(lenient)")
        #expect(lenient.stdout.contains("Dorpen met ondersteuner (3)"), "\(lenient)")
    }

    @Test func withoutComparisonAreasOrWithOneVillageOnlyATimeSeriesIsPossibleAndSaysSo() throws {
        let box = try Sandbox()
        let treatedOnly = try Self.panelStore(box, Array(Self.staggered.prefix(4)))
        let its = try box.run("effect", "--measure", "gp", "--db", treatedOnly)
        #expect(its.status == 0 && its.stdout.contains("onderbroken tijdreeks per dorp"), "\(its)")
        #expect(its.stderr.contains("methode its: elke verandering bij de start telt als effect van de ondersteuner"), "\(its)")
        let did = try box.run("effect", "--measure", "gp", "--db", treatedOnly, "--method", "did")
        #expect(did.status == 65, "\(did)")
        #expect(did.stderr.contains("alle 4 gebieden hebben een ondersteuner (gestart in 2020Q1, 2020Q3)"), "\(did)")
        #expect(did.stderr.contains("Voeg vergelijkingsgebieden toe"), "\(did)")

        let single = try Self.panelStore(box, [Area(code: "A", start: "2020-01-01")] + Array(Self.staggered.suffix(4)))
        let one = try box.run("effect", "--measure", "gp", "--db", single)
        #expect(one.status == 0 && one.stdout.contains("Dorpen met ondersteuner (1): Gebied A"), "\(one)")
        let oneDid = try box.run("effect", "--measure", "gp", "--db", single, "--method", "did")
        #expect(oneDid.status == 65 && oneDid.stderr.contains("alleen A heeft een ondersteuner"), "\(oneDid)")
        #expect(oneDid.stderr.contains("--method its --village A"), "\(oneDid)")
    }

    @Test func allStartingAtOnceAndStartsOutsideTheSeriesAreRefused() throws {
        let box = try Sandbox()
        let together = try Self.panelStore(box, (0..<4).map { Area(code: "T\($0)", start: "2020-04-01") })
        let t = try box.run("effect", "--measure", "gp", "--db", together, "--method", "did")
        #expect(t.status == 65 && t.stderr.contains("alle 4 gebieden kregen hun ondersteuner in dezelfde periode (2020Q2)"), "\(t)")

        let early = try Self.panelStore(box, Self.staggered + [Area(code: "E", start: "2018-06-01")])
        let e = try box.run("effect", "--measure", "gp", "--db", early)
        #expect(e.status == 65 && e.stderr.contains("de ondersteuner van E begon vóór of op de eerste dag van de reeks (2019Q1)"), "\(e)")
        let late = try Self.panelStore(box, Self.staggered + [Area(code: "L", start: "2021-11-01")])
        let l = try box.run("effect", "--measure", "gp", "--db", late, "--lang", "en")
        #expect(l.status == 65 && l.stderr.contains("the ondersteuner of L started after the last period of the series began (2021Q4)"), "\(l)")
        let counted = try box.run("effect", "--measure", "gp", "--db", late, "--like-did-package")
        #expect(counted.status == 0 && counted.stderr.contains("--like-did-package: L telt als vergelijking"), "\(counted)")
    }

    @Test func aPersonLevelFileIsRefusedAndNothingIsStored() throws {
        let box = try Sandbox()
        let store = try Self.panelStore(box, Self.staggered)
        let file = box.path("consulten-per-patient.csv")
        try "patient_id,village,period,measure,value,population\n1,A,2019Q1,gp,1,1\n2,A,2019Q1,gp,1,1\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let run = try box.run("outcomes", "import", file, "--as-of", "2025-01-01", "--db", store)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("geen geaggregeerde uitkomstreeks: kolom 1 'patient_id' lijkt een gegeven over een persoon"), "\(run)")
        #expect(run.stderr.contains("er is niets opgeslagen"), "\(run)")
        let repeated = box.path("per-consult.csv")
        try "village,period,measure,value,population\nA,2019Q1,gp,1,1000\nA,2019Q1,gp,1,1000\n".write(toFile: repeated, atomically: true, encoding: .utf8)
        let r = try box.run("outcomes", "import", repeated, "--as-of", "2025-01-01", "--db", store, "--lang", "en")
        #expect(r.status == 65 && r.stderr.contains("line 3 repeats area A, measure gp and period 2019Q1 of line 2"), "\(r)")
        let imports = try box.run("imports", "--db", store, "--format", "json").jsonObjects()
        #expect(imports.filter { $0["kind"] as? String == "outcomes" }.count == 1, "only the panel's own import")
    }

    /// Comparison areas hold no cases: they appear in no coverage warning and no report village
    /// list, and a case file for one is refused.
    @Test func comparisonAreasStayOutOfEveryCaseFigure() throws {
        let box = try Sandbox()
        let store = try Self.bundledStore(box)
        let saa = try box.run("import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--as-of", "2025-01-10", "--db", store)
        #expect(saa.status == 0, "\(saa)")
        let metrics = try box.run("metrics", "reach", "--period", "2024", "--db", store)
        #expect(metrics.status == 0, "\(metrics)")
        #expect(metrics.stderr.contains("Weerselo (WEE): geen gegevens"), "villages without data are still named\n\(metrics)")
        for name in ["Agelo", "Beuningen", "Denekamp", "Lemselo", "Ootmarsum", "Rossum", "Volthe"] {
            #expect(!metrics.stderr.contains(name) && !metrics.stdout.contains(name), "\(name)\n\(metrics)")
        }
        let refused = try box.run("metrics", "reach", "--village", "AGE", "--db", store)
        #expect(refused.status != 0, "\(refused)")
        let wrong = try box.run("import", EndToEnd.datasets + "/exports/SAA-tasks-canonical.csv", "--village", "DEN", "--as-of", "2025-01-10",
                                "--db", store)
        #expect(wrong.status == 65 && wrong.stderr.contains("DEN is een vergelijkingsgebied"), "\(wrong)")
        // The doctor expects no funding facts and no exports of a comparison area.
        let doctor = try box.run("doctor", "--db", store)
        #expect(doctor.status == 0, "\(doctor)")
        for code in ["AGE", "BEU", "DEN", "LEM", "OOT", "OUD", "ROS", "VOL"] {
            #expect(!doctor.stdout.contains(code) && !doctor.stderr.contains(code), "\(code)\n\(doctor)")
        }
        #expect(doctor.stdout.contains("WEE"), "a village without an export is still named\n\(doctor)")
        let list = try box.run("villages", "list", "--db", store)
        #expect(list.stdout.contains("vergelijkingsgebied") && list.stdout.contains("2019-09-01"), "\(list)")
        let out = box.path("rapport")
        let report = try box.run("report", "--audience", "all", "--period", "2024", "--out", out, "--db", store)
        #expect(report.status == 0, "\(report)")
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek"] {
            let html = try String(contentsOfFile: "\(out)/\(audience)/report-\(audience).html", encoding: .utf8)
            #expect(!html.contains("Agelo") || audience == "onderzoek", "\(audience) names a comparison area")
            #expect(!html.contains("Agelo heeft nog geen gegevens") && !html.contains("Agelo (AGE)"), "\(audience)")
        }
        let onderzoek = try String(contentsOfFile: "\(out)/onderzoek/report-onderzoek.html", encoding: .utf8)
        #expect(onderzoek.contains("Vergelijkingsgebieden zonder ondersteuner (8): Agelo, Beuningen"), "only in the effect section")
        let brief = try String(contentsOfFile: "\(out)/raadsbrief/report-raadsbrief.html", encoding: .utf8)
        #expect(brief.contains("<p class=\"effect\">In de 6 dorpen met een dorpsondersteuner"), "the raadsbrief's sentence")
        let none = try box.run("report", "--audience", "raadsbrief", "--period", "2024", "--out", box.path("r2"), "--db", store,
                               "--effect-measure", "none")
        #expect(none.status == 0)
        #expect(!(try String(contentsOfFile: box.path("r2") + "/report-raadsbrief.html", encoding: .utf8)).contains("class=\"effect\""))
        let unknown = try box.run("report", "--audience", "raadsbrief", "--period", "2024", "--out", box.path("r3"), "--db", store,
                                  "--effect-measure", "wmo")
        #expect(unknown.status == 69 && unknown.stderr.contains("--effect-measure"), "\(unknown)")
    }
}
