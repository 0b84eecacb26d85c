/// Escaping for text that goes into HTML and SVG, in element content and in attribute values.
///
/// Every string that came from an import (a village name, a theme label) passes through here
/// exactly once, when the SVG or HTML is written; callers never pre-escape, so `&amp;` in a
/// label is shown as the five characters `&amp;` (written `&amp;amp;`).
///
/// Control characters are removed (except tab and newline) because XML 1.0 forbids most of them
/// and a stray one makes a whole SVG fail to open. Removed: U+0000–U+001F except tab and
/// newline (so also CR), U+007F–U+009F, U+FFFE and U+FFFF.
///
/// - Complexity: O(n); an ASCII string without special characters is returned without copying.
public enum XMLEscaping {
    /// Escapes `& < > " '` for element content (quotes too, so the result is safe anywhere).
    public static func text(_ string: String) -> String { escape(string, inAttribute: false) }

    /// Escapes for a double- or single-quoted attribute value; tab and newline become character
    /// references so that attribute-value normalisation does not turn them into spaces.
    public static func attribute(_ string: String) -> String { escape(string, inAttribute: true) }

    /// Removes the control characters XML cannot carry, without escaping anything else.
    public static func removingControlCharacters(_ string: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in string.unicodeScalars where !isForbidden(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A }
        return (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    private static func escape(_ string: String, inAttribute: Bool) -> String {
        let needsWork = string.utf8.contains { byte in
            byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard needsWork else { return string }
        var result = ""
        result.reserveCapacity(string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            default:
                if !isForbidden(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
