import NoaberModel
import NoaberXLSX

/// A sheet's data rows under its header, as the validators read them.
///
/// Every row has exactly the header's width (`fieldCount`): cells Excel did not write are empty,
/// and cells right of the last header column are never read (like a CSV column with a blank
/// header), but rows that have them are named in a warning. Rows that are not data are skipped,
/// not counted, and reported with their numbers:
/// - **empty rows**: no cell within the header's width holds more than spaces. Those after the
///   last data or totals row are the sheet's formatted but unused rows (LibreOffice writes a
///   thousand of them for a column with a drop-down list or a date format): skipped without a
///   word and not counted. Empty rows between data rows are reported;
/// - **totals rows**: the first non-empty cell reads as a totals label (`Totaal`, `Totalen`,
///   `Subtotaal`, `Eindtotaal`, `Som`, `Total`, `Totals`, `Subtotal`, `Grand total`, `Sum`, with
///   or without a colon or words after it: `Totaal 2024`), or the row holds an aggregating
///   formula (`SUM`, `SUBTOTAL`, `COUNT`, …) while its key column (`case_id`, `volunteer_id`, or
///   the village code) is empty.
///
/// So rows read = accepted + rejected holds for the rows that are data, as for CSV; the report
/// adds how many rows were skipped (`ImportReport.skippedRows`).
final class WorkbookRows: RowSource {
    let reader: SheetReader
    let width: Int
    /// The column whose emptiness, beside an aggregating formula, marks a totals row.
    let keyColumn: Int?
    private(set) var emptyRows: [Int] = []
    /// Empty rows since the last data or totals row: reported only when more data follow.
    private var pendingEmptyRows: [Int] = []
    private(set) var totalsRows: [Int] = []
    private(set) var rowsWithCellsBeyondHeader: [Int] = []

    init(reader: SheetReader, width: Int, keyColumn: Int?) {
        self.reader = reader
        self.width = width
        self.keyColumn = keyColumn
    }

    var fieldCount: Int { width }

    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index < width else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try reader.withCell(index, body)
    }

    var line: Int { reader.rowNumber }
    var bytesRead: Int { reader.bytesRead }
    var skippedRows: Int { emptyRows.count + totalsRows.count }

    func nextRow() throws -> Bool {
        while try reader.next() {
            let count = min(reader.cellCount, width)
            var firstText = -1
            for i in 0..<count where reader.withCell(i, { !ByteText.trimmed($0).isEmpty }) {
                firstText = i
                break
            }
            if reader.cellCount > width {
                for i in width..<reader.cellCount where reader.withCell(i, { !ByteText.trimmed($0).isEmpty }) {
                    rowsWithCellsBeyondHeader.append(reader.rowNumber)
                    break
                }
            }
            if firstText < 0 {
                pendingEmptyRows.append(reader.rowNumber)
                continue
            }
            emptyRows += pendingEmptyRows
            pendingEmptyRows.removeAll(keepingCapacity: true)
            if isTotals(firstText: firstText, count: count) {
                totalsRows.append(reader.rowNumber)
                continue
            }
            return true
        }
        return false
    }

    private func isTotals(firstText: Int, count: Int) -> Bool {
        // Every totals word starts with g, s or t: other rows (a case id, a date) build no String.
        let candidate = reader.withCell(firstText) { bytes -> String? in
            let t = ByteText.trimmed(bytes)
            guard let first = t.first, t.count <= 64, [0x67, 0x73, 0x74].contains(first | 0x20) else { return nil }
            return ByteText.string(t).lowercased()
        }
        if let label = candidate, Self.isTotalsLabel(label) { return true }
        guard let key = keyColumn, reader.withCell(key, { ByteText.trimmed($0).isEmpty }) else { return false }
        for i in 0..<count where reader.flags(i) & SheetReader.aggregateFlag != 0 { return true }
        return false
    }

    static let totalsWords = ["totaal", "totalen", "subtotaal", "eindtotaal", "som", "total", "totals", "subtotal",
                              "grand total", "sum"]

    /// `Totaal`, `Totaal:`, `totaal 2024`, `Grand total` — not `Totaalzorg` or `Summer`.
    static func isTotalsLabel(_ label: String) -> Bool {
        var text = label
        while text.hasSuffix(":") { text.removeLast() }
        for word in totalsWords {
            if text == word { return true }
            if text.hasPrefix(word), let next = text.dropFirst(word.count).first, next == " " || next == ":" { return true }
        }
        return false
    }

    func warnings(_ language: Language) -> [String] {
        var result: [String] = []
        let nl = language == .nl
        if !totalsRows.isEmpty {
            let one = totalsRows.count == 1
            result.append(nl ? "\(one ? "totaalrij" : "totaalrijen") overgeslagen, niet als gegevens geteld: \(one ? "rij" : "rijen") \(Self.ranges(totalsRows))"
                             : "\(one ? "totals row" : "totals rows") skipped, not counted as data: \(one ? "row" : "rows") \(Self.ranges(totalsRows))")
        }
        if !emptyRows.isEmpty {
            let one = emptyRows.count == 1
            result.append(nl ? "\(one ? "lege rij" : "lege rijen") overgeslagen: \(one ? "rij" : "rijen") \(Self.ranges(emptyRows))"
                             : "\(one ? "empty row" : "empty rows") skipped: \(one ? "row" : "rows") \(Self.ranges(emptyRows))")
        }
        if !rowsWithCellsBeyondHeader.isEmpty {
            let column = SheetReader.columnName(width)
            result.append(nl ? "cellen rechts van de laatste kolomkop (vanaf kolom \(column)) niet gelezen: \(rowsWithCellsBeyondHeader.count == 1 ? "rij" : "rijen") \(Self.ranges(rowsWithCellsBeyondHeader))"
                             : "cells right of the last header column (from column \(column)) not read: \(rowsWithCellsBeyondHeader.count == 1 ? "row" : "rows") \(Self.ranges(rowsWithCellsBeyondHeader))")
        }
        if reader.uncachedFormulas > 0 {
            result.append(nl ? "\(reader.uncachedFormulas) \(reader.uncachedFormulas == 1 ? "formulecel" : "formulecellen") zonder berekende waarde gelezen als leeg; open en bewaar de werkmap in Excel of LibreOffice om ze te laten berekenen"
                             : "\(reader.uncachedFormulas) \(reader.uncachedFormulas == 1 ? "formula cell" : "formula cells") without a calculated value read as empty; open and save the workbook in Excel or LibreOffice to calculate them")
        }
        return result
    }

    /// `3, 7–9, 12` for ascending row numbers; at most 20 runs, then `…`.
    static func ranges(_ rows: [Int]) -> String {
        var runs: [String] = []
        var i = 0
        while i < rows.count {
            var j = i
            while j + 1 < rows.count, rows[j + 1] == rows[j] + 1 { j += 1 }
            runs.append(i == j ? "\(rows[i])" : "\(rows[i])–\(rows[j])")
            i = j + 1
            if runs.count == 20, i < rows.count { runs.append("…"); break }
        }
        return runs.joined(separator: ", ")
    }
}
