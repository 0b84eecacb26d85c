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
        OptionSpec(name: "db", valueName: "path", help: "The SQLite store.", defaultDescription: "$NOABER_DB or ./noaber.sqlite"),
        OptionSpec(name: "lang", valueName: "language", help: "Language of what people read.", allowed: ["nl", "en"],
                   defaultDescription: "nl"),
    ]
    static let keyFileSpec = OptionSpec(name: "key-file", valueName: "path",
                                        help: "Pseudonymisation key; share one across a municipality's stores.",
                                        defaultDescription: "<db>.key")
    /// `--format`: the first value is the default.
    static func format(_ values: [String]) -> OptionSpec {
        OptionSpec(name: "format", valueName: "format", help: "Output format.", allowed: values,
                   defaultDescription: values.first)
    }

    static let quietFlag = FlagSpec(name: "quiet", short: "q", help: "No progress on standard error.")
    static let includePartialFlag = FlagSpec(
        name: "include-partial",
        help: "Count villages whose data cover a period only partly in counts, totals and funnel plots anyway (research; the output says so).")

    init(_ args: ParsedArguments, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let db = args.string("db") ?? environment["NOABER_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "noaber.sqlite"
        databasePath = db
        keyPath = args.string("key-file") ?? KeyCustody.defaultKeyPath(forStore: db)
        language = Language(rawValue: args.string("lang") ?? "nl") ?? .nl
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
