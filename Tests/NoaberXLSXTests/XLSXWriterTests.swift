import Testing
@testable import NoaberXLSX

/// The writer's output read back by noaber's own reader: the two must agree on every cell kind.
@Suite("Workbook writer: what it writes reads back")
struct XLSXWriterTests {
    @Test func zipEntriesStoredAndDeflatedReadBackWithTheirCRC() throws {
        for size in [0, 1, 2, 100, 70_000] {
            let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
            var zip = ZipWriter()
            zip.add("stored.bin", data, method: .stored)
            zip.add("deflated.bin", data, method: .deflated)
            let archive = try ZipArchive(bytes: try zip.finish())
            for name in ["stored.bin", "deflated.bin"] {
                let entry = try #require(archive.entry(named: name))
                #expect(entry.crc32 == ZipWriter.crc32(data))
                #expect(try archive.open(entry).readAll(limit: 1 << 20) == data, "\(name), \(size) bytes")
            }
        }
    }

    @Test func theSameEntriesGiveTheSameBytes() throws {
        func make() throws -> [UInt8] {
            var zip = ZipWriter()
            zip.add("a.xml", Array("<a/>".utf8))
            return try zip.finish()
        }
        #expect(try make() == make())
    }

    @Test func aDuplicateNameIsRefused() {
        var zip = ZipWriter()
        zip.add("a", [1])
        zip.add("a", [2])
        #expect(throws: ZipWriter.Failure.duplicateName("a")) { try zip.finish() }
    }

    @Test func serialsAreExcelsDayNumbers() {
        #expect(XLSXWriter.serial(year: 2024, month: 3, day: 5) == 45356)
        #expect(XLSXWriter.serial(year: 1900, month: 3, day: 1) == 61)
        #expect(XLSXWriter.serial(year: 2024, month: 3, day: 5, minuteOfDay: 870) == 45356 + 870.0 / 1440)
    }

    @Test func cellsStylesAndSheetsReadBack() throws {
        var data = XLSXWriter.Sheet(name: "Registratie & co")
        data.rows = [
            [.text("Titel", .title)],
            [],
            [.text("Dossiernummer", .header), .text("Datum", .header), .text("Tijd", .header), .text("Minuten", .header), .text("Notitie", .header)],
            [.text("K-001", .text), .number(45356, .date), .number(45356 + 870.0 / 1440, .dateTime), .number(62.5), .text(" a <b> & \"c\"\nd_x000D_\u{1} ")],
            [.text("Totaal", .bold), .empty, .empty, .formula("SUM(D4:D4)", cached: 62.5)],
        ]
        data.columnWidths = [16, 12, nil, 10]
        data.columnStyles = [1: .date]
        data.frozenRows = 3
        data.validations = [XLSXWriter.Validation(range: "B4:B100", kind: .date(min: 1, max: 2_958_465), promptTitle: "Datum",
                                                  prompt: "Typ een datum,\nbijv. 5-3-2024")]
        let lists = XLSXWriter.Sheet(name: "Lijsten", isHidden: true, rows: [[.text("ja")], [.text("nee")]])
        let bytes = try XLSXWriter(sheets: [data, lists], definedNames: [("lijst_janee", "Lijsten!$A$1:$A$2")]).bytes()
        let workbook = try Workbook(bytes: bytes, name: "w.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Registratie & co", "Lijsten"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true])
        let rows = try allRows(try workbook.open(workbook.sheets[0]))
        #expect(rows.map(\.0) == [1, 3, 4, 5])
        #expect(rows[1].1 == ["Dossiernummer", "Datum", "Tijd", "Minuten", "Notitie"])
        #expect(rows[2].1 == ["K-001", "2024-03-05", "2024-03-05T14:30", "62.5", " a <b> & \"c\"\nd_x000D_\u{1} "])
        #expect(rows[3].1 == ["Totaal", "", "", "62.5"])
        let part = try sheetXML(bytes, "xl/worksheets/sheet1.xml")
        #expect(part.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#))
        #expect(part.contains(#"<col min="2" max="2" width="12" customWidth="1" style="2"/>"#))
        #expect(part.contains(#"prompt="Typ een datum,&#10;bijv. 5-3-2024""#))
        #expect(try sheetXML(bytes, "xl/workbook.xml").contains(#"<definedName name="lijst_janee">Lijsten!$A$1:$A$2</definedName>"#))
    }

    func sheetXML(_ bytes: [UInt8], _ name: String) throws -> String {
        let archive = try ZipArchive(bytes: bytes)
        let entry = try #require(archive.entry(named: name))
        return String(decoding: try archive.open(entry).readAll(limit: 1 << 20), as: UTF8.self)
    }
}
