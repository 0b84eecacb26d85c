import CSQLite
import NoaberModel

extension NoaberStore {
    /// `count` read-only connections to this store that all see one and the same snapshot, each
    /// inside an open read transaction; nil when that cannot be arranged right now.
    ///
    /// Why: the metrics loader reads a million cases in about a second, almost all of it inside
    /// SQLite, and one connection runs on one core. Several connections can read at once, but
    /// each starts its own snapshot, and an import committing between two starts would give the
    /// loader half of one state and half of another. So a helper connection first takes the write
    /// lock (`BEGIN IMMEDIATE`, without waiting): while it holds it nobody can commit, so every
    /// reader that starts then sees the same latest state. The lock is released as soon as the
    /// readers have started, a few milliseconds; readers never block writers in WAL mode.
    ///
    /// nil (and the caller reads on its own connection) when the lock is taken — an import is
    /// running — or the store cannot be opened for writing (a read-only file or folder).
    ///
    /// End each reader's transaction with `endSnapshot()` when done. Readers keep a small page
    /// cache (8 MiB): they scan each page once.
    public func snapshotReaders(_ count: Int) -> [NoaberStore]? {
        guard count > 0, let lock = try? Database(path: database.path, mode: .readWrite) else { return nil }
        sqlite3_busy_timeout(lock.handle, 0)
        guard (try? lock.execute("BEGIN IMMEDIATE")) != nil else { return nil }
        defer { try? lock.execute("ROLLBACK") }
        var readers: [NoaberStore] = []
        for _ in 0..<count {
            guard let reader = try? NoaberStore(path: database.path, mode: .readOnly),
                  (try? reader.database.execute("PRAGMA cache_size = -8192")) != nil,
                  (try? reader.database.execute("BEGIN DEFERRED")) != nil,
                  // A read transaction takes its snapshot at its first read.
                  (try? reader.database.prepare("SELECT count(*) FROM villages").step()) != nil else {
                for r in readers { r.endSnapshot() }
                return nil
            }
            readers.append(reader)
        }
        return readers
    }

    /// Ends the read transaction a snapshot reader is in.
    public func endSnapshot() {
        try? database.execute("COMMIT")
    }

    /// Rejected rows counted per import and field (`nil` field: the row as a whole), without
    /// reading their raw text: what the data-quality figures need, in memory that does not grow
    /// with the number of rejected rows.
    public func rejectionCounts() throws(StoreError) -> [(importID: Int64, field: String?, count: Int)] {
        let s = try database.prepare("SELECT import_id, field, count(*) FROM rejected_rows GROUP BY import_id, field")
        var result: [(importID: Int64, field: String?, count: Int)] = []
        while try s.step() {
            result.append((s.int64(at: 0) ?? 0, s.text(at: 1), Int(s.int64(at: 2) ?? 0)))
        }
        return result
    }
}

extension NoaberStore {
    /// Starts a read transaction on this connection, so that everything read until
    /// `endSnapshot()` comes from one state of the store. Returns false, and starts nothing,
    /// when the connection is already inside a transaction (whose snapshot then holds).
    public func beginSnapshot() throws(StoreError) -> Bool {
        guard sqlite3_get_autocommit(database.handle) != 0 else { return false }
        try database.execute("BEGIN DEFERRED")
        // A read transaction takes its snapshot at its first read.
        _ = try database.prepare("SELECT count(*) FROM villages").step()
        return true
    }
}
