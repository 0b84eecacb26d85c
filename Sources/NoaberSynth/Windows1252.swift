/// Encodes text as Windows-1252, the code page Dutch Excel saves "CSV (puntkomma-gescheiden)" in.
///
/// ASCII and Latin-1 (U+00A0–U+00FF: é, ë, ü, …) map to the same byte; the 27 printable
/// characters Windows-1252 puts in 0x80–0x9F (€, ’, “, …) map to their bytes; anything else
/// becomes `?`, as Excel does.
public enum Windows1252 {
    /// Unicode scalars of 0x80…0x9F; 0 where the code page leaves a byte undefined.
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The Windows-1252 bytes of `text`.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 || (0xA0...0xFF).contains(value) {
                out.append(UInt8(value))
            } else if let index = high.firstIndex(of: value), value != 0 {
                out.append(0x80 + UInt8(index))
            } else {
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }

    /// Decodes Windows-1252 bytes (undefined bytes become U+FFFD); for tests and tools.
    public static func decode(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0 {
                let value = high[Int(byte - 0x80)]
                scalars.append(Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }
}
