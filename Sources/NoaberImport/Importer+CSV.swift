import NoaberCSV
import NoaberModel

extension Importer {
    /// Imports a CSV file, the twin of `importWorkbook`: one streaming pass decides its encoding
    /// (unless the profile declares it), the header decides the column plan (and stops at a
    /// column that looks like a direct identifier), and the rows go through `importRows`.
    func importCSV(_ path: String, options: ImportOptions) throws(ImportError) -> ImportReport {
        let scan = try FileScan.scan(path: path, limit: options.maxFileBytes)
        // The hash runs beside the import (see `FileHasher`); every path waits for it, so no
        // thread reads the file after this returns.
        let hasher = FileHasher(path: path, limit: options.maxFileBytes)
        defer { _ = try? hasher.sha256() }
        let encoding: TextEncoding
        switch options.profile?.encoding {
        case "utf-8"?: encoding = .utf8
        case "windows-1252"?: encoding = .windows1252
        default: encoding = scan.hasByteOrderMark || scan.isValidUTF8 ? .utf8 : .windows1252
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: .init(delimiter: options.profile?.delimiter, encoding: encoding,
                                                              maxInputBytes: options.maxFileBytes))
        } catch {
            throw Self.importError(error)
        }
        guard try Self.next(reader) else { throw .emptyFile(file: path) }
        let plan = try ColumnPlan.make(header: reader.fields(), file: path, profile: options.profile, kind: options.kind)
        let format = SourceFormat(encoding: encoding.rawValue, delimiter: Self.name(of: reader.delimiter), rawDelimiter: reader.delimiter)
        return try importRows(reader, path: path, plan: plan, options: options, format: format, size: scan.size, hasher: hasher)
    }

    private static func next(_ reader: CSVReader) throws(ImportError) -> Bool {
        do { return try reader.next() } catch { throw Self.importError(error) }
    }

    static func name(of delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
    }

    public static func importError(_ error: CSVError) -> ImportError {
        let problem: Localized
        switch error.kind {
        case .unreadable(let reason):
            return .cannotRead(file: error.file, reason: reason)
        case .unterminatedQuote:
            problem = Localized(nl: "aanhalingsteken wordt nooit gesloten (vanaf deze regel tot het einde van het bestand)",
                                en: "quote is never closed (from this line to the end of the file)")
        case .textAfterClosingQuote:
            problem = Localized(nl: "tekst na een sluitend aanhalingsteken", en: "text after a closing quote")
        case .quoteInUnquotedField:
            problem = Localized(nl: "aanhalingsteken midden in een veld zonder aanhalingstekens", en: "quote inside an unquoted field")
        case .fieldTooLarge(let limit):
            problem = Localized(nl: "veld groter dan \(limit) bytes", en: "field larger than \(limit) bytes")
        case .tooManyFields(let limit):
            problem = Localized(nl: "meer dan \(limit) velden in één regel", en: "more than \(limit) fields in one record")
        case .nulByte:
            problem = Localized(nl: "NUL-byte: dit is geen tekstbestand (CSV)", en: "NUL byte: this is not a text (CSV) file")
        case .inputTooLarge(let limit):
            return .fileTooLarge(file: error.file, limit: limit)
        case .utf16:
            problem = Localized(
                nl: "het bestand is UTF-16-tekst (in Excel: 'Unicode-tekst'), dat noaber niet leest. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)', of lees de werkmap (.xlsx) zelf in: noaber import BESTAND.xlsx",
                en: "the file is UTF-16 text (Excel's 'Unicode text'), which noaber does not read. Save it in Excel as 'CSV UTF-8 (comma delimited)', or read the workbook (.xlsx) itself: noaber import FILE.xlsx")
        }
        return .malformedCSV(file: error.file, line: error.line, field: error.field, problem: problem)
    }
}
