#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberModel
import NoaberXLSX

/// How the importer reads an `.xlsx` workbook (docs/profiles.md, "Workbooks").
///
/// 1. **Which file is a workbook**: one that starts as a zip (`PK\x03\x04`) or an OLE file, or
///    whose name ends in `.xlsx`, `.xlsm`, `.xls` or `.ods`; `Workbook` then names what it is
///    when it is not a readable workbook (encrypted, `.xls`, `.ods`, a renamed CSV, …).
/// 2. **Which sheet**: `--sheet NAME|NUMBER`, else the profile's `sheet`, else the first visible
///    sheet, in tab order, with a header that noaber's canonical kinds or the profile recognise.
/// 3. **Which row is the header**: the profile's `header_row`, else the first row within the
///    first `headerSearchRows` rows holding every required column (canonical names, or the
///    profile's columns); a title and empty rows above it are skipped.
/// 4. **The rows under it** stream through `WorkbookRows` into the same validators, pipeline and
///    store as a CSV file's rows; a rejected row's line is the sheet's row number and its
///    `source_field` the sheet's own header and column letter.
enum WorkbookImport {
    /// How many rows from the top are searched for the header: 30, room for a title block.
    static let headerSearchRows = 30

    static let workbookExtensions: Set<String> = ["xlsx", "xlsm", "xltx", "xltm", "xls", "ods"]

    /// Whether `path` is read as a workbook: by its first bytes, or by its extension.
    static func isWorkbook(_ path: String) throws(ImportError) -> Bool {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if workbookExtensions.contains(ext) { return true }
        do {
            switch try Workbook.signature(path: path) {
            case .zip, .ole: return true
            case .other: return false
            }
        } catch {
            // An unreadable file is the CSV path's to report, as before.
            return false
        }
    }

    /// The header found: the sheet, its open reader positioned on the header row, and the row.
    struct Found {
        let sheet: Workbook.Sheet
        let reader: SheetReader
        let header: [String]
        let row: Int
    }

    /// Finds the sheet and its header row (see the type's documentation).
    /// The sheets to look for a header in: the one asked for (by name or number), else every
    /// visible sheet in workbook order. An unknown sheet is refused with the sheets there are.
    static func candidateSheets(in workbook: Workbook, requested: String?, path: String) throws(ImportError) -> [Workbook.Sheet] {
        guard let requested else { return workbook.sheets.filter { !$0.isHidden } }
        guard let sheet = workbook.sheet(named: requested) else {
            throw .sheetNotFound(file: path, sheet: requested, sheets: workbook.sheets.map(\.name))
        }
        return [sheet]
    }

    static func findHeader(in workbook: Workbook, path: String, options: ImportOptions,
                           readerOptions: SheetReader.Options) throws(ImportError) -> Found {
        let profile = options.profile
        let requested = options.sheet ?? profile?.sheet
        let candidates = try candidateSheets(in: workbook, requested: requested, path: path)
        let headerRow = profile?.headerRow
        for sheet in candidates {
            let reader: SheetReader
            do { reader = try workbook.open(sheet, options: readerOptions) } catch { throw Importer.importError(error) }
            do {
                while try reader.next() {
                    if let headerRow {
                        if reader.rowNumber < headerRow { continue }
                        if reader.rowNumber > headerRow { break }
                    } else if reader.rowNumber > headerSearchRows {
                        break
                    }
                    if reader.rowIsEmpty { continue }
                    var cells = reader.rowCells()
                    while let last = cells.last, HeaderName.normalised(last).isEmpty { cells.removeLast() }
                    if ColumnPlan.recognises(header: cells, profile: profile, kind: options.kind) {
                        return Found(sheet: sheet, reader: reader, header: cells, row: reader.rowNumber)
                    }
                    if headerRow != nil { break }
                }
            } catch {
                throw Importer.importError(error)
            }
        }
        throw .noRecognisedSheet(file: path, sheets: workbook.sheets.map(\.name), searched: candidates.map(\.name),
                                 headerRow: headerRow, kind: options.kind ?? profile?.kind)
    }
}

extension Importer {
    /// Imports the data rows of one sheet of a workbook (see `WorkbookImport`).
    func importWorkbook(_ path: String, options: ImportOptions) throws(ImportError) -> ImportReport {
        let hasher = FileHasher(path: path)
        defer { _ = try? hasher.sha256() }
        let workbook: Workbook
        do { workbook = try Workbook(path: path) } catch { throw Self.importError(error) }
        var options = options
        // A 1904 workbook's bare numbers in a date column would be read as 1900 serials, four
        // years off: refused instead. Cells formatted as dates are converted by the reader.
        if workbook.uses1904, var profile = options.profile {
            profile.excelSerialDates = false
            options.profile = profile
        }
        let separator: UInt8 = options.profile?.decimalSeparator == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let found = try WorkbookImport.findHeader(in: workbook, path: path, options: options,
                                                  readerOptions: .init(decimalSeparator: separator))
        var plan = try ColumnPlan.make(header: found.header, file: path, profile: options.profile, kind: options.kind)
        if workbook.uses1904, plan.isCanonical {
            var profile = plan.profile
            profile.excelSerialDates = false
            plan = plan.with(profile: profile)
        }
        let key: String
        switch plan.kind {
        case .cases: key = "case_id"
        case .tasks: key = "volunteer_id"
        case .villages, .outcomes: key = "village"
        }
        let rows = WorkbookRows(reader: found.reader, width: found.header.count, keyColumn: plan.position(of: key))
        let header = found.header
        let word = options.language == .nl ? "kolom" : "column"
        let positions = plan.positions
        let format = SourceFormat(
            encoding: "xlsx", delimiter: "", rawDelimiter: UInt8(ascii: ","), sheet: found.sheet.name, headerRow: found.row,
            sourceField: { field in
                guard let field, let p = positions[field], p < header.count else { return nil }
                let name = header[p].trimmingCharacters(in: .whitespaces)
                return "\(name) (\(word) \(SheetReader.columnName(p)))"
            })
        return try importRows(rows, path: path, plan: plan, options: options, format: format,
                              size: workbook.archive.size, hasher: hasher)
    }

    public static func importError(_ error: XLSXError) -> ImportError {
        if case .unreadable(let reason) = error.kind { return .cannotRead(file: error.file, reason: reason) }
        return .workbook(file: error.file, part: error.part, row: error.row, column: error.column,
                         problem: WorkbookMessages.problem(error.kind))
    }
}

/// The Dutch and English explanation of each workbook problem, written for the person who has to
/// fix or re-save the file.
enum WorkbookMessages {
    static func problem(_ kind: XLSXError.Kind) -> Localized {
        switch kind {
        case .unreadable(let reason):
            return Localized(nl: "kan het bestand niet lezen (\(reason))", en: "cannot read the file (\(reason))")
        case .notAWorkbook:
            return Localized(nl: "dit is geen Excel-werkmap: het bestand begint niet als zip. Is het een CSV-bestand met de naam .xlsx? Geef het dan de naam .csv.",
                             en: "this is not an Excel workbook: the file does not start as a zip. Is it a CSV file named .xlsx? Then name it .csv.")
        case .encrypted:
            return Localized(nl: "de werkmap is met een wachtwoord beveiligd (versleuteld); noaber kan hem niet lezen. Sla hem in Excel op zonder wachtwoord (Bestand > Info > Werkmap beveiligen).",
                             en: "the workbook is protected with a password (encrypted); noaber cannot read it. Save it in Excel without a password (File > Info > Protect Workbook).")
        case .legacyXLS:
            return Localized(nl: "dit is een oude Excel-werkmap (.xls, Excel 97-2003); sla hem in Excel op als Excel-werkmap (.xlsx) of als CSV.",
                             en: "this is an old Excel workbook (.xls, Excel 97-2003); save it in Excel as an Excel Workbook (.xlsx) or as CSV.")
        case .openDocument:
            return Localized(nl: "dit is een OpenDocument-rekenblad (.ods); sla het in LibreOffice op als Excel 2007-365 (.xlsx) of als CSV.",
                             en: "this is an OpenDocument spreadsheet (.ods); save it in LibreOffice as Excel 2007-365 (.xlsx) or as CSV.")
        case .notExcelZip:
            return Localized(nl: "dit is een zip-bestand maar geen Excel-werkmap (geen xl/workbook.xml)",
                             en: "this is a zip file but not an Excel workbook (no xl/workbook.xml)")
        case .truncated(let detail):
            return Localized(nl: "de werkmap is onvolledig of beschadigd (\(detail)); sla hem opnieuw op of download hem opnieuw",
                             en: "the workbook is incomplete or damaged (\(detail)); save or download it again")
        case .encryptedEntry:
            return Localized(nl: "een deel van de zip is versleuteld; sla de werkmap op zonder wachtwoord",
                             en: "a part of the zip is encrypted; save the workbook without a password")
        case .zip64:
            return Localized(nl: "zip64 (groter dan 4 GiB of meer dan 65.535 delen) wordt niet ondersteund",
                             en: "zip64 (over 4 GiB or more than 65,535 parts) is not supported")
        case .unsupportedCompression(let method):
            return Localized(nl: "compressiemethode \(method) wordt niet ondersteund (alleen stored en deflate)",
                             en: "compression method \(method) is not supported (only stored and deflate)")
        case .inflatedTooLarge(let limit):
            return Localized(nl: "een deel pakt uit tot meer dan \(limit) bytes; noaber stopt daar (een zip-bom?)",
                             en: "a part unpacks to more than \(limit) bytes; noaber stops there (a zip bomb?)")
        case .compressionRatio(let limit):
            return Localized(nl: "een deel pakt uit tot meer dan \(limit) keer zijn ingepakte grootte; noaber stopt daar (een zip-bom?)",
                             en: "a part unpacks to more than \(limit) times its packed size; noaber stops there (a zip bomb?)")
        case .corruptEntry(let detail):
            return Localized(nl: "beschadigde zip-gegevens (\(detail)); sla de werkmap opnieuw op",
                             en: "damaged zip data (\(detail)); save the workbook again")
        case .missingPart(let part):
            return Localized(nl: "onderdeel \(part) ontbreekt in de werkmap", en: "part \(part) is missing from the workbook")
        case .malformedXML(let detail):
            return Localized(nl: "ongeldige XML in de werkmap (\(detail))", en: "malformed XML in the workbook (\(detail))")
        case .tokenTooLarge(let limit):
            return Localized(nl: "een cel of tag is langer dan \(limit) bytes", en: "a cell or tag is longer than \(limit) bytes")
        case .doctype:
            return Localized(nl: "XML met een DOCTYPE wordt geweigerd (een werkmap heeft er nooit een)",
                             en: "XML with a DOCTYPE is refused (a workbook never has one)")
        case .noSheets:
            return Localized(nl: "de werkmap heeft geen werkblad", en: "the workbook has no worksheet")
        case .badCellReference(let detail):
            return Localized(nl: "ongeldige celverwijzing (\(detail))", en: "invalid cell reference (\(detail))")
        case .sharedStringsTooLarge(let limit):
            return Localized(nl: "de gedeelde teksten zijn groter dan \(limit) bytes", en: "the shared strings exceed \(limit) bytes")
        case .badIndex(let detail):
            return Localized(nl: "verwijzing naar iets dat niet bestaat (\(detail))", en: "reference to something that does not exist (\(detail))")
        }
    }
}
