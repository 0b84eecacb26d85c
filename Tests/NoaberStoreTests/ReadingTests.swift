import Foundation
import Testing
import NoaberModel
@testable import NoaberStore

@Suite struct ReadingTests {
    let asOf = date(2024, 6, 30)

    @Test func casesRoundTripExactly() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            let deu = CaseRecord(village: "DEU", caseID: "7", ageBand: .under18, received: moment(2023, 12, 31, 23, 59),
                                 firstContact: moment(2024, 1, 1, 0, 0), source: .resident, channel: .socialMedia,
                                 themes: CodeSet(Theme.allCases), collective: true, resolution: Resolution.none,
                                 referredTo: CodeSet(Referral.allCases), risks: CodeSet(Risk.allCases), escalatedTo: CodeSet(Risk.allCases),
                                 supportMinutes: 0)
            let outcomes = try store.write { w in try [bareCase, deu, fullCase].map { try w.upsertCase($0, importID: id, asOf: asOf) } }
            #expect(outcomes == [.inserted, .inserted, .inserted])
            // Ordered by village, then case id.
            #expect(try store.cases() == [deu, fullCase, bareCase])
            #expect(try store.cases(villages: ["SAA"]) == [fullCase, bareCase])
            #expect(try store.cases(villages: ["DEU", "SAA", "DEU"]).count == 3)
            #expect(try store.cases(villages: []) == [])
            #expect(try store.cases(villages: ["XXX"]) == [])
        }
    }

    @Test func manyCasesWithSparseChildrenMergeCorrectly() throws {
        // Deterministic pseudo-random cases: some with no children at all, interleaved with rich ones,
        // across two villages, with case ids whose text order differs from numeric order.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func subset<C: Code>(_ all: [C]) -> CodeSet<C> { CodeSet(all.filter { _ in next(3) == 0 }) }
        var expected: [CaseRecord] = []
        for i in 0..<400 {
            expected.append(CaseRecord(
                village: i % 3 == 0 ? "DEU" : "SAA", caseID: String(i), personKey: next(4) == 0 ? nil : "p\(next(50))",
                received: moment(2024, 1 + next(12), 1 + next(28), next(2) == 0 ? nil : next(24), next(60)),
                themes: subset(Theme.allCases), referredTo: subset(Referral.allCases),
                risks: subset(Risk.allCases), escalatedTo: next(5) == 0 ? subset(Risk.allCases) : []))
        }
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            try store.write { w in
                for c in expected.shuffled() { _ = try w.upsertCase(c, importID: id, asOf: asOf) }
            }
            let loaded = try store.cases()
            #expect(loaded.count == expected.count)
            let byKey = Dictionary(uniqueKeysWithValues: loaded.map { ("\($0.village)/\($0.caseID)", $0) })
            for c in expected { #expect(byKey["\(c.village)/\(c.caseID)"] == c) }
            // Byte order of the keys, as SQLite sorts them.
            #expect(loaded.map { [$0.village, $0.caseID] } == loaded.map { [$0.village, $0.caseID] }.sorted {
                $0.lexicographicallyPrecedes($1) { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            })
            #expect(try store.cases(villages: ["DEU"]) == expected.filter { $0.village == "DEU" }
                .sorted { Array($0.caseID.utf8).lexicographicallyPrecedes(Array($1.caseID.utf8)) })
        }
    }

    @Test func anUnreadableStoredValueIsReportedWithoutQuotingIt() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            try store.write { _ = try $0.upsertCase(fullCase, importID: id, asOf: asOf) }
            // Bit 12 stands for no theme (there are 12, bits 0…11); a text value is no mask at all.
            try store.database.execute("UPDATE cases SET themes_mask = themes_mask | 4096")
            let error = try #require(throws: StoreError.self) { try store.cases() }
            #expect(error.code == StoreError.noaberInvalidStoredValue)
            #expect(error.message.contains("cases.themes_mask"))
            #expect(throws: StoreError.self) { try store.caseFacts(village: "SAA") }
            try store.database.execute("UPDATE cases SET themes_mask = 'secret-code-x'")
            let textError = try #require(throws: StoreError.self) { try store.cases() }
            #expect(textError.message.contains("cases.themes_mask"))
            #expect(!textError.description.contains("secret-code-x"))
            try store.database.execute("UPDATE cases SET themes_mask = 1; UPDATE cases SET referred_to_mask = -1")
            #expect(throws: StoreError.self) { try store.cases() }
            try store.database.execute("UPDATE cases SET referred_to_mask = 0; UPDATE cases SET closed = '2024-02-30'")
            let dateError = try #require(throws: StoreError.self) { try store.cases() }
            #expect(dateError.message.contains("cases.closed"))
        }
    }

    @Test func tasksRoundTripInStoredOrder() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let tasks = [
                VolunteerTask(village: "SAA", caseID: "C-001", volunteerKey: "k1", date: date(2024, 3, 9), hours: 1.25, task: .personalCare),
                VolunteerTask(village: "DEU", caseID: nil, volunteerKey: "k2", date: date(2024, 2, 29), hours: 0, task: .other),
            ]
            try store.write { w in for t in tasks { _ = try w.upsertTask(t, ordinal: 0, importID: id) } }
            #expect(try store.tasks() == tasks)
            #expect(try store.tasks(villages: ["DEU"]) == [tasks[1]])
            #expect(try store.tasks(villages: []) == [])
        }
    }

    @Test func latestAsOfPerVillageCoversSingleAndMultiVillageCaseImports() throws {
        try withStore { store, _ in
            try seed(store, asOf: date(2024, 6, 30), sha256: "q2")
            try seed(store, asOf: date(2024, 9, 30), sha256: "q3")
            try seed(store, asOf: date(2024, 3, 31), sha256: "q1")   // an older export imported last
            try store.write { w in
                let multi = try w.insertImport(fileName: "all.csv", sha256: "m", kind: .cases, village: nil, profile: nil,
                                               asOf: date(2024, 5, 31), encoding: nil, delimiter: nil, importedAt: "t")
                _ = try w.upsertCase(CaseRecord(village: "DEU", caseID: "1", received: moment(2024, 5, 1)), importID: multi,
                                     asOf: date(2024, 5, 31))
                // A later tasks import does not move the case censoring date.
                _ = try w.insertImport(fileName: "tasks.csv", sha256: "t", kind: .tasks, village: "DEU", profile: nil,
                                       asOf: date(2024, 12, 31), encoding: nil, delimiter: nil, importedAt: "t")
            }
            #expect(try store.latestAsOf() == ["SAA": date(2024, 9, 30), "DEU": date(2024, 5, 31)])
        }
    }

    @Test func countsCountEveryTable() throws {
        try withStore { store, _ in
            #expect(try store.counts() == (0, 0, 0, 0, 0))
            let id = try seed(store)
            try store.write { w in
                _ = try w.upsertCase(fullCase, importID: id, asOf: asOf)
                _ = try w.upsertCase(bareCase, importID: id, asOf: asOf)
                _ = try w.upsertTask(VolunteerTask(village: "SAA", caseID: nil, volunteerKey: "k", date: date(2024, 1, 1), hours: 1, task: .visit),
                                     ordinal: 0, importID: id)
                try w.insertRejectedRow(importID: id, line: 5, field: nil, reason: "r", raw: "")
            }
            #expect(try store.counts() == (2, 2, 1, 1, 1))
        }
    }

    @Test func importRecordEncodesWithColumnNamesAndRoundTrips() throws {
        try withStore { store, _ in
            try seed(store)
            let record = try #require(try store.imports().first)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = try #require(String(data: try encoder.encode(record), encoding: .utf8))
            #expect(json.contains("\"as_of\":\"2024-06-30\""))
            #expect(json.contains("\"rows_read\":0"))
            #expect(json.contains("\"import_id\":1"))
            #expect(json.contains("\"profile\":null"))
            #expect(try JSONDecoder().decode(ImportRecord.self, from: Data(json.utf8)) == record)
            let row = RejectedRow(importID: 1, line: 2, field: nil, reason: "r", raw: "x")
            #expect(try JSONDecoder().decode(RejectedRow.self, from: encoder.encode(row)) == row)
        }
    }
}

@Suite struct ISODateTests {
    @Test func formatsLikeMomentISOAndParsesBack() throws {
        var buffer = [UInt8](repeating: 0, count: 16)
        for m in [moment(2024, 3, 5), moment(2024, 3, 5, 0, 0), moment(1, 1, 1, 23, 59), moment(9999, 12, 31, 7, 5),
                  moment(2000, 2, 29, 12, 0)] {
            let count = try #require(buffer.withUnsafeMutableBufferPointer { ISODate.format(m, into: $0) })
            #expect(String(decoding: buffer[0..<count], as: UTF8.self) == m.iso)
            #expect(buffer[0..<count].withUnsafeBufferPointer { ISODate.parse($0) } == m)
        }
    }

    @Test func refusesToFormatWhatTheLayoutCannotHold() {
        var buffer = [UInt8](repeating: 0, count: 16)
        for m in [Moment(date: CivilDate(dayNumber: 3_000_000)), Moment(date: CivilDate(dayNumber: -800_000)),
                  Moment(date: date(2024, 1, 1), minuteOfDay: 1440), Moment(date: date(2024, 1, 1), minuteOfDay: -1)] {
            #expect(buffer.withUnsafeMutableBufferPointer { ISODate.format(m, into: $0) } == nil, "\(m.date.dayNumber)")
        }
    }

    @Test func aCaseWithAnUnstorableMomentIsRefused() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let c = CaseRecord(village: "SAA", caseID: "x", received: Moment(date: date(2024, 1, 1), minuteOfDay: 1500))
            let error = try #require(throws: StoreError.self) {
                try store.write { _ = try $0.upsertCase(c, importID: id, asOf: date(2024, 6, 30)) }
            }
            #expect(error.code == StoreError.noaberMisuse)
            #expect(try store.counts().cases == 0)
        }
    }

    @Test func rejectsMalformedAndImpossibleText() {
        for text in ["", "2024-3-05", "2024-02-30", "2023-02-29", "2024-03-05T24:00", "2024-03-05T12:60", "2024-03-05 12:00",
                     "2024-03-05T1:00", "2024/03/05", "２024-03-05", "2024-03-05T12:00Z"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { ISODate.parse($0) } == nil, "\(text)")
        }
    }
}
