/// Makes text from data safe to print on a terminal.
///
/// A village name or file name comes from a file anyone could have written. Printed as it is, a
/// carriage return would let it overwrite the start of its line (hiding the figures before it),
/// an escape byte would start a terminal control sequence, and a bidi override (U+202E) would
/// show the rest of the line reversed. Each such character becomes U+FFFD, so it stays visible
/// that something was there; every other character, including non-ASCII letters, is kept.
enum TerminalText {
    /// Replaces control characters (C0 including tab, CR and LF; DEL; C1) and the bidi
    /// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) with U+FFFD.
    /// - Complexity: O(n); a string without such characters is returned as it is.
    static func sanitised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
