import Foundation
import Testing
@testable import NoaberStore

@Suite struct DatabaseTests {
    @Test func createsTheFileAndAppliesPragmas() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/new.sqlite"
            #expect(!FileManager.default.fileExists(atPath: path))
            let db = try Database(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(db.path == path)
            #expect(try rows(db, "PRAGMA foreign_keys") == [["1"]])
            #expect(try rows(db, "PRAGMA journal_mode") == [["wal"]])
            #expect(try rows(db, "PRAGMA synchronous") == [["1"]])      // NORMAL
            #expect(try rows(db, "PRAGMA busy_timeout") == [["5000"]])
        }
    }

    @Test func readOnlyAndReadWriteRequireAnExistingFile() throws {
        try withTemporaryDirectory { dir in
            for mode in [OpenMode.readOnly, .readWrite] {
                #expect(throws: StoreError.self) { try Database(path: dir + "/missing.sqlite", mode: mode) }
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/missing.sqlite"))
        }
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/ro.sqlite"
            try Database(path: path).execute("CREATE TABLE t(x)")
            let ro = try Database(path: path, mode: .readOnly)
            let error = try #require(throws: StoreError.self) { try ro.execute("INSERT INTO t VALUES (1)") }
            #expect(error.isReadOnly)
            #expect(try rows(ro, "PRAGMA foreign_keys") == [["1"]])
        }
    }

    @Test func defensiveModeForbidsWritableSchema() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/d.sqlite")
            try db.execute("CREATE TABLE t(x)")
            // With SQLITE_DBCONFIG_DEFENSIVE the pragma is ignored, so sqlite_schema stays read-only.
            try db.execute("PRAGMA writable_schema = ON")
            #expect(throws: StoreError.self) { try db.execute("UPDATE sqlite_schema SET sql = 'x'") }
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftByteIdentical() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/export.csv"
            let bytes = Data(("case_id;village;received\n" + String(repeating: "C-1;SAA;5-3-2024\n", count: 300)).utf8)
            try bytes.write(to: URL(fileURLWithPath: path))
            for mode in [OpenMode.readWriteCreate, .readWrite, .readOnly] {
                let error = try #require(throws: StoreError.self) { try Database(path: path, mode: mode) }
                #expect(error.isCorrupt)
                #expect(error.code == 26)   // SQLITE_NOTADB
                #expect(error.path == path)
                let storeError = try #require(throws: StoreError.self) { try NoaberStore(path: path, mode: mode) }
                #expect(storeError.isCorrupt)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test func statementErrorsCarryTheSQLButNeverTheBoundValues() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/e.sqlite")
            // The temporary path holds random hex digits; leave it out of the search.
            func shown(_ e: StoreError) -> String { e.description.replacingOccurrences(of: db.path, with: "") }
            try db.execute("CREATE TABLE people(key TEXT PRIMARY KEY, age INTEGER CHECK (age >= 0))")
            let insert = try db.prepare("INSERT INTO people(key, age) VALUES (?, ?)")
            try insert.execute([.text("secret-pseudonym-7f3a"), .integer(80)])
            let duplicate = try #require(throws: StoreError.self) {
                try insert.execute([.text("secret-pseudonym-7f3a"), .integer(81)])
            }
            #expect(duplicate.code == 1555)   // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(duplicate.isConstraintViolation)
            #expect(duplicate.sql == "INSERT INTO people(key, age) VALUES (?, ?)")
            #expect(!shown(duplicate).contains("secret-pseudonym-7f3a"))
            #expect(!shown(duplicate).contains("81"))
            #expect(duplicate.description.contains("INSERT INTO people"))

            let check = try #require(throws: StoreError.self) { try insert.execute([.text("other-key-42"), .integer(-917_342)]) }
            #expect(check.code == 275)        // SQLITE_CONSTRAINT_CHECK
            #expect(!shown(check).contains("other-key-42"))
            #expect(!shown(check).contains("917"))

            // The statement is usable again after an error.
            try insert.execute([.text("k2"), .integer(1)])
            #expect(try rows(db, "SELECT count(*) FROM people") == [["2"]])
        }
    }

    @Test func prepareReportsSyntaxErrorsAndRefusesASecondStatement() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/p.sqlite")
            let syntax = try #require(throws: StoreError.self) { try db.prepare("SELEC 1") }
            #expect(syntax.code == 1)
            #expect(syntax.sql == "SELEC 1")
            #expect(syntax.message.contains("syntax error"))
            let two = try #require(throws: StoreError.self) { try db.prepare("SELECT 1; SELECT 2") }
            #expect(two.code == StoreError.noaberMisuse)
            // A trailing semicolon or comment is not a second statement.
            _ = try db.prepare("SELECT 1; -- done")
            let empty = try #require(throws: StoreError.self) { try db.prepare("  ") }
            #expect(empty.code == StoreError.noaberMisuse)
        }
    }

    @Test func bindsAndReadsEveryValueType() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/b.sqlite")
            let s = try db.prepare("SELECT ?1, ?2, ?3, ?4, ?5, typeof(?4), typeof(?5), length(?5), ?6, typeof(?6)")
            try s.bind([.null, .integer(-9_007_199_254_740_993), .real(0.1), .text(""), .blob([]), .text("ü€😀")])
            #expect(try s.step())
            #expect(s.isNull(at: 0) && s.int64(at: 0) == nil && s.text(at: 0) == nil && s.double(at: 0) == nil)
            #expect(s.int64(at: 1) == -9_007_199_254_740_993)
            #expect(s.double(at: 2) == 0.1)
            #expect(s.text(at: 3) == "")               // an empty string stays text, not NULL
            #expect(s.text(at: 5) == "text")
            #expect(s.text(at: 6) == "blob")           // an empty blob stays a blob
            #expect(s.int64(at: 7) == 0)
            #expect(s.text(at: 8) == "ü€😀")
            #expect(try !s.step())

            // Re-binding clears the previous bindings: unbound parameters are NULL again.
            try s.bind([.integer(1)])
            #expect(try s.step())
            #expect(s.int64(at: 0) == 1 && s.isNull(at: 1) && s.isNull(at: 3))
            s.reset()

            let typed = try db.prepare("SELECT ?1, ?2, ?3, typeof(?1), typeof(?2), typeof(?3)")
            try typed.bind(int: 42, at: 1)
            try typed.bind(double: nil, at: 2)
            try typed.bind(text: "x", at: 3)
            #expect(try typed.rows { [$0.text(at: 3), $0.text(at: 4), $0.text(at: 5)] } == [["integer", "null", "text"]])
            #expect(typed.columnCount == 6)
            #expect(typed.columnName(at: 0) == "?1")
        }
    }

    @Test func bindingOutOfRangeIsAnError() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/r.sqlite")
            let s = try db.prepare("SELECT ?1")
            let error = try #require(throws: StoreError.self) { try s.bind([.integer(1), .integer(2)]) }
            #expect(error.code == 25)   // SQLITE_RANGE
        }
    }

    @Test func rowsDecodesEveryRowAndChangesAreCounted() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/rows.sqlite")
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x REAL); INSERT INTO t(x) VALUES (1.5), (2.5), (NULL)")
            #expect(db.lastInsertRowID == 3)
            let q = try db.prepare("SELECT id, x FROM t WHERE id >= ? ORDER BY id")
            let decoded = try q.rows([.integer(2)]) { s in "\(s.int64(at: 0) ?? -1):\(s.double(at: 1).map { "\($0)" } ?? "nil")" }
            #expect(decoded == ["2:2.5", "3:nil"])
            // The statement was reset: running it again gives the same rows.
            #expect(try q.rows([.integer(1)]) { $0.int64(at: 0) } == [1, 2, 3])
            try db.execute("UPDATE t SET x = 0 WHERE id < 3")
            #expect(db.changes == 2)
            #expect(try db.userVersion() == 0)
            #expect(try db.integrityCheck() == ["ok"])
        }
    }
}

@Suite struct IntegrityTests {
    @Test func integrityCheckFindsADamagedPage() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/damaged.sqlite"
            do {
                let db = try Database(path: path)
                try db.execute("""
                    CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);
                    CREATE INDEX t_v ON t(v);
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                    INSERT INTO t(v) SELECT printf('value-%05d', i) FROM n;
                    """)
                #expect(try db.integrityCheck() == ["ok"])
            }   // closing the last connection checkpoints the WAL into the file
            let url = URL(fileURLWithPath: path)
            var bytes = try Data(contentsOf: url)
            // The page size from the file header (big-endian at offset 16): 8 KiB for a new file.
            let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
            #expect(pageSize == 8_192)
            #expect(bytes.count > pageSize * 6)
            // Scribble over a b-tree page in the middle of the file (not the header page), past its
            // 8-byte page header: cell pointers and cells, wherever the cells sit in the page.
            let start = pageSize * 4 + 8
            for i in start..<(start + pageSize - 8) { bytes[i] = UInt8(truncatingIfNeeded: i * 7) }
            try bytes.write(to: url)

            let db = try Database(path: path)
            do {
                let report = try db.integrityCheck()
                #expect(report != ["ok"])
            } catch let error as StoreError {
                #expect(error.isCorrupt)
            }
        }
    }
}

@Suite struct ErrorClassificationTests {
    @Test func aSecondWriterIsBusyAfterTheTimeout() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/busy.sqlite"
            let first = try Database(path: path)
            let second = try Database(path: path)
            try second.execute("PRAGMA busy_timeout = 20")
            try first.execute("CREATE TABLE t(x)")
            let error = try #require(throws: StoreError.self) {
                try first.transaction {
                    try first.execute("INSERT INTO t VALUES (1)")
                    try second.transaction { try second.execute("INSERT INTO t VALUES (2)") }
                }
            }
            #expect(error.isBusy && !error.isCorrupt && !error.isFull && !error.isReadOnly)
            #expect(error.sql == "BEGIN IMMEDIATE")
            // The first transaction was rolled back with it.
            #expect(try rows(second, "SELECT count(*) FROM t") == [["0"]])
        }
    }

    @Test func aFullDatabaseIsReportedAsFull() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/full.sqlite")
            try db.execute("CREATE TABLE t(x BLOB)")
            let pages = try rows(db, "PRAGMA page_count")[0][0]
            try db.execute("PRAGMA max_page_count = \(pages)")
            let error = try #require(throws: StoreError.self) { try db.execute("INSERT INTO t VALUES (zeroblob(100000))") }
            #expect(error.isFull && !error.isBusy)
            #expect(error.description.hasPrefix("SQLite error 13 "))
        }
    }

    @Test func noaberCodesDescribeThemselves() {
        let error = StoreError(code: StoreError.noaberSchemaTooNew, message: "too new", path: "/x.sqlite")
        #expect(error.description == "noaber store error -1: too new (database /x.sqlite)")
        #expect(error.primaryCode == -1 && !error.isBusy && !error.isCorrupt)
    }
}
