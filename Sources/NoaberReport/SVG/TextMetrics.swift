/// Estimates text width without a font engine, to keep labels from overlapping and to wrap them.
///
/// Width is estimated per character class (narrow "il.,", wide "MW", digits) in em units of the
/// font size; the estimate is deliberately generous for the system sans-serif fonts, since a
/// label that is cut a little early is better than two labels on top of each other.
public enum TextMetrics {
    /// The estimated width of `text` at `fontSize` pixels.
    /// - Complexity: O(n) in the number of characters.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", " ", "(", ")", "f", "t", "r":
                ems += 0.36
            case "m", "w", "M", "W", "%", "@", "€":
                ems += 0.9
            case "A"..."Z":
                ems += 0.7
            default:
                ems += 0.58
            }
        }
        return ems * fontSize
    }

    /// `text`, cut and ended with "…" so that it fits in `maxWidth`; the flag says whether it was cut.
    public static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> (text: String, wasTruncated: Bool) {
        guard width(text, fontSize: fontSize) > maxWidth else { return (text, false) }
        var kept = ""
        let ellipsis = width("…", fontSize: fontSize)
        for character in text {
            if width(kept + String(character), fontSize: fontSize) + ellipsis > maxWidth { break }
            kept.append(character)
        }
        while kept.last == " " { kept.removeLast() }
        return (kept + "…", true)
    }

    /// `text` broken into lines no wider than `maxWidth`, at spaces, and after a hyphen or slash
    /// where a word alone is too wide; a word that still does not fit is broken between characters.
    /// Nothing is left out and nothing is cut: the caller makes room for every line.
    ///
    ///     TextMetrics.lines("aandeel van de vrijwilligers, van minst naar meest actief", maxWidth: 200, fontSize: 12)
    ///     // ["aandeel van de vrijwilligers, van", "minst naar meest actief"]
    ///
    /// Edge cases: an empty text gives one empty line; a width below one character still puts one
    /// character on each line.
    /// - Complexity: O(n²) in the characters of the longest word, O(n) otherwise.
    public static func lines(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        guard width(text, fontSize: fontSize) > maxWidth else { return [text] }
        var pieces: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            pieces += fitting(word, maxWidth: maxWidth, fontSize: fontSize)
        }
        var lines: [String] = []
        var current = ""
        for piece in pieces {
            let candidate = current.isEmpty ? piece : current + (current.hasSuffix("-") || current.hasSuffix("/") ? "" : " ") + piece
            if current.isEmpty || width(candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = piece
            }
        }
        lines.append(current)
        return lines
    }

    /// A word as pieces that each fit: split after "-" or "/" first, then between characters.
    private static func fitting(_ word: String, maxWidth: Double, fontSize: Double) -> [String] {
        guard width(word, fontSize: fontSize) > maxWidth else { return [word] }
        var parts: [String] = []
        var part = ""
        for character in word {
            part.append(character)
            if character == "-" || character == "/" { parts.append(part); part = "" }
        }
        if !part.isEmpty { parts.append(part) }
        var pieces: [String] = []
        for part in parts {
            if width(part, fontSize: fontSize) <= maxWidth { pieces.append(part); continue }
            var chunk = ""
            for character in part {
                if !chunk.isEmpty, width(chunk + String(character), fontSize: fontSize) > maxWidth {
                    pieces.append(chunk)
                    chunk = ""
                }
                chunk.append(character)
            }
            if !chunk.isEmpty { pieces.append(chunk) }
        }
        return pieces
    }
}
