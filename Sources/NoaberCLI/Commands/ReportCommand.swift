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
        abstract: Localized(nl: "Schrijf een rapport (HTML, SVG-figuren, CSV-tabellen) voor de raadsbrief, het lerend netwerk, onderzoekers of elk dorp.",
                            en: "Write a report (HTML, SVG figures, CSV tables) for the raadsbrief, lerend netwerk, researchers or each village."),
        discussion: Localized(nl: """
        Schrijft <map>/report-<publiek>.html (op zichzelf staand: geen netwerk, print op A4), <map>/figures/*.svg en \
        <map>/tables/*.csv. Kleine aantallen worden in elk bestand onderdrukt (<5); --no-suppression is alleen voor intern werk.
        --audience dorp schrijft één A4-pagina per dorp, <map>/<code>/report-dorp-<code>.html met zijn figuren en \
        tabellen, steeds naast alle dorpen; --village kiest dan de pagina's.
        Voorbeeld: noaber report --audience raadsbrief --period 2024 --out raadsbrief-2024
        """, en: """
        Writes <dir>/report-<audience>.html (self-contained: no network, prints on A4), <dir>/figures/*.svg and \
        <dir>/tables/*.csv. Disclosure control applies to every file (<5); --no-suppression is for internal work only.
        --audience dorp writes one A4 page per village, <dir>/<code>/report-dorp-<code>.html with its figures and \
        tables, each against all villages; --village then picks the pages.
        Example: noaber report --audience raadsbrief --period 2024 --out raadsbrief-2024
        """),
        options: CommonOptions.specs + [
            OptionSpec(name: "audience", valueName: Placeholder.audience,
                       help: Localized(nl: "Voor wie het rapport is ('all' schrijft de drie rapporten in <map>/<publiek>/; dorp alleen op naam).",
                                       en: "Who the report is for ('all' writes the three reports into <dir>/<audience>/; dorp only by name)."),
                       repeatable: true, allowed: Audience.allCases.map(\.rawValue) + ["all"], required: true),
            OptionSpec(name: "village", valueName: Placeholder.code,
                       help: Localized(nl: "Alleen deze dorpen; bij dorp: de dorpen die een pagina krijgen.",
                                       en: "Only these villages; for dorp, the villages that get a page."),
                       repeatable: true),
            OptionSpec(name: "highlight", valueName: Placeholder.code,
                       help: Localized(nl: "Markeer dit dorp als het eigen dorp van de lezer in trechterdiagrammen en panelen per dorp.",
                                       en: "Mark this village as the reader's own in funnel plots and per-village panels."),
                       repeatable: true),
            OptionSpec(name: "period", valueName: Placeholder.period, help: Localized(nl: "De periode van het rapport.", en: "Period of the report."),
                       defaultDescription: Localized(nl: "laatste volle jaar", en: "last full year")),
            OptionSpec(name: "every", valueName: Placeholder.unit,
                       help: Localized(nl: "Trendperioden binnen de periode van het rapport.", en: "Trend periods within the report period."),
                       allowed: ["month", "quarter", "year"], defaultDescription: Localized(verbatim: "quarter")),
            OptionSpec(name: "out", valueName: Placeholder.dir, help: Localized(nl: "Uitvoermap.", en: "Output folder."),
                       defaultDescription: Localized(verbatim: "noaber-report")),
            CommonOptions.csvDialectSpec(default: Localized(nl: "excel-nl bij --lang nl, standard bij --lang en; metrics.csv altijd standard",
                                                            en: "excel-nl with --lang nl, standard with --lang en; metrics.csv always standard")),
            OptionSpec(name: "min-cell", valueName: Placeholder.k, help: Localized(nl: "Kleinste aantal dat getoond wordt.", en: "Smallest count shown."),
                       defaultDescription: Localized(verbatim: "5")),
            OptionSpec(name: "parameters", valueName: Placeholder.file, help: Localized(nl: "Bestand met escalatieparameters.", en: "Escalation parameter file.")),
            OptionSpec(name: "draws", valueName: Placeholder.n, help: Localized(nl: "Aantal Monte-Carlotrekkingen.", en: "Monte Carlo draws."),
                       defaultDescription: Localized(verbatim: "10000")),
            OptionSpec(name: "seed", valueName: Placeholder.n, help: Localized(nl: "Startwaarde (seed) van de Monte-Carlotrekkingen.", en: "Monte Carlo seed."),
                       defaultDescription: Localized(verbatim: "20240305")),
            OptionSpec(name: "effect-measure", valueName: Placeholder.name,
                       help: Localized(nl: "De uitkomstreeks waarvan de rapporten het effect tonen ('none': geen effectparagraaf).",
                                       en: "The outcome series whose effect the reports show ('none': no effect section)."),
                       defaultDescription: Localized(nl: "de enige reeks in de store; geen als er meer zijn",
                                                     en: "the only measure held; none when there are several")),
            CommonOptions.todaySpec(),
            CommonOptions.exportEverySpec,
        ],
        flags: [FlagSpec(name: "no-suppression", help: Localized(nl: "Toon kleine aantallen (alleen voor intern onderzoek).",
                                                             en: "Show small cells (internal research only).")),
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
        let audiences = Self.audiences(names)
        let effect = try EffectEvidenceLoader.evidence(store: store, args: args, common: common)
        var written: [String] = []
        // The village pages read every village (`readings`); the other reports only those asked.
        for reading in Self.readings(audiences, villages: args.strings("village").nilIfEmpty) {
            // Villages are read one at a time while the metrics are computed, all from one snapshot.
            let source: MetricsSource<StoreError>
            do { source = try MetricsSource.reading(store, villages: reading.villages) } catch { throw .store(error, path: common.databasePath) }
            if let unknown = args.strings("village").first(where: { code in !source.villages.contains { $0.code == code } }) {
                throw CommonOptions.unknownVillage(unknown, store: store)
            }
            if let unknown = args.strings("highlight").first(where: { code in !source.villages.contains { $0.code == code } }) {
                throw .data(Localized(nl: "dorp '\(unknown)' (--highlight) staat niet in de rapportage",
                                      en: "village '\(unknown)' (--highlight) is not in the report"))
            }
            let feedback = reading.audiences.contains(.dorp)
                ? try VillageFeedbackReader.read(store, databasePath: common.databasePath,
                                                 villages: args.strings("village").nilIfEmpty ?? source.villages.map(\.code),
                                                 language: common.language)
                : [:]
            written += try Self.write(audiences: reading.audiences, source: source, args: args, common: common,
                                      out: args.string("out") ?? "noaber-report", effect: effect, commandLine: Self.commandLine(arguments),
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
                      out: String, effect: EffectEvidence? = nil, commandLine: String, defaultToday: CivilDate? = nil,
                      folderPerAudience: Bool? = nil, feedback: [String: VillageFeedback] = [:]) throws(CLIFailure) -> [String] {
        let options = try MetricsOptionsParser.options(args, source: source, defaultToday: defaultToday)
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
        // Readable tables follow the language unless asked otherwise; the tidy metrics.csv is always standard.
        request.csvDialect = args.string("csv-dialect").map { $0 == "excel-nl" ? .excelDutch : .standard }
        request.escalationParameters = options.escalationParameters
        request.draws = options.escalationDraws
        request.seed = options.seed
        request.includePartial = options.includePartial
        request.effect = effect
        request.exportEvery = options.exportEvery
        // Read in the source's snapshot: the list matches the figures even if an import commits now.
        let imports = source.imports
        var provenance = ReportProvenance(
            imports: imports.map {
                ImportSummary(fileName: $0.fileName, village: $0.village, kind: $0.kind.rawValue, asOf: $0.asOf,
                              rowsRead: $0.rowsRead, accepted: $0.accepted, rejected: $0.rejected,
                              exportKind: $0.exportKind, idScope: $0.idScope)
            },
            generatedOn: options.today ?? source.asOf.values.max() ?? CivilDate(dayNumber: 0),
            softwareVersion: NoaberCommandLine.version, commandLine: commandLine)
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
        } catch ReportError.cannotWrite(let path, let reason) {
            // The reason is the system's own text (strerror), which is English.
            throw .cannotCreate(Localized(nl: "\(path) kan niet worden geschreven: \(reason); het rapport is niet geschreven",
                                          en: "cannot write \(path): \(reason); the report was not written"))
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
