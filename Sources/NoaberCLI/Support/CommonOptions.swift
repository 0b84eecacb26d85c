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
            let statement = try store.database.prepare("PRAGMA quick_check")
            var problems: [String] = []
            while try statement.step() { problems.append(statement.text(at: 0) ?? "") }
            guard problems == ["ok"] else {
                // 11 is SQLITE_CORRUPT; the CLI does not see the C constants.
                throw StoreError(code: 11, message: "PRAGMA quick_check: " + problems.prefix(3).joined(separator: "; "),
                                 path: databasePath)
            }
        } catch { throw .store(error, path: databasePath) }
        return store
    }

    func text(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }
}
