import NoaberModel

/// noaber's SQLite store: the schema of docs/schema.md and typed reads and writes of the model's
/// records. Layers above see `CaseRecord`, `VolunteerTask` and `Village`, never SQL or C.
///
///     let store = try NoaberStore(path: "noaber.sqlite")       // creates and migrates
///     let outcome = try store.write { w in
///         let id = try w.insertImport(fileName: "saasveld.csv", sha256: hash, kind: .cases, village: "SAA",
///                                     profile: nil, asOf: asOf, encoding: "utf-8", delimiter: ";",
///                                     importedAt: "2024-03-05T10:00:00Z")
///         return try w.upsertCase(record, importID: id, asOf: asOf)
///     }
///
/// Not `Sendable`: one store per task, as with its connection.
public final class NoaberStore {
    /// The schema version this build writes and reads (`PRAGMA user_version`).
    public static let schemaVersion: Int = Schema.migrator.latestVersion

    /// The connection. Internal, with `Database` and `Statement`: the store is the only owner of
    /// SQL and the schema, so nothing above it can come to depend on a table's layout. Researchers
    /// who want SQL have the documented schema (docs/schema.md) and the sqlite3 shell; tests in
    /// other targets reach the connection with `@testable import NoaberStore`.
    let database: Database

    /// The path the store was opened with, for messages that name the file.
    public var path: String { database.path }

    /// Opens (or creates) the store and migrates it to `schemaVersion`.
    ///
    /// Refuses, without writing to the file: a file that is not SQLite (`isCorrupt`), a SQLite
    /// file of another application, a store from a newer noaber, and — read-only — a store that
    /// needs migrating.
    public init(path: String, mode: OpenMode = .readWriteCreate) throws(StoreError) {
        database = try Database(path: path, mode: mode)
        try Schema.migrator.migrate(database)
    }

    /// Runs `body` in one write transaction with a `Writer` whose prepared statements are reused
    /// for every row; commits when `body` returns and rolls everything back when it throws.
    ///
    /// The writer must not escape `body`: afterwards every call throws `noaberMisuse`.
    public func write<T>(_ body: (Writer) throws -> T) throws -> T {
        let writer = Writer(database: database)
        defer { writer.isOpen = false }
        return try database.transaction(immediate: true) { try body(writer) }
    }
}
