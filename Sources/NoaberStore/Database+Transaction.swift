import CSQLite

extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// The first error wins: when `body` throws and the rollback then fails too, the body's error
    /// is rethrown, because it explains what went wrong. A failing COMMIT rolls back and throws
    /// the commit error.
    ///
    /// `immediate` (the default) takes the write lock at BEGIN, so a writer waits for another
    /// writer at the start (within the busy timeout) instead of failing halfway. Called inside an
    /// open transaction, the body runs in a SAVEPOINT, so nesting rolls back only the inner part.
    ///
    ///     try db.transaction {
    ///         try db.execute("INSERT INTO meta VALUES ('a', '1')")
    ///         throw SomeError()          // nothing was stored
    ///     }
    func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        let nested = isInTransaction
        try execute(nested ? "SAVEPOINT noaber" : (immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"))
        let value: T
        do {
            value = try body()
        } catch {
            rollBack(nested: nested)
            throw error
        }
        do {
            try execute(nested ? "RELEASE noaber" : "COMMIT")
        } catch {
            rollBack(nested: nested)
            throw error
        }
        return value
    }

    /// `transaction` for bodies that throw only `StoreError`, keeping the typed error.
    func storeTransaction<T>(immediate: Bool = true, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try transaction(immediate: immediate) { () throws -> T in try body() }
        } catch let error as StoreError {
            throw error
        } catch {
            // Unreachable: body only throws StoreError and transaction adds only StoreErrors.
            throw StoreError(code: StoreError.noaberMisuse, message: "\(error)", path: path)
        }
    }

    /// Best effort: SQLite may already have rolled back (e.g. after SQLITE_FULL), and the error
    /// worth reporting is the one that caused the rollback.
    private func rollBack(nested: Bool) {
        if nested {
            _ = try? execute("ROLLBACK TO noaber; RELEASE noaber")
        } else if isInTransaction {
            _ = try? execute("ROLLBACK")
        }
    }
}
