import CSQLite

/// Per-import bookkeeping that must not grow in memory with the file: which `(village, case_id)`
/// was already seen on which line, and how many identical task rows came before.
///
/// It lives in a private temporary SQLite database (opened with an empty file name: SQLite keeps
/// it in a bounded page cache and spills to an anonymous temp file that is deleted on close), not
/// in the store: the store's transaction then holds only real data, and the scratch can be used
/// from the importer's reading thread while the store is written on another.
///
/// Every write happens inside one transaction that is never committed (the file is discarded on
/// close): in autocommit mode each row would be its own transaction, and SQLite walks the whole
/// page cache at every commit, which made a million-row import several times slower.
///
/// Exports usually list a village's cases in `case_id` order, so `earlierLine` first compares the
/// key with the largest one seen for its village. A larger key cannot have been seen before: it
/// is appended to its village's unwritten `KeyRun`, and a full run (`runKeys` keys or `runBytes`
/// bytes) is written as ONE row of the `chunks` table, keyed by its first key. The in-order keys of
/// a village form one increasing sequence, so its chunks never overlap. Only a key that is not
/// larger (out of order, or a duplicate) is looked up: in its village's unwritten run, else in
/// the one chunk whose first key is the largest not above it, and then in the per-key `seen`
/// table, where it is recorded when it is new. `seen` and the chunks never hold the same key.
/// Keys compare as bytes, as SQLite's BINARY collation does (not as Swift `String`s, which equate
/// canonically equivalent Unicode).
///
/// Not `Sendable`: one scratch per import, used from one thread.
///
/// - Complexity: a key in order costs one byte comparison, a few array appends and 1/256 of a
///   one-row INSERT; any other key one or two B-tree lookups and an insert, O(log n). Memory is
///   bounded by the scratch's page cache (`cacheKiB`), one unwritten run and one key per village,
///   and at most `bufferedKeys` unwritten keys in all, whatever the file size.
public final class ImportScratch {
    private let database: Database
    private let insertSeen: Statement
    private let selectSeen: Statement
    private let insertChunk: Statement
    private let selectChunk: Statement
    private let nextOrdinal: Statement

    /// What is known about one village's in-order keys.
    private struct VillageKeys {
        /// Keys larger than every written one, not yet in `chunks`.
        var run = KeyRun()
        /// The largest key already written to `chunks`, nil before the first chunk.
        var written: [UInt8]?
    }
    /// Index of each village's state in `states` (used beyond `scannedVillages` villages).
    private var villageIndex: [String: Int] = [:]
    private var villages: [String] = []
    private var states: [VillageKeys] = []
    /// The index in `states` of the village of the previous call.
    private var lastSlot = 0
    /// Keys in all unwritten runs together.
    private var buffered = 0
    /// Reused buffer for the blob of the chunk being written.
    private var blob: [UInt8] = []

    /// A run is written once it holds this many keys…
    static let runKeys = 256
    /// …or this many key bytes (long `case_id`s), so a chunk stays a few pages.
    static let runBytes = 4_096
    /// Up to this many villages are found by a linear scan rather than by hashing.
    static let scannedVillages = 16
    /// All unwritten runs are written when together they hold this many keys: with many villages
    /// each filling slowly, memory would otherwise grow with the number of villages.
    static let bufferedKeys = 16_384

    /// Page cache of the scratch database, in KiB: big enough that a million keys mostly stay
    /// cached, small enough to keep the importer's peak memory flat.
    static let cacheKiB = 16_384

    public init() throws(StoreError) {
        database = try Database(path: "", mode: .readWriteCreate)
        try database.execute("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.cacheKiB);
            CREATE TABLE seen (village TEXT NOT NULL, case_id TEXT NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (village, case_id)) WITHOUT ROWID;
            CREATE TABLE chunks (village TEXT NOT NULL, first_key BLOB NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY (village, first_key)) WITHOUT ROWID;
            CREATE TABLE ordinals (village TEXT NOT NULL, has_case INTEGER NOT NULL, case_id TEXT NOT NULL,
                volunteer TEXT NOT NULL, day INTEGER NOT NULL, task TEXT NOT NULL, hours REAL NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (village, has_case, case_id, volunteer, day, task, hours)) WITHOUT ROWID;
            BEGIN;
            """)
        insertSeen = try database.prepare(
            "INSERT INTO seen(village, case_id, line) VALUES (?1, ?2, ?3) ON CONFLICT(village, case_id) DO NOTHING")
        selectSeen = try database.prepare("SELECT line FROM seen WHERE village = ?1 AND case_id = ?2")
        insertChunk = try database.prepare("INSERT INTO chunks(village, first_key, data) VALUES (?1, ?2, ?3)")
        selectChunk = try database.prepare(
            "SELECT data FROM chunks WHERE village = ?1 AND first_key <= ?2 ORDER BY first_key DESC LIMIT 1")
        nextOrdinal = try database.prepare("""
            INSERT INTO ordinals(village, has_case, case_id, volunteer, day, task, hours, n)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)
            ON CONFLICT(village, has_case, case_id, volunteer, day, task, hours) DO UPDATE SET n = n + 1
            RETURNING n
            """)
    }

    /// Records that `(village, caseID)` appears on `line`, unless it was seen before: then the
    /// earlier line is returned and nothing is recorded (the first occurrence stays the reference).
    public func earlierLine(village: String, caseID: String, line: Int) throws(StoreError) -> Int? {
        let index = villageSlot(village)
        var key = caseID
        // The common case, a key in order, touches `states` once and throws nothing.
        let appended = key.withUTF8 { Self.appendIfLargest($0, line: line, to: &states[index]) }
        if let runIsFull = appended {
            buffered += 1
            if runIsFull {
                try writeRun(villageAt: index)
            } else if buffered >= Self.bufferedKeys {
                for other in states.indices where !states[other].run.isEmpty { try writeRun(villageAt: other) }
            }
            return nil
        }
        let result: Result<Int?, StoreError> = key.withUTF8 { bytes in
            do throws(StoreError) {
                return .success(try earlierLine(ofOutOfOrder: bytes, villageAt: index, line: line))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The index of `village` in `states`, adding it when new. An export names a handful of
    /// villages, usually repeating the last one, so the last hit and a short scan come before the
    /// dictionary (hashing a `String` per row cost more than the rest of an in-order key).
    @inline(__always)
    private func villageSlot(_ village: String) -> Int {
        if lastSlot < villages.count, villages[lastSlot] == village { return lastSlot }
        if villages.count <= Self.scannedVillages {
            if let found = villages.firstIndex(of: village) {
                lastSlot = found
                return found
            }
        } else if let known = villageIndex[village] {
            lastSlot = known
            return known
        }
        let index = states.count
        villageIndex[village] = index
        villages.append(village)
        states.append(VillageKeys())
        lastSlot = index
        return index
    }

    /// Appends `key` to the village's unwritten run when it is larger than every in-order key of
    /// the village so far. Returns nil when it is not (nothing changed), else whether the run is
    /// now full and must be written.
    @inline(__always)
    private static func appendIfLargest(_ key: UnsafeBufferPointer<UInt8>, line: Int, to state: inout VillageKeys) -> Bool? {
        if !state.run.isEmpty {
            guard state.run.isBelow(key) else { return nil }
        } else if let written = state.written {
            guard written.withUnsafeBufferPointer({ KeyRun.compare($0, key) < 0 }) else { return nil }
        }
        state.run.append(key, line: line)
        return state.run.count >= runKeys || state.run.bytes.count >= runBytes
    }

    /// `earlierLine` for a key that is not larger than its village's largest in-order key: looked
    /// up among the in-order keys (the unwritten run or one chunk), then in `seen`.
    private func earlierLine(ofOutOfOrder key: UnsafeBufferPointer<UInt8>, villageAt index: Int, line: Int) throws(StoreError) -> Int? {
        let inRun = states[index].run.isEmpty ? false : states[index].run.withKey(at: 0) { KeyRun.compare($0, key) <= 0 }
        if inRun {
            // At or above the run's first key: among the in-order keys only the run can hold it.
            if let earlier = states[index].run.line(of: key) { return earlier }
        } else if states[index].written != nil, let earlier = try chunkLine(village: villages[index], key: key) {
            return earlier
        }
        return try seenLine(village: villages[index], key: key, line: line)
    }

    /// Writes the village's unwritten run as one chunk and empties it.
    private func writeRun(villageAt index: Int) throws(StoreError) {
        let run = states[index].run
        guard !run.isEmpty else { return }
        run.encode(into: &blob)
        try insertChunk.bind(text: villages[index], at: 1)
        let lastIndex = run.count - 1
        var firstRC: Int32 = SQLITE_OK
        run.withKey(at: 0) { firstRC = Self.bindBlob(insertChunk, UnsafeRawBufferPointer($0), at: 2) }
        try check(firstRC, insertChunk)
        let blobRC = blob.withUnsafeBytes { Self.bindBlob(insertChunk, $0, at: 3) }
        try check(blobRC, insertChunk)
        try insertChunk.execute()
        var last = states[index].written ?? []
        last.removeAll(keepingCapacity: true)
        run.withKey(at: lastIndex) { last.append(contentsOf: $0) }
        buffered -= run.count
        states[index].written = last
        states[index].run.removeAll()
    }

    /// The line of `key` in the village's chunk that would hold it, if any.
    private func chunkLine(village: String, key: UnsafeBufferPointer<UInt8>) throws(StoreError) -> Int? {
        try selectChunk.bind(text: village, at: 1)
        try check(Self.bindBlob(selectChunk, UnsafeRawBufferPointer(key), at: 2), selectChunk)
        defer { selectChunk.reset() }
        guard try selectChunk.step() else { return nil }
        let size = Int(sqlite3_column_bytes(selectChunk.handle, 0))
        guard let data = sqlite3_column_blob(selectChunk.handle, 0) else { return nil }
        return KeyRun.line(of: key, inEncoded: UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Looks `key` up in the per-key table of out-of-order keys, recording it with `line` when new.
    private func seenLine(village: String, key: UnsafeBufferPointer<UInt8>, line: Int) throws(StoreError) -> Int? {
        try bindKey(insertSeen, village: village, key: key)
        try insertSeen.bind(int: Int64(line), at: 3)
        try insertSeen.execute()
        if database.changes == 1 { return nil }
        try bindKey(selectSeen, village: village, key: key)
        defer { selectSeen.reset() }
        guard try selectSeen.step(), let earlier = selectSeen.int64(at: 0) else {
            throw StoreError(code: StoreError.noaberNotFound, message: "scratch key vanished", sql: selectSeen.sql)
        }
        return Int(earlier)
    }

    /// Binds the village (?1) and the key as UTF-8 text (?2), as `seen` has always stored them.
    private func bindKey(_ statement: Statement, village: String, key: UnsafeBufferPointer<UInt8>) throws(StoreError) {
        try statement.bind(text: village, at: 1)
        if let base = key.baseAddress {
            try statement.bind(utf8: base, count: key.count, at: 2)
        } else {
            try statement.bind(text: "", at: 2)
        }
    }

    /// Binds `bytes` as a BLOB (copied). An empty buffer may have no address, and a NULL address
    /// would bind SQL NULL, so it binds an explicit zero-length blob instead.
    private static func bindBlob(_ statement: Statement, _ bytes: UnsafeRawBufferPointer, at index: Int32) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_zeroblob(statement.handle, index, 0)
        }
        return sqlite3_bind_blob64(statement.handle, index, base, UInt64(bytes.count), noaber_sqlite_transient())
    }

    private func check(_ rc: Int32, _ statement: Statement) throws(StoreError) {
        guard rc == SQLITE_OK else { throw database.error(sql: statement.sql, fallback: rc) }
    }

    /// The number of identical task rows (same village, case, volunteer, day, task and hours)
    /// seen before this one in the file: 0, 1, 2, … (see `volunteer_tasks.ordinal`).
    public func ordinal(village: String, caseID: String?, volunteer: String, day: Int, task: String,
                        hours: Double) throws(StoreError) -> Int {
        try nextOrdinal.bind(text: village, at: 1)
        try nextOrdinal.bind(int: caseID == nil ? 0 : 1, at: 2)
        try nextOrdinal.bind(text: caseID ?? "", at: 3)
        try nextOrdinal.bind(text: volunteer, at: 4)
        try nextOrdinal.bind(int: Int64(day), at: 5)
        try nextOrdinal.bind(text: task, at: 6)
        try nextOrdinal.bind(double: hours, at: 7)
        defer { nextOrdinal.reset() }
        guard try nextOrdinal.step(), let n = nextOrdinal.int64(at: 0) else {
            throw StoreError(code: StoreError.noaberNotFound, message: "upsert returned no ordinal", sql: nextOrdinal.sql)
        }
        while try nextOrdinal.step() {}
        return Int(n)
    }
}
