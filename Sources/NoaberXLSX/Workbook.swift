/// An `.xlsx` workbook: its sheets in tab order, its date system and cell formats, and a way to
/// stream each sheet's rows (`SheetReader`).
///
/// Opening reads only the small parts (`_rels/.rels`, the workbook, its relationships, the
/// styles); the shared strings are read when the first sheet is opened; sheets are streamed.
/// What is not a readable workbook is named precisely, before anything else is read: a password-
/// protected workbook (an OLE file with an `EncryptedPackage`), an old `.xls` (any other OLE
/// file), an `.ods` (a zip with an OpenDocument `mimetype`), a zip that holds no workbook, and a
/// file that is no zip at all (a CSV renamed to `.xlsx`).
///
///     let workbook = try Workbook(path: "registratie.xlsx")
///     let reader = try workbook.open(workbook.sheets[0])
///     while try reader.next() { print(reader.rowNumber, reader.cellCount) }
public final class Workbook {
    public struct Sheet: Sendable, Hashable {
        /// The name on the sheet's tab.
        public let name: String
        /// 1-based position among the worksheets, in tab order.
        public let number: Int
        /// The zip entry holding the sheet's XML.
        public let part: String
        /// `state="hidden"` or `veryHidden`: not shown in Excel's tabs.
        public let isHidden: Bool
    }

    /// What the first bytes of a file say it is.
    public enum Signature: Sendable {
        /// `PK\x03\x04` (or an empty zip's `PK\x05\x06`): a zip, which a workbook is.
        case zip
        /// `D0 CF 11 E0 A1 B1 1A E1`: an OLE compound file (`.xls`, or an encrypted `.xlsx`).
        case ole
        case other
    }

    public let file: String
    public let archive: ZipArchive
    public let sheets: [Sheet]
    /// `<workbookPr date1904="1"/>`: serials count days from 1904-01-01 (old Mac workbooks).
    public let uses1904: Bool
    public let styles: Styles
    private let sharedStringsPart: String?
    private var sharedStrings: SharedStrings?

    public convenience init(path: String, limits: ZipArchive.Limits = .init()) throws(XLSXError) {
        try self.init(file: RandomAccessFile(path: path), limits: limits)
    }

    public convenience init(bytes: [UInt8], name: String = "<memory>", limits: ZipArchive.Limits = .init()) throws(XLSXError) {
        try self.init(file: RandomAccessFile(bytes: bytes, name: name), limits: limits)
    }

    init(file: RandomAccessFile, limits: ZipArchive.Limits) throws(XLSXError) {
        self.file = file.name
        switch try Self.signature(of: file) {
        case .ole:
            throw XLSXError(file: file.name, kind: try Self.isEncryptedPackage(file) ? .encrypted : .legacyXLS)
        case .other:
            throw XLSXError(file: file.name, kind: .notAWorkbook)
        case .zip:
            break
        }
        let archive = try ZipArchive(file: file, limits: limits)
        self.archive = archive
        let workbookPart = try Self.officeDocument(archive) ?? "xl/workbook.xml"
        guard let workbookEntry = archive.entry(named: workbookPart) else {
            if let mimetype = archive.entry(named: "mimetype"),
               let text = try? archive.open(mimetype).readAll(limit: 4096),
               text.starts(with: Array("application/vnd.oasis.opendocument".utf8)) {
                throw XLSXError(file: file.name, kind: .openDocument)
            }
            if archive.entry(named: "content.xml") != nil, archive.entry(named: "[Content_Types].xml") == nil {
                throw XLSXError(file: file.name, kind: .openDocument)
            }
            throw XLSXError(file: file.name, kind: .notExcelZip)
        }
        let folder = Self.folder(of: workbookPart)
        let relationships = try Self.relationships(archive, part: folder + "_rels/" + Self.lastComponent(workbookPart) + ".rels",
                                                   base: folder)
        let (declared, uses1904) = try Self.readWorkbook(XMLScanner(reader: archive.open(workbookEntry), file: file.name))
        var sheets: [Sheet] = []
        for (name, relationshipID, hidden) in declared {
            guard let target = relationships[relationshipID], target.type.hasSuffix("/worksheet") else { continue }
            sheets.append(Sheet(name: name, number: sheets.count + 1, part: target.part, isHidden: hidden))
        }
        guard !sheets.isEmpty else { throw XLSXError(file: file.name, part: workbookPart, kind: .noSheets) }
        self.sheets = sheets
        self.uses1904 = uses1904
        sharedStringsPart = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.part
        if let stylesPart = relationships.values.first(where: { $0.type.hasSuffix("/styles") })?.part,
           let entry = archive.entry(named: stylesPart) {
            styles = try Styles.read(XMLScanner(reader: archive.open(entry), file: file.name))
        } else {
            styles = Styles()
        }
    }

    /// The sheet named `name` exactly, else (when `name` is a number) the sheet at that
    /// position; nil when neither exists. A sheet named "2" wins over the second sheet.
    public func sheet(named name: String) -> Sheet? {
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        if let folded = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) { return folded }
        if let number = Int(name), number >= 1, number <= sheets.count { return sheets[number - 1] }
        return nil
    }

    /// Streams `sheet`'s rows. The shared strings are read on the first call.
    public func open(_ sheet: Sheet, options: SheetReader.Options = .init()) throws(XLSXError) -> SheetReader {
        guard let entry = archive.entry(named: sheet.part) else {
            throw XLSXError(file: file, kind: .missingPart(sheet.part))
        }
        if sharedStrings == nil {
            if let part = sharedStringsPart, let strings = archive.entry(named: part) {
                sharedStrings = try SharedStrings.read(XMLScanner(reader: archive.open(strings), file: file))
            } else {
                sharedStrings = SharedStrings()
            }
        }
        return try SheetReader(xml: XMLScanner(reader: archive.open(entry), file: file, maxTokenBytes: options.maxCellBytes),
                               sheet: sheet, strings: sharedStrings ?? SharedStrings(), styles: styles,
                               uses1904: uses1904, options: options, fileSize: archive.size)
    }

    // MARK: Recognising the file

    /// The first bytes' verdict.
    public static func signature(path: String) throws(XLSXError) -> Signature {
        try signature(of: RandomAccessFile(path: path))
    }

    static func signature(of file: RandomAccessFile) throws(XLSXError) -> Signature {
        guard let head = try file.bytes(at: 0, count: min(8, file.size)), head.count >= 4 else { return .other }
        if head[0] == 0x50, head[1] == 0x4B, (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) { return .zip }
        if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { return .ole }
        return .other
    }

    /// Whether an OLE file holds an `EncryptedPackage` stream (its directory names it in
    /// UTF-16LE): how Office stores a password-protected `.xlsx`. Scans in 64 KiB chunks.
    static func isEncryptedPackage(_ file: RandomAccessFile) throws(XLSXError) -> Bool {
        let needle = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var offset = 0
        let chunk = 64 * 1024
        while offset < file.size {
            guard let bytes = try file.bytes(at: offset, count: min(chunk + needle.count, file.size - offset)) else { break }
            if bytes.count >= needle.count {
                for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
                    if bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
                }
            }
            offset += chunk
        }
        return false
    }

    // MARK: Parts

    private struct Target {
        let type: String
        let part: String
    }

    /// `_rels/.rels`: where the main workbook part is (nil: the default `xl/workbook.xml`).
    private static func officeDocument(_ archive: ZipArchive) throws(XLSXError) -> String? {
        let targets = try relationships(archive, part: "_rels/.rels", base: "")
        return targets.values.first { $0.type.hasSuffix("/officeDocument") }?.part
    }

    /// Relationship id → (type, resolved part path); empty when the part is absent.
    private static func relationships(_ archive: ZipArchive, part: String, base: String) throws(XLSXError) -> [String: Target] {
        guard let entry = archive.entry(named: part) else { return [:] }
        let xml = try XMLScanner(reader: archive.open(entry), file: archive.name)
        var result: [String: Target] = [:]
        while true {
            switch try xml.next() {
            case .start where xml.nameIs(XMLName.relationship):
                guard let id = try xml.attribute(XMLName.idAttribute), let target = try xml.attribute(XMLName.target) else { continue }
                if try xml.attribute("TargetMode") == "External" { continue }
                result[id] = Target(type: try xml.attribute(XMLName.type) ?? "", part: resolve(target, base: base))
            case .endOfDocument:
                return result
            default:
                continue
            }
        }
    }

    /// The sheets as declared (name, relationship id, hidden) and the date system.
    private static func readWorkbook(_ xml: XMLScanner) throws(XLSXError) -> ([(String, String, Bool)], Bool) {
        var sheets: [(String, String, Bool)] = []
        var uses1904 = false
        while true {
            switch try xml.next() {
            case .start:
                if xml.nameIs(XMLName.sheet) {
                    guard let name = try xml.attribute(XMLName.name), let id = try xml.attribute(XMLName.id) else {
                        throw xml.fail("a sheet without a name or relationship")
                    }
                    let state = try xml.attribute(XMLName.state) ?? "visible"
                    sheets.append((name, id, state != "visible"))
                } else if xml.nameIs(XMLName.workbookPr) {
                    let value = try xml.attribute(XMLName.date1904)
                    uses1904 = value == "1" || value == "true"
                }
            case .endOfDocument:
                return (sheets, uses1904)
            default:
                continue
            }
        }
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    static func lastComponent(_ part: String) -> String {
        part.split(separator: "/").last.map(String.init) ?? part
    }

    /// A relationship target resolved against the folder of the part that names it.
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for component in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(component)
        }
        return parts.joined(separator: "/")
    }
}
