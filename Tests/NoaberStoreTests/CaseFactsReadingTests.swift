import Testing
import NoaberModel
@testable import NoaberStore

/// `caseFacts(village:)` must read exactly what `cases(villages:)` reads, reduced: the compact
/// loader is checked against the full one, which `ReadingTests` checks against what was written.
@Suite struct CaseFactsReadingTests {
    let asOf = date(2024, 6, 30)

    @Test func compactLoaderAgreesWithTheFullLoaderCaseForCase() throws {
        // Sparse and rich children interleaved, ids whose text order differs from numeric order,
        // birth years instead of bands, times and bare dates, two villages.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func subset<C: Code>(_ all: [C]) -> CodeSet<C> { CodeSet(all.filter { _ in next(3) == 0 }) }
        func maybe<T>(_ value: T) -> T? { next(3) == 0 ? nil : value }
        // A pseudonym as the importer writes it: 64 hex digits (here derived from a small number).
        func hex(_ n: Int) -> String {
            let digits = Array("0123456789abcdef")
            return String((0..<64).map { digits[($0 * 7 + n * 13) % 16] })
        }
        var written: [CaseRecord] = []
        for i in 0..<500 {
            let received = moment(2024, 1 + next(5), 1 + next(28), next(2) == 0 ? nil : next(24), next(60))
            let useBand = next(2) == 0
            written.append(CaseRecord(
                village: i % 3 == 0 ? "DEU" : "SAA", caseID: String(i),
                personKey: maybe(next(2) == 0 ? hex(next(80)) : "p\(next(80))"),
                ageBand: useBand ? maybe(AgeBand.allCases[next(AgeBand.allCases.count)]) : nil,
                birthYear: useBand ? nil : maybe(1920 + next(90)),
                received: received,
                firstContact: maybe(moment(2024, 6, 1 + next(20), next(2) == 0 ? nil : next(24), next(60))),
                closed: maybe(moment(2024, 6, 21 + next(9))),
                source: maybe(Source.allCases[next(Source.allCases.count)]),
                channel: maybe(Channel.allCases[next(Channel.allCases.count)]),
                themes: subset(Theme.allCases), collective: next(10) == 0,
                resolution: maybe(Resolution.allCases[next(Resolution.allCases.count)]),
                referredTo: subset(Referral.allCases), risks: subset(Risk.allCases),
                escalatedTo: next(4) == 0 ? subset(Risk.allCases) : [],
                supportMinutes: maybe(Double(next(600)) / 4)))
        }
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            try store.write { w in
                for c in written.shuffled() { _ = try w.upsertCase(c, importID: id, asOf: asOf) }
            }
            for village in ["DEU", "SAA"] {
                let full = try store.cases(villages: [village])
                let compact = try store.caseFacts(village: village)
                #expect(compact.count == written.filter { $0.village == village }.count)
                #expect(compact == full.map { CaseFacts($0, lastSeen: asOf) })
            }
            #expect(try store.caseFacts(village: "XXX").isEmpty)
        }
    }

    @Test func anUnknownStoredThemeIsAnErrorNotADroppedMember() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            try store.write { w in
                _ = try w.upsertCase(CaseRecord(village: "SAA", caseID: "1", received: moment(2024, 1, 2), themes: [.financeAdmin]),
                                     importID: id, asOf: asOf)
            }
            try store.database.execute("PRAGMA foreign_keys = OFF")
            try store.database.execute("PRAGMA ignore_check_constraints = ON")
            // Bit 12: no theme has it (there are 12, bits 0…11), as if a newer noaber had added one.
            try store.database.execute("UPDATE cases SET themes_mask = themes_mask | 4096 WHERE case_id = '1'")
            let error = try #require(throws: StoreError.self) { try store.caseFacts(village: "SAA") }
            #expect(error.code == StoreError.noaberInvalidStoredValue && error.message.contains("cases.themes_mask"))
            try store.database.execute("UPDATE cases SET themes_mask = 64 WHERE case_id = '1'")
            #expect(try store.caseFacts(village: "SAA").first?.themes == [.financeAdmin])
        }
    }

    @Test func compactTasksAgreeWithFullTasks() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            var written: [VolunteerTask] = []
            for i in 0..<300 {
                written.append(VolunteerTask(village: i % 2 == 0 ? "DEU" : "SAA", caseID: i % 5 == 0 ? nil : "c\(i % 7)",
                                             volunteerKey: i % 3 == 0 ? "v\(i % 11)" : String(repeating: "ab", count: 16) + "\(i % 13)",
                                             date: date(2024, 1 + i % 6, 1 + i % 27), hours: Double(i % 9) / 2,
                                             task: TaskKind.allCases[i % TaskKind.allCases.count]))
            }
            try store.write { w in
                for (i, t) in written.enumerated() { _ = try w.upsertTask(t, ordinal: i, importID: id) }
            }
            for village in ["DEU", "SAA"] {
                let full = try store.tasks(villages: [village])
                #expect(full.count == 150)
                // By date, and in storage order within a date (`tasks` gives storage order).
                let byDate = full.enumerated().sorted { a, b in
                    a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
                }.map { TaskFacts($0.element) }
                #expect(try store.taskFacts(village: village) == byDate)
            }
        }
    }
}
