import Foundation
import Testing
@testable import NoaberStore

/// New stores use 8 KiB pages (fewer page splits and system calls per imported case); a store made
/// with another page size keeps it, because SQLite cannot change it in WAL mode anyway.
@Suite struct PageSizeTests {
    @Test func aNewStoreHas8KiBPages() throws {
        try withTemporaryDirectory { dir in
            let store = try NoaberStore(path: dir + "/new.sqlite")
            #expect(try store.database.scalarInt("PRAGMA page_size") == 8_192)
            #expect(try store.database.integrityCheck() == ["ok"])
        }
    }

    @Test func anExisting4KiBStoreKeepsItsPagesAndTakesWrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/old.sqlite"
            // An empty file opened read-write gets SQLite's default 4 KiB pages, as every store
            // made before 8 KiB pages did.
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            do {
                let old = try NoaberStore(path: path, mode: .readWrite)
                #expect(try old.database.scalarInt("PRAGMA page_size") == 4_096)
            }
            let store = try NoaberStore(path: path)
            try store.write { try $0.setMeta("probe", "1") }
            #expect(try store.database.scalarInt("PRAGMA page_size") == 4_096)
            #expect(try store.database.scalarInt("SELECT count(*) FROM meta WHERE key = 'probe'") == 1)
            #expect(try store.database.integrityCheck() == ["ok"])
        }
    }
}
