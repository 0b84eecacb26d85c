import Testing
@testable import NoaberStore

@Suite struct TransactionTests {
    private func database(_ dir: String) throws -> Database {
        let db = try Database(path: dir + "/t.sqlite")
        try db.execute("CREATE TABLE t(x INTEGER NOT NULL)")
        return db
    }

    @Test func commitsWhenTheBodyReturns() throws {
        try withTemporaryDirectory { dir in
            let db = try database(dir)
            let value = try db.transaction {
                try db.execute("INSERT INTO t VALUES (1), (2)")
                return 7
            }
            #expect(value == 7)
            #expect(!db.isInTransaction)
            #expect(try rows(db, "SELECT sum(x) FROM t") == [["3"]])
        }
    }

    @Test func rollsBackEverythingWhenTheBodyThrows() throws {
        try withTemporaryDirectory { dir in
            let db = try database(dir)
            #expect(throws: TestFailure(tag: "first")) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    #expect(db.isInTransaction)
                    throw TestFailure(tag: "first")
                }
            }
            #expect(!db.isInTransaction)
            #expect(try rows(db, "SELECT count(*) FROM t") == [["0"]])
        }
    }

    @Test func rethrowsTheFirstErrorEvenWhenSQLiteAlreadyRolledBack() throws {
        try withTemporaryDirectory { dir in
            let db = try database(dir)
            // The body ends the transaction itself, so the rollback that follows fails; the body's
            // error, not the rollback's, must reach the caller.
            #expect(throws: TestFailure(tag: "body")) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    try db.execute("ROLLBACK")
                    throw TestFailure(tag: "body")
                }
            }
            // A store error in the body is rethrown as itself.
            let error = try #require(throws: StoreError.self) {
                try db.transaction { try db.execute("INSERT INTO t VALUES (NULL)") }
            }
            #expect(error.code == 1299)   // SQLITE_CONSTRAINT_NOTNULL
            #expect(try rows(db, "SELECT count(*) FROM t") == [["0"]])
        }
    }

    @Test func aNestedTransactionRollsBackOnlyItsOwnPart() throws {
        try withTemporaryDirectory { dir in
            let db = try database(dir)
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                _ = try? db.transaction {
                    try db.execute("INSERT INTO t VALUES (2)")
                    throw TestFailure(tag: "inner")
                }
                try db.transaction { try db.execute("INSERT INTO t VALUES (3)") }
            }
            #expect(try rows(db, "SELECT x FROM t ORDER BY x") == [["1"], ["3"]])
        }
    }

    @Test func aFailingCommitRollsBack() throws {
        try withTemporaryDirectory { dir in
            let db = try database(dir)
            try db.execute("""
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(p INTEGER REFERENCES parent DEFERRABLE INITIALLY DEFERRED)
                """)
            // A deferred foreign key is checked at COMMIT, which then fails.
            let error = try #require(throws: StoreError.self) {
                try db.transaction { try db.execute("INSERT INTO child VALUES (99)") }
            }
            #expect(error.code == 787)   // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(error.sql == "COMMIT")
            #expect(!db.isInTransaction)
            #expect(try rows(db, "SELECT count(*) FROM child") == [["0"]])
        }
    }
}
