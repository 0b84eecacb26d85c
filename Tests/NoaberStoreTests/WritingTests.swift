import Testing
import NoaberModel
@testable import NoaberStore

@Suite struct UpsertCaseTests {
    let asOf = date(2024, 6, 30)

    @Test func outcomesInsertedUnchangedUpdatedKeptNewer() throws {
        try withStore { store, _ in
            let first = try seed(store, asOf: asOf)
            #expect(try store.write { try $0.upsertCase(fullCase, importID: first, asOf: asOf) } == .inserted)
            #expect(try store.write { try $0.upsertCase(fullCase, importID: first, asOf: asOf) } == .unchanged)

            var changed = fullCase
            changed.themes = [.housing]
            changed.escalatedTo = []
            changed.closed = nil
            #expect(try store.write { try $0.upsertCase(changed, importID: first, asOf: asOf) } == .updated)
            #expect(try store.cases() == [changed])
            // Children were replaced, not added to.
            #expect(try rows(store.database, "SELECT theme FROM case_themes") == [["housing"]])
            #expect(try rows(store.database, "SELECT count(*) FROM case_escalations") == [["0"]])

            // An export made earlier than the stored one never overwrites it.
            let older = date(2024, 3, 31)
            #expect(try store.write { try $0.upsertCase(fullCase, importID: first, asOf: older) } == .keptNewer)
            #expect(try store.write { try $0.upsertCase(changed, importID: first, asOf: older) } == .keptNewer)
            #expect(try store.cases() == [changed])
            #expect(try rows(store.database, "SELECT as_of FROM cases") == [["2024-06-30"]])
        }
    }

    @Test func aNewerIdenticalExportIsUnchangedButAdvancesAsOf() throws {
        try withStore { store, _ in
            let first = try seed(store, asOf: asOf)
            let later = date(2024, 9, 30)
            let second = try store.write { w in
                _ = try w.upsertCase(fullCase, importID: first, asOf: asOf)
                return try w.insertImport(fileName: "saa-q3.csv", sha256: "bb", kind: .cases, village: "SAA", profile: nil,
                                          asOf: later, encoding: nil, delimiter: nil, importedAt: "2024-10-01T08:00:00Z")
            }
            #expect(try store.write { try $0.upsertCase(fullCase, importID: second, asOf: later) } == .unchanged)
            // The case is still open at the later date, so its censoring date moves with the export.
            #expect(try rows(store.database, "SELECT as_of, import_id FROM cases") == [["2024-09-30", "\(second)"]])
        }
    }

    @Test func everySingleFieldChangeIsAnUpdate() throws {
        let mutations: [(String, (inout CaseRecord) -> Void)] = [
            ("personKey", { $0.personKey = nil }),
            ("ageBand", { $0.ageBand = .over85 }),
            ("birthYear", { $0.birthYear = 1945 }),
            ("received time dropped", { $0.received = moment(2024, 3, 5) }),
            ("received minute", { $0.received = moment(2024, 3, 5, 9, 31) }),
            ("firstContact time added", { $0.firstContact = moment(2024, 3, 6, 0, 0) }),
            ("closed", { $0.closed = nil }),
            ("source", { $0.source = .gp }),
            ("channel", { $0.channel = nil }),
            ("collective", { $0.collective = true }),
            ("resolution", { $0.resolution = .advice }),
            ("supportMinutes", { $0.supportMinutes = 95.25 }),
            ("themes: one fewer", { $0.themes.remove(.digital) }),
            ("themes: swapped, same count", { $0.themes = [.loneliness, .transport, .safety] }),
            ("referredTo", { $0.referredTo.insert(.debtHelp) }),
            ("risks", { $0.risks = [] }),
            ("escalatedTo: same code moved from risks", { $0.escalatedTo = [.isolation] }),
        ]
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            #expect(try store.write { try $0.upsertCase(fullCase, importID: id, asOf: asOf) } == .inserted)
            var current = fullCase
            for (name, mutate) in mutations {
                var next = current
                mutate(&next)
                #expect(next != current, "\(name) must change the record")
                #expect(try store.write { try $0.upsertCase(next, importID: id, asOf: asOf) } == .updated, "\(name)")
                #expect(try store.write { try $0.upsertCase(next, importID: id, asOf: asOf) } == .unchanged, "\(name)")
                #expect(try store.cases() == [next], "\(name)")
                current = next
            }
        }
    }

    @Test func aFailedWriteStoresNothing() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            #expect(throws: TestFailure(tag: "abort")) {
                try store.write { w in
                    _ = try w.upsertCase(fullCase, importID: id, asOf: asOf)
                    try w.insertRejectedRow(importID: id, line: 2, field: nil, reason: "r", raw: "raw")
                    throw TestFailure(tag: "abort")
                }
            }
            let counts = try store.counts()
            #expect(counts.cases == 0 && counts.rejected == 0 && counts.imports == 1 && counts.villages == 2)
            #expect(try rows(store.database, "SELECT count(*) FROM case_themes") == [["0"]])
        }
    }

    @Test func aWriterCannotBeUsedAfterItsTransaction() throws {
        try withStore { store, _ in
            var escaped: NoaberStore.Writer?
            try store.write { escaped = $0 }
            let writer = try #require(escaped)
            let error = try #require(throws: StoreError.self) { try writer.setMeta("k", "v") }
            #expect(error.code == StoreError.noaberMisuse)
            #expect(try store.meta("k") == nil)
        }
    }
}

@Suite struct UpsertTaskTests {
    func task(_ day: Int, _ hours: Double, _ kind: TaskKind = .transport, caseID: String? = "C-001", volunteer: String = "v1") -> VolunteerTask {
        VolunteerTask(village: "SAA", caseID: caseID, volunteerKey: volunteer, date: date(2024, 3, day), hours: hours, task: kind)
    }

    /// What the importer does: number identical rows within one export 0, 1, 2 …
    func importExport(_ tasks: [VolunteerTask], into store: NoaberStore, importID: Int64) throws -> [UpsertOutcome] {
        try store.write { w in
            var seen: [VolunteerTask: Int] = [:]
            return try tasks.map { t in
                let ordinal = seen[t, default: 0]
                seen[t] = ordinal + 1
                return try w.upsertTask(t, ordinal: ordinal, importID: importID)
            }
        }
    }

    @Test func identicalRowsInOneExportAreKeptAndReimportsNeverDoubleCount() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let export1 = [task(5, 2), task(5, 2), task(6, 1.5, .visit), task(7, 1, caseID: nil), task(7, 1, caseID: nil)]
            #expect(try importExport(export1, into: store, importID: id) == Array(repeating: .inserted, count: 5))
            #expect(try importExport(export1, into: store, importID: id) == Array(repeating: .unchanged, count: 5))
            // A newer export repeats the old rows and adds a third identical transport and a new task.
            let export2 = export1 + [task(5, 2), task(8, 0.5, .phoneRound)]
            #expect(try importExport(export2, into: store, importID: id)
                    == Array(repeating: .unchanged, count: 5) + [.inserted, .inserted])
            #expect(try store.counts().tasks == 7)
            #expect(try rows(store.database, "SELECT ordinal FROM volunteer_tasks WHERE date = '2024-03-05' ORDER BY ordinal")
                    == [["0"], ["1"], ["2"]])
            // Hours and volunteer are part of the identity.
            #expect(try importExport([task(5, 2.5), task(5, 2, volunteer: "v2")], into: store, importID: id) == [.inserted, .inserted])
            let stored = try store.tasks()
            #expect(stored.count == 9)
            #expect(stored.first == task(5, 2))
            #expect(stored.filter { $0.caseID == nil }.count == 2)
        }
    }
}

@Suite struct ImportBookkeepingTests {
    @Test func importsStartAtZeroAndFinishWithAStatus() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let started = try #require(try store.imports().first)
            #expect(started.id == id && started.rowsRead == 0 && started.accepted == 0 && started.status == "completed")
            #expect(started.asOf == date(2024, 6, 30) && started.kind == .cases && started.village == "SAA")
            #expect(started.profile == nil && started.encoding == "utf-8" && started.delimiter == ";")

            try store.write { try $0.finishImport(id: id, rowsRead: 10, accepted: 10, rejected: 0, inserted: 7, updated: 2) }
            #expect(try store.imports().map(\.status) == ["completed"])
            try store.write { try $0.finishImport(id: id, rowsRead: 10, accepted: 8, rejected: 2, inserted: 7, updated: 1) }
            let finished = try #require(try store.imports().first)
            #expect(finished.status == "completed_with_rejections")
            #expect((finished.rowsRead, finished.accepted, finished.rejected, finished.inserted, finished.updated) == (10, 8, 2, 7, 1))

            let missing = try #require(throws: StoreError.self) {
                try store.write { try $0.finishImport(id: id + 100, rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0) }
            }
            #expect(missing.code == StoreError.noaberNotFound)
        }
    }

    @Test func completedImportMatchesHashKindAndVillage() throws {
        try withStore { store, _ in
            let saa = try seed(store, sha256: "hash1")
            let multi = try store.write { w in
                try w.insertImport(fileName: "all.csv", sha256: "hash1", kind: .cases, village: nil, profile: "excel-v1",
                                   asOf: date(2024, 6, 30), encoding: nil, delimiter: nil, importedAt: "t")
            }
            #expect(try store.completedImport(sha256: "hash1", kind: .cases, village: "SAA")?.id == saa)
            #expect(try store.completedImport(sha256: "hash1", kind: .cases, village: nil)?.id == multi)
            #expect(try store.completedImport(sha256: "hash1", kind: .cases, village: nil)?.profile == "excel-v1")
            #expect(try store.completedImport(sha256: "hash1", kind: .tasks, village: "SAA") == nil)
            #expect(try store.completedImport(sha256: "hash2", kind: .cases, village: "SAA") == nil)
            #expect(try store.completedImport(sha256: "hash1", kind: .cases, village: "DEU") == nil)
        }
    }

    @Test func rejectedRowsAreKeptPerImportInLineOrder() throws {
        try withStore { store, _ in
            let a = try seed(store, sha256: "a")
            let b = try seed(store, sha256: "b")
            try store.write { w in
                try w.insertRejectedRow(importID: b, line: 9, field: nil, reason: "expected 17 columns, found 3", raw: "a;b;c")
                try w.insertRejectedRow(importID: a, line: 4, field: "received", reason: "not a date: '31-2-2024'", raw: "C-4;SAA;31-2-2024")
                try w.insertRejectedRow(importID: a, line: 2, field: "themes", reason: "unknown code", raw: "")
            }
            #expect(try store.rejectedRows(importID: a) == [
                RejectedRow(importID: a, line: 2, field: "themes", reason: "unknown code", raw: ""),
                RejectedRow(importID: a, line: 4, field: "received", reason: "not a date: '31-2-2024'", raw: "C-4;SAA;31-2-2024"),
            ])
            #expect(try store.rejectedRows().map(\.line) == [2, 4, 9])
            #expect(try store.rejectedRows(importID: b).map(\.field) == [nil])
            // One row per line and import.
            let duplicate = try #require(throws: StoreError.self) {
                try store.write { try $0.insertRejectedRow(importID: a, line: 2, field: nil, reason: "again", raw: "") }
            }
            #expect(duplicate.code == 1555)
            // Deleting an import removes its rejected rows with it.
            try store.database.execute("DELETE FROM imports WHERE import_id = \(b)")
            #expect(try store.rejectedRows().map(\.line) == [2, 4])
        }
    }

    @Test func villagesAreUpsertedAndMetaIsReplaced() throws {
        try withStore { store, _ in
            try seed(store)
            var bigger = saasveld
            bigger.inhabitants = 1750
            bigger.costPerYearEUR = nil
            try store.write { w in
                try w.upsertVillage(bigger)
                try w.setMeta("key_fingerprint", "one")
                try w.setMeta("key_fingerprint", "two")
            }
            #expect(try store.villages() == [deurningen, bigger])
            #expect(try store.meta("key_fingerprint") == "two")
        }
    }
}
