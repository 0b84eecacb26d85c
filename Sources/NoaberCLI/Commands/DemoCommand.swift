import NoaberCSV
import NoaberImport
import NoaberMetrics
import NoaberReport
import NoaberModel
import NoaberStore
import NoaberSynth

/// `noaber demo`: the whole job on the bundled datasets, in a fresh embedded store.
struct DemoCommand {
    static let spec = CommandSpec(
        name: "demo",
        abstract: Localized(nl: "Doe het hele werk op de meegeleverde datasets: importeren, maten, rapporten en een pagina per dorp.",
                            en: "Run the whole job on the bundled datasets: import, metrics, reports and a page per village."),
        discussion: Localized(nl: """
        Maakt een nieuwe store in <map>, importeert Datasets/villages.csv, de vergelijkingsgebieden \
        (Datasets/comparison-areas.csv), elke export uit Datasets/exports/manifest.csv met zijn profiel en \
        exportdatum en de synthetische uitkomstreeks Datasets/outcomes/huisartsconsulten.csv (met de telling van de \
        rijen), berekent de maten en het effect op de uitkomst en schrijft de drie rapporten en een pagina per dorp \
        (<map>/dorp/<code>/). Voortgang gaat naar standaardfout; waar de resultaten staan naar standaarduitvoer.
        """, en: """
        Creates a fresh store in <dir>, imports Datasets/villages.csv, the comparison areas \
        (Datasets/comparison-areas.csv), every export listed in Datasets/exports/manifest.csv with its profile and \
        as-of date, and the synthetic outcome series Datasets/outcomes/huisartsconsulten.csv (showing the row \
        accounting), computes the metrics and the effect on the outcome, and writes the three reports and a page per village \
        (<dir>/dorp/<code>/). Progress goes to standard error; where the results are goes to standard output.
        """),
        options: [
            OptionSpec(name: "out", valueName: Placeholder.dir, help: Localized(nl: "Waar de store en de rapporten komen (vervangen).",
                                                                                en: "Where the store and the reports go (replaced)."),
                       defaultDescription: Localized(verbatim: "noaber-demo")),
            OptionSpec(name: "datasets", valueName: Placeholder.dir, help: Localized(nl: "De meegeleverde datasets.", en: "The bundled datasets."),
                       defaultDescription: Localized(verbatim: "Datasets")),
            CommonOptions.todaySpec(default: Localized(nl: "een week na de nieuwste meegeleverde export",
                                                       en: "a week after the newest bundled export")),
            CommonOptions.langSpec,
        ],
        flags: [CommonOptions.quietFlag])

    let out: String
    let datasets: String
    let language: Language
    let quiet: Bool
    let args: ParsedArguments
    let arguments: [String]

    init(_ args: ParsedArguments, arguments: [String]) {
        self.args = args
        self.arguments = arguments
        out = args.string("out") ?? "noaber-demo"
        datasets = args.string("datasets") ?? "Datasets"
        language = CommonOptions(args).language
        quiet = args.flag("quiet")
    }

    func t(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    func run(_ console: Console) throws(CLIFailure) {
        let manifestPath = datasets + "/exports/manifest.csv"
        guard FileSystem.exists(manifestPath) else {
            throw .noInput(Localized(nl: "\(manifestPath) niet gevonden; start 'noaber demo' in de map van noaber of geef --datasets",
                                     en: "\(manifestPath) not found; run 'noaber demo' from noaber's folder or pass --datasets"))
        }
        let entries = try DemoManifest.read(manifestPath)
        try FileSystem.createDirectory(out)
        let storePath = out + "/noaber-demo.sqlite"
        FileSystem.removeStore(storePath)
        let store: NoaberStore
        do { store = try NoaberStore(path: storePath) } catch { throw .store(error, path: storePath) }
        let importer = Importer(store: store, keyPath: storePath + ".key")
        let terminal = Terminal(quiet: quiet)
        terminal.note(t("1/3 importeren in \(storePath)", "1/3 importing into \(storePath)"))
        var table = TextTable(header: t("bestand|dorp|soort|gelezen|geaccepteerd|afgekeurd", "file|village|kind|read|accepted|rejected")
            .split(separator: "|").map(String.init), rightAligned: [3, 4, 5])
        func run(_ file: String, _ options: ImportOptions) throws(CLIFailure) -> ImportReport {
            do { return try importer.importFile(file, options: options) } catch { throw .importFailed(error) }
        }
        let villages = try run(datasets + "/villages.csv", ImportOptions(asOf: entries.map(\.asOf).max(), language: language))
        let n = language.count
        table.add(["villages.csv", "", RecordKind.villages.label(language), n(villages.rowsRead), n(villages.accepted), n(villages.rejected)])
        // Comparison areas and the outcome series are optional: a datasets folder without them
        // (an older copy) still runs, without the effect section.
        let comparisonPath = datasets + "/comparison-areas.csv"
        if FileSystem.exists(comparisonPath) {
            let r = try run(comparisonPath, ImportOptions(kind: .villages, asOf: entries.map(\.asOf).max(), language: language))
            table.add(["comparison-areas.csv", "", RecordKind.villages.label(language), n(r.rowsRead), n(r.accepted), n(r.rejected)])
        }
        var totals = (read: 0, accepted: 0, rejected: 0)
        for e in entries {
            var options = ImportOptions(village: e.village.isEmpty ? nil : e.village, asOf: e.asOf, language: language)
            if let profile = e.profile {
                do { options.profile = try MappingProfile.load(from: datasets + "/" + profile) } catch { throw .importFailed(error) }
            }
            let r = try run(datasets + "/" + e.file, options)
            totals = (totals.read + r.rowsRead, totals.accepted + r.accepted, totals.rejected + r.rejected)
            table.add([e.file, e.village, r.kind.label(language), n(r.rowsRead), n(r.accepted), n(r.rejected)])
        }
        table.add([t("totaal exports", "total exports"), "", "", n(totals.read), n(totals.accepted), n(totals.rejected)])
        let outcomePath = datasets + "/" + BundledDatasets.outcomePath
        if FileSystem.exists(outcomePath) {
            let r = try run(outcomePath, ImportOptions(kind: .outcomes, asOf: BundledDatasets.outcomeAsOf, language: language))
            table.add([BundledDatasets.outcomePath, "", RecordKind.outcomes.label(language), n(r.rowsRead), n(r.accepted), n(r.rejected)])
        }
        console.out(table.render())
        console.out(t("Afgekeurde rijen staan met regel en reden in de store: noaber rejected --db \(storePath)\n",
                      "Rejected rows are kept with line and reason: noaber rejected --db \(storePath)\n"))
        try DemoSummary.print(store: store, storePath: storePath, language: language, console: console)

        // The bundled exports are of early 2025: measured against the real today every village
        // would be years behind its export schedule. The demo's today is a week after the newest
        // export, unless --today says otherwise.
        let today = try CommonOptions.today(args) ?? entries.map(\.asOf).max().map { CivilDate(dayNumber: $0.dayNumber + 7) }
        if let today {
            console.out(t("De demo rekent met \(DateFormatting(language: .nl).date(today)) als vandaag (export-leeftijden, exportschema); --today om dat te wijzigen.\n",
                          "The demo takes \(DateFormatting(language: .en).date(today)) as today (export ages, export schedule); --today to change it.\n"))
        }
        terminal.note(t("2/3 maten berekenen", "2/3 computing the metrics"))
        let source: MetricsSource<StoreError>
        do { source = try MetricsSource.reading(store) } catch { throw .store(error, path: storePath) }
        terminal.note(t("3/3 rapporten schrijven", "3/3 writing the reports"))
        let common = CommonOptions(args)
        let effect = try EffectEvidenceLoader.evidence(store: store, args: args, common: common)
        // One computation of the metrics serves the three reports and the village pages.
        let feedback = try VillageFeedbackReader.read(store, databasePath: storePath, villages: source.villages.map(\.code),
                                                      language: common.language)
        let written = try ReportCommand.write(audiences: Audience.allCases, source: source, args: args,
                                              common: common, out: out, effect: effect,
                                              commandLine: ReportCommand.commandLine(arguments), defaultToday: today,
                                              feedback: feedback)
        for html in written where html.hasSuffix(".html") {
            console.out(t("Rapport: \(html)\n", "Report: \(html)\n"))
        }
        console.out(t("\(n(written.count)) bestanden geschreven in \(out) (HTML, figures/*.svg, tables/*.csv)\n",
                      "\(n(written.count)) files written in \(out) (HTML, figures/*.svg, tables/*.csv)\n"))
    }
}

/// One line of Datasets/exports/manifest.csv.
struct DemoManifest {
    let file: String
    let village: String
    let profile: String?
    let asOf: CivilDate

    static func read(_ path: String) throws(CLIFailure) -> [DemoManifest] {
        do {
            let reader = try CSVReader(path: path)
            guard try reader.next() else { return [] }
            let header = reader.fields()
            func col(_ name: String) throws(CLIFailure) -> Int {
                guard let i = header.firstIndex(of: name) else {
                    throw .data(Localized(nl: "\(path): kolom \(name) ontbreekt", en: "\(path): column \(name) missing"))
                }
                return i
            }
            let (f, v, p, a) = (try col("file"), try col("village"), try col("profile"), try col("as_of"))
            var entries: [DemoManifest] = []
            while try reader.next() {
                guard let asOf = CivilDate(iso: reader.field(a)) else {
                    throw CLIFailure.data(Localized(nl: "\(path), regel \(reader.line): as_of is geen datum", en: "\(path), line \(reader.line): as_of is not a date"))
                }
                let profile = reader.field(p)
                entries.append(DemoManifest(file: reader.field(f), village: reader.field(v), profile: profile.isEmpty ? nil : profile, asOf: asOf))
            }
            return entries
        } catch let failure as CLIFailure {
            throw failure
        } catch let error as CSVError {
            throw .importFailed(Importer.importError(error))
        } catch {
            throw .internal("\(error)")
        }
    }
}

/// The short account of a store: what it holds.
enum DemoSummary {
    static func print(store: NoaberStore, storePath: String, language: Language, console: Console) throws(CLIFailure) {
        do {
            let c = try store.counts()
            let comparison = try store.villages().filter(\.isComparisonArea).count
            let outcomes = try store.outcomeMeasures().reduce(0) { $0 + $1.rows }
            let nl = language == .nl
            let n = language.count
            var extra = ""
            if comparison > 0 { extra += nl ? ", \(n(comparison)) vergelijkingsgebieden" : ", \(n(comparison)) comparison areas" }
            if outcomes > 0 { extra += nl ? ", \(n(outcomes)) uitkomstcijfers" : ", \(n(outcomes)) outcome figures" }
            console.out(nl
                ? "Store \(storePath): \(n(c.villages - comparison)) dorpen\(extra), \(n(c.cases)) hulpvragen, \(n(c.tasks)) vrijwilligerstaken, \(n(c.imports)) imports, \(n(c.rejected)) afgekeurde rijen\n"
                : "Store \(storePath): \(n(c.villages - comparison)) villages\(extra), \(n(c.cases)) cases, \(n(c.tasks)) volunteer tasks, \(n(c.imports)) imports, \(n(c.rejected)) rejected rows\n")
        } catch {
            throw .store(error, path: storePath)
        }
    }
}
