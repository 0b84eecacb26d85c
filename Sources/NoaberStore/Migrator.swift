/// Brings a database's schema up to date, one numbered migration at a time.
///
/// The applied version lives in `PRAGMA user_version`, which SQLite keeps in the file header
/// and which R or Python can read too. Each migration runs in its own transaction together with
/// the version bump, so a failure leaves the file at the last complete version.
///
/// A file whose version is newer than the newest migration was written by a newer noaber; it
/// is refused (naming both versions) rather than half-understood.
struct Migrator: Sendable {
    /// One step of the schema's history. Versions start at 1 and increase by one.
    struct Migration: Sendable {
        let version: Int
        let name: String
        let apply: @Sendable (Database) throws(StoreError) -> Void
        /// Runs with `foreign_keys` off, as a table rebuild needs (dropping a parent table would
        /// otherwise delete its children through `ON DELETE CASCADE`); `PRAGMA foreign_key_check`
        /// must then come back empty before the migration commits.
        let foreignKeysOff: Bool

        init(version: Int, name: String, foreignKeysOff: Bool = false,
             apply: @escaping @Sendable (Database) throws(StoreError) -> Void) {
            self.version = version
            self.name = name
            self.foreignKeysOff = foreignKeysOff
            self.apply = apply
        }
    }

    /// Migrations in version order.
    let migrations: [Migration]
    /// What `PRAGMA application_id` identifies the files as; checked before migrating.
    let applicationID: Int32

    /// - Parameter migrations: versions must be 1, 2, 3, … in order; anything else is a
    ///   programming error caught by `migrate` as `noaberMisuse`.
    init(applicationID: Int32, migrations: [Migration]) {
        self.applicationID = applicationID
        self.migrations = migrations
    }

    /// The version a fully migrated file has.
    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every migration newer than the file's `user_version`.
    ///
    /// Refuses: a newer version than known (`noaberSchemaTooNew`); a SQLite file of another
    /// application, recognised by its `application_id` or by tables in a version-0 file
    /// (`noaberNotAStore`); and pending migrations on a read-only connection
    /// (`noaberNeedsMigration`).
    func migrate(_ db: Database) throws(StoreError) {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError(code: StoreError.noaberMisuse,
                             message: "migration '\(migration.name)' has version \(migration.version), expected \(offset + 1)",
                             path: db.path)
        }
        let current = try db.userVersion()
        let foreignID = try db.scalarInt("PRAGMA application_id")
        if foreignID != 0 && foreignID != Int64(applicationID) {
            throw StoreError(code: StoreError.noaberNotAStore,
                             message: "the file is a SQLite database of another application (application_id \(foreignID))",
                             path: db.path)
        }
        if current > latestVersion {
            throw StoreError(code: StoreError.noaberSchemaTooNew,
                             message: "the store has schema version \(current), but this noaber knows versions up to \(latestVersion); use a newer noaber",
                             path: db.path)
        }
        if current == 0, try db.scalarInt("SELECT count(*) FROM sqlite_schema") > 0 {
            throw StoreError(code: StoreError.noaberNotAStore,
                             message: "the file is a SQLite database with tables but no noaber schema version; refusing to add noaber's tables to it",
                             path: db.path)
        }
        guard current < latestVersion else { return }
        guard db.mode != .readOnly else {
            throw StoreError(code: StoreError.noaberNeedsMigration,
                             message: "the store has schema version \(current) and needs migrating to \(latestVersion); open it read-write once",
                             path: db.path)
        }
        for migration in migrations where migration.version > current {
            // SQLite ignores this pragma inside a transaction, so it is switched around it.
            if migration.foreignKeysOff { try db.execute("PRAGMA foreign_keys = OFF") }
            defer { if migration.foreignKeysOff { _ = try? db.execute("PRAGMA foreign_keys = ON") } }
            try db.storeTransaction { () throws(StoreError) in
                // Re-read inside the write lock: another process may have migrated meanwhile.
                guard try db.userVersion() < migration.version else { return }
                try migration.apply(db)
                if migration.foreignKeysOff, try db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") > 0 {
                    throw StoreError(code: StoreError.foreignKeyViolation,
                                     message: "migration '\(migration.name)' would leave a dangling reference; nothing was changed",
                                     path: db.path)
                }
                try db.execute("PRAGMA application_id = \(applicationID); PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
