extension NoaberStore {
    /// `write` for bulk imports: foreign keys are checked once, at the end of the transaction,
    /// instead of once per inserted row.
    ///
    /// SQLite only lets `PRAGMA foreign_keys` change outside a transaction, so it is switched off
    /// before BEGIN and back on after COMMIT or ROLLBACK. Before committing, every village and
    /// import that the written rows refer to must exist (`Writer.checkWrittenParents`); any missing
    /// parent throws `SQLITE_CONSTRAINT_FOREIGNKEY` naming the tables, and the whole transaction is
    /// rolled back, so an import never leaves a dangling reference (docs/schema.md gives the
    /// argument why the importer never produces one). Called inside an open transaction it is a
    /// plain `write`.
    ///
    /// - Complexity: the final check is one lookup per distinct village and import written, so an
    ///   import costs O(file) whatever the size of the store (`PRAGMA foreign_key_check` of the
    ///   whole store, used before, read every row of every earlier import: O(store size) per
    ///   import; `noaber doctor` still runs it).
    public func bulkWrite<T>(_ body: (Writer) throws -> T) throws -> T {
        guard !database.isInTransaction else { return try write(body) }
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { _ = try? database.execute("PRAGMA foreign_keys = ON") }
        return try write { writer in
            let value = try body(writer)
            try writer.checkWrittenParents()
            return value
        }
    }
}
