import NoaberImport
import NoaberModel
import NoaberStore

/// Every way a command can fail, each mapped to exactly one exit code (docs/exit-codes.md).
enum CLIFailure: Error {
    case usage(UsageError)
    case importFailed(ImportError)
    case store(StoreError, path: String?)
    case noInput(Localized)
    case cannotCreate(Localized)
    case data(Localized)
    /// The store holds no data for what was asked (no villages, no case import, a period no
    /// village covers).
    case noData(Localized)
    case config(Localized)
    case `internal`(String)
    /// Already told to the user (e.g. per file by `import`); only the exit code remains.
    case reported(ExitCode)

    var exitCode: ExitCode {
        switch self {
        case .usage: .usage
        case .importFailed(let e):
            switch e {
            case .cannotRead, .notARegularFile: .noInput
            case .badProfile, .key: .configError
            case .store: .storeError
            case .internalInconsistency: .internalError
            default: .dataError
            }
        case .store: .storeError
        case .noInput: .noInput
        case .cannotCreate: .cannotCreate
        case .data: .dataError
        case .noData: .noData
        case .config: .configError
        case .internal: .internalError
        case .reported(let code): code
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .usage(let e): return e.message.text(language)
        case .importFailed(let e): return e.message(language)
        case .store(let e, let path):
            let prefix = path.map { "\($0): " } ?? ""
            let technical = e.code < 0 ? e.message : "SQLite \(e.code): \(e.message)"
            if e.isCorrupt {
                return prefix + (language == .nl
                    ? "dit is geen (gave) noaber-store; het bestand is niet aangeraakt (\(technical)). Zet een back-up terug; 'noaber doctor --db \(path ?? "…")' laat zien wat er mis is."
                    : "this is not a (healthy) noaber store; the file was left untouched (\(technical)). Restore a backup; 'noaber doctor --db \(path ?? "…")' shows what is wrong.")
            }
            return e.explanation.text(language)
        case .noInput(let m), .cannotCreate(let m), .data(let m), .noData(let m), .config(let m): return m.text(language)
        case .reported: return ""
        case .internal(let m):
            return (language == .nl ? "interne fout (meld dit alstublieft): " : "internal error (please report it): ") + m
        }
    }
}
