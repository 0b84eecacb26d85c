import NoaberCSV
import NoaberModel

/// Where the importer's rows come from: a CSV file's records or a workbook sheet's data rows.
///
/// The validators only read `RowFields`; the importer also steps through the rows, places them
/// (`line`: a CSV line, or a sheet's row number) and reports progress. A source that skips rows
/// that are not data (a workbook's empty and totals rows) says so afterwards, in `warnings`.
protocol RowSource: AnyObject, RowFields {
    /// Moves to the next data row; false at the end.
    func nextRow() throws -> Bool
    /// Where the current row starts: its 1-based line in a CSV file, its row number in a sheet.
    var line: Int { get }
    /// Input bytes consumed so far, for progress against the file's size.
    var bytesRead: Int { get }
    /// What the source skipped and why, once every row has been read.
    func warnings(_ language: Language) -> [String]
    /// How many rows the source skipped (not data, so not read).
    var skippedRows: Int { get }
}

extension CSVReader: RowSource {
    func nextRow() throws -> Bool { try next() }
    func warnings(_ language: Language) -> [String] { [] }
    var skippedRows: Int { 0 }
}
