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
        abstract: "Write a report (HTML, SVG figures, CSV tables) for the raadsbrief, lerend netwerk, researchers or each village.",
        discussion: """
        Writes <out>/report-<audience>.html (self-contained: no network, prints on A4), <out>/figures/*.svg and \
        <out>/tables/*.csv. Disclosure control applies to every file (<5); --no-suppression is for internal work only.
        --audience dorp writes one A4 page per village, <out>/<code>/report-dorp-<code>.html with its figures and \
        tables, each against all villages; --village then picks the pages.
        Example: noaber report --audience raadsbrief --period 2024 --out raadsbrief-2024
        """,
        options: CommonOptions.specs + [
            OptionSpec(name: "audience", valueName: "audience",
                       help: "Who the report is for (repeatable; 'all' writes every audience into <out>/<audience>/).",
                       repeatable: true, allowed: Audience.allCases.map(\.rawValue) + ["all"], required: true),
            OptionSpec(name: "village", valueName: "code", help: "Only these villages; for dorp, the villages that get a page (repeatable).",
                       repeatable: true),
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
        let names = args.strings("audience")
        let audiences = names.contains("all") ? Audience.allCases : Audience.allCases.filter { names.contains($0.rawValue) }
        var written: [String] = []
        // The village pages read every village (`readings`); the other reports only those asked.
        for reading in Self.readings(audiences, villages: args.strings("village").nilIfEmpty) {
            // Villages are read one at a time while the metrics are computed, all from one snapshot.
            let source: MetricsSource<StoreError>
            do { source = try MetricsSource.reading(store, villages: reading.villages) } catch { throw .store(error, path: common.databasePath) }
            if let unknown = args.strings("village").first(where: { code in !source.villages.contains { $0.code == code } }) {
                throw .data(Localized(nl: "dorp '\(unknown)' staat niet in de store", en: "village '\(unknown)' is not in the store"))
            }
            if let unknown = args.strings("highlight").first(where: { code in !source.villages.contains { $0.code == code } }) {
                throw .data(Localized(nl: "dorp '\(unknown)' (--highlight) staat niet in de rapportage",
                                      en: "village '\(unknown)' (--highlight) is not in the report"))
            }
            let feedback = reading.audiences.contains(.dorp)
                ? try VillageFeedbackReader.read(store, databasePath: common.databasePath,
                                                 villages: args.strings("village").nilIfEmpty ?? source.villages.map(\.code))
                : [:]
            written += try Self.write(audiences: reading.audiences, source: source, args: args, common: common,
                                      out: args.string("out") ?? "noaber-report", commandLine: Self.commandLine(arguments),
                                      folderPerAudience: audiences.count > 1, feedback: feedback)
        }
        for path in written { console.out(path + "\n") }
    }

    /// Writes the audiences' reports from one computation of the metrics; one audience goes into
    /// `out` itself, several into `out/<audience>/` (or as `folderPerAudience` says). Shared with
    /// `demo`. With the village pages among the audiences, `source` holds every village and
    /// `--village` picks the pages (`readings` keeps the other reports apart then); `feedback`
    /// is their to-do material (`VillageFeedbackReader`).
    static func write(audiences: [Audience], source: MetricsSource<StoreError>, args: ParsedArguments, common: CommonOptions,
                      out: String, commandLine: String, folderPerAudience: Bool? = nil,
                      feedback: [String: VillageFeedback] = [:]) throws(CLIFailure) -> [String] {
        let options = try MetricsOptionsParser.options(args, source: source)
        guard let period = try MetricsOptionsParser.reportPeriod(args, source: source) else {
            throw .internal("no period")
        }
        let pages = audiences.contains(.dorp)
        let reported = pages ? source.villages
            : args.strings("village").nilIfEmpty.map { codes in source.villages.filter { codes.contains($0.code) } } ?? source.villages
        if CoverageSummary(period: period, villages: reported, coverage: source.coverage).isEmpty {
            throw CoverageNotice.emptyPeriod(period, coverage: source.coverage, language: common.language)
        }
        var request = ReportRequest(audience: audiences.first ?? .onderzoek, language: common.language, period: period)
        request.trendEvery = Period.Unit(rawValue: args.string("every") ?? "quarter")
        request.villages = pages ? nil : args.strings("village").nilIfEmpty
        request.pageVillages = pages ? args.strings("village").nilIfEmpty : nil
        request.highlight = args.strings("highlight")
        request.minCell = options.minCell
        request.suppress = options.suppress
        request.csvDialect = args.string("csv-dialect") == "excel-nl" ? .excelDutch : .standard
        request.escalationParameters = options.escalationParameters
        request.draws = options.escalationDraws
        request.seed = options.seed
        request.includePartial = options.includePartial
        // Read in the source's snapshot: the list matches the figures even if an import commits now.
        let imports = source.imports
        var provenance = ReportProvenance(
            imports: imports.map {
                ImportSummary(fileName: $0.fileName, village: $0.village, kind: $0.kind.rawValue, asOf: $0.asOf,
                              rowsRead: $0.rowsRead, accepted: $0.accepted, rejected: $0.rejected,
                              exportKind: $0.exportKind, idScope: $0.idScope)
            },
            generatedOn: options.today ?? source.asOf.values.max() ?? CivilDate(dayNumber: 0),
            softwareVersion: "noaber " + NoaberCommandLine.version, commandLine: commandLine)
        provenance.villageFeedback = feedback
        try FileSystem.createDirectory(out)
        do {
            let separate = folderPerAudience ?? (audiences.count > 1)
            let directory: (Audience) -> String = { separate ? out + "/" + $0.rawValue : out }
            let written = try ReportGenerator.write(source: source, provenance: provenance, request: request,
                                                    audiences: audiences, directory: directory)
            // Leftovers of an earlier run that was killed (kill -9 can leave `<name>.tmp-<pid>`),
            // in the folder of every report written (a village page has one of its own).
            let folders = Set(written.filter { $0.hasSuffix(".html") }.map { String($0[..<($0.lastIndex(of: "/") ?? $0.startIndex)]) })
            for folder in folders.sorted() { _ = StaleTemporaryFiles.remove(in: folder.isEmpty ? "." : folder) }
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
