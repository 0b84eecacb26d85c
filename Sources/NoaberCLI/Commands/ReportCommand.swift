import NoaberCSV
import NoaberMetrics
import NoaberModel
import NoaberReport
import NoaberStore

/// `noaber report`: one self-contained HTML file, standalone SVG figures and CSV tables for one
/// audience.
struct ReportCommand {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Write a report (HTML, SVG figures, CSV tables) for the raadsbrief, lerend netwerk or researchers.",
        discussion: """
        Writes <out>/report-<audience>.html (self-contained: no network, prints on A4), <out>/figures/*.svg and \
        <out>/tables/*.csv. Disclosure control applies to every file (<5); --no-suppression is for internal work only.
        Example: noaber report --audience raadsbrief --period 2024 --out raadsbrief-2024
        """,
        options: CommonOptions.specs + [
            OptionSpec(name: "audience", valueName: "audience",
                       help: "Who the report is for (repeatable; 'all' writes the three into <out>/<audience>/).",
                       repeatable: true, allowed: Audience.allCases.map(\.rawValue) + ["all"], required: true),
            OptionSpec(name: "village", valueName: "code", help: "Only these villages (repeatable).", repeatable: true),
            OptionSpec(name: "highlight", valueName: "code",
                       help: "Mark this village as the reader's own in funnel plots and per-village panels (repeatable).",
                       repeatable: true),
            OptionSpec(name: "period", valueName: "period", help: "Period of the report.", defaultDescription: "last full year"),
            OptionSpec(name: "every", valueName: "unit", help: "Trend periods within the report period.",
                       allowed: ["month", "quarter", "year"], defaultDescription: "quarter"),
            OptionSpec(name: "out", valueName: "dir", help: "Output folder.", defaultDescription: "noaber-report"),
            OptionSpec(name: "csv-dialect", valueName: "dialect", help: "CSV dialect (excel-nl: ';', decimal comma, BOM).",
                       allowed: ["standard", "excel-nl"], defaultDescription: "standard"),
            OptionSpec(name: "min-cell", valueName: "k", help: "Smallest count shown.", defaultDescription: "5"),
            OptionSpec(name: "parameters", valueName: "file", help: "Escalation parameter file."),
            OptionSpec(name: "draws", valueName: "n", help: "Monte Carlo draws.", defaultDescription: "10000"),
            OptionSpec(name: "seed", valueName: "n", help: "Monte Carlo seed.", defaultDescription: "20240305"),
            OptionSpec(name: "effect-measure", valueName: "name",
                       help: "The outcome series whose effect the reports show ('none': no effect section).",
                       defaultDescription: "the only measure held; none when there are several"),
            OptionSpec(name: "export-every", valueName: "unit", help: "How often each village is expected to send a case export (data quality).",
                       allowed: ["month", "quarter", "year"], defaultDescription: "quarter"),
        ],
        flags: [FlagSpec(name: "no-suppression", help: "Show small cells (internal research only)."),
                CommonOptions.includePartialFlag, CommonOptions.quietFlag])

    let args: ParsedArguments
    let common: CommonOptions
    let arguments: [String]

    init(_ args: ParsedArguments, arguments: [String]) {
        self.args = args
        common = CommonOptions(args)
        self.arguments = arguments
    }

    func run(_ console: Console) throws(CLIFailure) {
        let store = try common.openStoreWithCases()
        let villageFilter = args.strings("village").nilIfEmpty
        // Villages are read one at a time while the metrics are computed, all from one snapshot.
        let source: MetricsSource<StoreError>
        do { source = try MetricsSource.reading(store, villages: villageFilter) } catch { throw .store(error, path: common.databasePath) }
        if let unknown = args.strings("village").first(where: { code in !source.villages.contains { $0.code == code } }) {
            throw CommonOptions.unknownVillage(unknown, store: store)
        }
        if let unknown = args.strings("highlight").first(where: { code in !source.villages.contains { $0.code == code } }) {
            throw .data(Localized(nl: "dorp '\(unknown)' (--highlight) staat niet in de rapportage",
                                  en: "village '\(unknown)' (--highlight) is not in the report"))
        }
        let names = args.strings("audience")
        let audiences = names.contains("all") ? Audience.allCases : Audience.allCases.filter { names.contains($0.rawValue) }
        let effect = try EffectEvidenceLoader.evidence(store: store, args: args, common: common)
        let written = try Self.write(audiences: audiences, source: source, args: args, common: common,
                                     out: args.string("out") ?? "noaber-report", effect: effect,
                                     commandLine: Self.commandLine(arguments))
        for path in written { console.out(path + "\n") }
    }

    /// Writes the audiences' reports from one computation of the metrics; one audience goes into
    /// `out` itself, several into `out/<audience>/`. Shared with `demo`.
    static func write(audiences: [Audience], source: MetricsSource<StoreError>, args: ParsedArguments, common: CommonOptions,
                      out: String, effect: EffectEvidence? = nil, commandLine: String) throws(CLIFailure) -> [String] {
        let options = try MetricsOptionsParser.options(args, source: source)
        guard let period = try MetricsOptionsParser.reportPeriod(args, source: source) else {
            throw .internal("no period")
        }
        let reported = args.strings("village").nilIfEmpty.map { codes in source.villages.filter { codes.contains($0.code) } }
            ?? source.villages
        if CoverageSummary(period: period, villages: reported, coverage: source.coverage).isEmpty {
            throw CoverageNotice.emptyPeriod(period, coverage: source.coverage, language: common.language)
        }
        var request = ReportRequest(audience: audiences.first ?? .onderzoek, language: common.language, period: period)
        request.trendEvery = Period.Unit(rawValue: args.string("every") ?? "quarter")
        request.villages = args.strings("village").nilIfEmpty
        request.highlight = args.strings("highlight")
        request.minCell = options.minCell
        request.suppress = options.suppress
        request.csvDialect = args.string("csv-dialect") == "excel-nl" ? .excelDutch : .standard
        request.escalationParameters = options.escalationParameters
        request.draws = options.escalationDraws
        request.seed = options.seed
        request.includePartial = options.includePartial
        request.effect = effect
        request.exportEvery = options.exportEvery
        // Read in the source's snapshot: the list matches the figures even if an import commits now.
        let imports = source.imports
        let provenance = ReportProvenance(
            imports: imports.map {
                ImportSummary(fileName: $0.fileName, village: $0.village, kind: $0.kind.rawValue, asOf: $0.asOf,
                              rowsRead: $0.rowsRead, accepted: $0.accepted, rejected: $0.rejected,
                              exportKind: $0.exportKind, idScope: $0.idScope)
            },
            generatedOn: options.today ?? source.asOf.values.max() ?? CivilDate(dayNumber: 0),
            softwareVersion: "noaber " + NoaberCommandLine.version, commandLine: commandLine)
        try FileSystem.createDirectory(out)
        do {
            let directory: (Audience) -> String = { audiences.count == 1 ? out : out + "/" + $0.rawValue }
            let written = try ReportGenerator.write(source: source, provenance: provenance, request: request,
                                                    audiences: audiences, directory: directory)
            // Leftovers of an earlier run that was killed (kill -9 can leave `<name>.tmp-<pid>`).
            for audience in audiences { _ = StaleTemporaryFiles.remove(in: directory(audience)) }
            return written
        } catch let error as CLIFailure {
            throw error
        } catch let error as StoreError {
            throw .store(error, path: common.databasePath)
        } catch {
            throw .cannotCreate(Localized(nl: "\(out): rapport niet geschreven: \(error)", en: "\(out): report not written: \(error)"))
        }
    }

    /// The command as typed, for the methods section; arguments with spaces or quotes are quoted.
    static func commandLine(_ arguments: [String]) -> String {
        (["noaber"] + arguments).map { a in
            a.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,".contains($0) }) && !a.isEmpty
                ? a : "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
