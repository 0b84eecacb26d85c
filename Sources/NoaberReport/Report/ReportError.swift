/// Why a report could not be written. Carries the path or the reason, in words a user can act on.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A village asked for with `--village` is not in the input.
    case unknownVillage(code: String)
    /// Nothing to report: no village is left after filtering.
    case noVillages
    /// An option out of range (minCell < 1, draws < 1).
    case invalidOption(name: String, reason: String)
    /// A file or folder could not be created or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownVillage(let code): return "unknown village '\(code)'"
        case .noVillages: return "no villages to report on"
        case .invalidOption(let name, let reason): return "\(name): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
