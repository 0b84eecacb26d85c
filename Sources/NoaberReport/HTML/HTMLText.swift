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
}
