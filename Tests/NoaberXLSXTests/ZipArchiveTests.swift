import Testing
@testable import NoaberXLSX

@Suite("Zip container: what is refused, and why")
struct ZipArchiveTests {
    func kind(_ bytes: [UInt8], limits: ZipArchive.Limits = .init()) -> XLSXError.Kind? {
        do {
            let workbook = try Workbook(bytes: bytes, name: "w.xlsx", limits: limits)
            let reader = try workbook.open(workbook.sheets[0])
            while try reader.next() {}
            return nil
        } catch {
            return error.kind
        }
    }

    static let sheet = #"<row r="1"><c r="A1"><v>1</v></c></row>"#

    @Test func aValidWorkbookReads() {
        #expect(kind(TestZip.workbook(sheets: [("S", Self.sheet)])) == nil)
    }

    @Test func storedEntriesRead() throws {
        var zip = TestZip()
        zip.add("a.txt", "hello", deflate: false)
        let archive = try ZipArchive(bytes: zip.bytes())
        let entry = try #require(archive.entry(named: "a.txt"))
        #expect(String(decoding: try archive.open(entry).readAll(limit: 100), as: UTF8.self) == "hello")
    }

    @Test func truncatedAtEveryLengthIsAnErrorNeverShortData() {
        let whole = TestZip.workbook(sheets: [("S", Self.sheet)])
        for length in stride(from: 0, to: whole.count, by: 7) {
            let cut = Array(whole[0..<length])
            let k = kind(cut)
            #expect(k != nil, "cut at \(length)")
        }
        var middle = whole
        middle.removeSubrange(300..<400)
        #expect(kind(middle) != nil)
    }

    @Test func encryptedEntryFlag() {
        var zip = TestZip()
        zip.add(TestZip.Item(name: "xl/workbook.xml", data: Array("<workbook/>".utf8), flags: 1))
        zip.add("[Content_Types].xml", "<Types/>")
        #expect(kind(zip.bytes()) == .encryptedEntry)
    }

    @Test func encryptedAndLegacyOLEFiles() {
        var ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1000)
        #expect(kind(ole) == .legacyXLS)
        ole += "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
        #expect(kind(ole) == .encrypted)
    }

    @Test func openDocumentAndOtherZips() {
        var ods = TestZip()
        ods.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", deflate: false)
        ods.add("content.xml", "<office:document-content/>")
        #expect(kind(ods.bytes()) == .openDocument)
        var docx = TestZip()
        docx.add("[Content_Types].xml", "<Types/>")
        docx.add("word/document.xml", "<w:document/>")
        #expect(kind(docx.bytes()) == .notExcelZip)
        #expect(kind(Array("case_id,village\nSAA-1,SAA\n".utf8)) == .notAWorkbook)
        #expect(kind([]) == .notAWorkbook)
    }

    @Test func zipBombsStopAtTheRatioOrSizeLimit() {
        // 16 MiB of one repeated row deflates about 340 to 1: refused by the ratio, after 1 MiB.
        let row = #"<row><c t="inlineStr"><is><t>a</t></is></c></row>"#
        let bomb = String(repeating: row, count: (16 << 20) / row.utf8.count)
        #expect(kind(TestZip.workbook(sheets: [("S", bomb)])) == .compressionRatio(limit: 100))
        // Under smaller limits the size limit applies first, whatever the header says.
        let small = ZipArchive.Limits(maxEntryBytes: 1 << 20, maxTotalBytes: 2 << 20, maxRatio: 1_000_000, ratioFloor: 1 << 20)
        #expect(kind(TestZip.workbook(sheets: [("S", String(bomb.prefix(4 << 20)))]), limits: small) == .inflatedTooLarge(limit: 1 << 20))
    }

    @Test func aLyingSizeOrCRCIsCorrupt() {
        var base = TestZip()
        base.add(TestZip.Item(name: "_rels/.rels", data: Array(String(repeating: " ", count: 2000).utf8), declaredSize: 100))
        #expect(kind(base.bytes()).map { if case .corruptEntry = $0 { true } else { false } } == true)
        var crc = TestZip()
        crc.add(TestZip.Item(name: "_rels/.rels", data: Array("<Relationships/>".utf8), crc: 12345))
        #expect(kind(crc.bytes()).map { if case .corruptEntry = $0 { true } else { false } } == true)
    }

    @Test func unsupportedMethodAndZip64() {
        var method = TestZip()
        method.add(TestZip.Item(name: "_rels/.rels", data: Array("<Relationships/>".utf8), deflate: false, method: 12))
        #expect(kind(method.bytes()) == .unsupportedCompression(method: 12))
        var zip64 = TestZip()
        zip64.add(TestZip.Item(name: "_rels/.rels", data: Array("<Relationships/>".utf8), declaredSize: 0xFFFF_FFFF))
        #expect(kind(zip64.bytes()) == .zip64)
    }
}
