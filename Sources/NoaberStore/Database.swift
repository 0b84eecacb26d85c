import CSQLite

/// One connection to a SQLite database file; the only owner of the C handle.
///
/// Opening applies the settings every noaber connection relies on: a 5 s busy timeout (a
/// researcher's R session may be reading while an import writes), `foreign_keys = ON`,
/// WAL journaling (readers never block the writer), `synchronous = NORMAL` (durable at each
/// checkpoint, safe against corruption in WAL mode) and `SQLITE_DBCONFIG_DEFENSIVE` (no
/// `writable_schema` tricks that could corrupt the file).
///
/// A `Database` is not `Sendable`: use it from one task at a time, as SQLite connections are
/// opened without their own mutex.
///
/// Internal to NoaberStore, as is `Statement`: the store is the only owner of the schema and of
/// SQL, and other layers ask it typed questions (docs/architecture.md). Tests in other targets
/// that must look under the store reach it with `@testable import NoaberStore`.
final class Database {
    /// The path the connection was opened with.
    let path: String
    let mode: OpenMode
    /// Owned handle: closed in `deinit`, never handed out.
    let handle: OpaquePointer

    /// Opens the file and applies noaber's connection settings.
    ///
    /// The file header is read before any setting is written, so a file that is not a SQLite
    /// database fails with `SQLITE_NOTADB` (`isCorrupt`) and is left untouched. When any step
    /// fails the handle is closed again before the error is thrown.
    init(path: String, mode: OpenMode = .readWriteCreate) throws(StoreError) {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        _ = Database.globalConfiguration
        var opened: OpaquePointer?
        let rc = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            // Only out-of-memory leaves no handle at all.
            throw StoreError(code: rc, message: "cannot allocate a SQLite connection", path: path)
        }
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(opened))
            let code = sqlite3_extended_errcode(opened)
            sqlite3_close_v2(opened)
            throw StoreError(code: code == SQLITE_OK ? rc : code, message: message, path: path)
        }
        do {
            try Database.configure(opened, mode: mode, path: path)
        } catch {
            sqlite3_close_v2(opened)
            throw error
        }
        self.handle = opened
        self.path = path
        self.mode = mode
    }

    /// Process-wide SQLite settings, applied once before the first connection opens: memory
    /// statistics off, so that every allocation does not lock (and, with the importer's two
    /// threads each using a connection, contend for) SQLite's global allocator mutex. noaber
    /// never reads those statistics. When SQLite was already initialised by someone else the
    /// call is refused and the default stays: only speed depends on it.
    private static let globalConfiguration: Int32 = noaber_sqlite_disable_memstatus()

    deinit {
        // close_v2 defers the close until every statement is finalized; statements keep the
        // Database alive, so in practice none are left.
        sqlite3_close_v2(handle)
    }

    /// Applies the connection settings to a handle not yet owned by a `Database`, so that the
    /// caller can close it when this throws.
    private static func configure(_ handle: OpaquePointer, mode: OpenMode, path: String) throws(StoreError) {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5000)
        guard noaber_sqlite_enable_defensive(handle) == SQLITE_OK else {
            throw StoreError(code: sqlite3_extended_errcode(handle),
                             message: String(cString: sqlite3_errmsg(handle)), path: path)
        }
        // Reads page 1: fails with SQLITE_NOTADB on a foreign file before anything is written.
        try exec(handle, "SELECT count(*) FROM sqlite_schema", path: path)
        try exec(handle, "PRAGMA foreign_keys = ON", path: path)
        if mode == .readWriteCreate {
            // 8 KiB pages for a store created now (SQLite ignores this for an existing file, and
            // it must precede WAL mode, which fixes the page size): half the B-tree page splits
            // and half the WAL and checkpoint system calls of 4 KiB pages when an import appends
            // a million cases (docs/benchmarks.md); the tables and what they hold are the same.
            try exec(handle, "PRAGMA page_size = 8192", path: path)
        }
        if mode != .readOnly {
            try exec(handle, "PRAGMA journal_mode = WAL", path: path)
            try exec(handle, "PRAGMA synchronous = NORMAL", path: path)
        }
        // 64 MiB of page cache (the default is 2 MiB): an import touches index pages all over a
        // store of a million cases, and re-reading them from the OS dominates otherwise. Memory
        // is only taken as pages are actually used.
        try exec(handle, "PRAGMA cache_size = -65536", path: path)
    }

    private static func exec(_ handle: OpaquePointer, _ sql: String, path: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            let code = sqlite3_extended_errcode(handle)
            throw StoreError(code: code == SQLITE_OK ? rc : code, message: text, sql: sql, path: path)
        }
    }

    /// Runs one or more `;`-separated statements that take no bindings (DDL, pragmas).
    ///
    /// Rows the statements return are discarded.
    func execute(_ sql: String) throws(StoreError) {
        try Database.exec(handle, sql, path: path)
    }

    /// Compiles one statement. SQL holding a second statement is refused rather than silently
    /// cut off after the first.
    func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE (0 for an upsert that did nothing).
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// True while a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// `PRAGMA user_version`: the schema version the migrator last applied (0 for a new file).
    func userVersion() throws(StoreError) -> Int {
        try Int(scalarInt("PRAGMA user_version"))
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, otherwise one message per problem.
    ///
    /// - Complexity: reads the whole file; seconds for a large store.
    func integrityCheck() throws(StoreError) -> [String] {
        let statement = try prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() {
            lines.append(statement.text(at: 0) ?? "")
        }
        return lines
    }

    /// The first column of the first row as an integer (0 when there is no row or it is NULL).
    func scalarInt(_ sql: String) throws(StoreError) -> Int64 {
        let statement = try prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.int64(at: 0) ?? 0
    }

    /// The connection's current error, with the statement text for context.
    func error(sql: String?, fallback rc: Int32 = SQLITE_ERROR) -> StoreError {
        let code = sqlite3_extended_errcode(handle)
        return StoreError(code: code == SQLITE_OK ? rc : code,
                          message: String(cString: sqlite3_errmsg(handle)), sql: sql, path: path)
    }
}
