import NoaberMetrics
import NoaberModel

/// Accumulates one report: the HTML of its sections, the standalone SVG figures and the wide
/// tables, numbering figures as it goes. Sections are extensions in `ReportComposer+*.swift`.
struct ReportComposer {
    let data: ReportData
    let provenance: ReportProvenance
    let language: Language
    let format: NumberFormatting
    let dates: DateFormatting
    /// The k shown as `<k` (the request's minCell; nothing is hidden when suppression is off).
    let k: Int
    private(set) var html = ""
    private(set) var figures: [(name: String, svg: String)] = []
    private(set) var tables: [ReportTable] = []
    private var figureCount = 0
    private var usedNames = Set<String>()

    init(data: ReportData, provenance: ReportProvenance) {
        self.data = data
        self.provenance = provenance
        language = data.request.language
        format = NumberFormatting(language: language)
        dates = DateFormatting(language: language)
        k = data.request.minCell
    }

    /// The most villages the raadsbrief draws one bar each for; above it the per-village figures
    /// become one funnel plot with a summary, and the table per village goes to CSV only, so the
    /// letter stays within two A4 pages whatever the number of villages.
    static let raadsbriefVillageLimit = 12
    /// The most trend periods the raadsbrief lists in the table beside a trend chart (the latest
    /// ones); the CSV keeps every period.
    static let raadsbriefTrendRows = 8

    /// True for a raadsbrief over more villages than `raadsbriefVillageLimit`.
    var usesCompactVillageForm: Bool {
        data.request.audience == .raadsbrief && data.villages.count > Self.raadsbriefVillageLimit
    }

    /// Where a table named `stem` is written, relative to the HTML file (for sentences that
    /// send the reader to it).
    func tablePath(_ stem: String) -> String { "tables/\(stem).csv" }

    /// True for the readers without statistics (raadsbrief, lerend netwerk): survival jargon
    /// ("Kaplan–Meier", "gecensureerd", "Greenwood") stays in the onderzoek report and its methods.
    var usesPlainWords: Bool { data.request.audience != .onderzoek }

    var tableRenderer: HTMLTable { HTMLTable(format: format, language: language, minimumCell: k) }

    func pick(_ nl: String, _ en: String) -> String { language.pick(nl, en) }

    mutating func heading(_ level: Int, _ text: String, id: String? = nil) {
        let idAttribute = id.map { " id=\"\(HTML.attribute($0))\"" } ?? ""
        html += "<h\(level)\(idAttribute)>\(HTML.text(text))</h\(level)>\n"
    }

    /// A paragraph of plain text (escaped).
    mutating func paragraph(_ text: String, class cls: String? = nil) {
        html += HTML.paragraph(raw: HTML.text(text), class: cls)
    }

    /// Markup the caller has built from escaped pieces.
    mutating func raw(_ markup: String) { html += markup }

    /// A unique file stem: a second chart or table with the same name gets a suffix.
    mutating func reserveName(_ name: String) -> String { unique(name) }

    private mutating func unique(_ name: String) -> String {
        var candidate = SVGDocument.sanitizedIdentifier(name)
        var i = 2
        while usedNames.contains(candidate) {
            candidate = SVGDocument.sanitizedIdentifier(name) + "-\(i)"
            i += 1
        }
        usedNames.insert(candidate)
        return candidate
    }

    /// Adds a numbered figure: inline SVG, its data table beside it, a caption; the SVG is also
    /// written to `figures/<name>.svg` and the table to `tables/<name>.csv`.
    /// `chart.identifier` must come from `reserveName`.
    mutating func figure(_ chart: any SVGChart, caption: String, table: ReportTable) {
        figure(chart, caption: caption, table: table, shown: nil)
    }

    /// Adds a numbered figure whose HTML shows `shown` (a summary, or the latest rows) beside the
    /// chart while `tables/<name>.csv` gets the full `table`: the raadsbrief's compact form, where
    /// a hundred rows would not fit two pages. `shown` nil shows the full table. `half` draws it
    /// as one of two figures side by side (inside a `div.figure-pair` the caller opens).
    mutating func figure(_ chart: any SVGChart, caption: String, table: ReportTable, shown: ReportTable?, half: Bool = false) {
        let stem = chart.identifier
        var t = table
        t.name = stem
        var visible = shown ?? table
        visible.name = stem
        figureCount += 1
        let figure = FigureHTML(number: figureCount, chart: chart, caption: caption, table: visible, language: language, half: half)
        html += figure.render(tables: tableRenderer)
        figures.append((stem, chart.svg(language: language)))
        tables.append(t)
    }

    /// Adds a table on its own, also written as `tables/<name>.csv`.
    mutating func table(_ table: ReportTable) {
        var t = table
        t.name = unique(table.name)
        html += tableRenderer.render(t)
        tables.append(t)
    }

    /// Writes `tables/<name>.csv` without showing the table; `table.name` must come from
    /// `reserveName`. For the compact form, whose text names the file instead.
    mutating func tableFile(_ table: ReportTable) { tables.append(table) }

    // MARK: - Formatting helpers

    /// A figure for a sentence: `<k` when suppressed, an en dash when missing.
    func value(_ row: MetricRow?, digits: Int) -> String {
        guard let row else { return format.notAvailable }
        if row.suppressed { return format.suppressed(minimumCell: k) }
        return row.value.map { format.decimal($0, fractionDigits: digits) } ?? format.notAvailable
    }

    /// "12,3 (95%-BI 10,1–14,6)" or `<k`; "∞" for an upper end that is never reached.
    func valueWithInterval(_ row: MetricRow?, digits: Int, level: String = "95%") -> String {
        guard let row, !row.suppressed, let v = row.value else { return value(row, digits: digits) }
        guard let lo = row.lower, let hi = row.upper else { return format.decimal(v, fractionDigits: digits) }
        let upper = hi.isFinite ? format.decimal(hi, fractionDigits: digits) : "∞"
        let name = pick("\(level)-BI", "\(level) CI")
        return "\(format.decimal(v, fractionDigits: digits)) (\(name) \(format.decimal(lo, fractionDigits: digits))–\(upper))"
    }

    /// A percentage figure with its interval, the sign after every number:
    /// "91% (95%-BI 88–93%)" / "91% (95% CI 88–93%)"; `<k` when suppressed.
    func percentWithInterval(_ row: MetricRow?, digits: Int) -> String {
        guard let row, !row.suppressed, let v = row.value else { return value(row, digits: digits) }
        let shown = format.decimal(v, fractionDigits: digits) + "%"
        guard let lo = row.lower, let hi = row.upper else { return shown }
        let upper = hi.isFinite ? format.decimal(hi, fractionDigits: digits) + "%" : "∞"
        return "\(shown) (\(pick("95%-BI", "95% CI")) \(format.decimal(lo, fractionDigits: digits))–\(upper))"
    }

    func euros(_ x: Double?) -> String { x.map { format.euros($0) } ?? format.notAvailable }

    func periodName(_ p: Period) -> String { dates.periodLabel(p.label) }

    /// Whether the reader asked to see this village marked as her own (`--highlight`).
    func isHighlighted(_ code: String) -> Bool { data.request.highlight.contains(code) }

    /// The width a chart is drawn at so that its text prints at 8 pt or more (`PrintLayout`).
    func chartWidth(tableColumns: Int) -> Double { PrintLayout.chartWidth(tableColumns: tableColumns) }

    /// Villages in alphabetical order of their names (never by rank).
    var villagesByName: [Village] {
        data.villages.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
    }
}
