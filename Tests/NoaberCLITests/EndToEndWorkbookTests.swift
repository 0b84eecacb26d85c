import Foundation
import Testing

/// `noaber import FILE.xlsx` end to end: a workbook and its CSV twin give the same metrics, and
/// every kind of workbook noaber cannot read ends with exit 65 (66 when unreadable), a message
/// that names the file in Dutch (English with --lang en), and a store byte-identical to before.
@Suite("End to end: workbooks")
struct EndToEndWorkbookTests {
    static let workbooks = EndToEnd.packageRoot.appendingPathComponent("Tests/NoaberImportTests/Workbooks").path

    /// The three case twins into two stores (same key): `metrics all` is byte for byte the same.
    @Test func workbooksGiveTheMetricsOfTheirCSVTwins() throws {
        let box = try Sandbox()
        let csvStore = box.path("csv.sqlite"), xlsxStore = box.path("xlsx.sqlite")
        for store in [csvStore, xlsxStore] {
            #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store).status == 0)
        }
        let imports: [(String, String, String?, String)] = [
            ("DEU-cases-dutch-excel", "2025-01-06", "dutch-excel-cases.json", "cases"),
            ("LAT-cases-bom-serial", "2025-01-24", "bom-serial-cases.json", "cases"),
            ("SAA-cases-canonical", "2025-01-10", nil, "cases"),
            ("DEU-tasks-dutch-excel", "2025-01-06", "dutch-excel-tasks.json", "tasks"),
        ]
        for (name, asOf, profile, _) in imports {
            var extra = ["--as-of", asOf]
            if let profile { extra += ["--profile", EndToEnd.datasets + "/profiles/" + profile] }
            let csv = try box.run(["import", EndToEnd.datasets + "/exports/\(name).csv", "--db", csvStore] + extra)
            #expect(csv.status == 0, "\(csv)")
            let xlsx = try box.run(["import", Self.workbooks + "/\(name).xlsx", "--db", xlsxStore, "--key-file", csvStore + ".key"] + extra)
            #expect(xlsx.status == 0, "\(xlsx)")
            #expect(xlsx.stdout.contains("werkblad: "), "\(xlsx)")
        }
        let a = try box.run("metrics", "all", "--db", csvStore, "--format", "csv")
        let b = try box.run("metrics", "all", "--db", xlsxStore, "--format", "csv")
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdoutBytes.count > 10_000)
        #expect(a.stdoutBytes == b.stdoutBytes, "metrics differ between the CSV and the workbook imports")
        let sheets = try box.sqlite(xlsxStore, "SELECT file_name, sheet FROM imports WHERE kind != 'villages' ORDER BY import_id")
        #expect(sheets == ["DEU-cases-dutch-excel.xlsx|Hulpvragen", "LAT-cases-bom-serial.xlsx|Cases",
                           "SAA-cases-canonical.xlsx|Saasveld", "DEU-tasks-dutch-excel.xlsx|Inzet vrijwilligers"])
        let villages = try box.run("villages", "import", Self.workbooks + "/villages.xlsx", "--db", xlsxStore)
        #expect(villages.status == 0, "\(villages)")
    }

    /// Every hostile workbook: exit 65, the file named, Dutch by default and English on request,
    /// the store byte-identical.
    @Test func badWorkbooksExitWithTheirCodeAndLeaveTheStoreUntouched() throws {
        let box = try Sandbox()
        let store = box.path("noaber.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        #expect(try box.run("import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--as-of", "2025-01-10").status == 0)
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: Self.workbooks + "/SAA-cases-canonical.xlsx")))
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let files: [(String, [UInt8], String, String)] = [
            ("beveiligd.xlsx", ole + "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "wachtwoord", "password"),
            ("oud.xls", ole, ".xls", ".xls"),
            ("blad.ods", Self.ods(), "OpenDocument", "OpenDocument"),
            ("bom.xlsx", Self.bomb(good), "zip-bom", "zip bomb"),
            ("half.xlsx", Array(good[0..<(good.count * 2 / 3)]), "onvolledig", "incomplete"),
            ("export.xlsx", Array(try Data(contentsOf: URL(fileURLWithPath: EndToEnd.datasets + "/exports/SAA-cases-canonical.csv"))),
             "CSV-bestand", "CSV file"),
        ]
        for (name, bytes, dutch, english) in files {
            let file = box.path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let before = box.storeFiles(store)
            let nl = try box.run("import", file, "--as-of", "2025-01-10")
            #expect(nl.status == 65, "\(nl)")
            #expect(nl.stderr.contains(file) && nl.stderr.contains(dutch), "\(nl)")
            let en = try box.run("import", file, "--as-of", "2025-01-10", "--lang", "en")
            #expect(en.status == 65, "\(en)")
            #expect(en.stderr.contains(english), "\(en)")
            let after = box.storeFiles(store)
            #expect(before.map(\.0) == after.map(\.0) && zip(before, after).allSatisfy { $0.1 == $1.1 }, "\(name) changed the store")
        }
        // A sheet without a recognisable header: the sheets are listed; a missing --sheet too.
        let before = box.storeFiles(store)
        let noHeader = try box.run("import", Self.workbooks + "/no-header.xlsx", "--as-of", "2025-01-10")
        #expect(noHeader.status == 65 && noHeader.stderr.contains("'Blad1', 'Blad2'"), "\(noHeader)")
        let missing = try box.run("import", Self.workbooks + "/SAA-cases-canonical.xlsx", "--sheet", "Blad7", "--as-of", "2025-01-10", "--lang", "en")
        #expect(missing.status == 65 && missing.stderr.contains("there is no sheet 'Blad7'"), "\(missing)")
        let after = box.storeFiles(store)
        #expect(zip(before, after).allSatisfy { $0.1 == $1.1 })
        let gone = try box.run("import", box.path("weg.xlsx"), "--as-of", "2025-01-10")
        #expect(gone.status == 66, "\(gone)")
    }

    static func ods() -> [UInt8] {
        // Stored entries need no compressor; CRC-32 is computed here.
        func crc32(_ data: [UInt8]) -> Int {
            var crc: UInt32 = 0xFFFF_FFFF
            for b in data {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return Int(~crc)
        }
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int, _ b: inout [UInt8]) { le16(v & 0xFFFF, &b); le16((v >> 16) & 0xFFFF, &b) }
        let entries = [("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                       ("content.xml", Array("<office:document-content/>".utf8))]
        for (name, data) in entries {
            let n = Array(name.utf8), offset = out.count, crc = crc32(data)
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out); le16(0, &out)
            le32(crc, &out); le32(data.count, &out); le32(data.count, &out); le16(n.count, &out); le16(0, &out); out += n + data
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0, &central); le32(crc, &central); le32(data.count, &central); le32(data.count, &central)
            le16(n.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central); central += n
        }
        let at = out.count
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(2, &out); le16(2, &out)
        le32(central.count, &out); le32(at, &out); le16(0, &out)
        return out
    }

    /// The workbook with its sheet's directory entry claiming 3,000 times its packed size.
    static func bomb(_ zip: [UInt8]) -> [UInt8] {
        var bytes = zip
        func le32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        var i = 0
        while i + 46 < bytes.count {
            if le32(i) == 0x0201_4B50 {
                let length = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
                if String(decoding: bytes[(i + 46)..<(i + 46 + length)], as: UTF8.self).hasPrefix("xl/worksheets/") {
                    let claimed = min(le32(i + 20) * 3000, 0xFFFF_FFF0)
                    for k in 0..<4 { bytes[i + 24 + k] = UInt8((claimed >> (8 * k)) & 0xFF) }
                    return bytes
                }
            }
            i += 1
        }
        return bytes
    }
}
