import CSQLite

extension NoaberStore {
    /// `write` for bulk imports: foreign keys are checked once, at the end of the transaction,
    /// instead of once per inserted row.
    ///
    /// SQLite only lets `PRAGMA foreign_keys` change outside a transaction, so it is switched off
    /// before BEGIN and back on after COMMIT or ROLLBACK. Before committing, `PRAGMA
    /// foreign_key_check` must come back empty; any violation throws
    /// `SQLITE_CONSTRAINT_FOREIGNKEY` naming the table, and the whole transaction is rolled back,
    /// so the store never holds a dangling reference (docs/schema.md gives the argument why the
    /// importer never produces one). Called inside an open transaction it is a plain `write`.
    ///
    /// - Complexity: the final check reads every child row of the store once (one index seek per
    ///   row into its parent), O(store size); per-row checks cost the same seeks spread over the
    ///   import.
    public func bulkWrite<T>(_ body: (Writer) throws -> T) throws -> T {
        guard !database.isInTransaction else { return try write(body) }
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { _ = try? database.execute("PRAGMA foreign_keys = ON") }
        return try write { writer in
            let value = try body(writer)
            try checkForeignKeys()
            return value
        }
    }

    /// Throws for the first row whose foreign key has no parent.
    func checkForeignKeys() throws(StoreError) {
        let check = try database.prepare("PRAGMA foreign_key_check")
        defer { check.reset() }
        guard try check.step() else { return }
        let table = check.text(at: 0) ?? "?"
        let parent = check.text(at: 2) ?? "?"
        // SQLITE_CONSTRAINT_FOREIGNKEY (787); the C macro is not imported into Swift.
        throw StoreError(code: SQLITE_CONSTRAINT | (3 << 8),
                         message: "foreign key violation: a row of \(table) refers to a \(parent) row that does not exist; nothing was stored",
                         sql: check.sql, path: database.path)
    }
}
