import Foundation
import Testing
import NoaberModel
@testable import NoaberStore
@testable import NoaberImport

/// The workbooks of Tests/NoaberImportTests/Workbooks/ (written by Fixtures/make_workbooks.py from
/// the bundled exports) import to exactly what their CSV twins import to: the same cases and
/// tasks, the same counts, the same rejections, with the sheet's own rows and headers as the
/// rejections' places. Hostile workbooks stop with their own message and leave the store as it was.
@Suite("Workbook import")
struct WorkbookImportTests {
    static let workbooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Workbooks").path
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets").path

    static func profile(_ name: String) throws -> MappingProfile {
        try MappingProfile.load(from: datasets + "/profiles/" + name)
    }

    struct Twin {
        let csv: ImportReport
        let xlsx: ImportReport
        let csvBox: Sandbox
        let xlsxBox: Sandbox
    }

    /// Imports the bundled villages and then `csv` into one fresh store and `xlsx` into another,
    /// both with the same pseudonymisation key.
    static func importTwin(csv: String, xlsx: String, options: ImportOptions) throws -> Twin {
        let a = try Sandbox(), b = try Sandbox()
        for box in [a, b] {
            _ = try box.importer.importFile(datasets + "/villages.csv", options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        }
        let csvReport = try a.importer.importFile(datasets + "/exports/" + csv, options: options)
        let sharedKey = Importer(store: b.store, keyPath: a.root + "/store.sqlite.key")
        let xlsxReport = try sharedKey.importFile(workbooks + "/" + xlsx, options: options)
        return Twin(csv: csvReport, xlsx: xlsxReport, csvBox: a, xlsxBox: b)
    }

    static func rows(_ box: Sandbox, _ sql: String) throws -> [[String]] {
        let s = try box.store.database.prepare(sql)
        var rows: [[String]] = []
        while try s.step() {
            rows.append((0..<s.columnCount).map { s.text(at: Int32($0)) ?? "∅" })
        }
        return rows
    }

    func expectSameData(_ twin: Twin) throws {
        #expect(twin.xlsx.rowsRead == twin.csv.rowsRead)
        #expect(twin.xlsx.accepted == twin.csv.accepted)
        #expect(twin.xlsx.rejected == twin.csv.rejected)
        #expect(twin.xlsx.inserted == twin.csv.inserted)
        // Every column of every case and task (the import ids agree: each store has its villages
        // import first). Provenance differs only in the imports table.
        for sql in ["SELECT * FROM v_cases ORDER BY village, case_id",
                    "SELECT * FROM volunteer_tasks ORDER BY 1, 2, 3, 4, 5, 6, 7",
                    "SELECT village, count(*) FROM import_villages GROUP BY village"] {
            let a = try Self.rows(twin.csvBox, sql), b = try Self.rows(twin.xlsxBox, sql)
            #expect(a == b, "\(sql)")
        }
        // Rejections: the same fields and reasons, in order.
        let a = try twin.csvBox.store.rejectedRows(), b = try twin.xlsxBox.store.rejectedRows()
        #expect(a.map(\.field) == b.map(\.field))
        #expect(a.map(\.reason) == b.map(\.reason))
        for r in b where r.field != nil { #expect(r.sourceField?.contains("(kolom ") == true, "\(r)") }
    }

    @Test func dutchExcelCasesUnderATitleWithATotalsRow() throws {
        var options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 6))
        options.profile = try Self.profile("dutch-excel-cases.json")
        let twin = try Self.importTwin(csv: "DEU-cases-dutch-excel.csv", xlsx: "DEU-cases-dutch-excel.xlsx", options: options)
        try expectSameData(twin)
        let r = twin.xlsx
        #expect(r.rejected == 4)
        #expect(r.sheet == "Hulpvragen", "the notes sheet before it has no header")
        #expect(r.headerRow == 3)
        #expect(r.skippedRows == 1)
        #expect(r.warnings.contains { $0.contains("totaalrij") && $0.contains("231") }, "\(r.warnings)")
        // Rejected rows carry the sheet's row number and its own header and column letter.
        let rejected = try twin.xlsxBox.store.rejectedRows()
        // The CSV's lines count the line breaks inside its quoted notes; the sheet's rows do not.
        #expect(rejected.map(\.line) == [70, 127, 172, 206])
        #expect(rejected.contains { $0.sourceField == "Datum melding (kolom F)" })
        // Provenance: the file's SHA-256 and the sheet; no encoding or delimiter.
        let sha = try FileScan.sha256(path: Self.workbooks + "/DEU-cases-dutch-excel.xlsx")
        #expect(r.sha256 == sha)
        let stored = try Self.rows(twin.xlsxBox, "SELECT sha256, sheet, encoding, delimiter, file_name FROM imports WHERE kind = 'cases'")
        #expect(stored == [[sha, "Hulpvragen", "∅", "∅", "DEU-cases-dutch-excel.xlsx"]])
        // The same workbook again changes nothing.
        let sharedKey = Importer(store: twin.xlsxBox.store, keyPath: twin.csvBox.root + "/store.sqlite.key")
        let again = try sharedKey.importFile(Self.workbooks + "/DEU-cases-dutch-excel.xlsx", options: options)
        #expect(again.status == .unchanged)
    }

    @Test func the1904SystemInlineStringsBooleansAndASubtotalRow() throws {
        var options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 24))
        options.profile = try Self.profile("bom-serial-cases.json")
        let twin = try Self.importTwin(csv: "LAT-cases-bom-serial.csv", xlsx: "LAT-cases-bom-serial.xlsx", options: options)
        try expectSameData(twin)
        #expect(twin.xlsx.accepted == 120)
        #expect(twin.xlsx.headerRow == 1)
        #expect(twin.xlsx.skippedRows == 1, "the unlabelled SUBTOTAL row under the data")
        #expect(twin.xlsx.warnings.contains { $0.contains("Export batch") }, "the unmapped column is named as for CSV")
    }

    @Test func canonicalWorkbookWithBuiltInFormatsAndCachedFormulas() throws {
        let options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 10))
        let twin = try Self.importTwin(csv: "SAA-cases-canonical.csv", xlsx: "SAA-cases-canonical.xlsx", options: options)
        try expectSameData(twin)
        #expect(twin.xlsx.accepted == 202)
        #expect(twin.xlsx.headerRow == 2)
        #expect(twin.xlsx.profile == "canonical")
        #expect(!twin.xlsx.warnings.contains { $0.contains("formule") }, "every formula had its cached value")
    }

    @Test func tasksWithDecimalCommaHours() throws {
        var options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 6))
        options.profile = try Self.profile("dutch-excel-tasks.json")
        let twin = try Self.importTwin(csv: "DEU-tasks-dutch-excel.csv", xlsx: "DEU-tasks-dutch-excel.xlsx", options: options)
        try expectSameData(twin)
        #expect(twin.xlsx.accepted == 144)
    }

    /// Hours typed as Excel durations (`[h]:mm`, 1:15 where the CSV has 1,25) import to exactly the
    /// hours of the CSV twin.
    @Test func tasksWithHoursAsExcelDurations() throws {
        var options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 6))
        options.profile = try Self.profile("dutch-excel-tasks.json")
        let twin = try Self.importTwin(csv: "DEU-tasks-dutch-excel.csv", xlsx: "DEU-tasks-clock-hours.xlsx", options: options)
        try expectSameData(twin)
        #expect(twin.xlsx.accepted == 144)
        let hours = try Self.rows(twin.xlsxBox, "SELECT DISTINCT hours FROM volunteer_tasks ORDER BY hours").map { $0[0] }
        #expect(hours.contains("1.25") && hours.contains("0.75"), "\(hours)")
    }

    @Test func villagesWorkbook() throws {
        let a = try Sandbox(), b = try Sandbox()
        let options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1))
        let csv = try a.importer.importFile(Self.datasets + "/villages.csv", options: options)
        let xlsx = try b.importer.importFile(Self.workbooks + "/villages.xlsx", options: options)
        #expect(xlsx.kind == .villages)
        #expect(xlsx.accepted == csv.accepted)
        #expect(try a.store.villages() == b.store.villages())
    }

    @Test func sheetOptionAndProfileKeys() throws {
        let box = try Sandbox()
        _ = try box.importer.importFile(Self.datasets + "/villages.csv", options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        var options = ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 6), dryRun: true)
        options.profile = try Self.profile("dutch-excel-cases.json")
        let file = Self.workbooks + "/DEU-cases-dutch-excel.xlsx"
        options.sheet = "2"
        #expect(try box.importer.importFile(file, options: options).sheet == "Hulpvragen")
        options.sheet = "hulpvragen"
        #expect(try box.importer.importFile(file, options: options).accepted == 222)
        options.sheet = "Blad9"
        do { _ = try box.importer.importFile(file, options: options); Issue.record("no such sheet") } catch {
            guard case .sheetNotFound(_, let sheet, let sheets) = error else { Issue.record("\(error)"); return }
            #expect(sheet == "Blad9")
            #expect(sheets == ["Toelichting", "Hulpvragen"])
            #expect(error.message(.nl).contains("'Toelichting', 'Hulpvragen'"))
        }
        options.sheet = "Toelichting"
        do { _ = try box.importer.importFile(file, options: options); Issue.record("no header") } catch {
            guard case .noRecognisedSheet = error else { Issue.record("\(error)"); return }
        }
        // header_row in the profile: the right row reads, a wrong one is refused.
        options.sheet = nil
        options.profile?.headerRow = 3
        #expect(try box.importer.importFile(file, options: options).headerRow == 3)
        options.profile?.headerRow = 1
        do { _ = try box.importer.importFile(file, options: options); Issue.record("wrong header row") } catch {
            guard case .noRecognisedSheet(_, _, _, let row, _) = error else { Issue.record("\(error)"); return }
            #expect(row == 1)
        }
        // `sheet` and `header_row` in a profile file.
        let json = """
            {"name": "x", "kind": "cases", "sheet": 2, "header_row": 3, "columns": {"Dossiernr": "case_id", "Datum melding": "received", "Dorp": "village"}}
            """
        let p = try MappingProfile.decode(Data(json.utf8), file: "x.json")
        #expect(p.sheet == "2" && p.headerRow == 3)
        for bad in [#"{"name": "x", "kind": "cases", "header_row": 0}"#, #"{"name": "x", "kind": "cases", "sheet": ""}"#] {
            #expect(throws: ImportError.self) { try MappingProfile.decode(Data(bad.utf8), file: "x.json") }
        }
    }

    /// A hand-written canonical sheet with what villages' sheets hold: error values, Excel's leap
    /// day, an uncalculated formula, empty rows, an unlabelled SUM row, cells right of the header.
    @Test func errorValuesLeapDayEmptyAndTotalsRows() throws {
        let box = try Sandbox()
        try box.importVillages()
        let header = ["case_id", "village", "received", "support_minutes"]
        func cells(_ r: Int, _ values: [String]) -> String {
            var xml = #"<row r="\#(r)">"#
            for (i, v) in values.enumerated() where !v.isEmpty {
                let ref = String(UnicodeScalar(UInt8(65 + i))) + String(r)
                xml += v.hasPrefix("<") ? v.replacingOccurrences(of: "REF", with: ref) : #"<c r="\#(ref)" t="inlineStr"><is><t>\#(v)</t></is></c>"#
            }
            return xml + "</row>"
        }
        let date = #"<c r="REF" s="1"><v>45356</v></c>"#
        let sheet = [
            cells(1, ["Registratie Saasveld"]),
            cells(2, header),
            cells(3, ["SAA-1", "SAA", date, #"<c r="REF"><v>30</v></c>"#]),
            cells(4, ["SAA-2", "SAA", date, #"<c r="REF" t="e"><f>1/0</f><v>#DIV/0!</v></c>"#]),
            cells(5, ["SAA-3", "SAA", #"<c r="REF" s="1"><v>60</v></c>"#, ""]),
            #"<row r="6"><c r="A6" t="inlineStr"><is><t> </t></is></c></row>"#,
            cells(7, ["SAA-4", "SAA", date, #"<c r="REF"><f>10*3</f></c>"#, "over de rand"]),
            cells(9, ["", "", "", #"<c r="REF"><f>SUM(D3:D7)</f><v>30</v></c>"#]),
        ].joined()
        let parts: [(String, String)] = [
            ("_rels/.rels", #"<Relationships><Relationship Id="a" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<workbook><sheets><sheet name="Blad1" sheetId="1" r:id="r1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="r1" Type="x/worksheet" Target="worksheets/s.xml"/><Relationship Id="r2" Type="x/styles" Target="styles.xml"/></Relationships>"#),
            ("xl/styles.xml", #"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#),
            ("xl/worksheets/s.xml", "<worksheet><sheetData>\(sheet)</sheetData></worksheet>"),
        ]
        let path = try box.write("saasveld.xlsx", bytes: HostileWorkbooks.zip(parts.map { ($0.0, Array($0.1.utf8), false) }))
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 10)))
        #expect(report.headerRow == 2)
        #expect(report.rowsRead == 4 && report.accepted == 2 && report.rejected == 2, "\(report)")
        #expect(report.skippedRows == 2, "row 6 (only a space) and the SUM row 9")
        let reasons = report.firstRejections.map { "\($0.line) \($0.sourceField ?? "-"): \($0.reason)" }
        #expect(reasons == ["4 support_minutes (kolom D): geen getal '#DIV/0!'",
                            "5 received (kolom C): datum bestaat niet '1900-02-29'"], "\(reasons)")
        let warnings = report.warnings.joined(separator: "\n")
        #expect(warnings.contains("totaalrij overgeslagen, niet als gegevens geteld: rij 9"), "\(warnings)")
        #expect(warnings.contains("lege rij overgeslagen: rij 6"), "\(warnings)")
        #expect(warnings.contains("vanaf kolom E") && warnings.contains("rij 7"), "\(warnings)")
        #expect(warnings.contains("1 formulecel zonder berekende waarde"), "\(warnings)")
        let stored = try Self.rows(box, "SELECT case_id, received, coalesce(support_minutes, '-') FROM v_cases ORDER BY case_id")
        #expect(stored == [["SAA-1", "2024-03-05", "30.0"], ["SAA-4", "2024-03-05", "-"]])
    }

    @Test func totalsLabels() {
        for label in ["totaal", "totaal:", "totaal 2024", "totalen", "grand total", "som", "subtotaal: januari", "sum"] {
            #expect(WorkbookRows.isTotalsLabel(label), "\(label)")
        }
        for label in ["totaalzorg", "summer", "somber", "saa-00001", "", "total care"] where label != "total care" {
            #expect(!WorkbookRows.isTotalsLabel(label), "\(label)")
        }
        #expect(WorkbookRows.ranges([3, 5, 6, 7, 9]) == "3, 5–7, 9")
    }

    /// Each hostile workbook stops the import with its own problem, names the file, and stores nothing.
    @Test func hostileWorkbooksStopAndStoreNothing() throws {
        let box = try Sandbox()
        try box.importVillages()
        let before = try box.store.counts()
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.workbooks + "/SAA-cases-canonical.xlsx")))
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let encrypted = ole + "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let cases: [(String, [UInt8], String)] = [
            ("truncated.xlsx", Array(good[0..<(good.count / 2)]), "onvolledig of beschadigd"),
            ("old.xls", ole, "oude Excel-werkmap (.xls"),
            ("protected.xlsx", encrypted, "wachtwoord"),
            ("renamed.xlsx", Array(Sandbox.casesCSV([Sandbox.caseRow("SAA-1")]).utf8), "geen Excel-werkmap"),
            ("sheet.ods", HostileWorkbooks.ods(), "OpenDocument"),
            ("bomb.xlsx", HostileWorkbooks.bomb(), "zip-bom"),
        ]
        for (name, bytes, message) in cases {
            let path = try box.write(name, bytes: bytes)
            do {
                _ = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 10)))
                Issue.record("\(name) imported")
            } catch {
                let text = error.message(.nl)
                #expect(text.hasPrefix(path), "\(name): \(text)")
                #expect(text.contains(message), "\(name): \(text)")
                #expect(!error.message(.en).isEmpty)
            }
            let after = try box.store.counts()
            #expect(after == before, "\(name) left the store as it was")
        }
        // No recognisable header: the sheets are listed.
        do {
            _ = try box.importer.importFile(Self.workbooks + "/no-header.xlsx", options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 10)))
            Issue.record("imported")
        } catch {
            #expect(error.message(.nl).contains("'Blad1', 'Blad2'"), "\(error.message(.nl))")
        }
        #expect(try box.store.counts() == before)
    }
}

/// Hostile workbooks built at run time (small, but no point committing them).
enum HostileWorkbooks {
    /// A zip with one stored and one deflated entry, written by hand.
    static func zip(_ entries: [(String, [UInt8], Bool)]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int, _ b: inout [UInt8]) { le16(v & 0xFFFF, &b); le16((v >> 16) & 0xFFFF, &b) }
        for (name, data, _) in entries {
            let n = Array(name.utf8), offset = out.count, crc = Int(crc32(data))
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out); le16(0, &out)
            le32(crc, &out); le32(data.count, &out); le32(data.count, &out); le16(n.count, &out); le16(0, &out); out += n; out += data
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0, &central); le32(crc, &central); le32(data.count, &central); le32(data.count, &central)
            le16(n.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central); central += n
        }
        let at = out.count
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(central.count, &out); le32(at, &out); le16(0, &out)
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func ods() -> [UInt8] {
        zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8), false),
             ("content.xml", Array("<office:document-content/>".utf8), false)])
    }

    /// A workbook whose sheet claims to unpack to 3,000 times its packed size (the real deflate
    /// bombs, which unpack that far, are in NoaberXLSXTests, which may link zlib).
    static func bomb() -> [UInt8] {
        let workbook = WorkbookImportTests.workbooks + "/SAA-cases-canonical.xlsx"
        let good = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: workbook)))) ?? []
        return bombify(good)
    }

    /// Rewrites the directory entry of the first worksheet to claim 3,000 times its packed size.
    static func bombify(_ zip: [UInt8]) -> [UInt8] {
        var bytes = zip
        func le32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func put32(_ v: Int, _ at: Int) { for k in 0..<4 { bytes[at + k] = UInt8((v >> (8 * k)) & 0xFF) } }
        var i = 0
        while i + 46 < bytes.count {
            if le32(i) == 0x0201_4B50 {
                let nameLength = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
                let name = String(decoding: bytes[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
                if name.hasPrefix("xl/worksheets/") {
                    put32(min(le32(i + 20) * 3000, 0xFFFF_FFF0), i + 24)
                    return bytes
                }
            }
            i += 1
        }
        return bytes
    }
}
