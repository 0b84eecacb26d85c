/// How a numeric cell is meant to be read, from its number format.
public enum CellFormat: Sendable, Equatable {
    /// A plain number.
    case number
    /// A date: rendered `yyyy-mm-dd`.
    case date
    /// A date with a time of day: rendered `yyyy-mm-ddThh:mm`.
    case dateTime
    /// A time of day or a duration: rendered `h:mm` (hours may exceed 23 for durations).
    case time
}

/// The cell formats of a workbook (`xl/styles.xml`): for each cell style index (`s="…"`), whether
/// its number format shows a date, a date and time, a time, or a number.
///
/// Built-in formats per ECMA-376 Part 1 §18.8.30: 14–17, 27–36 and 50–58 are dates, 22 is a date
/// and time, 18–21 and 45–47 are times. A custom format (`<numFmt formatCode="…">`) is classified
/// by `NumberFormat.classify`.
public struct Styles: Sendable {
    /// Per `cellXfs` index.
    public private(set) var formats: [CellFormat] = []

    public init(formats: [CellFormat] = []) { self.formats = formats }

    /// The format of style `index`; a style that does not exist reads as a number, as Excel does.
    @inline(__always)
    public func format(_ index: Int) -> CellFormat {
        index >= 0 && index < formats.count ? formats[index] : .number
    }

    static func builtIn(_ id: Int) -> CellFormat {
        switch id {
        case 14...17, 27...36, 50...58: return .date
        case 22: return .dateTime
        case 18...21, 45...47: return .time
        default: return .number
        }
    }

    static func read(_ xml: XMLScanner) throws(XLSXError) -> Styles {
        var custom: [Int: CellFormat] = [:]
        var ids: [Int] = []
        var inCellXfs = false
        while true {
            switch try xml.next() {
            case .start:
                if xml.nameIs(XMLName.numFmt) {
                    if let id = try xml.attribute(XMLName.numFmtId).flatMap({ Int($0) }),
                       let code = try xml.attributeBytes(XMLName.formatCode) {
                        custom[id] = NumberFormat.classify(code)
                    }
                } else if xml.nameIs(XMLName.cellXfs) {
                    inCellXfs = !xml.isEmptyElement
                } else if inCellXfs, xml.nameIs(XMLName.xf) {
                    ids.append(try xml.attribute(XMLName.numFmtId).flatMap { Int($0) } ?? 0)
                    guard ids.count <= 1 << 20 else { throw xml.fail("more than 1,048,576 cell styles") }
                }
            case .end:
                if xml.nameIs(XMLName.cellXfs) { inCellXfs = false }
            case .text:
                continue
            case .endOfDocument:
                return Styles(formats: ids.map { custom[$0] ?? builtIn($0) })
            }
        }
    }
}

/// Reads an Excel number format code for what it shows.
public enum NumberFormat {
    /// `.date`, `.dateTime`, `.time` or `.number` for a format code such as `d-m-yyyy h:mm`.
    ///
    /// Only the first section (before `;`) counts. Quoted text (`"uur"`), escaped characters
    /// (`\d`), fill and padding (`*x`, `_x`), `General`, `AM/PM` and `A/P` are ignored, and so are
    /// bracketed parts (`[Red]`, `[$-413]`, `[>100]`) except elapsed time (`[h]`, `[mm]`, `[ss]`).
    /// Then `y` or `d` make a date, `h` or `s` a time, and an `m` without `h` or `s` is a month
    /// (so `mmm-yy` is a date, `mm:ss` a time). `e` is not read as a year: it is also the
    /// exponent of `0.00E+00`.
    public static func classify(_ code: [UInt8]) -> CellFormat {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false
        var i = 0
        let n = code.count
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        func startsWith(_ word: String, at k: Int) -> Bool {
            let w = Array(word.utf8)
            guard k + w.count <= n else { return false }
            for j in 0..<w.count where lower(code[k + j]) != w[j] { return false }
            return true
        }
        while i < n {
            let c = code[i]
            switch c {
            case UInt8(ascii: ";"):
                i = n
                continue
            case UInt8(ascii: "\""):
                i += 1
                while i < n, code[i] != UInt8(ascii: "\"") { i += 1 }
                i += 1
                continue
            case UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                i += 2
                continue
            case UInt8(ascii: "["):
                var j = i + 1
                var elapsed = j < n
                while j < n, code[j] != UInt8(ascii: "]") {
                    let l = lower(code[j])
                    if l != UInt8(ascii: "h") && l != UInt8(ascii: "m") && l != UInt8(ascii: "s") { elapsed = false }
                    j += 1
                }
                if elapsed, j > i + 1 { hasTime = true }
                i = j + 1
                continue
            default:
                break
            }
            if startsWith("general", at: i) { i += 7; continue }
            if startsWith("am/pm", at: i) { i += 5; hasTime = true; continue }
            if startsWith("a/p", at: i) { i += 3; hasTime = true; continue }
            switch lower(c) {
            case UInt8(ascii: "y"), UInt8(ascii: "d"): hasDate = true
            case UInt8(ascii: "h"), UInt8(ascii: "s"): hasTime = true
            case UInt8(ascii: "m"): hasMonthOrMinute = true
            default: break
            }
            i += 1
        }
        if hasMonthOrMinute && !hasTime { hasDate = true }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .number
        }
    }

    public static func classify(_ code: String) -> CellFormat { classify(Array(code.utf8)) }
}
