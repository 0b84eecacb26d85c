import Foundation
import NoaberImport
import NoaberModel
import NoaberStore

/// Options every command that touches the store shares, and how they are resolved.
struct CommonOptions {
    let databasePath: String
    let keyPath: String
    let language: Language
    let quiet: Bool

    static let specs: [OptionSpec] = [
        OptionSpec(name: "db", valueName: Placeholder.path, help: Localized(nl: "De SQLite-store.", en: "The SQLite store."),
                   defaultDescription: Localized(nl: "$NOABER_DB of ./noaber.sqlite", en: "$NOABER_DB or ./noaber.sqlite")),
        langSpec,
    ]
    /// `--lang`: every command takes it, so that its help and usage errors can be asked for in
    /// either language (`ArgumentParser.language(in:environment:)` reads it before parsing).
    static let langSpec = OptionSpec(name: "lang", valueName: Placeholder.language,
                                     help: Localized(nl: "Taal van wat mensen lezen: hulp, meldingen, rapporten.",
                                                     en: "Language of what people read: help, messages, reports."),
                                     allowed: ["nl", "en"],
                                     defaultDescription: Localized(nl: "$NOABER_LANG, anders nl", en: "$NOABER_LANG, else nl"))
    static let keyFileSpec = OptionSpec(name: "key-file", valueName: Placeholder.path,
                                        help: Localized(nl: "Pseudonimiseringssleutel; deel er één over de stores van een gemeente.",
                                                        en: "Pseudonymisation key; share one across a municipality's stores."),
                                        defaultDescription: Localized(verbatim: "<db>.key"))
    /// `--format`: the first value is the default.
    static func format(_ values: [String]) -> OptionSpec {
        OptionSpec(name: "format", valueName: Placeholder.format, help: Localized(nl: "Uitvoerformaat.", en: "Output format."),
                   allowed: values, defaultDescription: values.first.map(Localized.init(verbatim:)))
    }

    /// `--csv-dialect`; `default` says what applies when it is not given.
    static func csvDialectSpec(default description: Localized) -> OptionSpec {
        OptionSpec(name: "csv-dialect", valueName: Placeholder.dialect,
                   help: Localized(nl: "CSV-dialect (excel-nl: ';', decimale komma, BOM; standard: ',', decimale punt).",
                                   en: "CSV dialect (excel-nl: ';', decimal comma, BOM; standard: ',', decimal point)."),
                   allowed: ["standard", "excel-nl"], defaultDescription: description)
    }

    /// `--today`: the day the run counts as today (export ages, the export schedule, the date a
    /// report says it was made), so a report can be made again exactly as it was, and the demo can
    /// measure its bundled exports against their own time.
    static func todaySpec(default description: Localized = Localized(nl: "vandaag", en: "today")) -> OptionSpec {
        OptionSpec(name: "today", valueName: Placeholder.date,
                   help: Localized(nl: "De dag die als vandaag geldt: leeftijd van exports, exportschema, datum van het rapport (JJJJ-MM-DD).",
                                   en: "The day that counts as today: export ages, export schedule, the report's date (YYYY-MM-DD)."),
                   defaultDescription: description)
    }

    /// `--export-every` of `metrics` and `report`: the cadence the data-quality schedule expects.
    static let exportEverySpec = OptionSpec(
        name: "export-every", valueName: Placeholder.unit,
        help: Localized(nl: "Hoe vaak elk dorp een export van hulpvragen hoort te sturen (datakwaliteit).",
                        en: "How often each village is expected to send a case export (data quality)."),
        allowed: ["month", "quarter", "year"], defaultDescription: Localized(verbatim: "quarter"))

    /// The `--today` given, nil when absent; a usage error when it is not a date.
    static func today(_ args: ParsedArguments) throws(CLIFailure) -> CivilDate? {
        guard let text = args.string("today") else { return nil }
        guard let date = CivilDate(iso: text) else {
            throw .usage(UsageError(nl: "--today moet een datum JJJJ-MM-DD zijn, gegeven: '\(text)'",
                                    en: "--today must be a date YYYY-MM-DD, got '\(text)'", commandPath: args.commandPath))
        }
        return date
    }

    static let quietFlag = FlagSpec(name: "quiet", short: "q", help: Localized(nl: "Geen voortgang op standaardfout.",
                                                                               en: "No progress on standard error."))
    static let includePartialFlag = FlagSpec(
        name: "include-partial",
        help: Localized(nl: "Tel dorpen waarvan de gegevens een periode maar deels dekken tóch mee in aantallen, totalen en trechterdiagrammen (onderzoek; de uitvoer zegt het).",
                        en: "Count villages whose data cover a period only partly in counts, totals and funnel plots anyway (research; the output says so)."))

    init(_ args: ParsedArguments, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let db = args.string("db") ?? environment["NOABER_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "noaber.sqlite"
        databasePath = db
        keyPath = args.string("key-file") ?? KeyCustody.defaultKeyPath(forStore: db)
        language = Language.chosen(option: args.string("lang"), environment: environment)
        quiet = args.flag("quiet")
    }

    /// Opens the store for reading; a missing file is an error, never silently created.
    func openExistingStore() throws(CLIFailure) -> NoaberStore {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw .noInput(Localized(
                nl: "store \(databasePath) bestaat niet; maak hem met 'noaber villages import' en 'noaber import', of geef --db",
                en: "store \(databasePath) does not exist; create it with 'noaber villages import' and 'noaber import', or pass --db"))
        }
        do { return try NoaberStore(path: databasePath, mode: .readWrite) } catch { throw .store(error, path: databasePath) }
    }

    /// Opens an existing store for computing figures: one without villages or without any case
    /// import has nothing to compute, which is said plainly (exit 69) instead of printing an empty
    /// table.
    func openStoreWithCases() throws(CLIFailure) -> NoaberStore {
        let store = try openExistingStore()
        let imports: [ImportRecord]
        let villages: Int
        do {
            villages = try store.villages().count
            imports = try store.imports()
        } catch { throw .store(error, path: databasePath) }
        guard villages > 0 else {
            throw .noData(Localized(
                nl: "store \(databasePath) bevat nog geen dorpen; importeer eerst het dorpenbestand (noaber villages import Datasets/villages.csv) en daarna de exports (noaber import)",
                en: "store \(databasePath) holds no villages yet; import the villages file first (noaber villages import Datasets/villages.csv), then the exports (noaber import)"))
        }
        guard imports.contains(where: { $0.kind == .cases }) else {
            throw .noData(Localized(
                nl: "store \(databasePath) bevat nog geen hulpvragen: er is geen export van hulpvragen geïmporteerd; importeer die eerst met 'noaber import'",
                en: "store \(databasePath) holds no cases: no case export has been imported; import one first with 'noaber import'"))
        }
        return store
    }

    /// `--min-cell` of `metrics`, `report` and `effect`: at least 2, since a cell of 1 would
    /// suppress nothing (`--no-suppression` is the way to switch suppression off).
    static func minCell(_ args: ParsedArguments) throws(CLIFailure) -> Int? {
        let k: Int?
        do throws(UsageError) { k = try args.int("min-cell") } catch { throw .usage(error) }
        guard let k else { return nil }
        guard k >= 2 else {
            throw .usage(UsageError(nl: "--min-cell moet minstens 2 zijn (zet onderdrukking uit met --no-suppression)",
                                    en: "--min-cell must be at least 2 (use --no-suppression to switch it off)", commandPath: args.commandPath))
        }
        return k
    }

    /// The options `import` and `outcomes import` share: `--as-of` (a civil date) and `--profile`
    /// (a mapping profile, loaded here so that a bad one fails before the store is opened).
    static func readAsOfAndProfile(_ args: ParsedArguments, into options: inout ImportOptions) throws(CLIFailure) {
        if let text = args.string("as-of") {
            guard let date = CivilDate(iso: text) else {
                throw .usage(UsageError(nl: "--as-of moet een datum JJJJ-MM-DD zijn, gegeven: '\(text)'",
                                        en: "--as-of must be a date YYYY-MM-DD, got '\(text)'", commandPath: args.commandPath))
            }
            options.asOf = date
        }
        if let path = args.string("profile") {
            do { options.profile = try MappingProfile.load(from: path) } catch { throw .importFailed(error) }
        }
    }

    /// Imports one file in one transaction (kept only when the import completed) and prints its
    /// report as text or JSON: `villages import` and `outcomes import`.
    func importOneFile(_ file: String, options: ImportOptions, json: Bool, console: Console) throws(CLIFailure) {
        let report = try withWritableStore { (store, committed) throws(CLIFailure) -> ImportReport in
            let importer = Importer(store: store, keyPath: keyPath)
            let report: ImportReport
            do throws(ImportError) { report = try importer.importFile(file, options: options) } catch { throw .importFailed(error) }
            committed = report.status == .completed || report.status == .completedWithRejections
            return report
        }
        if json { console.out(try JSONOutput.render([report])) } else { console.out(ImportReportText.render(report, language: language)) }
    }

    /// Runs `body` on the store opened for writing (created when it does not exist yet). When this
    /// call created the store and `body` commits nothing — every file failed before a row was
    /// written, or it was a dry run — the new store is removed again, together with a key file
    /// made meanwhile: a typo in a file name must not leave an empty store behind that later
    /// commands would take for a real one.
    ///
    /// `body` sets `committed` as soon as anything it wrote was committed.
    func withWritableStore<T>(_ body: (NoaberStore, _ committed: inout Bool) throws(CLIFailure) -> T) throws(CLIFailure) -> T {
        let created = !FileSystem.exists(databasePath)
        let keyExisted = FileSystem.exists(keyPath)
        var committed = false
        let outcome: Result<T, CLIFailure>
        do {
            let store = try openOrCreateStore()
            do { outcome = .success(try body(store, &committed)) } catch { outcome = .failure(error) }
        }
        if created && !committed {
            FileSystem.removeStoreFiles(databasePath)
            if !keyExisted { FileSystem.remove(keyPath) }
        }
        return try outcome.get()
    }

    /// Opens the store for writing, creating it when it does not exist yet.
    ///
    /// An existing store must pass `PRAGMA quick_check` first: SQLite only notices a damaged page
    /// when it reads it, so without this an import that happens not to touch the damaged page
    /// would succeed and write into a corrupt file. The check reads the whole file (about a
    /// second per few hundred MB) and refuses, leaving the file byte-for-byte untouched.
    func openOrCreateStore() throws(CLIFailure) -> NoaberStore {
        let existed = FileManager.default.fileExists(atPath: databasePath)
        let store: NoaberStore
        do { store = try NoaberStore(path: databasePath, mode: .readWriteCreate) } catch { throw .store(error, path: databasePath) }
        guard existed else { return store }
        do throws(StoreError) {
            let problems = try store.quickCheckProblems()
            guard problems.isEmpty else { throw StoreError.corrupt(problems, path: databasePath) }
        } catch { throw .store(error, path: databasePath) }
        return store
    }

    func text(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    /// The refusal of `--village CODE` for a village the case figures do not know: not in the
    /// store, or a comparison area (which holds no cases; `noaber effect` uses it).
    static func unknownVillage(_ code: String, store: NoaberStore) -> CLIFailure {
        if (try? store.villages().contains { $0.code == code && $0.isComparisonArea }) == true {
            return .data(Localized(
                nl: "\(code) is een vergelijkingsgebied: het heeft geen hulpvragen en staat in geen enkel cijfer over hulpvragen (wel in 'noaber effect')",
                en: "\(code) is a comparison area: it holds no cases and is in no case figure (only in 'noaber effect')"))
        }
        return .data(Localized(nl: "dorp '\(code)' staat niet in de store", en: "village '\(code)' is not in the store"))
    }
}
