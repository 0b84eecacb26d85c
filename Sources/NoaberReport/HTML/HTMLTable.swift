import NoaberModel

/// Renders a `ReportTable` as an accessible HTML table: a caption, column headers with
/// `scope="col"`, the first cell of each row as a row header, numbers right-aligned.
///
/// Suppressed cells read `<k` with a title explaining why; missing values an en dash.
/// - Complexity: O(cells).
struct HTMLTable {
    let format: NumberFormatting
    let language: Language
    /// The k written for suppressed cells.
    let minimumCell: Int

    func render(_ table: ReportTable, showCaption: Bool = true) -> String {
        var out = "<div class=\"table-wrap\"><table id=\"t-\(HTML.attribute(table.name))\">\n"
        if showCaption { out += "<caption>\(HTML.text(table.caption))</caption>\n" }
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
                    case .text, .foreign: numeric = false
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
        case .number(let x, let d):
            return x.map { HTML.text(format.decimal($0, fractionDigits: d)) } ?? format.notAvailable
        case .estimate(let x, let lo, let hi, let d):
            guard let x else { return format.notAvailable }
            let v = format.decimal(x, fractionDigits: d)
            guard let lo, let hi else { return HTML.text(v) }
            let upper = hi.isFinite ? format.decimal(hi, fractionDigits: d) : "∞"
            let joiner = lo < 0 || hi < 0 ? language.pick(" tot ", " to ") : "–"
            return HTML.text(v) + " <span class=\"ci\">(" + HTML.text(format.decimal(lo, fractionDigits: d) + joiner + upper) + ")</span>"
        case .foreign(let prefix, let text, let textLanguage):
            return HTML.text(prefix) + "<span lang=\"\(textLanguage.rawValue)\">" + HTML.text(text) + "</span>"
        case .suppressed:
            let why = language.pick("onderdrukt: minder dan \(minimumCell)", "suppressed: fewer than \(minimumCell)")
            return "<span class=\"suppressed\" title=\"\(HTML.attribute(why))\">" + HTML.text(format.suppressed(minimumCell: minimumCell)) + "</span>"
        }
    }
}
