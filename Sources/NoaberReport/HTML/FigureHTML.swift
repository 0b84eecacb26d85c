import NoaberModel

/// A chart as it appears in the HTML: the inline SVG (with its own `<title>` and `<desc>`), its
/// data as a table beside it, and a numbered `<figcaption>`.
struct FigureHTML {
    let number: Int
    let chart: any SVGChart
    let caption: String
    let table: ReportTable
    let language: Language
    /// One half of a pair of figures side by side (`div.figure-pair`): the table under the chart.
    var half = false

    func render(tables: HTMLTable) -> String {
        let id = SVGDocument.sanitizedIdentifier(chart.identifier)
        // A table with many columns goes under the chart instead of beside it.
        let layout = half ? "figure-body half" : PrintLayout.isStacked(tableColumns: table.columns.count) ? "figure-body stacked" : "figure-body"
        var out = "<figure id=\"fig-\(id)\">\n<div class=\"\(layout)\">\n<div class=\"figure-svg\">\n"
        out += chart.svg(language: language)
        out += "</div>\n<div class=\"figure-data\">\n"
        out += tables.render(table)
        out += "</div>\n</div>\n"
        out += "<figcaption><span class=\"fig-no\">\(language.pick("Figuur", "Figure")) \(number).</span> \(HTML.text(caption))</figcaption>\n"
        out += "</figure>\n"
        return out
    }
}
