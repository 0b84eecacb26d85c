#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process exit codes of `noaber`, in one place; docs/exit-codes.md is the user-facing table.
///
/// The values follow BSD `sysexits.h` where a meaning exists there, so scripts and tools that
/// already know those codes read them correctly. The CLI maps every error to exactly one case.
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// Everything asked for was done (also: help or version printed).
    case success = 0
    /// A general failure that fits no more specific case (e.g. a report could not be produced).
    case failure = 1
    /// The command line was wrong (EX_USAGE): unknown option, missing or invalid value.
    case usage = 64
    /// The input data was wrong (EX_DATAERR): a file failed validation or rows were rejected
    /// under `--strict`.
    case dataError = 65
    /// An input file or the store does not exist or cannot be read (EX_NOINPUT).
    case noInput = 66
    /// The store holds no data for what was asked (EX_UNAVAILABLE): no villages, no case import,
    /// or a report period that no village's data cover.
    case noData = 69
    /// A bug in noaber (EX_SOFTWARE): an invariant broke. Please report it.
    case internalError = 70
    /// An output file or directory could not be created (EX_CANTCREAT).
    case cannotCreate = 73
    /// The SQLite store failed while reading or writing (EX_IOERR): disk full, locked, corrupt.
    case storeError = 74
    /// Configuration is missing or invalid (EX_CONFIG): e.g. no pseudonymisation key, a bad
    /// mapping profile.
    case configError = 78

    /// A short English description of what the code means, as in docs/exit-codes.md.
    public var summary: String {
        switch self {
        case .success: "success"
        case .failure: "general failure"
        case .usage: "command-line usage error"
        case .dataError: "input data error"
        case .noInput: "input not found or not readable"
        case .noData: "no data for what was asked"
        case .internalError: "internal error (a bug in noaber)"
        case .cannotCreate: "output cannot be created"
        case .storeError: "store (SQLite) input/output error"
        case .configError: "configuration error"
        }
    }

    /// Ends the process with this code. Standard output is flushed first so a piped report is
    /// never cut short.
    public func terminate() -> Never {
        fflush(nil)
        exit(rawValue)
    }
}
