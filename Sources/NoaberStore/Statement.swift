import CSQLite

/// One compiled SQL statement: prepared in `init`, finalized in `deinit`.
///
/// Parameter indexes are 1-based (SQLite's convention, `?1` is index 1); column indexes are
/// 0-based. Re-binding with `bind(_:)` or `execute(_:)` first resets the statement and clears
/// every binding, so no value leaks from one row into the next. Errors carry the statement
/// text, never the bound values.
///
///     let insert = try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
///     try insert.execute([.text("created_at"), .text("2024-03-05")])
final class Statement {
    /// The SQL text as given to `prepare`.
    let sql: String
    /// Keeps the connection open for as long as the statement lives.
    let database: Database
    let handle: OpaquePointer

    init(database: Database, sql: String) throws(StoreError) {
        // `tail` points into the C string of `sql`, so the whole check runs inside one
        // `withCString`: a String passed straight to C lives only for that one call, and reading
        // `tail` afterwards would read freed memory (found by AddressSanitizer).
        let outcome: Result<OpaquePointer, StoreError> = sql.withCString { text in
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(database.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, &tail)
            guard rc == SQLITE_OK else {
                sqlite3_finalize(prepared)
                return .failure(database.error(sql: sql, fallback: rc))
            }
            guard let prepared else {
                return .failure(StoreError(code: StoreError.noaberMisuse, message: "the SQL holds no statement",
                                           sql: sql, path: database.path))
            }
            // A second statement after the first would be silently ignored by SQLite: refuse it.
            if let tail, tail.pointee != 0 {
                var next: OpaquePointer?
                sqlite3_prepare_v2(database.handle, tail, -1, &next, nil)
                if next != nil {
                    sqlite3_finalize(next)
                    sqlite3_finalize(prepared)
                    return .failure(StoreError(code: StoreError.noaberMisuse,
                                               message: "prepare takes one statement; use Database.execute for several",
                                               sql: sql, path: database.path))
                }
            }
            return .success(prepared)
        }
        let prepared: OpaquePointer
        switch outcome {
        case .success(let p): prepared = p
        case .failure(let e): throw e
        }
        self.sql = sql
        self.database = database
        self.handle = prepared
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Resets the statement, clears all bindings, then binds `values` to parameters 1…n.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        reset()
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value to the 1-based parameter `index`, keeping the other bindings.
    func bind(_ value: SQLValue, at index: Int32) throws(StoreError) {
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let v): try check(sqlite3_bind_int64(handle, index, v))
        case .real(let v): try check(sqlite3_bind_double(handle, index, v))
        case .text(let v): try bind(text: v, at: index)
        case .blob(let bytes):
            let rc = bytes.withUnsafeBytes { raw in
                // A zero-length blob must not become NULL: zeroblob(0) binds an empty blob.
                raw.baseAddress.map { sqlite3_bind_blob(handle, index, $0, Int32(raw.count), noaber_sqlite_transient()) }
                    ?? sqlite3_bind_zeroblob(handle, index, 0)
            }
            try check(rc)
        }
    }

    /// Binds an integer, or NULL for nil.
    @inline(__always)
    func bind(int value: Int64?, at index: Int32) throws(StoreError) {
        if let value { try check(sqlite3_bind_int64(handle, index, value)) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds a double, or NULL for nil.
    @inline(__always)
    func bind(double value: Double?, at index: Int32) throws(StoreError) {
        if let value { try check(sqlite3_bind_double(handle, index, value)) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds UTF-8 text (SQLite copies it), or NULL for nil. An empty string stays an empty
    /// string, not NULL.
    @inline(__always)
    func bind(text value: String?, at index: Int32) throws(StoreError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        let rc = value.withCString { sqlite3_bind_text(handle, index, $0, Int32(value.utf8.count), noaber_sqlite_transient()) }
        try check(rc)
    }

    /// Binds `count` UTF-8 bytes at `bytes` as text (SQLite copies them). For callers that format
    /// into a stack buffer to avoid allocating a `String` per row.
    @inline(__always)
    func bind(utf8 bytes: UnsafePointer<UInt8>, count: Int, at index: Int32) throws(StoreError) {
        let rc = bytes.withMemoryRebound(to: CChar.self, capacity: count) {
            sqlite3_bind_text(handle, index, $0, Int32(count), noaber_sqlite_transient())
        }
        try check(rc)
    }

    /// Binds `count` UTF-8 bytes at `bytes` as text that SQLite does NOT copy (`SQLITE_STATIC`):
    /// the bytes must stay unchanged until the statement has been stepped and rebound or reset.
    /// Only `BindArena` calls this; it owns memory that outlives the statement.
    @inline(__always)
    func bindStatic(utf8 bytes: UnsafePointer<UInt8>, count: Int, at index: Int32) throws(StoreError) {
        let rc = bytes.withMemoryRebound(to: CChar.self, capacity: count) {
            sqlite3_bind_text(handle, index, $0, Int32(count), nil)
        }
        try check(rc)
    }

    /// `bindStatic` for text that is followed by a NUL byte and holds none: SQLite then knows the
    /// value is NUL-terminated, so a function that reads it as C text (`GLOB` in the date CHECKs)
    /// uses it in place instead of allocating a terminated copy per call.
    @inline(__always)
    func bindStaticTerminated(utf8 bytes: UnsafePointer<UInt8>, at index: Int32) throws(StoreError) {
        let rc = bytes.withMemoryRebound(to: CChar.self, capacity: 1) {
            sqlite3_bind_text(handle, index, $0, -1, nil)
        }
        try check(rc)
    }

    @inline(__always)
    private func check(_ rc: Int32) throws(StoreError) {
        guard rc == SQLITE_OK else { throw database.error(sql: sql, fallback: rc) }
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when the statement is done.
    ///
    /// Every other result (constraint violation, busy, corrupt, …) throws; the statement is then
    /// reset so that it can be bound and run again.
    @inline(__always)
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let error = database.error(sql: sql, fallback: rc)
        sqlite3_reset(handle)
        throw error
    }

    /// Binds `values` (when given), steps until done, and resets, for statements that return no
    /// rows. With no values the current bindings are kept, for callers that used the typed binds.
    func execute(_ values: [SQLValue] = []) throws(StoreError) {
        if !values.isEmpty { try bind(values) }
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Rewinds the statement and clears its bindings. Errors were already reported by `step`.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs a query and decodes every row with `decode`, which reads the current row through the
    /// column accessors. The statement is reset afterwards, even when `decode` throws.
    ///
    ///     let names = try db.prepare("SELECT name FROM villages").rows { $0.text(at: 0) ?? "" }
    func rows<T>(_ values: [SQLValue] = [], _ decode: (Statement) throws -> T) throws -> [T] {
        if !values.isEmpty { try bind(values) }
        defer { sqlite3_reset(handle) }
        var result: [T] = []
        while try step() {
            result.append(try decode(self))
        }
        return result
    }

    // MARK: Columns (0-based)

    /// Number of columns a row of this statement has (0 for statements that return no rows).
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of a result column, as SQLite reports it (the alias when there is one).
    func columnName(at column: Int32) -> String {
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    }

    /// True when the column of the current row is NULL.
    @inline(__always)
    func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column as an integer (SQLite converts other types), or nil for NULL.
    @inline(__always)
    func int64(at column: Int32) -> Int64? {
        isNull(at: column) ? nil : sqlite3_column_int64(handle, column)
    }

    /// The column as a double (SQLite converts other types), or nil for NULL.
    @inline(__always)
    func double(at column: Int32) -> Double? {
        isNull(at: column) ? nil : sqlite3_column_double(handle, column)
    }

    /// The column as text (invalid UTF-8 is repaired with U+FFFD), or nil for NULL.
    @inline(__always)
    func text(at column: Int32) -> String? {
        withUTF8(at: column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column's UTF-8 bytes in SQLite's own buffer, or nil for NULL. The buffer is valid
    /// until the statement steps, resets or reads this column as another type: the caller must
    /// be done with it before then (the metrics loader compares child keys against it).
    /// `sqlite3_column_text` is NULL only for SQL NULL (or an out-of-memory conversion, which the
    /// type check tells apart), so the common case costs two calls rather than three.
    @inline(__always)
    func unsafeUTF8(at column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, column) else {
            return isNull(at: column) ? nil : UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Calls `body` with the column's UTF-8 bytes without copying them into a `String`, or
    /// returns nil for NULL. The buffer is valid only inside `body`.
    @inline(__always)
    func withUTF8<R>(at column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        unsafeUTF8(at: column).map(body)
    }
}
