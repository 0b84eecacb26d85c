/// Greedy word wrapping for help text, measured in `Character`s.
enum TextWrapping {
    /// Wraps `text` so each line fits in `width` columns, the first line starting after
    /// `firstLineUsed` columns already taken and later lines indented by `indent` spaces.
    ///
    /// Runs of spaces collapse to one; a word longer than the room left goes on a line of its own
    /// unbroken (a path must stay copyable). Returns the lines without trailing newlines; the
    /// first line carries no indentation of its own.
    /// - Complexity: O(n) in the length of `text`.
    static func wrap(_ text: String, width: Int, indent: Int, firstLineUsed: Int) -> [String] {
        wrap(units: text.split(separator: " ").map(String.init), width: width, indent: indent, firstLineUsed: firstLineUsed)
    }

    /// Wraps pre-split units (words, or usage elements such as `[--village <code>]` that must
    /// not be broken inside), separated by one space.
    static func wrap(units words: [String], width: Int, indent: Int, firstLineUsed: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = firstLineUsed
        for word in words {
            if line.isEmpty {
                line = word
                used += word.count
            } else if used + 1 + word.count <= width {
                line += " " + word
                used += 1 + word.count
            } else {
                lines.append(line)
                line = word
                used = indent + word.count
            }
        }
        lines.append(line)
        return lines
    }

    /// `wrap` with the continuation lines already indented, joined by newlines.
    static func wrapIndented(_ text: String, width: Int, indent: Int, firstLineUsed: Int) -> String {
        indented(wrap(text, width: width, indent: indent, firstLineUsed: firstLineUsed), indent: indent)
    }

    /// Joins wrapped lines with newlines, indenting every line but the first.
    static func indented(_ lines: [String], indent: Int) -> String {
        let padding = String(repeating: " ", count: indent)
        return lines
            .enumerated()
            .map { $0.offset == 0 ? $0.element : padding + $0.element }
            .joined(separator: "\n")
    }
}
