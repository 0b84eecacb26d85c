import Foundation
import NoaberCSV
import NoaberMetrics
import NoaberModel
import NoaberReport
import NoaberStore

/// `noaber metrics`: every figure per village (or municipality, or pooled) and period, as a
/// terminal table, tidy CSV or JSON.
struct MetricsCommand {
    static let families = ["reach", "response", "escalation", "volunteers", "quality", "all"]

    static let spec = CommandSpec(
        name: "metrics",
        abstract: "Compute reach, response time, prevented escalation, volunteer load and data quality.",
        discussion: """
        Output rows are tidy: village, period, metric, value, lower, upper, n, suppressed. Disclosure control is on: \
        counts 1 to k-1 (k = 5) and every figure derived from them are suppressed (<5), across villages and their \
        municipality together. --no-suppression is for internal research only.
        Periods: 2024, 2024Q3, 2024-05 or 2024-01-01..2024-06-30; --every month|quarter|year splits it. Default: the \
        last full calendar year before the latest export.
        Examples:
          noaber metrics reach --period 2024 --by municipality
          noaber metrics response --period 2023-01-01..2024-12-31 --every quarter --format csv > response.csv
        """,
        options: CommonOptions.specs + [
            OptionSpec(name: "village", valueName: "code", help: "Only these villages (repeatable).", repeatable: true),
            OptionSpec(name: "period", valueName: "period", help: "Period to compute.", defaultDescription: "last full year"),
            OptionSpec(name: "every", valueName: "unit", help: "Split the period.", allowed: ["month", "quarter", "year"]),
            OptionSpec(name: "by", valueName: "grouping", help: "Grouping.", allowed: ["village", "municipality", "all"],
                       defaultDescription: "village"),
            CommonOptions.format(["table", "csv", "json"]),
            OptionSpec(name: "csv-dialect", valueName: "dialect", help: "CSV dialect (excel-nl: ';', decimal comma, BOM).",
                       allowed: ["standard", "excel-nl"], defaultDescription: "standard"),
            OptionSpec(name: "min-cell", valueName: "k", help: "Smallest count shown.", defaultDescription: "5"),
            OptionSpec(name: "parameters", valueName: "file", help: "Escalation parameter file.",
                       defaultDescription: "Datasets/parameters/escalation.json values"),
            OptionSpec(name: "draws", valueName: "n", help: "Monte Carlo draws.", defaultDescription: "10000"),
            OptionSpec(name: "seed", valueName: "n", help: "Monte Carlo seed.", defaultDescription: "20240305"),
            OptionSpec(name: "export-every", valueName: "unit", help: "How often each village is expected to send a case export (data quality).",
                       allowed: ["month", "quarter", "year"], defaultDescription: "quarter"),
            OptionSpec(name: "volunteer-threshold", valueName: "hours", help: "Weekly hours above which a volunteer counts as heavily loaded.",
                       defaultDescription: "4"),
        ],
        flags: [FlagSpec(name: "no-suppression", help: "Show small cells (internal research only)."),
                CommonOptions.includePartialFlag],
        positionals: [PositionalSpec(name: "family", help: "reach, response, escalation, volunteers, quality or all.", optional: true)])

    let common: CommonOptions
    let family: MetricFamily
    let args: ParsedArguments

    init(_ args: ParsedArguments) throws(CLIFailure) {
        self.args = args
        common = CommonOptions(args)
        let name = args.positional("family") ?? "all"
        guard let f = MetricFamily(rawValue: name) else {
            let hint = Suggestion.closest(to: name, among: Self.families).map { " Did you mean '\($0)'?" } ?? ""
            throw .usage(UsageError(message: "Unknown metric family '\(name)'; expected one of: \(Self.families.joined(separator: ", ")).\(hint)",
                                    commandPath: args.commandPath))
        }
        family = f
    }

    func run(_ console: Console) throws(CLIFailure) {
        let store = try common.openStoreWithCases()
        let villages = args.strings("village").nilIfEmpty
        // Villages are read one at a time while the metrics are computed, all from one snapshot.
        let source: MetricsSource<StoreError>
        do { source = try MetricsSource.reading(store, villages: villages) } catch { throw .store(error, path: common.databasePath) }
        if let unknown = args.strings("village").first(where: { code in !source.villages.contains { $0.code == code } }) {
            throw CommonOptions.unknownVillage(unknown, store: store)
        }
        var options = try MetricsOptionsParser.options(args, source: source)
        // Only the funnel rows are printed: no survival curve or hours list is kept.
        options.chartMaterial = [.funnel]
        if let warning = CoverageNotice.warning(villages: source.villages, coverage: source.coverage, periods: options.periods,
                                                includePartial: options.includePartial, language: common.language) {
            console.err(warning)
        }
        let result: MetricsResult
        do { result = try DisclosedMetrics.compute(family, source: source, options: options) } catch {
            throw .store(error, path: common.databasePath)
        }
        // The funnel comparison (pooled rate, limits at each village's size, position) travels
        // with the village rows; it means nothing for pooled groups.
        var rows = result.rows
        if options.grouping == .village { rows += result.funnel.flatMap(\.rows) + result.funnelDispersion.flatMap(\.rows) }
        rows = MetricRow.sortedTidy(rows)
        switch args.string("format") {
        case "json": console.out(try JSONOutput.render(rows))
        case "csv":
            let dialect: CSVDialect = args.string("csv-dialect") == "excel-nl" ? .excelDutch : .standard
            console.out(TidyCSV.render(rows, dialect: dialect))
        default:
            console.out(MetricsTable.render(rows, language: common.language, minCell: options.suppress ? options.minCell : nil))
        }
    }
}

extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
