import Foundation
import Testing

/// The total byte scan: exports full of direct identifiers go through every command of the built
/// binary, and not one identifier appears in any byte noaber wrote — store, WAL, shared memory,
/// key, every report file, every line on stdout and stderr.
@Suite("Privacy: total byte scan")
struct PrivacyScanTests {
    /// The identifiers the fixtures carry, by kind (docs/reliability-privacy.md counts them).
    enum Identifiers {
        static let names = ["Zoë Ëlzinga", "Jan de Vries", "Hélène Brinkhuis-ter Horst", "Gerrit Oude Luttikhuis",
                            "Åsa Sjöberg-Nijhuis", "Trees Oolderink"]
        static let addresses = ["Dorpsstraat 12, 7576 AB Saasveld", "Kerkweg 3a, 7591 NK Denekamp",
                                "Bentheimerstraat 44, 7573 CB Oldenzaal"]
        static let postcodes = ["7576 AB", "7591 NK", "7573 CB"]
        static let phones = ["06-12345678", "+31 6 12345678", "0541-123456", "+31 (0)541 654321", "0612345679"]
        static let emails = ["zoe.elzinga@example.nl", "j.de.vries@voorbeeld.nl", "HELENE.B@EXAMPLE.ORG"]
        static let bsns = ["111222333", "123456782"] + validBSNs(count: 4, seed: 23_456_789)
        static let personIDs = ["KLT-778201", "KLT-778202", "KLT-778203", "CL/2024/00917"]
        static let volunteerIDs = ["VRW-5521", "VRW-5522", "Anna Kamphuis", "anna.kamphuis@example.nl", "06-98765432"]

        /// What goes into the person_id column: source ids, and identifiers typed into it by mistake.
        static var personColumn: [String] { personIDs + bsns + names + emails + phones }

        static var all: [String] {
            names + addresses + postcodes + phones + emails + bsns + personIDs + volunteerIDs
        }
    }

    static let caseHeader = ["Dossiernr", "Dorp", "Cliëntnummer", "Naam", "Adres", "Telefoon", "E-mail", "BSN",
                             "Leeftijdsklasse", "Datum melding", "Eerste contact", "Afgesloten", "Gemeld door", "Kanaal",
                             "Thema's", "Collectief", "Afhandeling", "Doorverwezen naar", "Risico's", "Geëscaleerd naar",
                             "Tijd (min)", "Notities", "Opmerking"]

    /// A Dutch-Excel case export: identifiers in dropped columns (Naam, Adres, Telefoon, E-mail,
    /// BSN, Notities), in the person_id column (Cliëntnummer) and in a column the profile does not
    /// list (Opmerking, ignored). Rows 3, 7 and 11 are rejected (impossible date, unknown theme,
    /// ragged), so the quarantine sees identifiers too.
    static func caseExport() -> (text: String, rows: Int, rejected: Int) {
        let I = Identifiers.self
        var lines = [caseHeader.joined(separator: ";")]
        let themes = ["eenzaamheid", "wonen", "vervoer, mantelzorgondersteuning", "gezondheid en zorg"]
        let villages = ["Saasveld", "Saasveld", "Deurningen"]
        let count = 120
        var rejected = 0
        for i in 0..<count {
            let month = i % 12 + 1, day = i % 25 + 1
            let person = I.personColumn[i % I.personColumn.count]
            let name = I.names[i % I.names.count]
            var received = "\(day)-\(month)-2024"
            var theme = themes[i % themes.count]
            if i == 3 { received = "31-2-2024"; rejected += 1 }
            if i == 7 { theme = "onbekend thema"; rejected += 1 }
            let note = "Gebeld met \(name) (\(I.phones[i % I.phones.count])), woont \(I.addresses[i % I.addresses.count])"
            let remark = "BSN \(I.bsns[i % I.bsns.count]); mail \(I.emails[i % I.emails.count]); \(name)"
            var fields = ["PRV-\(1000 + i)", villages[i % villages.count], person, name, I.addresses[i % I.addresses.count],
                          I.phones[(i + 1) % I.phones.count], I.emails[i % I.emails.count], I.bsns[i % I.bsns.count],
                          i % 2 == 0 ? "75-84 jaar" : "65-74 jaar", received, "\(day + 2)-\(month)-2024 10:15",
                          i % 5 == 0 ? "" : "\(day + 3)-\(month)-2024", "familie", "telefoon", theme, "nee", "informele hulp",
                          "", i % 6 == 0 ? "val" : "", "", "45", note, remark]
            if i == 11 { fields.append(I.names[0] + " " + I.bsns[0]); rejected += 1 }
            lines.append(fields.map(excelField).joined(separator: ";"))
        }
        return (lines.joined(separator: "\r\n") + "\r\n", count, rejected)
    }

    /// A Dutch-Excel task export: identifiers as volunteer ids and in an ignored column (Notitie).
    /// Row 4 is rejected (hours are not a number).
    static func taskExport() -> (text: String, rows: Int, rejected: Int) {
        let I = Identifiers.self
        var lines = ["Dossiernr;Dorp;Vrijwilliger;Datum;Uren;Taak;Notitie"]
        let count = 60
        for i in 0..<count {
            let hours = i == 4 ? "veel" : "1,5"
            let note = "\(I.names[i % I.names.count]) belt \(I.phones[i % I.phones.count]) of \(I.emails[i % I.emails.count])"
            let fields = ["PRV-\(1000 + i * 2)", i % 3 == 2 ? "Deurningen" : "Saasveld", I.volunteerIDs[i % I.volunteerIDs.count],
                          "\(i % 25 + 5)-\(i % 12 + 1)-2024", hours, i % 2 == 0 ? "bezoek" : "vervoer", note]
            lines.append(fields.map(excelField).joined(separator: ";"))
        }
        return (lines.joined(separator: "\r\n") + "\r\n", count, 1)
    }

    @Test func noIdentifierInAnyByteNoaberWrites() throws {
        let box = try Sandbox()
        let input = box.root.appendingPathComponent("input")
        let datasets = input.appendingPathComponent("datasets")
        try FileManager.default.createDirectory(at: datasets.appendingPathComponent("exports"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: datasets.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        for bsn in Identifiers.bsns { #expect(isValidBSN(bsn), "fixture BSN \(bsn) passes the 11-proef") }
        #expect(!isValidBSN("123456789"), "the 11-proef check can fail")

        // Inputs live outside the sandbox's working folder: everything under work/ is noaber's.
        let cases = Self.caseExport(), tasks = Self.taskExport()
        let casesFile = datasets.appendingPathComponent("exports/PRV-cases-dutch-excel.csv")
        let tasksFile = datasets.appendingPathComponent("exports/PRV-tasks-dutch-excel.csv")
        try writeWindows1252(cases.text, to: casesFile)
        try writeWindows1252(tasks.text, to: tasksFile)
        var caseProfile = try bundledProfile("dutch-excel-cases.json")
        caseProfile["name"] = "privacy-scan-cases"
        caseProfile["drop"] = ["Naam", "Adres", "Telefoon", "E-mail", "BSN", "Notities"]
        let caseProfileFile = datasets.appendingPathComponent("profiles/cases.json")
        try writeJSON(caseProfile, to: caseProfileFile)
        var leakyProfile = caseProfile
        leakyProfile["drop"] = ["Adres", "Telefoon", "E-mail", "BSN", "Notities"]   // forgets Naam
        let leakyProfileFile = input.appendingPathComponent("forgets-naam.json")
        try writeJSON(leakyProfile, to: leakyProfileFile)
        let taskProfileFile = datasets.appendingPathComponent("profiles/tasks.json")
        try writeJSON(try bundledProfile("dutch-excel-tasks.json"), to: taskProfileFile)
        let badProfileFile = input.appendingPathComponent("bad-profile.json")
        try Data(#"{"name": "kapot", "kind": "cases", "columns": {"Dossiernr": "case_id", "#.utf8).write(to: badProfileFile)
        try FileManager.default.copyItem(atPath: EndToEnd.datasets + "/villages.csv", toPath: datasets.appendingPathComponent("villages.csv").path)
        try Data("""
            file,kind,village,dialect,profile,as_of,rows,deliberate_errors
            exports/PRV-cases-dutch-excel.csv,cases,SAA,dutch-excel,profiles/cases.json,2025-01-15,\(cases.rows),\(cases.rejected)
            exports/PRV-tasks-dutch-excel.csv,tasks,SAA,dutch-excel,profiles/tasks.json,2025-01-15,\(tasks.rows),\(tasks.rejected)

            """.utf8).write(to: datasets.appendingPathComponent("exports/manifest.csv"))

        // Self-check: the scanner finds every identifier in the inputs it was planted in.
        let scanner = LeakScanner(secrets: Identifiers.all)
        let inputBytes = Array(try Data(contentsOf: casesFile)) + Array(try Data(contentsOf: tasksFile))
        let planted = Set(scanner.leaks(in: inputBytes).map(\.secret))
        #expect(planted == Set(Identifiers.all), "not found in the inputs: \(Set(Identifiers.all).subtracting(planted))")
        #expect(scanner.leaks(in: Array("JAN DE VRIES".utf8)).contains { $0.secret == "Jan de Vries" }, "case-folded")
        #expect(scanner.leaks(in: Array(#"{"n":"Zo\u00eb \u00cblzinga"}"#.utf8)).contains { $0.secret == "Zoë Ëlzinga" }, "JSON escapes")
        #expect(scanner.leaks(in: Array("zoë ëlzinga".data(using: .windowsCP1252) ?? Data())).contains { $0.secret == "Zoë Ëlzinga" })
        #expect(scanner.leaks(in: Array("Saasveld, Jan de Vrie".utf8)).isEmpty, "no false positives on near misses")

        let store = box.path("noaber.sqlite")
        let importCases = ["import", casesFile.path, "--profile", caseProfileFile.path, "--as-of", "2025-01-15"]
        let importTasks = ["import", tasksFile.path, "--profile", taskProfileFile.path, "--as-of", "2025-01-15"]
        #expect(try box.run("villages", "import", datasets.appendingPathComponent("villages.csv").path).status == 0)
        let pin = try WALPin(store: store, scratch: box.root)

        // Error paths first (nothing may be stored by them), then the real imports.
        for args in [importCases + ["--dry-run"], importCases + ["--dry-run", "--format", "json", "--lang", "en"],
                     importCases + ["--strict"], importCases + ["--strict", "--format", "json"]] {
            let run = try box.run(args)
            #expect(args.contains("--strict") ? run.status != 0 : run.status == 0, "\(run)")
        }
        let failing: [[String]] = [
            ["import", casesFile.path, "--profile", leakyProfileFile.path, "--as-of", "2025-01-15"],
            ["import", casesFile.path, "--profile", leakyProfileFile.path, "--as-of", "2025-01-15", "--lang", "en", "--format", "json"],
            ["import", casesFile.path, "--profile", badProfileFile.path, "--as-of", "2025-01-15"],
            ["import", casesFile.path, "--as-of", "2025-01-15"],
            ["import", casesFile.path, "--profile", caseProfileFile.path, "--kind", "tasks"],
            ["import", input.appendingPathComponent("missing.csv").path, "--as-of", "2025-01-15"],
            ["import", tasksFile.path, "--profile", caseProfileFile.path, "--as-of", "2025-01-15", "--lang", "en"],
        ]
        for args in failing {
            let run = try box.run(args)
            #expect(run.status != 0, "\(run)")
        }
        let leakyRun = try box.run(failing[0])
        #expect(leakyRun.stderr.contains("Naam"), "the refusal names the column: \(leakyRun)")

        let imported = try box.run(importCases)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("read \(cases.rows)") || imported.stdout.contains("\(cases.rows)"), "\(imported)")
        #expect(try box.run(importTasks + ["--format", "json"]).status == 0)
        #expect(try box.run(importCases + ["--format", "json"]).status == 0, "re-import (no-op)")
        let rejected = try box.run("rejected", "--format", "json").json([RejectedRowJSON].self)
        #expect(rejected.count == cases.rejected + tasks.rejected, "\(rejected)")
        #expect(rejected.allSatisfy { !$0.raw.isEmpty })

        var commands: [[String]] = [["imports"], ["imports", "--format", "json"], ["imports", "--lang", "en"],
                                    ["rejected"], ["rejected", "--lang", "en"], ["rejected", "--format", "json"],
                                    ["rejected", "--format", "csv"], ["villages", "list"], ["villages", "list", "--format", "json"]]
        for format in ["table", "csv", "json"] {
            commands.append(["metrics", "all", "--period", "2024", "--format", format, "--draws", "200"])
            commands.append(["metrics", "all", "--period", "2024", "--every", "quarter", "--format", format, "--no-suppression",
                             "--draws", "200", "--lang", "en"])
        }
        commands.append(["metrics", "all", "--period", "2024", "--by", "municipality", "--format", "csv", "--csv-dialect", "excel-nl", "--draws", "200"])
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek"] {
            commands.append(["report", "--audience", audience, "--period", "2024", "--out", "rep-\(audience)", "--draws", "200"])
            commands.append(["report", "--audience", audience, "--period", "2024", "--out", "rep-\(audience)-en", "--lang", "en",
                             "--csv-dialect", "excel-nl", "--no-suppression", "--draws", "200"])
        }
        for args in commands {
            let run = try box.run(args)
            #expect(run.status == 0, "\(run)")
        }
        // (The manifest names a village: demo passes an empty village column on as --village "", which no row matches.)
        let demo = try box.run("demo", "--datasets", datasets.path, "--out", "demo", "--quiet")
        #expect(demo.status == 0, "\(demo)")

        // Phase A: with the WAL pinned by a reader, so pages written since the pin are in -wal.
        var scanned: [(place: String, bytes: [UInt8])] = filesUnder(box.work).map { ("file " + $0.path, $0.bytes) }
        if pin != nil { #expect(scanned.contains { $0.place.hasSuffix("noaber.sqlite-wal") && $0.bytes.count > 4096 }, "the WAL was scanned") }
        pin?.close()
        // Phase B: after a full checkpoint, the main file holds every page.
        if EndToEnd.sqlite3Path != nil {
            _ = try box.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
            scanned += filesUnder(box.work).map { ("checkpointed file " + $0.path, $0.bytes) }
        }
        for (i, run) in box.runs.enumerated() {
            scanned.append(("stdout of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stdoutBytes))
            scanned.append(("stderr of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stderrBytes))
        }
        let reportFiles = scanned.filter { $0.place.hasPrefix("file ") && ($0.place.contains("/rep-") || $0.place.contains("/demo/")) }
        #expect(reportFiles.filter { $0.place.hasSuffix(".svg") }.count >= 10 && reportFiles.filter { $0.place.hasSuffix(".csv") }.count >= 10
                && reportFiles.filter { $0.place.hasSuffix(".html") }.count == 15, "every report file is scanned (the demo's six village pages too)")
        #expect(scanned.contains { $0.place.hasSuffix("noaber.sqlite") && $0.bytes.count > 50_000 }, "the store holds the data")

        var leaks: [String] = []
        for (place, bytes) in scanned {
            for leak in scanner.leaks(in: bytes) { leaks.append("\(place): '\(leak.secret)' (\(leak.form))") }
        }
        let total = scanned.reduce(0) { $0 + $1.bytes.count }
        let summary = "PRIVACY-SCAN identifiers=\(Identifiers.all.count) needles=\(scanner.needles.count) places=\(scanned.count) bytes=\(total) runs=\(box.runs.count)"
        print(summary)
        try? Data((summary + "\n").utf8).write(to: URL(fileURLWithPath: NSTemporaryDirectory() + "noaber-privacy-scan-summary.txt"))
        #expect(leaks.isEmpty, "\(leaks.count) leaks, e.g.\n\(leaks.prefix(20).joined(separator: "\n"))")
    }
}
