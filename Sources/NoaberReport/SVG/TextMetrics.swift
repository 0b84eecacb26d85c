/// Estimates text width without a font engine, to keep labels from overlapping.
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
}
