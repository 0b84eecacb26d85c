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
        abstract: Localized(nl: "Bereken bereik, reactietijd, voorkomen escalatie, vrijwilligersbelasting en datakwaliteit.",
                            en: "Compute reach, response time, prevented escalation, volunteer load and data quality."),
        discussion: Localized(nl: """
        De rijen zijn 'tidy' (één cijfer per rij): village, period, metric, value, lower, upper, n, suppressed. Kleine \
        aantallen worden onderdrukt: aantallen 1 tot k-1 (k = 5) en elk cijfer dat daarvan is afgeleid staan als <5, \
        over de dorpen en hun gemeente samen. --no-suppression is alleen voor intern onderzoek.
        Perioden: 2024, 2024Q3, 2024-05 of 2024-01-01..2024-06-30; --every month|quarter|year deelt ze op. \
        Standaard: het laatste volle kalenderjaar vóór de nieuwste export.
        --format csv en json zijn voor programma's: codes en ISO-datums, dezelfde bytes in elke taal.
        Voorbeelden:
          noaber metrics reach --period 2024 --by municipality
          noaber metrics response --period 2023-01-01..2024-12-31 --every quarter --format csv > response.csv
        """, en: """
        Output rows are tidy: village, period, metric, value, lower, upper, n, suppressed. Disclosure control is on: \
        counts 1 to k-1 (k = 5) and every figure derived from them are suppressed (<5), across villages and their \
        municipality together. --no-suppression is for internal research only.
        Periods: 2024, 2024Q3, 2024-05 or 2024-01-01..2024-06-30; --every month|quarter|year splits it. Default: the \
        last full calendar year before the latest export.
        Examples:
          noaber metrics reach --period 2024 --by municipality
          noaber metrics response --period 2023-01-01..2024-12-31 --every quarter --format csv > response.csv
        """),
        options: CommonOptions.specs + [
            OptionSpec(name: "village", valueName: Placeholder.code, help: Localized(nl: "Alleen deze dorpen.", en: "Only these villages."),
                       repeatable: true),
            OptionSpec(name: "period", valueName: Placeholder.period, help: Localized(nl: "De periode.", en: "Period to compute."),
                       defaultDescription: Localized(nl: "laatste volle jaar", en: "last full year")),
            OptionSpec(name: "every", valueName: Placeholder.unit, help: Localized(nl: "Deel de periode op.", en: "Split the period."),
                       allowed: ["month", "quarter", "year"]),
            OptionSpec(name: "by", valueName: Placeholder.grouping,
                       help: Localized(nl: "Per dorp, per gemeente of alles samen.", en: "Per village, per municipality or all together."),
                       allowed: ["village", "municipality", "all"], defaultDescription: Localized(verbatim: "village")),
            CommonOptions.format(["table", "csv", "json"]),
            CommonOptions.csvDialectSpec(default: Localized(verbatim: "standard")),
            OptionSpec(name: "min-cell", valueName: Placeholder.k, help: Localized(nl: "Kleinste aantal dat getoond wordt.", en: "Smallest count shown."),
                       defaultDescription: Localized(verbatim: "5")),
            OptionSpec(name: "parameters", valueName: Placeholder.file, help: Localized(nl: "Bestand met escalatieparameters.", en: "Escalation parameter file."),
                       defaultDescription: Localized(nl: "de waarden van Datasets/parameters/escalation.json",
                                                     en: "Datasets/parameters/escalation.json values")),
            OptionSpec(name: "draws", valueName: Placeholder.n, help: Localized(nl: "Aantal Monte-Carlotrekkingen.", en: "Monte Carlo draws."),
                       defaultDescription: Localized(verbatim: "10000")),
            OptionSpec(name: "seed", valueName: Placeholder.n, help: Localized(nl: "Startwaarde (seed) van de Monte-Carlotrekkingen.", en: "Monte Carlo seed."),
                       defaultDescription: Localized(verbatim: "20240305")),
            OptionSpec(name: "volunteer-threshold", valueName: Placeholder.hours,
                       help: Localized(nl: "Uren per week waarboven een vrijwilliger als zwaar belast telt.",
                                       en: "Weekly hours above which a volunteer counts as heavily loaded."),
                       defaultDescription: Localized(verbatim: "4")),
            CommonOptions.todaySpec(),
            CommonOptions.exportEverySpec,
        ],
        flags: [FlagSpec(name: "no-suppression", help: Localized(nl: "Toon kleine aantallen (alleen voor intern onderzoek).",
                                                             en: "Show small cells (internal research only).")),
                CommonOptions.includePartialFlag],
        positionals: [PositionalSpec(name: "family", valueName: Placeholder.family,
                                     help: Localized(nl: "reach (bereik), response (reactietijd), escalation (escalatie), volunteers (vrijwilligers), quality (kwaliteit) of all (alles).",
                                                     en: "reach, response, escalation, volunteers, quality or all."),
                                     optional: true)])

    let common: CommonOptions
    let family: MetricFamily
    let args: ParsedArguments

    init(_ args: ParsedArguments) throws(CLIFailure) {
        self.args = args
        common = CommonOptions(args)
        let name = args.positional("family") ?? "all"
        guard let f = MetricFamily(rawValue: name) else {
            let hint = Suggestion.closest(to: name, among: Self.families).map(Suggestion.didYouMean) ?? Localized(verbatim: "")
            let list = Self.families.joined(separator: ", ")
            throw .usage(UsageError(message: Localized(nl: "Onbekende groep maten '\(name)'; verwacht een van: \(list).",
                                                       en: "Unknown metric family '\(name)'; expected one of: \(list).") + hint,
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
        case "json": console.out(try JSONOutput.render(rows.map(TidyNumber.tidy)))
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
