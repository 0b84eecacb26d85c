/// Streams one worksheet's rows as text cells, the way noaber's CSV values look (`CellText`).
///
/// Reads `<sheetData>` row by row: each `<row>` becomes the cells of its columns, gaps in the
/// cell references (`A1`, `C1`: no `B1`) filled with empty cells, so column C is always index 2.
/// Cell types: shared strings (`t="s"`), inline strings (`inlineStr`, rich runs concatenated),
/// formula strings (`str`), booleans (`b`: `true` / `false`), errors (`e`: the error's own text,
/// such as `#N/A`, which every validator refuses as a value), ISO dates (`d`), and numbers
/// (`n`, the default), rendered as a date, date-time or time when their style's number format
/// shows one. A formula's cached result (`<v>`) is used; a formula without one (never calculated,
/// as openpyxl writes them) is an empty cell and counted in `uncachedFormulas`.
///
///     let reader = try workbook.open(sheet)
///     while try reader.next() {
///         reader.withCell(2) { bytes in … }   // column C of row `reader.rowNumber`
///     }
///
/// Rows come in the order of the file, which Excel keeps ascending; a row or cell reference that
/// goes backwards is an error, as is a column past XFD (16,384) or a cell over `maxCellBytes`.
/// After an error the reader stays failed and `next()` throws the same error again.
///
/// - Complexity: O(n) in the sheet's XML; memory is the scanner's chunk plus the current row.
public final class SheetReader {
    public struct Options: Sendable {
        /// The decimal separator numbers are written with: `.` (default) or `,` (for a profile
        /// that reads decimal commas, so that a number cell reads the same as its CSV twin).
        public var decimalSeparator: UInt8
        /// The largest cell, in bytes of XML text (and of a tag): 4 MiB. Excel's own limit is
        /// 32,767 characters per cell.
        public var maxCellBytes: Int

        public init(decimalSeparator: UInt8 = UInt8(ascii: "."), maxCellBytes: Int = 4 << 20) {
            self.decimalSeparator = decimalSeparator
            self.maxCellBytes = maxCellBytes
        }
    }

    /// One cell of the current row: where its text lies in `rowBytes`, and what kind of value it was.
    @usableFromInline
    struct Cell {
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32
        @usableFromInline var flags: UInt8
    }

    /// The cell's value came from a formula (its cached result).
    public static let formulaFlag: UInt8 = 1
    /// The formula aggregates a range: `SUM`, `SUBTOTAL`, `COUNT`, `COUNTA`, `COUNTIF(S)`,
    /// `SUMIF(S)`, `AVERAGE`, `AGGREGATE` — what a totals row holds.
    public static let aggregateFlag: UInt8 = 2
    /// An error value (`t="e"`: `#N/A`, `#DIV/0!`, …).
    public static let errorFlag: UInt8 = 4

    /// Excel's last column, XFD.
    public static let maxColumns = 16_384
    /// Excel's last row.
    public static let maxRows = 1_048_576

    public let sheet: Workbook.Sheet
    public let file: String
    private let xml: XMLScanner
    private let strings: SharedStrings
    private let styles: Styles
    private let uses1904: Bool
    private let options: Options
    private let fileSize: Int

    @exclusivity(unchecked) @usableFromInline var rowBytes: [UInt8] = []
    @exclusivity(unchecked) @usableFromInline var cells: [Cell] = []
    /// The 1-based row number of the current row (0 before the first).
    @exclusivity(unchecked) public private(set) var rowNumber = 0
    /// Formula cells without a cached value, so far.
    @exclusivity(unchecked) public private(set) var uncachedFormulas = 0
    @exclusivity(unchecked) private var started = false
    @exclusivity(unchecked) private var done = false
    @exclusivity(unchecked) private var failure: XLSXError?
    @exclusivity(unchecked) private var value: [UInt8] = []
    @exclusivity(unchecked) private var formula: [UInt8] = []

    init(xml: XMLScanner, sheet: Workbook.Sheet, strings: SharedStrings, styles: Styles, uses1904: Bool,
         options: Options, fileSize: Int) {
        self.xml = xml
        self.sheet = sheet
        self.file = xml.file
        self.strings = strings
        self.styles = styles
        self.uses1904 = uses1904
        self.options = options
        self.fileSize = fileSize
        rowBytes.reserveCapacity(4096)
        cells.reserveCapacity(64)
    }

    /// Cells in the current row, up to its last cell present in the file (trailing cells Excel
    /// did not write are not counted).
    @inlinable
    public var cellCount: Int { cells.count }

    /// Packed bytes of the sheet read so far: progress against the file's size.
    public var bytesRead: Int { xml.sourceBytesRead }

    /// Runs `body` over cell `index` (0-based column) of the current row; an empty buffer when
    /// the row has no such cell. Valid only inside `body`.
    @inlinable
    public func withCell<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < cells.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let cell = cells[index]
        return try rowBytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[Int(cell.start)..<Int(cell.end)]))
        }
    }

    /// Cell `index` as a String ("" when absent).
    public func cell(_ index: Int) -> String {
        withCell(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All cells of the current row as Strings.
    public func rowCells() -> [String] {
        (0..<cells.count).map(cell)
    }

    /// The flags (`formulaFlag`, `aggregateFlag`, `errorFlag`) of cell `index`.
    public func flags(_ index: Int) -> UInt8 {
        index >= 0 && index < cells.count ? cells[index].flags : 0
    }

    /// Whether every cell of the current row is empty or only spaces.
    public var rowIsEmpty: Bool {
        for i in 0..<cells.count where withCell(i, { !SheetReader.isBlank($0) }) { return false }
        return true
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { return false }
        return true
    }

    /// Column letters of a 0-based index: 0 → `A`, 27 → `AB`.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    private func fail(_ kind: XLSXError.Kind, row: Int? = nil, column: Int? = nil) -> XLSXError {
        XLSXError(file: file, part: sheet.part, row: row, column: column.map(Self.columnName), kind: kind)
    }

    /// Moves to the next `<row>` of the sheet (also rows without cells); false at the end.
    public func next() throws(XLSXError) -> Bool {
        if let failure { throw failure }
        guard !done else { return false }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private func advance() throws(XLSXError) -> Bool {
        rowBytes.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        if !started {
            while true {
                switch try xml.next() {
                case .start where xml.nameIs(XMLName.sheetData):
                    started = true
                    if xml.isEmptyElement { done = true; return false }
                case .endOfDocument:
                    done = true
                    return false
                default:
                    continue
                }
                break
            }
        }
        while true {
            switch try xml.next() {
            case .start where xml.nameIs(XMLName.row):
                let number: Int
                if let r = xml.rawAttribute(XMLName.r) {
                    guard let n = Self.integer(r), n >= 1, n <= Self.maxRows else {
                        throw fail(.badCellReference(detail: "row number"), row: rowNumber + 1)
                    }
                    number = n
                } else {
                    number = rowNumber + 1
                }
                guard number > rowNumber else {
                    throw fail(.badCellReference(detail: "row \(number) after row \(rowNumber)"), row: number)
                }
                rowNumber = number
                if xml.isEmptyElement { return true }
                try readCells()
                return true
            case .end where xml.nameIs(XMLName.sheetData):
                done = true
                return false
            case .endOfDocument:
                throw fail(.malformedXML(detail: "the sheet ends inside <sheetData>"))
            default:
                continue
            }
        }
    }

    /// The cells of the current row, up to its `</row>`.
    private func readCells() throws(XLSXError) {
        while true {
            switch try xml.next() {
            case .start where xml.nameIs(XMLName.c):
                try readCell()
            case .end where xml.nameIs(XMLName.row):
                return
            case .endOfDocument:
                throw fail(.malformedXML(detail: "the sheet ends inside a row"), row: rowNumber)
            default:
                continue
            }
        }
    }

    private enum CellType { case number, shared, inline, string, boolean, error, date }

    private func readCell() throws(XLSXError) {
        let column: Int
        if let r = xml.rawAttribute(XMLName.r) {
            column = try columnIndex(r)
        } else {
            column = cells.count
        }
        guard column >= cells.count else {
            throw fail(.badCellReference(detail: "column \(Self.columnName(column)) after \(Self.columnName(cells.count - 1))"),
                       row: rowNumber, column: column)
        }
        guard column < Self.maxColumns else { throw fail(.badCellReference(detail: "beyond column XFD"), row: rowNumber) }
        let type = try cellType(column)
        var style = 0
        if let s = xml.rawAttribute(XMLName.s) {
            guard let n = Self.integer(s) else { throw fail(.badIndex(detail: "style"), row: rowNumber, column: column) }
            style = n
        }
        while cells.count < column {
            let at = Int32(rowBytes.count)
            cells.append(Cell(start: at, end: at, flags: 0))
        }
        value.removeAll(keepingCapacity: true)
        formula.removeAll(keepingCapacity: true)
        var flags: UInt8 = 0
        var hasValue = false
        if !xml.isEmptyElement {
            // Children: <v>, <f>, <is> (with <t>, <r><t>, <rPh>), <extLst>.
            var inValue = false, inFormula = false, inInline = false, inText = false
            var phonetic = 0
            loop: while true {
                switch try xml.next() {
                case .start:
                    if xml.nameIs(XMLName.v) { inValue = !xml.isEmptyElement; hasValue = true }
                    else if xml.nameIs(XMLName.f) { flags |= Self.formulaFlag; inFormula = !xml.isEmptyElement }
                    else if xml.nameIs(XMLName.is) { inInline = !xml.isEmptyElement; hasValue = true }
                    else if xml.nameIs(XMLName.rPh) { if !xml.isEmptyElement { phonetic += 1 } }
                    else if xml.nameIs(XMLName.t) { inText = inInline && !xml.isEmptyElement }
                case .end:
                    if xml.nameIs(XMLName.c) { break loop }
                    if xml.nameIs(XMLName.v) { inValue = false }
                    else if xml.nameIs(XMLName.f) { inFormula = false }
                    else if xml.nameIs(XMLName.is) { inInline = false }
                    else if xml.nameIs(XMLName.rPh) { phonetic = max(0, phonetic - 1) }
                    else if xml.nameIs(XMLName.t) { inText = false }
                case .text:
                    if inValue || (inText && phonetic == 0) {
                        guard value.count + xml.textCount <= options.maxCellBytes else {
                            throw fail(.tokenTooLarge(limit: options.maxCellBytes), row: rowNumber, column: column)
                        }
                        xml.withText { value.append(contentsOf: $0) }
                    } else if inFormula, formula.count < 32 {
                        xml.withText { formula.append(contentsOf: $0.prefix(32 - formula.count)) }
                    }
                case .endOfDocument:
                    throw fail(.malformedXML(detail: "the sheet ends inside a cell"), row: rowNumber, column: column)
                }
            }
        }
        if flags & Self.formulaFlag != 0 {
            if Self.isAggregate(formula) { flags |= Self.aggregateFlag }
            if !hasValue { uncachedFormulas += 1 }
        }
        let start = Int32(rowBytes.count)
        if hasValue { try render(type, style: style, column: column, flags: &flags) }
        cells.append(Cell(start: start, end: Int32(rowBytes.count), flags: flags))
    }

    private func cellType(_ column: Int) throws(XLSXError) -> CellType {
        guard let t = xml.rawAttribute(XMLName.t) else { return .number }
        switch t.count {
        case 1:
            switch t[0] {
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .date
            default: break
            }
        case 3 where t.elementsEqual("str".utf8): return .string
        case 9 where t.elementsEqual("inlineStr".utf8): return .inline
        default: break
        }
        throw fail(.malformedXML(detail: "unknown cell type"), row: rowNumber, column: column)
    }

    /// Appends the cell's text (from `value`) to `rowBytes`.
    private func render(_ type: CellType, style: Int, column: Int, flags: inout UInt8) throws(XLSXError) {
        switch type {
        case .shared:
            guard let index = value.withUnsafeBufferPointer({ Self.integer(SheetReader.trimmed($0)) }),
                  let _ = strings.withString(index, { rowBytes.append(contentsOf: $0) }) else {
                throw fail(.badIndex(detail: "shared string"), row: rowNumber, column: column)
            }
        case .inline:
            let at = rowBytes.count
            rowBytes.append(contentsOf: value)
            OOXMLEscapes.decode(&rowBytes, from: at)
        case .string:
            let at = rowBytes.count
            rowBytes.append(contentsOf: value)
            OOXMLEscapes.decode(&rowBytes, from: at)
        case .boolean:
            switch value.withUnsafeBufferPointer({ Self.trimmed($0).first }) {
            case UInt8(ascii: "1"): rowBytes.append(contentsOf: Self.trueText)
            case UInt8(ascii: "0"): rowBytes.append(contentsOf: Self.falseText)
            default: throw fail(.malformedXML(detail: "a boolean cell that is neither 0 nor 1"), row: rowNumber, column: column)
            }
        case .error:
            flags |= Self.errorFlag
            rowBytes.append(contentsOf: value)
        case .date:
            let format = styles.format(style)
            let ok = value.withUnsafeBufferPointer { v in CellText.appendISO(Self.trimmed(v), format: format, into: &rowBytes) }
            if !ok { rowBytes.append(contentsOf: value) }
        case .number:
            let format = styles.format(style)
            let separator = options.decimalSeparator
            let ok = value.withUnsafeBufferPointer { raw -> Bool in
                let v = Self.trimmed(raw)
                if v.isEmpty { return true }
                if format != .number, let serial = CellText.serial(v),
                   CellText.appendSerial(serial, format: format, uses1904: uses1904, into: &rowBytes) {
                    return true
                }
                return CellText.appendNumber(v, decimalSeparator: separator, into: &rowBytes)
            }
            guard ok else { throw fail(.malformedXML(detail: "a number cell that holds no number"), row: rowNumber, column: column) }
        }
    }

    static let trueText = Array("true".utf8)
    static let falseText = Array("false".utf8)

    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x0A || b[s] == 0x0D || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x0A || b[e - 1] == 0x0D || b[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    /// A non-negative decimal integer of at most 9 digits.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 1, b.count <= 9 else { return nil }
        var n = 0
        for c in b {
            let d = c &- 48
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    /// The 0-based column of a reference such as `AB12` (its row digits are not checked against
    /// the row: Excel writes them consistently and nothing depends on them).
    private func columnIndex(_ r: UnsafeBufferPointer<UInt8>) throws(XLSXError) -> Int {
        var column = 0
        var letters = 0
        for c in r {
            let upper = c >= 97 && c <= 122 ? c - 32 : c
            guard upper >= 65, upper <= 90 else { break }
            column = column * 26 + Int(upper - 64)
            letters += 1
            guard letters <= 3 else { break }
        }
        guard letters >= 1, letters <= 3, column <= Self.maxColumns, letters < r.count else {
            throw fail(.badCellReference(detail: "not a cell reference"), row: rowNumber)
        }
        for c in r[letters...] where c &- 48 >= 10 {
            throw fail(.badCellReference(detail: "not a cell reference"), row: rowNumber)
        }
        return column - 1
    }

    private static let aggregates: [[UInt8]] = ["SUM(", "SUBTOTAL(", "COUNT(", "COUNTA(", "COUNTIF(", "COUNTIFS(",
                                                 "SUMIF(", "SUMIFS(", "AVERAGE(", "AGGREGATE("].map { Array($0.utf8) }

    /// Whether formula text starts with an aggregate function (after `=`, spaces and `_xlfn.`).
    static func isAggregate(_ formula: [UInt8]) -> Bool {
        var f = formula[...]
        while let first = f.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "=") { f = f.dropFirst() }
        let prefix = Array("_xlfn.".utf8)
        if f.starts(with: prefix) { f = f.dropFirst(prefix.count) }
        let upper = f.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        return aggregates.contains { upper.starts(with: $0) }
    }
}
