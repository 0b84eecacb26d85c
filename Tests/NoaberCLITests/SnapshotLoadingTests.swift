import Foundation
import Testing
import NoaberMetrics
import NoaberModel
@testable import NoaberStore

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

/// The store as a source read one village at a time: the same figures as the input loaded in
/// full, over one snapshot that an import committing during the run does not change.
@Suite(.serialized) struct StoreSourceTests {
    static func options(_ grouping: Grouping) throws -> MetricsOptions {
        var o = MetricsOptions(grouping: grouping, periods: try Period(parsing: "2024").split(every: .quarter),
                               escalationDraws: 300)
        o.periods.append(try Period(parsing: "2024"))
        return o
    }

    @Test func aStoreSourceGivesWhatTheLoadedInputGives() throws {
        let store = try NoaberStore(path: MetricsCommandTests.demo, mode: .readOnly)
        let input = try MetricsInput.load(from: store)
        for readers in [1, 2] {
            let source = try MetricsSource.reading(store, readers: readers)
            #expect(source.villages == input.villages)
            #expect(source.asOf == input.asOf)
            #expect(source.qualityFacts == input.qualityFacts)
            #expect(source.latestReceived == input.cases.latestReceived)
            for grouping in Grouping.allCases {
                let fromSource = try DisclosedMetrics.compute(.all, source: source, options: try Self.options(grouping),
                                                              groupings: [grouping, .all])
                let fromInput = DisclosedMetrics.compute(.all, input: input, options: try Self.options(grouping),
                                                         groupings: [grouping, .all])
                for (s, i) in zip(fromSource, fromInput) {
                    #expect(s.rows.count > 100)
                    #expect(Bool(s.rows == i.rows), "readers \(readers), \(grouping)")
                    #expect(s.funnel == i.funnel)
                    #expect(s.escalation == i.escalation)
                    #expect(s.survivalCurves.map(\.estimate.steps) == i.survivalCurves.map(\.estimate.steps))
                }
            }
        }
        let two = try MetricsSource.reading(store, villages: ["WEE", "LAT"])
        #expect(Set(two.villages.map(\.code)) == ["WEE", "LAT"])
        let twoInput = try MetricsInput.load(from: store, villages: ["WEE", "LAT"])
        #expect(try MetricsEngine.compute(.reach, source: two, options: try Self.options(.all)).rows
                == MetricsEngine.compute(.reach, input: twoInput, options: try Self.options(.all)).rows)
    }

    /// Cases written after the source was made are not read by it, on two readers or on the
    /// store's own connection; a source made afterwards reads them.
    @Test func aSourceKeepsItsSnapshotWhileAnotherConnectionCommits() throws {
        let path = try SnapshotLoadingTests.copyOfDemo()
        let store = try NoaberStore(path: path, mode: .readWrite)
        var before = MetricsResult()
        for readers in [2, 1] {
            before = MetricsEngine.compute(.reach, input: try MetricsInput.load(from: store), options: try Self.options(.all))
            let source = try MetricsSource.reading(store, readers: readers)
            let writer = try Database(path: path, mode: .readWrite)
            try writer.execute("""
                INSERT INTO cases (village, case_id, received, as_of, import_id)
                SELECT village, 'late-\(readers)-' || case_id, received, as_of, import_id FROM cases
                WHERE village = 'WEE' AND received LIKE '2024%'
                """)
            let during = try MetricsEngine.compute(.reach, source: source, options: try Self.options(.all))
            #expect(during.row("all", "2024", "cases") == before.row("all", "2024", "cases"), "readers \(readers)")
            #expect(Bool(during.rows == before.rows), "readers \(readers)")
        }
        let after = try MetricsEngine.compute(.reach, source: try MetricsSource.reading(store), options: try Self.options(.all))
        #expect(try #require(after.row("all", "2024", "cases")).value ?? 0 > (before.row("all", "2024", "cases")?.value ?? 0))
    }
}

/// The light pass the store source makes before reading any village in full.
struct CaseOverviewTests {
    @Test func theOverviewCountsCasesAndFindsTheLatestDates() throws {
        let store = try NoaberStore(path: MetricsCommandTests.demo, mode: .readOnly)
        let facts = try store.caseFacts(village: "WEE")
        var persons = 0, collective = 0, tokens = Set<UInt64>()
        var firstDay: [UInt64: Int] = [:]
        let overview = try store.caseOverview(village: "WEE") { person, day, isCollective in
            if isCollective { collective += 1 }
            if let person {
                persons += 1
                tokens.insert(person)
                firstDay[person] = min(firstDay[person] ?? day, day)
            }
        }
        #expect(overview.cases == facts.count)
        #expect(overview.cases > 100)
        #expect(persons == facts.filter(\.hasPerson).count)
        #expect(collective == facts.filter(\.collective).count)
        #expect(tokens == Set(facts.compactMap(\.personToken)))
        #expect(overview.latestReceived == facts.map(\.received.date).max())
        #expect(overview.latestAsOf == (try store.caseFactsAndAsOf(village: "WEE")).latestAsOf)
        let empty = try store.caseOverview(village: "NOPE") { _, _, _ in Issue.record("no cases expected") }
        #expect(empty.cases == 0 && empty.latestAsOf == nil && empty.latestReceived == nil)
    }

    @Test func aSnapshotIsBegunOnlyOutsideATransaction() throws {
        let store = try NoaberStore(path: try SnapshotLoadingTests.copyOfDemo(), mode: .readWrite)
        #expect(try store.beginSnapshot())
        #expect(try store.beginSnapshot() == false)
        store.endSnapshot()
        try store.database.execute("BEGIN")
        #expect(try store.beginSnapshot() == false)
        try store.database.execute("COMMIT")
    }
}
