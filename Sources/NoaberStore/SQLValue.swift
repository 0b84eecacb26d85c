/// A value SQLite can store, for binding parameters whose type is only known at run time.
///
/// Hot loops should prefer `Statement`'s typed binds (`bind(int:at:)`, `bind(text:at:)`), which
/// avoid building an array of enums per row.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLValue {
    /// `.text(s)` for a value, `.null` for nil: the usual shape of an optional column.
    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    /// `.integer(n)` for a value, `.null` for nil.
    init(_ integer: Int?) { self = integer.map { .integer(Int64($0)) } ?? .null }
    /// `.real(x)` for a value, `.null` for nil.
    init(_ real: Double?) { self = real.map { .real($0) } ?? .null }
}
