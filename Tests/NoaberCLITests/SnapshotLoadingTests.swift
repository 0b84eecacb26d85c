import Foundation
import Testing
import NoaberMetrics
import NoaberModel
import NoaberStore

/// The metrics loader reads villages over two connections that share one snapshot; these tests
/// show it gives exactly what one connection gives, falls back when it cannot share a snapshot,
/// and that the shared snapshot really is one.
@Suite(.serialized) struct SnapshotLoadingTests {
    /// A private copy of the demo store (these tests write to it).
    static func copyOfDemo() throws -> String {
        let source = MetricsCommandTests.demo
        let dir = NSTemporaryDirectory() + "noaber-snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let target = dir + "/store.sqlite"
        let db = try Database(path: source, mode: .readOnly)
        try db.execute("VACUUM INTO '\(target)'")
        return target
    }

    static func expectSame(_ a: MetricsInput, _ b: MetricsInput) {
        #expect(a.villages == b.villages)
        #expect(a.cases.byVillage == b.cases.byVillage)
        #expect(a.tasks.byVillage == b.tasks.byVillage)
        #expect(a.tasks.count > 0 || b.tasks.count == 0)
        #expect(a.asOf == b.asOf)
        #expect(a.qualityFacts == b.qualityFacts)
    }

    @Test func twoReadersGiveExactlyWhatOneGives() throws {
        let store = try NoaberStore(path: MetricsCommandTests.demo, mode: .readOnly)
        let one = try MetricsInput.load(from: store, readers: 1)
        let two = try MetricsInput.load(from: store, readers: 2)
        #expect(one.cases.count > 1000)
        #expect(one.qualityFacts.values.contains { $0.rowsRejected > 0 })
        Self.expectSame(one, two)
        let some = try MetricsInput.load(from: store, villages: ["WEE", "LAT"], readers: 2)
        #expect(Set(some.villages.map(\.code)) == ["WEE", "LAT"])
        Self.expectSame(some, try MetricsInput.load(from: store, villages: ["WEE", "LAT"], readers: 1))
    }

    @Test func aRunningWriterMeansOneConnectionAndTheSameInput() throws {
        let path = try Self.copyOfDemo()
        let store = try NoaberStore(path: path, mode: .readWrite)
        let writer = try Database(path: path, mode: .readWrite)
        try writer.execute("BEGIN IMMEDIATE")
        #expect(store.snapshotReaders(2) == nil)
        let during = try MetricsInput.load(from: store, readers: 2)
        try writer.execute("ROLLBACK")
        let readers = try #require(store.snapshotReaders(2))
        #expect(readers.count == 2)
        for r in readers { r.endSnapshot() }
        Self.expectSame(during, try MetricsInput.load(from: store, readers: 1))
    }

    @Test func readersKeepTheirSharedSnapshotWhileOthersCommit() throws {
        let path = try Self.copyOfDemo()
        let store = try NoaberStore(path: path, mode: .readWrite)
        let readers = try #require(store.snapshotReaders(2))
        func villageCount(_ s: NoaberStore) throws -> Int { try s.villages().count }
        let before = try villageCount(readers[0])
        // A commit after the readers started: neither sees it, the main connection does.
        try store.database.execute("INSERT INTO villages (village, name, municipality, inhabitants) VALUES ('NEW', 'Nieuw', 'M', 100)")
        #expect(try villageCount(readers[0]) == before)
        #expect(try villageCount(readers[1]) == before)
        #expect(try villageCount(store) == before + 1)
        for r in readers { r.endSnapshot() }
        #expect(try villageCount(readers[1]) == before + 1)
    }

    @Test func aReadOnlyFileIsReadOnOneConnection() throws {
        let path = try Self.copyOfDemo()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let store = try NoaberStore(path: path, mode: .readOnly)
        if getuid() != 0 { #expect(store.snapshotReaders(2) == nil) }   // root may write anyway
        let input = try MetricsInput.load(from: store, readers: 2)
        #expect(input.cases.count > 1000)
    }
}
