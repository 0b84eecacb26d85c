/// Everything that can go wrong while reading a workbook, with where it did.
///
/// The twin of `CSVError`: the reader is strict, and a workbook it cannot read exactly stops the
/// import with a message naming the file and, where there is one, the part of the zip, the sheet,
/// the row and the cell. The description never quotes cell contents, because a cell may hold a
/// direct identifier.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Opening or reading the file failed; `reason` is the system's text.
        case unreadable(reason: String)
        /// Neither a zip nor an OLE file: e.g. a CSV file renamed to `.xlsx`.
        case notAWorkbook
        /// An OLE compound file holding an `EncryptedPackage`: a password-protected workbook.
        case encrypted
        /// An OLE compound file without encryption: the Excel 97–2003 `.xls` format.
        case legacyXLS
        /// A zip holding an OpenDocument spreadsheet (`.ods`).
        case openDocument
        /// A zip, but not an Excel workbook (no `xl/workbook.xml`), e.g. a `.docx` or a plain zip.
        case notExcelZip
        /// The zip ends early or its directory does not add up (a truncated download).
        case truncated(detail: String)
        /// A zip entry is encrypted (traditional PKWARE or AES).
        case encryptedEntry
        /// Zip64 (an entry or archive over 4 GiB, or more than 65,535 entries): not supported.
        case zip64
        /// A compression method other than stored (0) or deflate (8).
        case unsupportedCompression(method: Int)
        /// The entry inflates to more than a limit: a zip bomb or a sheet larger than noaber reads.
        case inflatedTooLarge(limit: Int)
        /// The entry inflates more than `limit` times its compressed size: a zip bomb.
        case compressionRatio(limit: Int)
        /// The deflate data is damaged, or its CRC-32 or size is not what the directory says.
        case corruptEntry(detail: String)
        /// A part the workbook needs is missing from the zip.
        case missingPart(String)
        /// The XML is not well-formed where the reader needs it to be.
        case malformedXML(detail: String)
        /// A text or tag longer than `limit` bytes.
        case tokenTooLarge(limit: Int)
        /// A DOCTYPE: OOXML never has one, and entity definitions are a classic XML bomb.
        case doctype
        /// The workbook lists no worksheet.
        case noSheets
        /// A cell reference that is not `A1`…`XFD1048576`, or that goes back within its row.
        case badCellReference(detail: String)
        /// The shared strings exceed the limit on bytes or count.
        case sharedStringsTooLarge(limit: Int)
        /// A cell names a shared string or a style that does not exist.
        case badIndex(detail: String)
    }

    /// The path or label the reader was given.
    public let file: String
    /// The zip entry (e.g. `xl/worksheets/sheet1.xml`), when the problem is inside one.
    public let part: String?
    /// The 1-based spreadsheet row, when known.
    public let row: Int?
    /// The column letter(s), when known.
    public let column: String?
    public let kind: Kind

    public init(file: String, part: String? = nil, row: Int? = nil, column: String? = nil, kind: Kind) {
        self.file = file
        self.part = part
        self.row = row
        self.column = column
        self.kind = kind
    }

    /// An English one-line message: `w.xlsx, xl/worksheets/sheet1.xml, row 12, column C: …`.
    public var description: String {
        var position = file
        if let part { position += ", \(part)" }
        if let row { position += ", row \(row)" }
        if let column { position += ", column \(column)" }
        return position + ": " + kind.english
    }
}

extension XLSXError.Kind {
    /// English, for `description`; the importer has the Dutch and English messages for people.
    public var english: String {
        switch self {
        case .unreadable(let reason): return "cannot read the file (\(reason))"
        case .notAWorkbook: return "not an Excel workbook: the file does not start as a zip (is it a CSV file with another name?)"
        case .encrypted: return "the workbook is protected with a password (encrypted)"
        case .legacyXLS: return "an old Excel 97-2003 workbook (.xls)"
        case .openDocument: return "an OpenDocument spreadsheet (.ods)"
        case .notExcelZip: return "a zip file, but not an Excel workbook (no xl/workbook.xml)"
        case .truncated(let detail): return "the zip file is incomplete or damaged (\(detail))"
        case .encryptedEntry: return "a part of the zip is encrypted"
        case .zip64: return "zip64 (over 4 GiB or 65,535 parts) is not supported"
        case .unsupportedCompression(let method): return "compression method \(method) is not supported (only stored and deflate)"
        case .inflatedTooLarge(let limit): return "a part unpacks to more than \(limit) bytes (zip bomb?)"
        case .compressionRatio(let limit): return "a part unpacks to more than \(limit) times its packed size (zip bomb?)"
        case .corruptEntry(let detail): return "damaged zip data (\(detail))"
        case .missingPart(let part): return "part \(part) is missing"
        case .malformedXML(let detail): return "malformed XML (\(detail))"
        case .tokenTooLarge(let limit): return "a cell or tag longer than \(limit) bytes"
        case .doctype: return "XML with a DOCTYPE is refused"
        case .noSheets: return "the workbook has no worksheet"
        case .badCellReference(let detail): return "bad cell reference (\(detail))"
        case .sharedStringsTooLarge(let limit): return "shared strings larger than \(limit)"
        case .badIndex(let detail): return "reference to something that does not exist (\(detail))"
        }
    }
}
