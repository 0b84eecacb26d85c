import NoaberCSV
import NoaberModel
import NoaberXLSX

/// What `noaber profile draft` knows of an unknown export after one pass: how it is written (a
/// CSV file's encoding and delimiter, or a workbook's sheet and header row), its header, and per
/// column its distinct values with how often each occurs.
///
/// The values stay in memory only while the draft runs; the draft writes code labels, never other
/// values (see `ProfileDraft`).
struct DraftTable {
    /// One column's values.
    struct Column {
        let index: Int
        /// The header as the file writes it, trimmed.
        let header: String
        var nonEmpty = 0
        /// Distinct trimmed values and their counts, up to `maximumDistinct` values.
        var counts: [String: Int] = [:]
        /// More distinct values than were kept.
        var overflow = false
        var totalLength = 0
        var totalWords = 0

        static let maximumDistinct = 5_000

        mutating func add(_ raw: String) {
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{00A0}")))
            guard !value.isEmpty else { return }
            nonEmpty += 1
            totalLength += value.count
            totalWords += value.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            if counts[value] != nil || counts.count < Self.maximumDistinct {
                counts[value, default: 0] += 1
            } else {
                overflow = true
            }
        }

        var distinct: Int { counts.count }
        var meanLength: Double { nonEmpty == 0 ? 0 : Double(totalLength) / Double(nonEmpty) }
        var meanWords: Double { nonEmpty == 0 ? 0 : Double(totalWords) / Double(nonEmpty) }
    }

    let file: String
    var isWorkbook = false
    var sheet: String?
    /// Whether the sheet read is not the one the importer would take by itself (a later sheet).
    var sheetNeedsNaming = false
    /// The header's row (1 for CSV).
    var headerRow = 1
    var encoding: TextEncoding?
    var delimiter: UInt8?
    var columns: [Column] = []
    /// Data rows read.
    var rows = 0
    /// Rows not read once `maximumRows` were.
    var truncated = false
    /// A workbook's empty and totals rows under the header.
    var skippedRows = 0
    /// The first `sampleSize` data rows as read: row-wise evidence, such as which date column
    /// comes first in a row (received before closed).
    var sample: [[String]] = []
    static let sampleSize = 2_000

    /// Rows the draft looks at: plenty to see every label a village uses.
    static let maximumRows = 200_000

    var header: [String] { columns.map(\.header) }

    /// The column's place as a person finds it: its letter in a workbook, its number in a CSV file.
    func place(of index: Int, _ language: Language) -> String {
        if isWorkbook { return (language == .nl ? "kolom " : "column ") + SheetReader.columnName(index) }
        return (language == .nl ? "kolom " : "column ") + String(index + 1)
    }

    static func read(_ path: String, sheet: String?) throws(ImportError) -> DraftTable {
        try InputFile.check(path, limit: InputFile.maximumBytes)
        if try WorkbookImport.isWorkbook(path) { return try readWorkbook(path, sheet: sheet) }
        return try readCSV(path)
    }

    private static func readCSV(_ path: String) throws(ImportError) -> DraftTable {
        let scan = try FileScan.scan(path: path, hashing: false)
        let encoding: TextEncoding = scan.hasByteOrderMark || scan.isValidUTF8 ? .utf8 : .windows1252
        var table = DraftTable(file: path)
        table.encoding = encoding
        do {
            let reader = try CSVReader(path: path, options: .init(encoding: encoding))
            guard try reader.next() else { throw ImportError.emptyFile(file: path) }
            table.delimiter = reader.delimiter
            // A title line above the header: CSV has no way to skip it (a workbook does). The
            // delimiter was guessed from the title, so look at the next line's separators.
            if reader.fieldCount <= 1, try reader.next() {
                let next = reader.rawRecord
                if let (delimiter, count) = [(";", ";"), (",", ","), ("tab", "\t")].map({ ($0.0, next.components(separatedBy: $0.1).count - 1) })
                    .max(by: { $0.1 < $1.1 }), count >= 1 {
                    throw ImportError.draft(file: path, problem: Localized(
                        nl: "de eerste regel is geen kopregel (één cel; de regel eronder heeft \(count + 1) velden, gescheiden door \(delimiter)); een CSV-export begint met de kopregel. Haal de titel weg, of sla het bestand op als .xlsx: daar slaat noaber een titel over.",
                        en: "the first line is not a header (one cell; the line under it has \(count + 1) fields, separated by \(delimiter)); a CSV export starts with its header. Remove the title, or save the file as .xlsx: noaber skips a title there."))
                }
                throw ImportError.draft(file: path, problem: Localized(
                    nl: "de kopregel heeft maar één kolom; is dit wel een export (of een ander scheidingsteken)?",
                    en: "the header has only one column; is this an export (or another delimiter)?"))
            }
            let header = reader.fields().map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{FEFF}\u{00A0}"))) }
            table.columns = header.enumerated().map { Column(index: $0.offset, header: $0.element) }
            while try reader.next() {
                if table.rows >= maximumRows { table.truncated = true; break }
                table.rows += 1
                for i in 0..<min(reader.fieldCount, table.columns.count) { table.columns[i].add(reader.field(i)) }
                if table.sample.count < sampleSize {
                    table.sample.append((0..<table.columns.count).map { $0 < reader.fieldCount ? reader.field($0) : "" })
                }
            }
        } catch let error as ImportError {
            throw error
        } catch let error as CSVError {
            throw Importer.importError(error)
        } catch {
            throw .cannotRead(file: path, reason: "\(error)")
        }
        return table
    }

    private static func readWorkbook(_ path: String, sheet requested: String?) throws(ImportError) -> DraftTable {
        let workbook: Workbook
        do { workbook = try Workbook(path: path) } catch { throw Importer.importError(error) }
        let candidates = try WorkbookImport.candidateSheets(in: workbook, requested: requested, path: path)
        for (number, sheet) in candidates.enumerated() {
            var table = DraftTable(file: path)
            table.isWorkbook = true
            table.sheet = sheet.name
            table.sheetNeedsNaming = requested != nil || number > 0
            do {
                let reader = try workbook.open(sheet)
                func flags() -> [UInt8] { (0..<reader.cellCount).map(reader.flags) }
                var top: [(row: Int, cells: [String], flags: [UInt8])] = []
                var pending: (cells: [String], flags: [UInt8])?
                var more = true
                while true {
                    guard try reader.next() else { more = false; break }
                    if reader.rowNumber > WorkbookImport.headerSearchRows { pending = (reader.rowCells(), flags()); break }
                    top.append((reader.rowNumber, reader.rowCells(), flags()))
                }
                guard let found = headerRow(top.map { ($0.row, $0.cells) }) else { continue }
                table.headerRow = found.row
                var header = found.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{00A0}"))) }
                while header.last?.isEmpty == true { header.removeLast() }
                table.columns = header.enumerated().map { Column(index: $0.offset, header: $0.element) }
                /// One row under the header: data, or an empty or totals row (skipped, as the importer does).
                func take(_ cells: [String], _ flags: [UInt8]) {
                    let width = table.columns.count
                    let values = (0..<width).map { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespaces) : "" }
                    guard let first = values.firstIndex(where: { !$0.isEmpty }) else { table.skippedRows += 1; return }
                    let aggregate = flags.prefix(width).contains { $0 & SheetReader.aggregateFlag != 0 }
                    if WorkbookRows.isTotalsLabel(values[first].lowercased()) || (aggregate && values[0].isEmpty) {
                        table.skippedRows += 1
                        return
                    }
                    if table.rows >= maximumRows { table.truncated = true; return }
                    table.rows += 1
                    for i in 0..<width { table.columns[i].add(values[i]) }
                    if table.sample.count < sampleSize { table.sample.append(values) }
                }
                for row in top where row.row > found.row { take(row.cells, row.flags) }
                if let pending { take(pending.cells, pending.flags) }
                if more {
                    while !table.truncated, try reader.next() { take(reader.rowCells(), flags()) }
                }
            } catch {
                throw Importer.importError(error)
            }
            guard table.rows > 0 || requested != nil else { continue }
            return table
        }
        throw .noRecognisedSheet(file: path, sheets: workbook.sheets.map(\.name), searched: candidates.map(\.name),
                                 headerRow: nil, kind: nil)
    }

    /// The header among a sheet's top rows: the first row of at least two cells, at least half as
    /// wide as the widest row, none of them a number or a date (a title row has one cell; a data
    /// row has dates and numbers).
    static func headerRow(_ rows: [(row: Int, cells: [String])]) -> (row: Int, cells: [String])? {
        func filled(_ cells: [String]) -> [String] { cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let widest = rows.map { filled($0.cells).count }.max() ?? 0
        guard widest >= 2 else { return nil }
        for row in rows {
            let cells = filled(row.cells)
            guard cells.count >= 2, cells.count * 2 >= widest else { continue }
            if cells.contains(where: { Double($0) != nil || looksLikeISODate($0) }) { continue }
            return row
        }
        return nil
    }

    static func looksLikeISODate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 10 else { return false }
        func digit(_ i: Int) -> Bool { b[i] >= 0x30 && b[i] <= 0x39 }
        return digit(0) && digit(1) && digit(2) && digit(3) && b[4] == 0x2D && digit(5) && digit(6) && b[7] == 0x2D && digit(8) && digit(9)
    }
}
