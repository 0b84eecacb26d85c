import CZlib
@testable import NoaberXLSX

/// Writes zip files in memory for the tests: stored or deflated entries, and knobs to break them
/// (an encryption flag, a lying size, another method), so hostile archives are built here rather
/// than committed.
struct TestZip {
    struct Item {
        var name: String
        var data: [UInt8]
        var deflate = true
        var flags = 0
        var method: Int? = nil
        /// Overrides the unpacked size written in the headers (a lying header).
        var declaredSize: Int? = nil
        var crc: UInt32? = nil
    }

    var items: [Item] = []

    mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
        items.append(Item(name: name, data: Array(text.utf8), deflate: deflate))
    }

    mutating func add(_ item: Item) { items.append(item) }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { b in UInt32(CZlib.crc32(0, b.baseAddress, UInt32(b.count))) }
    }

    /// Raw deflate of `data` at `level`.
    static func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        precondition(noaber_deflate_init_raw(&stream, level) == Z_OK)
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        var input = data
        let produced: Int = input.withUnsafeMutableBufferPointer { inb in
            out.withUnsafeMutableBufferPointer { outb in
                stream.next_in = inb.baseAddress
                stream.avail_in = UInt32(inb.count)
                stream.next_out = outb.baseAddress
                stream.avail_out = UInt32(outb.count)
                let status = CZlib.deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END)
                return outb.count - Int(stream.avail_out)
            }
        }
        deflateEnd(&stream)
        return Array(out[0..<produced])
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int, _ b: inout [UInt8]) { le16(v & 0xFFFF, &b); le16((v >> 16) & 0xFFFF, &b) }
        for item in items {
            let packed = item.deflate ? Self.deflate(item.data) : item.data
            let method = item.method ?? (item.deflate ? 8 : 0)
            let crc = Int(item.crc ?? Self.crc32(item.data))
            let size = item.declaredSize ?? item.data.count
            let name = Array(item.name.utf8)
            let offset = out.count
            le32(0x0403_4B50, &out); le16(20, &out); le16(item.flags, &out); le16(method, &out)
            le16(0, &out); le16(0x21, &out); le32(crc, &out); le32(packed.count, &out); le32(size, &out)
            le16(name.count, &out); le16(0, &out); out += name; out += packed
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(item.flags, &central)
            le16(method, &central); le16(0, &central); le16(0x21, &central); le32(crc, &central)
            le32(packed.count, &central); le32(size, &central); le16(name.count, &central); le16(0, &central)
            le16(0, &central); le16(0, &central); le16(0, &central); le32(0, &central); le32(offset, &central)
            central += name
        }
        let directoryOffset = out.count
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(items.count, &out); le16(items.count, &out)
        le32(central.count, &out); le32(directoryOffset, &out); le16(0, &out)
        return out
    }

    /// A minimal workbook: one sheet per (name, sheetData XML), optional shared strings and
    /// styles, and the date system.
    static func workbook(sheets: [(String, String)], sharedStrings: [String]? = nil, cellFormats: [Int] = [0],
                         customFormats: [Int: String] = [:], date1904: Bool = false, sheetPrefix: String = "") -> [UInt8] {
        var zip = TestZip()
        zip.add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        zip.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        var sheetList = "", rels = ""
        for (i, sheet) in sheets.enumerated() {
            sheetList += #"<sheet name="\#(sheet.0)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            rels += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
            let p = sheetPrefix.isEmpty ? "" : sheetPrefix + ":"
            let ns = sheetPrefix.isEmpty ? "xmlns" : "xmlns:\(sheetPrefix)"
            zip.add("xl/worksheets/sheet\(i + 1).xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <\(p)worksheet \(ns)="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><\(p)sheetData>\(sheet.1)</\(p)sheetData></\(p)worksheet>
                """)
        }
        rels += #"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        if let strings = sharedStrings {
            rels += #"<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
            zip.add("xl/sharedStrings.xml", #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
                    + strings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined() + "</sst>")
        }
        zip.add("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <workbookPr\(date1904 ? #" date1904="1""# : "")/><sheets>\(sheetList)</sheets></workbook>
            """)
        zip.add("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#)
        let numFmts = customFormats.sorted { $0.key < $1.key }.map { #"<numFmt numFmtId="\#($0.key)" formatCode="\#($0.value)"/>"# }.joined()
        zip.add("xl/styles.xml", """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>\(numFmts)</numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs>\(cellFormats.map { #"<xf numFmtId="\#($0)" fontId="0"/>"# }.joined())</cellXfs></styleSheet>
            """)
        return zip.bytes()
    }
}

/// All rows of a sheet as (row number, cells).
func allRows(_ reader: SheetReader) throws -> [(Int, [String])] {
    var rows: [(Int, [String])] = []
    while try reader.next() { rows.append((reader.rowNumber, reader.rowCells())) }
    return rows
}

func firstSheet(_ bytes: [UInt8], options: SheetReader.Options = .init()) throws -> SheetReader {
    let workbook = try Workbook(bytes: bytes, name: "test.xlsx")
    return try workbook.open(workbook.sheets[0], options: options)
}
