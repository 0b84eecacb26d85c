import Testing
import NoaberModel
@testable import NoaberStore

/// The `outcomes` table through `Writer.upsertOutcome`, and comparison areas in `villages`.
@Suite struct OutcomeStoreTests {
    private func delivery(_ store: NoaberStore, asOf: CivilDate, sha: String) throws -> Int64 {
        try store.write { w in
            try w.insertImport(fileName: "gp.csv", sha256: sha, kind: .outcomes, village: nil, profile: nil, asOf: asOf,
                               encoding: "utf-8", delimiter: ",", importedAt: "2025-01-01T08:00:00Z")
        }
    }

    private func figure(_ value: Double, _ period: OutcomePeriod = .quarter(2024, 3), population: Int = 1700) -> OutcomeRecord {
        OutcomeRecord(village: "SAA", measure: "huisartsconsulten", period: period, value: value, population: population)
    }

    @Test func aNewerDeliveryReplacesAnOlderOneNeverTheOtherWayRound() throws {
        try withStore { store, _ in
            try seed(store)
            let first = try delivery(store, asOf: date(2025, 1, 1), sha: "a")
            #expect(try store.write { try $0.upsertOutcome(figure(1200), importID: first, asOf: date(2025, 1, 1)) } == .inserted)
            #expect(try store.write { try $0.upsertOutcome(figure(1200), importID: first, asOf: date(2025, 1, 1)) } == .unchanged)
            let newer = try delivery(store, asOf: date(2025, 3, 1), sha: "b")
            #expect(try store.write { try $0.upsertOutcome(figure(1210), importID: newer, asOf: date(2025, 3, 1)) } == .updated)
            let older = try delivery(store, asOf: date(2024, 12, 1), sha: "c")
            #expect(try store.write { try $0.upsertOutcome(figure(999), importID: older, asOf: date(2024, 12, 1)) } == .keptNewer)
            let stored = try store.outcomes(measure: "huisartsconsulten")
            #expect(stored == [figure(1210)])
            let s = try store.database.prepare("SELECT import_id FROM outcomes")
            _ = try s.step()
            #expect(s.int64(at: 0) == newer, "the row belongs to the import that last wrote it")
        }
    }

    @Test func measuresAreSummarisedWithTheirAreasUnitsAndRange() throws {
        try withStore { store, _ in
            try seed(store)
            let id = try delivery(store, asOf: date(2025, 1, 1), sha: "a")
            try store.write { w in
                for (village, period) in [("SAA", OutcomePeriod.quarter(2024, 1)), ("SAA", .quarter(2024, 2)), ("DEU", .quarter(2024, 2)),
                                          ("DEU", .month(2024, 7))] {
                    _ = try w.upsertOutcome(OutcomeRecord(village: village, measure: "gp", period: period, value: 10, population: 900),
                                            importID: id, asOf: date(2025, 1, 1))
                }
                _ = try w.upsertOutcome(OutcomeRecord(village: "SAA", measure: "admissions", period: .year(2023), value: 3, population: 900),
                                        importID: id, asOf: date(2025, 1, 1))
            }
            let summary = try store.outcomeMeasures()
            #expect(summary.map(\.measure) == ["admissions", "gp"])
            let gp = try #require(summary.last)
            #expect(gp.areas == ["DEU", "SAA"] && gp.units == ["quarter", "month"] && gp.rows == 4 && gp.periods == 3)
            #expect(gp.firstPeriod == "2024Q1" && gp.lastPeriod == "2024-07")
            #expect(try store.outcomes(measure: "gp").map(\.period.label) == ["2024Q2", "2024-07", "2024Q1", "2024Q2"])
            #expect(try store.outcomes(measure: "none").isEmpty)
        }
    }

    @Test func comparisonAreasAreStoredAndTheirRecordsAreKnown() throws {
        try withStore { store, _ in
            let id = try seed(store)
            var area = Village(code: "AGE", name: "Agelo", municipality: "Dinkelland", inhabitants: 350, paidHoursPerWeek: 0)
            area.isComparisonArea = true
            try store.write { w in
                try w.upsertVillage(area)
                _ = try w.upsertCase(bareCase, importID: id, asOf: date(2024, 6, 30))
            }
            let villages = try store.villages()
            #expect(villages.first { $0.code == "AGE" }?.isComparisonArea == true)
            #expect(villages.filter(\.isComparisonArea).count == 1)
            #expect(try store.write { try $0.villageHasRecords("SAA") } == true)
            #expect(try store.write { try $0.villageHasRecords("AGE") } == false)
            // The column refuses anything but 0 and 1.
            #expect(throws: StoreError.self) { try store.database.execute("UPDATE villages SET comparison_area = 2 WHERE village = 'AGE'") }
        }
    }

    @Test func periodsParseAndLabelCanonically() {
        #expect(OutcomePeriod(parsing: "2024")?.label == "2024")
        #expect(OutcomePeriod(parsing: "2024Q3")?.label == "2024Q3")
        #expect(OutcomePeriod(parsing: " 2024q3 ")?.label == "2024Q3")
        #expect(OutcomePeriod(parsing: "2024K3")?.label == "2024Q3")
        #expect(OutcomePeriod(parsing: "2024-Q3")?.label == "2024Q3")
        #expect(OutcomePeriod(parsing: "2024-05")?.label == "2024-05")
        #expect(OutcomePeriod(parsing: "2024-5")?.label == "2024-05")
        for bad in ["", "24", "2024Q5", "2024Q0", "2024-13", "2024-00", "202405", "2024-05-01", "1899", "2024 Q3", "abcd"] {
            #expect(OutcomePeriod(parsing: bad) == nil, "\(bad)")
        }
        let q = OutcomePeriod.quarter(2024, 4)
        #expect(q.start == date(2024, 10, 1) && q.end == date(2024, 12, 31))
        #expect(q.advanced(by: 1) == .quarter(2025, 1) && q.advanced(by: -4) == .quarter(2023, 4))
        #expect(OutcomePeriod.month(2024, 2).end == date(2024, 2, 29))
        #expect(OutcomePeriod.month(2024, 11).within(.quarter) == .quarter(2024, 4))
        #expect(OutcomePeriod.quarter(2024, 2).within(.month) == nil)
        #expect(OutcomePeriod.month(2024, 1).advanced(by: -1) == .month(2023, 12))
    }
}

/// Migration 5 adds `villages.comparison_area`: every village a store held stays a village (0),
/// nothing is guessed from a missing start date.
@Suite struct ComparisonAreaMigrationTests {
    @Test func villagesOfAVersionFourStoreStayVillages() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v4.sqlite"
            let old = try DateCheckMigrationTests.store(path, upTo: 4)
            try old.execute("""
                INSERT INTO villages(village, name, municipality, inhabitants, ondersteuner_start) VALUES
                    ('SAA', 'Saasveld', 'Dinkelland', 1700, '2019-09-01'), ('AGE', 'Agelo', 'Dinkelland', 350, NULL);
                """)
            let store = try NoaberStore(path: path)
            #expect(try store.database.userVersion() == 6)
            let villages = try store.villages()
            #expect(villages.map(\.code) == ["AGE", "SAA"] && villages.allSatisfy { !$0.isComparisonArea })
            #expect(villages.last?.ondersteunerStart == date(2019, 9, 1))
        }
    }
}
