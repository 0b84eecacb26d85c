import CSQLite

/// The one error type of the store layer: what SQLite (or noaber's own store logic) refused,
/// with enough context to act on it.
///
/// `sql` is the statement *text* and never the bound values, because values may be private
/// (a pseudonym, a case's dates); `description` is therefore safe to print and log.
///
///     do { try db.execute("INSERT INTO villages VALUES ('X', 'x', 'm', 0)") }
///     catch { print(error) }   // SQLite error 275 (constraint failed): CHECK constraint failed: … in `INSERT …`
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The SQLite extended result code, or one of the `StoreError.noaber…` codes (all negative)
    /// for failures that are noaber's own.
    public let code: Int32
    /// `sqlite3_errmsg` at the time of failure, or noaber's own message.
    public let message: String
    /// The statement text that failed, if any. Never contains bound values.
    public let sql: String?
    /// The database file, if known.
    public let path: String?

    public init(code: Int32, message: String, sql: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// The store's `user_version` is newer than this build of noaber knows.
    public static let noaberSchemaTooNew: Int32 = -1
    /// The file is a SQLite database, but not a noaber store.
    public static let noaberNotAStore: Int32 = -2
    /// A stored value cannot be decoded (e.g. an unknown code or a malformed date written by
    /// another tool).
    public static let noaberInvalidStoredValue: Int32 = -3
    /// The API was used in a way it does not allow (e.g. a `Writer` used after its transaction).
    public static let noaberMisuse: Int32 = -4
    /// A read-only store needs a migration that only a read-write open can apply.
    public static let noaberNeedsMigration: Int32 = -5
    /// A row the call expected does not exist (e.g. `finishImport` for an unknown id).
    public static let noaberNotFound: Int32 = -6

    /// The primary result code (the low byte of an extended code); negative for noaber codes.
    public var primaryCode: Int32 { code < 0 ? code : code & 0xFF }

    /// Another connection holds a lock that did not clear within the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The database cannot be written (opened read-only, or the file or directory is read-only).
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    /// The file is damaged or is not a SQLite database at all (`SQLITE_NOTADB`).
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// The disk (or the configured maximum size) is full.
    public var isFull: Bool { primaryCode == SQLITE_FULL }
    /// A constraint (CHECK, UNIQUE, NOT NULL, FOREIGN KEY) refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var description: String {
        var text: String
        if code < 0 {
            text = "noaber store error \(code): \(message)"
        } else {
            text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        }
        if let sql { text += " in `\(sql)`" }
        if let path { text += " (database \(path))" }
        return text
    }
}
