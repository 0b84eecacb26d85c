import NoaberModel

/// The page shell: doctype, `lang`, charset, viewport, the inline stylesheet, header and footer.
///
/// The result references nothing outside itself: no scripts, no fonts, no images by URL.
struct HTMLDocument {
    let language: Language
    let title: String
    let audience: Audience
    /// Already escaped HTML of the page's sections.
    let body: String
    /// Already escaped HTML of the footer.
    let footer: String

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"noaber\">\n"
        out += "<title>\(HTML.text(title))</title>\n<style>\n\(Stylesheet.css)\n</style>\n</head>\n"
        out += "<body class=\"audience-\(HTML.attribute(audience.rawValue))\">\n<main>\n"
        out += body
        out += "</main>\n<footer>\(footer)</footer>\n</body>\n</html>\n"
        return out
    }
}
