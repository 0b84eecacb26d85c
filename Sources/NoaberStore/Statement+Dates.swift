import CSQLite
import NoaberModel

/// Binding and reading noaber's ISO date text without a `String` per value: the importer binds
/// a million rows through these, and the reader parses them back as bytes.
extension Statement {
    /// Binds `yyyy-mm-dd`.
    @inline(__always)
    func bind(date: CivilDate, at index: Int32) throws(StoreError) {
        try bind(moment: Moment(date: date), at: index)
    }

    /// Binds `yyyy-mm-dd` or `yyyy-mm-ddThh:mm` (the form of `Moment.iso`), or NULL for nil.
    func bind(moment: Moment?, at index: Int32) throws(StoreError) {
        guard let moment else { return try bind(int: nil, at: index) }
        var buffer: (UInt64, UInt64) = (0, 0)   // 16 bytes on the stack, no heap per row
        try withUnsafeMutableBytes(of: &buffer) { (raw) throws(StoreError) in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let count = ISODate.format(moment, into: bytes) else {
                throw StoreError(code: StoreError.noaberMisuse,
                                 message: "a date outside years 1–9999 or a time outside 00:00–23:59 cannot be stored",
                                 sql: sql, path: database.path)
            }
            if let base = bytes.baseAddress {
                try bind(utf8: base, count: count, at: index)
            }
        }
    }

    /// The column as a `CivilDate`; nil for NULL; throws for text that is not `yyyy-mm-dd`.
    func date(at column: Int32, name: String) throws(StoreError) -> CivilDate? {
        guard let moment = try moment(at: column, name: name) else { return nil }
        guard moment.minuteOfDay == nil else { throw invalidValue(name, expected: "yyyy-mm-dd") }
        return moment.date
    }

    /// The column as a `Moment`; nil for NULL; throws for text that is neither `yyyy-mm-dd` nor
    /// `yyyy-mm-ddThh:mm`.
    func moment(at column: Int32, name: String) throws(StoreError) -> Moment? {
        guard let parsed = withUTF8(at: column, { ISODate.parse($0) }) else { return nil }
        guard let moment = parsed else { throw invalidValue(name, expected: "yyyy-mm-dd or yyyy-mm-ddThh:mm") }
        return moment
    }

    /// The column decoded as a code; nil for NULL; throws for a code this noaber does not know.
    @inline(__always)
    func code<C: Code>(at column: Int32, _ table: CodeTable<C>, name: String) throws(StoreError) -> C? {
        guard let decoded = withUTF8(at: column, { table.code($0) }) else { return nil }
        guard let code = decoded else { throw invalidValue(name, expected: "one of " + C.allCodes.joined(separator: ", ")) }
        return code
    }

    /// The column as a set of `C` codes stored as a bit mask (schema version 3: bit i is
    /// `C.allCases[i]`, as in the store's `codes` table); throws for NULL, a value that is not an
    /// integer, or a bit outside `known` (`CodeSet<C>.allMask`, which the caller computes once
    /// per query: it builds `C.allCases`) — a code written by a newer noaber or another tool.
    @inline(__always)
    func codeSet<C: Code>(at column: Int32, within known: UInt32, name: String) throws(StoreError) -> CodeSet<C> {
        guard sqlite3_column_type(handle, column) == SQLITE_INTEGER else {
            throw invalidValue(name, expected: "an integer bit mask")
        }
        let value = sqlite3_column_int64(handle, column)
        guard value >= 0, value <= Int64(UInt32.max), UInt32(value) & ~known == 0 else {
            throw invalidValue(name, expected: "a bit mask of " + C.allCodes.joined(separator: ", "))
        }
        return CodeSet(mask: UInt32(value))
    }

    /// The stored value itself is not quoted: it may come from an identifier column.
    func invalidValue(_ name: String, expected: String) -> StoreError {
        StoreError(code: StoreError.noaberInvalidStoredValue,
                   message: "\(name) holds a value noaber cannot read (expected \(expected))",
                   sql: sql, path: database.path)
    }
}

/// Fixed-layout ISO date text, as bytes.
enum ISODate {
    /// Writes `yyyy-mm-dd` or `yyyy-mm-ddThh:mm` into `out` (at least 16 bytes); returns the
    /// length, or nil for a year outside 1…9999 or a minute outside the day, which the fixed
    /// layout cannot express (and would otherwise silently truncate).
    static func format(_ moment: Moment, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let (y, m, d) = moment.date.components
        guard (1...9999).contains(y), out.count >= 16 else { return nil }
        if let minute = moment.minuteOfDay, !(0..<1440).contains(minute) { return nil }
        let dash = UInt8(ascii: "-")
        digits(y, 4, out, 0)
        out[4] = dash
        digits(m, 2, out, 5)
        out[7] = dash
        digits(d, 2, out, 8)
        guard let minute = moment.minuteOfDay else { return 10 }
        out[10] = UInt8(ascii: "T")
        digits(minute / 60, 2, out, 11)
        out[13] = UInt8(ascii: ":")
        digits(minute % 60, 2, out, 14)
        return 16
    }

    @inline(__always)
    private static func digits(_ value: Int, _ width: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ start: Int) {
        var v = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        }
    }

    /// Parses `yyyy-mm-dd` or `yyyy-mm-ddThh:mm`; nil for anything else, including impossible
    /// dates such as 2023-02-29.
    static func parse(_ u: UnsafeBufferPointer<UInt8>) -> Moment? {
        guard u.count == 10 || u.count == 16, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = number(u, 0, 4), let m = number(u, 5, 2), let d = number(u, 8, 2),
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        if u.count == 10 { return Moment(date: date) }
        guard u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"),
              let h = number(u, 11, 2), let mi = number(u, 14, 2), h < 24, mi < 60 else { return nil }
        return Moment(date: date, minuteOfDay: h * 60 + mi)
    }

    @inline(__always)
    private static func number(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        DecimalDigits.value(u, from: start, count: count)
    }
}
