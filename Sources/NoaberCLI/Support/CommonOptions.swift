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
    func openOrCreateStore() throws(CLIFailure) -> NoaberStore {
        do { return try NoaberStore(path: databasePath, mode: .readWriteCreate) } catch { throw .store(error, path: databasePath) }
    }

    func text(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }
}
