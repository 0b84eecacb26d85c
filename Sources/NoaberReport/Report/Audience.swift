/// Who a report is written for; each audience gets its own HTML file and selection of sections.
///
/// The raw values are the CLI's `--audience` words and part of the file name
/// (`report-<audience>.html`), so they are a stable contract.
public enum Audience: String, CaseIterable, Sendable {
    /// Two A4 pages for the municipal council: headline figures, a comparison, a few charts.
    case raadsbrief
    /// Village comparison for a lerend-netwerk session: funnel plots, themes, data quality.
    case lerendNetwerk = "lerend-netwerk"
    /// Everything, with the methods section: for researchers.
    case onderzoek
    /// One A4 page per village for its own ondersteuner and dorpsraad: its figures against all
    /// villages and its previous period, and its data quality as a to-do list. Each page goes
    /// into a folder named after its village code: `SAA/report-dorp-SAA.html`.
    case dorp

    /// The HTML file the report is written to (`dorp` writes one per village instead).
    public var fileName: String { "report-\(rawValue).html" }
}
