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
/// key with the largest one seen for its village: a larger key cannot have been seen before, and
/// is only queued (up to `queuedKeys`) and written to the scratch with the keys after it in one
/// multi-row INSERT. Only a key that is not larger (out of order, or a duplicate) is looked up;
/// the queue is written first, so the lookup sees every earlier key. Keys compare as bytes, as
/// SQLite's BINARY collation does (not as Swift `String`s, which equate canonically equivalent
/// Unicode).
///
/// Not `Sendable`: one scratch per import, used from one thread.
///
/// - Complexity: a key in order costs one byte comparison plus 1/64 of a multi-row INSERT; any
///   other key one B-tree insert or lookup, O(log n). Memory is bounded by the scratch's page
///   cache (`cacheKiB`), the queue and one key per village, whatever the file size.
public final class ImportScratch {
    private let database: Database
    private let insertSeen: Statement
    private let selectSeen: Statement
    private let nextOrdinal: Statement
    /// Per village: the largest `case_id` seen so far, as UTF-8 bytes.
    private var largest: [String: [UInt8]] = [:]
    /// Keys known to be new (larger than every earlier one of their village), not yet written.
    private var queue: [(village: String, caseID: String, line: Int)] = []
    private var queueInsert: Statement?

    /// Keys written per multi-row INSERT of the queue.
    static let queuedKeys = 64

    /// Page cache of the scratch database, in KiB: big enough that a million keys mostly stay
    /// cached, small enough to keep the importer's peak memory flat.
    static let cacheKiB = 16_384

    public init() throws(StoreError) {
        database = try Database(path: "", mode: .readWriteCreate)
        try database.execute("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.cacheKiB);
            CREATE TABLE seen (village TEXT NOT NULL, case_id TEXT NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (village, case_id)) WITHOUT ROWID;
            CREATE TABLE ordinals (village TEXT NOT NULL, has_case INTEGER NOT NULL, case_id TEXT NOT NULL,
                volunteer TEXT NOT NULL, day INTEGER NOT NULL, task TEXT NOT NULL, hours REAL NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (village, has_case, case_id, volunteer, day, task, hours)) WITHOUT ROWID;
            BEGIN;
            """)
        insertSeen = try database.prepare(
            "INSERT INTO seen(village, case_id, line) VALUES (?1, ?2, ?3) ON CONFLICT(village, case_id) DO NOTHING")
        selectSeen = try database.prepare("SELECT line FROM seen WHERE village = ?1 AND case_id = ?2")
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
        var key = caseID
        let isLargest = key.withUTF8 { bytes -> Bool in
            guard let previous = largest[village] else { return true }
            return previous.lexicographicallyPrecedes(bytes)
        }
        if isLargest {
            key.withUTF8 { Self.replace(&largest[village, default: []], with: $0) }
            queue.append((village, caseID, line))
            if queue.count == Self.queuedKeys { try writeQueue() }
            return nil
        }
        try writeQueue()
        try insertSeen.bind(text: village, at: 1)
        try insertSeen.bind(text: caseID, at: 2)
        try insertSeen.bind(int: Int64(line), at: 3)
        try insertSeen.execute()
        if database.changes == 1 { return nil }
        try selectSeen.bind(text: village, at: 1)
        try selectSeen.bind(text: caseID, at: 2)
        defer { selectSeen.reset() }
        guard try selectSeen.step(), let earlier = selectSeen.int64(at: 0) else {
            throw StoreError(code: StoreError.noaberNotFound, message: "scratch key vanished", sql: selectSeen.sql)
        }
        return Int(earlier)
    }

    /// Writes the queued keys: one INSERT for a full queue, one per key for a short one. The keys
    /// are new, so a conflict here is a broken invariant and throws.
    private func writeQueue() throws(StoreError) {
        guard !queue.isEmpty else { return }
        if queue.count == Self.queuedKeys {
            let insert: Statement
            if let prepared = queueInsert {
                insert = prepared
            } else {
                insert = try database.prepare("INSERT INTO seen(village, case_id, line) VALUES " + Self.placeholders(rows: Self.queuedKeys))
                queueInsert = insert
            }
            for (r, entry) in queue.enumerated() {
                let base = Int32(3 * r)
                try insert.bind(text: entry.village, at: base + 1)
                try insert.bind(text: entry.caseID, at: base + 2)
                try insert.bind(int: Int64(entry.line), at: base + 3)
            }
            try insert.execute()
        } else {
            for entry in queue {
                try insertSeen.bind(text: entry.village, at: 1)
                try insertSeen.bind(text: entry.caseID, at: 2)
                try insertSeen.bind(int: Int64(entry.line), at: 3)
                try insertSeen.execute()
                guard database.changes == 1 else {
                    throw StoreError(code: StoreError.noaberMisuse, message: "a queued scratch key was already stored", sql: insertSeen.sql)
                }
            }
        }
        queue.removeAll(keepingCapacity: true)
    }

    /// `(?1, ?2, ?3), (?4, ?5, ?6), …` for `rows` rows of three values.
    static func placeholders(rows: Int) -> String {
        var tuples: [String] = []
        for r in 0..<rows {
            let first = 3 * r + 1
            let numbers = [first, first + 1, first + 2].map { "?" + String($0) }
            tuples.append("(" + numbers.joined(separator: ", ") + ")")
        }
        return tuples.joined(separator: ", ")
    }

    /// Overwrites `stored` with `bytes` in place (no new array per key).
    private static func replace(_ stored: inout [UInt8], with bytes: UnsafeBufferPointer<UInt8>) {
        stored.removeAll(keepingCapacity: true)
        stored.append(contentsOf: bytes)
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
