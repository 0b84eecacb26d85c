/// Windows-1252 to UTF-8 and back, the way browsers do it (WHATWG Encoding Standard): the one
/// table the CSV reader decodes with and the synthetic exports encode with.
///
/// Every byte maps to exactly one scalar, so chunks can be transcoded independently with no
/// state across boundaries. 0x00–0x7F are ASCII; 0x80–0x9F are the Windows punctuation
/// (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), where the five bytes Windows leaves
/// undefined (0x81 0x8D 0x8F 0x90 0x9D) become the C1 control of the same value rather than
/// an error; 0xA0–0xFF are Latin-1 (U+00A0–U+00FF).
public enum Windows1252 {
    /// The scalar for each byte 0x80–0x9F (index = byte − 0x80), from the WHATWG index.
    static let c1Scalars: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The most UTF-8 bytes one Windows-1252 byte can become (€ is E2 82 AC).
    static let maxExpansion = 3

    /// The Unicode scalar value of one Windows-1252 byte.
    static func scalar(_ byte: UInt8) -> UInt16 {
        if byte < 0x80 || byte >= 0xA0 { return UInt16(byte) }
        return c1Scalars[Int(byte &- 0x80)]
    }

    /// Writes the UTF-8 form of `input` to `output` and returns the number of bytes written.
    ///
    /// `output` must have room for `input.count * maxExpansion` bytes.
    /// - Complexity: O(n); ASCII bytes are copied with one comparison each.
    static func transcode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Int {
        c1Scalars.withUnsafeBufferPointer { table in
            var written = 0
            for byte in input {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                    continue
                }
                let scalar = byte < 0xA0 ? table[Int(byte &- 0x80)] : UInt16(byte)
                if scalar < 0x800 {
                    output[written] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
                    output[written + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    written += 2
                } else {
                    output[written] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
                    output[written + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                    output[written + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    written += 3
                }
            }
            return written
        }
    }

    /// The Windows-1252 bytes of `text`, as Dutch Excel saves "CSV (puntkomma-gescheiden)":
    /// ASCII and Latin-1 (U+00A0–U+00FF: é, ë, ü, …) map to the same byte, the 27 printable
    /// characters of 0x80–0x9F (€, ’, “, …) to their bytes, the five C1 controls the code page
    /// leaves undefined to themselves (so `decode` and `encode` are inverse on every byte), and
    /// anything else becomes `?`, as Excel does.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 || (0xA0...0xFF).contains(value) {
                out.append(UInt8(value))
            } else if let index = c1Scalars.firstIndex(of: UInt16(truncatingIfNeeded: value)), value <= 0xFFFF {
                out.append(0x80 + UInt8(index))
            } else {
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }

    /// The text of Windows-1252 bytes (every byte is one scalar; see `scalar(_:)`).
    public static func decode(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(scalar(byte)) ?? "\u{FFFD}") }
        return String(scalars)
    }
}
