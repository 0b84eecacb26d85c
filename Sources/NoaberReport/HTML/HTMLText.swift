/// Small helpers that keep every piece of text in the HTML escaped.
///
/// Everything that is not a literal of the reporter itself (village names, codes, file names,
/// the command line, labels from a parameter file) goes through `text` or `attribute`, which
/// escape `&`, `<`, `>` and quotes and drop control characters, so an import cannot inject markup.
enum HTML {
    static func text(_ s: String) -> String { XMLEscaping.text(s) }
    static func attribute(_ s: String) -> String { XMLEscaping.attribute(s) }

    /// `<tag>escaped text</tag>`.
    static func element(_ tag: String, _ content: String, class cls: String? = nil) -> String {
        let c = cls.map { " class=\"\(attribute($0))\"" } ?? ""
        return "<\(tag)\(c)>\(text(content))</\(tag)>"
    }

    /// A paragraph whose content is already HTML.
    static func paragraph(raw: String, class cls: String? = nil) -> String {
        let c = cls.map { " class=\"\(attribute($0))\"" } ?? ""
        return "<p\(c)>\(raw)</p>\n"
    }

    /// Escaped text in which metric names (`open_waiting`, `finding:<metric>`: words joined by
    /// underscores, with an optional `:category`) are set as `<code>`: they are identifiers a
    /// reader looks up in metrics.csv, not words of the sentence's language.
    static func textWithMetricNames(_ s: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let base = word.split(separator: ":", maxSplits: 1).first ?? ""
            let isName = base.contains("_") && base.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
                && !base.hasPrefix("_") && !base.hasSuffix("_")
            out += isName ? "<code>\(text(word))</code>" : text(word)
            word = ""
        }
        for character in s {
            if character.isLetter || character.isNumber || "_:<>".contains(character) && !(character == ":" && word.isEmpty) {
                word.append(character)
            } else {
                flush()
                out += text(String(character))
            }
        }
        flush()
        return out
    }
}
