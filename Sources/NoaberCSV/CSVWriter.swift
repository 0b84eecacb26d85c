/// Writes CSV rows to a byte sink in a dialect, quoting only where needed and neutralising text
/// that a spreadsheet would run as a formula.
///
///     let sink = MemorySink()
///     var writer = try CSVWriter(sink: sink, dialect: .excelDutch)
///     try writer.writeRow(["dorp", "aantal"])
///     try writer.writeRow([.text("Saasveld"), .number(1.5, fractionDigits: 1)])
///     // EF BB BF "dorp;aantal\r\nSaasveld;1,5\r\n"
///
/// Quoting (RFC 4180): a field is quoted when it contains the delimiter, a quote, CR or LF, or
/// starts or ends with a space (which spreadsheets would otherwise trim); quotes inside are
/// doubled. Formula neutralisation (OWASP CSV injection): a *text* cell that starts with `=`,
/// `+`, `-`, `@`, tab or CR gets a leading `'`, so `-` alone becomes `'-`; numbers are never
/// touched. Each row goes to the sink as soon as it is complete.
///
/// - Complexity: O(bytes written) per row; no `String` formatting for integers or dates.
public struct CSVWriter {
    public let sink: ByteSink
    public let dialect: CSVDialect
    public let neutraliseFormulas: Bool
    private var row: [UInt8] = []

    /// Creates the writer and writes the byte-order mark if the dialect wants one.
    public init(sink: ByteSink, dialect: CSVDialect, neutraliseFormulas: Bool = true) throws {
        self.sink = sink
        self.dialect = dialect
        self.neutraliseFormulas = neutraliseFormulas
        row.reserveCapacity(256)
        if dialect.byteOrderMark { try sink.write(CSVDialect.utf8ByteOrderMark) }
    }

    /// Writes one row of typed cells, ended by the dialect's line ending.
    public mutating func writeRow(_ cells: [CSVCell]) throws {
        row.removeAll(keepingCapacity: true)
        for (index, cell) in cells.enumerated() {
            if index > 0 { row.append(dialect.delimiter) }
            append(cell)
        }
        // A row of one empty cell would be an empty line, which readers skip: quote it so the
        // row survives (found by the round-trip property test).
        if row.isEmpty && cells.count == 1 { row.append(contentsOf: [0x22, 0x22]) }
        row.append(contentsOf: dialect.lineEnding)
        try sink.write(row)
    }

    /// Writes one row in which every cell is text.
    public mutating func writeRow(_ texts: [String]) throws {
        try writeRow(texts.map { CSVCell.text($0) })
    }

    /// Pushes pending bytes to the sink. Rows are handed over as they are written, so this only
    /// matters for sinks that buffer themselves: call `FileSink.commit()` to finish a file.
    public mutating func flush() throws {}

    private mutating func append(_ cell: CSVCell) {
        switch cell {
        case .empty:
            break
        case .integer(let value):
            let start = row.count
            CSVWriter.appendInteger(value, to: &row)
            quoteNumberIfNeeded(from: start)
        case .number(let value, let digits):
            let start = row.count
            CSVWriter.appendNumber(value, fractionDigits: digits, decimalComma: dialect.decimalComma, to: &row)
            quoteNumberIfNeeded(from: start)
        case .text(let text):
            var utf8 = Array(text.utf8)
            if neutraliseFormulas, let first = utf8.first, CSVWriter.formulaStarts.contains(first) {
                utf8.insert(UInt8(ascii: "'"), at: 0)
            }
            CSVWriter.appendField(utf8, delimiter: dialect.delimiter, to: &row)
        }
    }

    /// A number only needs quotes when its decimal mark is the delimiter (decimal comma with `,`).
    private mutating func quoteNumberIfNeeded(from start: Int) {
        guard row[start...].contains(dialect.delimiter) else { return }
        row.insert(UInt8(ascii: "\""), at: start)
        row.append(UInt8(ascii: "\""))
    }

    /// First bytes that make a spreadsheet evaluate a cell: `=`, `+`, `-`, `@`, tab, CR.
    public static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// Appends one field's bytes, quoted and with doubled quotes when it contains the delimiter, a
    /// quote, CR or LF, has a leading or trailing space, or starts with U+FEFF. Works for any ASCII-compatible
    /// encoding (UTF-8, Windows-1252), since only ASCII bytes decide.
    @inlinable
    public static func appendField<C: Collection>(_ field: C, delimiter: UInt8, to out: inout [UInt8])
    where C.Element == UInt8 {
        // A leading U+FEFF at the start of a file would be taken for a byte order mark and dropped.
        var needsQuotes = field.first == 0x20 || field.starts(with: [0xEF, 0xBB, 0xBF])
        var last: UInt8 = 0
        for byte in field {
            if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { needsQuotes = true }
            last = byte
        }
        if last == 0x20 { needsQuotes = true }
        guard needsQuotes else {
            out.append(contentsOf: field)
            return
        }
        out.append(0x22)
        for byte in field {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Appends the decimal digits of `value` (with a `-` when negative).
    public static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendMagnitude(value.magnitude, to: &out)
    }

    private static func appendMagnitude(_ magnitude: UInt, to out: inout [UInt8]) {
        if magnitude < 10 {
            out.append(0x30 &+ UInt8(magnitude))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = 0x30 &+ UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends `value` with exactly `fractionDigits` digits after the decimal mark (rounded half
    /// away from zero), or in the shortest form that reads back to the same `Double`, without
    /// exponent, when `fractionDigits` is nil. NaN and infinity append nothing (an empty cell).
    public static func appendNumber(_ value: Double, fractionDigits: Int?, decimalComma: Bool, to out: inout [UInt8]) {
        guard value.isFinite else { return }
        let mark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        if let requested = fractionDigits {
            let digits = min(max(requested, 0), 15)
            var scale: UInt = 1
            for _ in 0..<digits { scale *= 10 }
            let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
            if scaled < 9.0e18 {
                let units = UInt(scaled)
                if value < 0 && units != 0 { out.append(UInt8(ascii: "-")) }
                appendMagnitude(units / scale, to: &out)
                if digits > 0 {
                    out.append(mark)
                    var fraction = units % scale
                    var divisor = scale / 10
                    while divisor > 0 {
                        out.append(0x30 &+ UInt8(fraction / divisor))
                        fraction %= divisor
                        divisor /= 10
                    }
                }
                return
            }
            // Too large for fixed digits to mean anything: fall through to the shortest form.
        }
        appendShortest(value, mark: mark, to: &out)
    }

    /// Swift's `description` is the shortest round-trip form; expand its exponent, if any.
    private static func appendShortest(_ value: Double, mark: UInt8, to out: inout [UInt8]) {
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        let text = Array(value.magnitude.description.utf8)
        var mantissa: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                var sign = 1
                var cursor = index + 1
                if cursor < text.count, text[cursor] == UInt8(ascii: "-") { sign = -1; cursor += 1 }
                else if cursor < text.count, text[cursor] == UInt8(ascii: "+") { cursor += 1 }
                while cursor < text.count { exponent = exponent * 10 + Int(text[cursor] &- 0x30); cursor += 1 }
                exponent *= sign
                break
            }
            if byte == UInt8(ascii: ".") { pointPosition = mantissa.count } else { mantissa.append(byte) }
            index += 1
        }
        let point = (pointPosition ?? mantissa.count) + exponent
        var integerPart: [UInt8]
        var fractionPart: [UInt8]
        if point <= 0 {
            integerPart = [UInt8(ascii: "0")]
            fractionPart = [UInt8](repeating: UInt8(ascii: "0"), count: -point) + mantissa
        } else if point >= mantissa.count {
            integerPart = mantissa + [UInt8](repeating: UInt8(ascii: "0"), count: point - mantissa.count)
            fractionPart = []
        } else {
            integerPart = Array(mantissa[..<point])
            fractionPart = Array(mantissa[point...])
        }
        while integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { integerPart.removeFirst() }
        while fractionPart.last == UInt8(ascii: "0") { fractionPart.removeLast() }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: integerPart)
        if !fractionPart.isEmpty {
            out.append(mark)
            out.append(contentsOf: fractionPart)
        }
    }
}
