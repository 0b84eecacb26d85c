import NoaberCSV
import NoaberModel

/// Byte-level appenders for the generator's hot loop: no `String` is built per field.
enum RowBytes {
    /// How a dialect writes dates.
    enum DateStyle {
        /// `2024-03-05`, `2024-03-05T14:30`.
        case iso
        /// `5-3-2024`, `5-3-2024 14:30` (hour without leading zero, as Dutch Excel shows it).
        case dayMonthYear
        /// Excel serial days, `45356`, `45356.604167`.
        case excelSerial
    }

    @inline(__always)
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: (rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    @inline(__always)
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        CSVWriter.appendInteger(value, to: &out)
    }

    /// A date (day number) with an optional minute of day (-1 for none).
    static func appendMoment(day: Int, minute: Int, style: DateStyle, to out: inout [UInt8]) {
        switch style {
        case .iso:
            let (y, m, d) = CivilDate(dayNumber: day).components
            appendPadded(y, width: 4, to: &out)
            out.append(UInt8(ascii: "-"))
            appendPadded(m, width: 2, to: &out)
            out.append(UInt8(ascii: "-"))
            appendPadded(d, width: 2, to: &out)
            if minute >= 0 {
                out.append(UInt8(ascii: "T"))
                appendPadded(minute / 60, width: 2, to: &out)
                out.append(UInt8(ascii: ":"))
                appendPadded(minute % 60, width: 2, to: &out)
            }
        case .dayMonthYear:
            let (y, m, d) = CivilDate(dayNumber: day).components
            appendInt(d, to: &out)
            out.append(UInt8(ascii: "-"))
            appendInt(m, to: &out)
            out.append(UInt8(ascii: "-"))
            appendInt(y, to: &out)
            if minute >= 0 {
                out.append(UInt8(ascii: " "))
                appendInt(minute / 60, to: &out)
                out.append(UInt8(ascii: ":"))
                appendPadded(minute % 60, width: 2, to: &out)
            }
        case .excelSerial:
            let date = CivilDate(dayNumber: day)
            guard let serial = ExcelSerial.serial(for: date) else { return }
            if minute >= 0 {
                CSVWriter.appendNumber(Double(serial) + Double(minute) / 1440.0, fractionDigits: 6,
                                       decimalComma: false, to: &out)
            } else {
                appendInt(serial, to: &out)
            }
        }
    }

    /// The labels of the set bits of `mask`, joined by `separator`.
    @inline(__always)
    static func appendSet(_ mask: UInt16, labels: [[UInt8]], separator: [UInt8], to out: inout [UInt8]) {
        var first = true
        var rest = mask
        while rest != 0 {
            let index = rest.trailingZeroBitCount
            rest &= rest - 1
            if !first { out.append(contentsOf: separator) }
            first = false
            out.append(contentsOf: labels[index])
        }
    }

    /// A value in halves (minutes) or quarters (hours): `37.5`, `1,25`.
    static func appendFraction(_ units: Int, per: Int, decimalComma: Bool, to out: inout [UInt8]) {
        appendInt(units / per, to: &out)
        let rest = units % per
        guard rest != 0 else { return }
        out.append(decimalComma ? UInt8(ascii: ",") : UInt8(ascii: "."))
        switch per {
        case 2: out.append(UInt8(ascii: "5"))
        default:
            // Quarters: .25, .5, .75.
            if rest == 2 { out.append(UInt8(ascii: "5")) } else {
                out.append(rest == 1 ? UInt8(ascii: "2") : UInt8(ascii: "7"))
                out.append(UInt8(ascii: "5"))
            }
        }
    }
}
