/// Wraps chart content in a standalone, accessible SVG document.
///
/// The document has `xmlns`, `width`/`height` and a matching `viewBox` (so it scales when pasted
/// into Word or LibreOffice), `role="img"` with `aria-labelledby` pointing at its `<title>` and
/// `<desc>`, a white background, and the system font stack as a presentation attribute (Word
/// ignores CSS in SVG). No XML declaration, so the same text also inlines into HTML. Nothing in
/// it refers to anything outside the document.
public enum SVGDocument {
    /// System fonts only: no web fonts, nothing to download.
    public static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"

    public static func render(width: Double, height: Double, identifier: String, title: String,
                              description: String, content: [SVGElement]) -> String {
        let id = sanitizedIdentifier(identifier)
        var root = SVGElement("svg", [
            .init("xmlns", "http://www.w3.org/2000/svg"),
            .init("width", width), .init("height", height),
            .init("viewBox", "0 0 \(SVGNumber.string(width)) \(SVGNumber.string(height))"),
            .init("role", "img"), .init("aria-labelledby", "\(id)-title \(id)-desc"),
            .init("font-family", fontFamily), .init("font-size", 12),
        ])
        root.children = [
            .element(SVGElement("title", [.init("id", "\(id)-title")], text: title)),
            .element(SVGElement("desc", [.init("id", "\(id)-desc")], text: description)),
            .element(SVGElement("rect", [.init("width", width), .init("height", height), .init("fill", "#FFFFFF")])),
        ] + content.map(SVGNode.element)
        return root.rendered() + "\n"
    }

    /// An id safe for XML and CSS: ASCII letters, digits, "-" and "_", starting with a letter.
    /// Several charts inlined in one HTML page need different identifiers.
    public static func sanitizedIdentifier(_ identifier: String) -> String {
        var result = ""
        for scalar in identifier.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": result.unicodeScalars.append(scalar)
            default: result += "-"
            }
        }
        if let first = result.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            return result
        }
        return "chart" + result
    }
}
