import Foundation
import Testing
@testable import NoaberStore

@Suite struct MigratorTests {
    static let expectedObjects = [
        "case_escalations", "case_referrals", "case_risks", "case_themes", "cases", "codes", "import_villages", "imports", "meta", "outcomes",
        "rejected_rows", "v_cases", "v_import_accounting", "villages", "volunteer_tasks",
    ]

    @Test func migratesANewFileFromZeroToTheLatestVersion() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            let store = try NoaberStore(path: path)
            #expect(NoaberStore.schemaVersion == 6)
            #expect(try store.database.userVersion() == 6)
            #expect(try rows(store.database, "PRAGMA application_id") == [["\(0x4E4F_4142)"]])
            let names = try rows(store.database, """
                SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
                """).map { $0[0] }
            #expect(names == Self.expectedObjects)
            let created = try #require(try store.meta("created_at"))
            #expect(created.count == 20 && created.hasSuffix("Z") && created.dropFirst(10).first == "T")
            #expect(try store.database.integrityCheck() == ["ok"])
            #expect(try rows(store.database, "PRAGMA foreign_key_check").isEmpty)
        }
    }

    @Test func reopeningIsIdempotentAndKeepsData() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            let created: String?
            do {
                let store = try NoaberStore(path: path)
                try store.write { try $0.setMeta("key_fingerprint", "abc123") }
                created = try store.meta("created_at")
            }
            for mode in [OpenMode.readWriteCreate, .readWrite, .readOnly] {
                let again = try NoaberStore(path: path, mode: mode)
                #expect(try again.database.userVersion() == 6)
                #expect(try again.meta("key_fingerprint") == "abc123")
                #expect(try again.meta("created_at") == created)
                #expect(try again.meta("missing") == nil)
            }
        }
    }

    @Test func aNewerSchemaVersionIsRefusedNamingBothVersions() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/s.sqlite"
            do {
                let store = try NoaberStore(path: path)
                try store.database.execute("PRAGMA user_version = 7")
            }
            let error = try #require(throws: StoreError.self) { try NoaberStore(path: path) }
            #expect(error.code == StoreError.noaberSchemaTooNew)
            #expect(error.message.contains("7"))
            #expect(error.message.contains("up to 6"))
            #expect(try Database(path: path).userVersion() == 7)
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndNotModified() throws {
        try withTemporaryDirectory { dir in
            let withTables = dir + "/other.sqlite"
            do {
                let db = try Database(path: withTables)
                try db.execute("CREATE TABLE patients(name TEXT); INSERT INTO patients VALUES ('x')")
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: withTables))
            let error = try #require(throws: StoreError.self) { try NoaberStore(path: withTables) }
            #expect(error.code == StoreError.noaberNotAStore)
            #expect(try Data(contentsOf: URL(fileURLWithPath: withTables)) == before)

            let otherID = dir + "/app.sqlite"
            try Database(path: otherID).execute("PRAGMA application_id = 42")
            let idError = try #require(throws: StoreError.self) { try NoaberStore(path: otherID) }
            #expect(idError.code == StoreError.noaberNotAStore)
            #expect(try Database(path: otherID).userVersion() == 0)
        }
    }

    @Test func readOnlyCannotMigrate() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/empty.sqlite"
            _ = try Database(path: path)   // an empty SQLite file, version 0
            let error = try #require(throws: StoreError.self) { try NoaberStore(path: path, mode: .readOnly) }
            #expect(error.code == StoreError.noaberNeedsMigration)
            #expect(try Database(path: path).userVersion() == 0)
        }
    }

    @Test func eachMigrationIsItsOwnTransaction() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/m.sqlite")
            let migrator = Migrator(applicationID: 5, migrations: [
                .init(version: 1, name: "one") { db throws(StoreError) in try db.execute("CREATE TABLE a(x)") },
                .init(version: 2, name: "two") { db throws(StoreError) in
                    try db.execute("CREATE TABLE b(x)")
                    try db.execute("INSERT INTO missing VALUES (1)")   // fails halfway
                },
            ])
            let error = try #require(throws: StoreError.self) { try migrator.migrate(db) }
            #expect(error.sql == "INSERT INTO missing VALUES (1)")
            #expect(try db.userVersion() == 1)
            #expect(try rows(db, "SELECT name FROM sqlite_schema ORDER BY name") == [["a"]])
        }
    }

    @Test func misnumberedMigrationsAreRefused() throws {
        try withTemporaryDirectory { dir in
            let db = try Database(path: dir + "/m.sqlite")
            let migrator = Migrator(applicationID: 5, migrations: [
                .init(version: 2, name: "skips one") { _ throws(StoreError) in },
            ])
            let error = try #require(throws: StoreError.self) { try migrator.migrate(db) }
            #expect(error.code == StoreError.noaberMisuse)
            #expect(try db.userVersion() == 0)
        }
    }
}
