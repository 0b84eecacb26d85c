import NoaberModel

/// Renders a `ReportTable` as an accessible HTML table: a caption, column headers with
/// `scope="col"`, the first cell of each row as a row header, numbers right-aligned.
///
/// A wide table scrolls sideways inside its own box (`div.table-wrap`) rather than the page. That
/// box is a keyboard stop and a named region (`tabindex="0"`, `role="region"`, labelled by the
/// caption), so someone without a mouse can scroll it too (WCAG 2.1.1; axe-core's
/// `scrollable-region-focusable`).
///
/// Suppressed cells read `<k` with a title explaining why; missing values an en dash.
/// - Complexity: O(cells).
struct HTMLTable {
    let format: NumberFormatting
    let language: Language
    /// The k written for suppressed cells.
    let minimumCell: Int

    func render(_ table: ReportTable, showCaption: Bool = true) -> String {
        let id = "t-" + table.name
        let name = showCaption ? "aria-labelledby=\"\(HTML.attribute(id))-caption\"" : "aria-label=\"\(HTML.attribute(table.caption))\""
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" \(name)><table id=\"\(HTML.attribute(id))\">\n"
        if showCaption { out += "<caption id=\"\(HTML.attribute(id))-caption\">\(HTML.text(table.caption))</caption>\n" }
        out += "<thead><tr>"
        for c in table.columns { out += "<th scope=\"col\">\(HTML.text(c.title))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let content = self.content(cell)
                if i == 0 {
                    out += "<th scope=\"row\">\(content)</th>"
                } else {
                    let numeric: Bool
                    switch cell {
                    case .text, .textIn: numeric = false
                    case .number, .estimate, .suppressed: numeric = true
                    }
                    out += numeric ? "<td class=\"num\">\(content)</td>" : "<td>\(content)</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    func content(_ cell: TableCell) -> String {
        switch cell {
        case .text(let s):
            return HTML.text(s)
        case .textIn(let s, let code, let prefix):
            return HTML.text(prefix) + (s.isEmpty ? "" : "<span lang=\"\(HTML.attribute(code))\">\(HTML.text(s))</span>")
        case .number(let x, let d):
            return x.map { HTML.text(format.decimal($0, fractionDigits: d)) } ?? format.notAvailable
        case .estimate(let x, let lo, let hi, let d):
            guard let x else { return format.notAvailable }
            let v = format.decimal(x, fractionDigits: d)
            guard let lo, let hi else { return HTML.text(v) }
            let upper = hi.isFinite ? format.decimal(hi, fractionDigits: d) : "∞"
            let joiner = lo < 0 || hi < 0 ? language.pick(" tot ", " to ") : "–"
            return HTML.text(v) + " <span class=\"ci\">(" + HTML.text(format.decimal(lo, fractionDigits: d) + joiner + upper) + ")</span>"
        case .suppressed:
            let why = language.pick("onderdrukt: minder dan \(minimumCell)", "suppressed: fewer than \(minimumCell)")
            return "<span class=\"suppressed\" title=\"\(HTML.attribute(why))\">" + HTML.text(format.suppressed(minimumCell: minimumCell)) + "</span>"
        }
    }
}
