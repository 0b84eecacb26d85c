import Foundation
import NoaberXLSX
import Testing

/// Identifiers typed into the wrong cell — a row shifted in Excel, a name written where a code
/// belongs — go through every command of the built binary, and none of them appears in any byte
/// noaber writes: store, WAL, `rejected` in every format (also `--for-village`), `import` in text
/// and JSON (`first_rejections`), `--strict` and `--dry-run` messages, `imports`, `doctor`,
/// metrics and every report file.
///
/// Every identifier is placed as the invalid value of every checked column of a case export and a
/// task export, and as a case id (refused: not the shape of a file number), and as a case id again
/// under a profile with `case_id_is_personal` (accepted, stored as a pseudonym).
///
/// The export is written by each `WrongCellExportFormat`: CSV, and an `.xlsx` workbook of the same
/// header and rows (a title above the header, the cells as text), so the whole scan also covers
/// what the workbook reader reads and reports (the sheet's own header and column letter in every
/// rejection).
@Suite("Privacy: identifiers in the wrong cell")
struct PrivacyScanWrongCellTests {
    /// Names, phone numbers, e-mail addresses and BSNs (valid 11-proef), as the probe used them,
    /// plus an IBAN and an address line.
    enum Identifiers {
        static let names = ["Jan de Vries", "Hendrika Oude Luttikhuis", "Zoë Ëlzinga", "J. van der Berg", "Åsa Sjöberg-Nijhuis",
                            "Trees Oolderink"]
        static let phones = ["06-12345678", "+31 6 12345678", "0541-123456", "053 123 4567", "0612345679"]
        static let emails = ["zoe.elzinga@example.nl", "j.de.vries@voorbeeld.nl", "HELENE.B@EXAMPLE.ORG"]
        static let bsns = ["111222333", "123456782"] + validBSNs(count: 3, seed: 31_415_926)
        static let others = ["NL91ABNA0417164300", "7576 AB 12"]

        static var all: [String] { names + phones + emails + bsns + others }
    }

    /// One format the wrong-cell export can be written in.
    protocol WrongCellExportFormat: Sendable {
        var name: String { get }
        /// Writes `header` and `rows` into `folder` under `stem` and returns the file's path.
        func write(header: [String], rows: [[String]], to folder: URL, stem: String) throws -> URL
    }

    /// Plain UTF-8 CSV with `,`, every cell quoted.
    struct CSVFormat: WrongCellExportFormat {
        var name: String { "csv" }
        func write(header: [String], rows: [[String]], to folder: URL, stem: String) throws -> URL {
            let csv = MemoryCSV()
            csv.row(header)
            for r in rows { csv.row(r) }
            let url = folder.appendingPathComponent(stem + ".csv")
            try Data(csv.text.utf8).write(to: url)
            return url
        }
    }

    /// A workbook: a title row, the header, one row per record; every cell text. Its parts are
    /// stored, not deflated, so the scanner's self-check finds the planted identifiers in the file.
    struct XLSXFormat: WrongCellExportFormat {
        var name: String { "xlsx" }
        func write(header: [String], rows: [[String]], to folder: URL, stem: String) throws -> URL {
            var sheet = XLSXWriter.Sheet(name: "Registratie")
            sheet.rows = [[.text("Registratie", .title)], header.map { .text($0, .header) }]
            sheet.rows += rows.map { $0.map { $0.isEmpty ? .empty : .text($0) } }
            let url = folder.appendingPathComponent(stem + ".xlsx")
            try Data(try XLSXWriter(sheets: [sheet], method: .stored).bytes()).write(to: url)
            return url
        }
    }

    /// Every format the scan runs over.
    static let formats: [any WrongCellExportFormat] = [CSVFormat(), XLSXFormat()]

    static let caseHeader = ["case_id", "village", "person_id", "age_band", "birth_year", "received", "first_contact", "closed",
                             "source", "channel", "themes", "collective", "resolution", "referred_to", "risks", "escalated_to",
                             "support_minutes"]
    static let validCase = ["", "SAA", "KLT-1", "75-84", "", "2024-03-05", "2024-03-06", "2024-03-20", "self", "phone", "loneliness",
                            "false", "informal", "", "isolation", "", "30"]
    /// The columns checked against a list, a date or a number (person_id is pseudonymised, not checked).
    static let checkedCaseColumns = caseHeader.indices.filter { caseHeader[$0] != "person_id" }

    static let taskHeader = ["case_id", "village", "volunteer_id", "date", "hours", "task"]
    static let validTask = ["", "SAA", "V1", "2024-03-07", "1,5", "visit"]
    static let checkedTaskColumns = taskHeader.indices.filter { taskHeader[$0] != "volunteer_id" }

    /// Rows with identifier `id` as the value of each checked column in turn (case ids stay file numbers).
    static func rows(valid: [String], checked: [Int], ids: [String], prefix: String) -> [[String]] {
        var rows: [[String]] = []
        for (i, id) in ids.enumerated() {
            for column in checked {
                var row = valid
                row[0] = "\(prefix)-\(i)-\(column)"
                row[column] = id
                rows.append(row)
            }
        }
        return rows
    }

    @Test(arguments: formats.map(\.name))
    func noIdentifierInTheWrongCellReachesAnyByteNoaberWrites(format name: String) throws {
        let format = try #require(Self.formats.first { $0.name == name })
        let box = try Sandbox()
        let input = box.root.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for bsn in Identifiers.bsns { #expect(isValidBSN(bsn), "fixture BSN \(bsn) passes the 11-proef") }
        let ids = Identifiers.all

        // Cases: each identifier in each checked column (one row each), then as valid rows' case ids.
        let wrongCells = Self.rows(valid: Self.validCase, checked: Self.checkedCaseColumns, ids: ids, prefix: "W")
        var caseRows = wrongCells
        for (i, id) in ids.enumerated() {
            var row = Self.validCase
            row[0] = id
            row[2] = "KLT-\(i)"
            caseRows.append(row)
        }
        caseRows.append({ var r = Self.validCase; r[0] = "OK-1"; return r }())
        let casesFile = try format.write(header: Self.caseHeader, rows: caseRows, to: input, stem: "SAA-cases-2025-01-15")
        let taskRows = Self.rows(valid: Self.validTask, checked: Self.checkedTaskColumns, ids: ids, prefix: "T")
            + ids.map { id in var r = Self.validTask; r[0] = id; return r }
            + [{ var r = Self.validTask; r[0] = "OK-1"; return r }()]
        let tasksFile = try format.write(header: Self.taskHeader, rows: taskRows, to: input, stem: "SAA-tasks-2025-01-15")
        // The same identifiers as case ids of a village whose file numbers are personal: accepted as pseudonyms.
        let personalRows = ids.enumerated().map { i, id -> [String] in
            var row = Self.validCase
            row[0] = id
            row[1] = "DEU"
            row[2] = "KLT-P\(i)"
            return row
        }
        let personalFile = try format.write(header: Self.caseHeader, rows: personalRows, to: input, stem: "DEU-cases-2025-01-15")
        let personalTasks = try format.write(header: Self.taskHeader, rows: ids.map { id in var r = Self.validTask; r[0] = id; r[1] = "DEU"; return r },
                                             to: input, stem: "DEU-tasks-2025-01-15")
        let caseProfile = input.appendingPathComponent("personal-cases.json")
        try writeJSON(["name": "personal-case-ids", "kind": "cases", "case_id_is_personal": true,
                       "columns": Dictionary(uniqueKeysWithValues: Self.caseHeader.map { ($0, $0) })], to: caseProfile)
        let taskProfile = input.appendingPathComponent("personal-tasks.json")
        try writeJSON(["name": "personal-case-ids-tasks", "kind": "tasks", "case_id_is_personal": true,
                       "columns": Dictionary(uniqueKeysWithValues: Self.taskHeader.map { ($0, $0) })], to: taskProfile)

        // Self-check: the scanner finds every identifier in the input it was planted in.
        let scanner = LeakScanner(secrets: ids)
        let planted = Set(scanner.leaks(in: Array(try Data(contentsOf: casesFile))).map(\.secret))
        #expect(planted == Set(ids), "not found in the input: \(Set(ids).subtracting(planted))")

        let store = box.path("noaber.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let pin = try WALPin(store: store, scratch: box.root)
        let importCases = ["import", casesFile.path, "--as-of", "2025-01-15"]
        for args in [importCases + ["--dry-run"], importCases + ["--dry-run", "--format", "json", "--lang", "en"],
                     importCases + ["--strict"], importCases + ["--strict", "--format", "json", "--lang", "en"]] {
            let run = try box.run(args)
            #expect(args.contains("--strict") ? run.status == 65 : run.status == 0, "\(run)")
        }
        let imported = try box.run(importCases + ["--format", "json"])
        #expect(imported.status == 0, "\(imported)")
        let report = try #require(try imported.json([ImportReportJSON].self).first)
        #expect(report.rejected == wrongCells.count + ids.count, "every wrong cell and every identifier case id is rejected: \(report)")
        #expect(report.accepted == 1)
        #expect(try box.run(["import", tasksFile.path, "--as-of", "2025-01-15"]).status == 0)
        #expect(try box.run(["import", tasksFile.path, "--as-of", "2025-01-15", "--lang", "en"]).status == 0, "re-import")
        let personal = try box.run(["import", personalFile.path, "--profile", caseProfile.path, "--as-of", "2025-01-15", "--format", "json"])
        #expect(personal.status == 0, "\(personal)")
        #expect(try personal.json([ImportReportJSON].self).first?.accepted == ids.count, "personal case ids are accepted: \(personal)")
        #expect(try box.run(["import", personalTasks.path, "--profile", taskProfile.path, "--as-of", "2025-01-15"]).status == 0)

        let rejected = try box.run("rejected", "--format", "json").json([RejectedRowJSON].self)
        #expect(rejected.count >= wrongCells.count + ids.count)
        var commands: [[String]] = [["imports"], ["imports", "--format", "json"], ["doctor"], ["doctor", "--lang", "en"]]
        for extra in [[], ["--lang", "en"]] {
            for format in ["text", "json", "csv"] {
                commands.append(["rejected", "--format", format] + extra)
                commands.append(["rejected", "--for-village", "SAA", "--format", format] + extra)
            }
            commands.append(["rejected", "--for-village", "SAA", "--format", "csv", "--csv-dialect", "excel-nl"] + extra)
            commands.append(["rejected", "--format", "csv", "--csv-dialect", "excel-nl"] + extra)
        }
        for format in ["table", "csv", "json"] {
            commands.append(["metrics", "all", "--period", "2024", "--format", format, "--draws", "200", "--no-suppression"])
        }
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek"] {
            commands.append(["report", "--audience", audience, "--period", "2024", "--out", "rep-\(audience)", "--draws", "200",
                             "--no-suppression"])
        }
        for args in commands {
            let run = try box.run(args)
            #expect(run.status == 0, "\(run)")
        }
        // Phase A: with the WAL pinned; phase B: after a checkpoint. Then every output stream.
        var scanned: [(place: String, bytes: [UInt8])] = filesUnder(box.work).map { ("file " + $0.path, $0.bytes) }
        pin?.close()
        if EndToEnd.sqlite3Path != nil {
            _ = try box.sqlite(store, "PRAGMA wal_checkpoint(TRUNCATE);")
            scanned += filesUnder(box.work).map { ("checkpointed file " + $0.path, $0.bytes) }
        }
        for (i, run) in box.runs.enumerated() {
            scanned.append(("stdout of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stdoutBytes))
            scanned.append(("stderr of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stderrBytes))
        }
        #expect(scanned.contains { $0.place.hasSuffix("noaber.sqlite") && $0.bytes.count > 20_000 }, "the store holds the data")
        #expect(scanned.filter { $0.place.hasSuffix(".html") }.count >= 3, "every report is scanned")

        var leaks: [String] = []
        var leaked: Set<String> = []
        for (place, bytes) in scanned {
            for leak in scanner.leaks(in: bytes) {
                leaks.append("\(place): '\(leak.secret)' (\(leak.form))")
                leaked.insert(leak.secret)
            }
        }
        let total = scanned.reduce(0) { $0 + $1.bytes.count }
        let summary = "WRONG-CELL-SCAN format=\(name) identifiers=\(ids.count) leaked=\(leaked.count) rows=\(caseRows.count + taskRows.count + personalRows.count) places=\(scanned.count) bytes=\(total) runs=\(box.runs.count)"
        print(summary)
        try? Data((summary + "\n" + leaks.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: NSTemporaryDirectory() + "noaber-wrong-cell-scan-\(name).txt"))
        #expect(leaks.isEmpty, "\(leaked.count) identifiers leaked, \(leaks.count) places, e.g.\n\(leaks.prefix(20).joined(separator: "\n"))")

        // What the village gets back: every rejected row, the column as its sheet names it, and
        // what the value looked like instead of the value.
        let village = try #require(box.runs.first { $0.arguments == ["rejected", "--for-village", "SAA", "--format", "csv"] })
        let records = parseCSV(village.stdout)
        #expect(records.first == ["bestand", "regel", "kolom", "reden", "rij (zonder persoonsgegevens)", "leeg gemaakt"])
        #expect(records.count - 1 >= wrongCells.count + ids.count, "the village gets every rejected row back")
        let themeRow = records.first { $0.count == 6 && $0[2].hasPrefix("themes") && $0[3].contains("naam") }
        #expect(themeRow?[3].contains("niet getoond") == true, "\(String(describing: themeRow))")
        #expect(themeRow?[5] == "themes", "the blanked column is named: \(String(describing: themeRow))")
    }
}
