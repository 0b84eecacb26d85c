import Testing
import NoaberModel
@testable import NoaberStore

/// Schema version 3 stores a case's multi-valued fields as masks whose bits the `codes` table
/// names. The writer binds `CodeSet.mask`, whose bit i is `C.allCases[i]`: the two must agree,
/// and a reordered or renamed enum case would silently change what stored masks mean.
@Suite struct SchemaCodesTests {
    private static func codes(_ db: Database, _ vocabulary: String) throws -> [[String]] {
        try rows(db, "SELECT code, bit, mask FROM codes WHERE vocabulary = '\(vocabulary)' ORDER BY bit")
    }

    private static func expected<C: Code>(_: C.Type) -> [[String]] {
        C.allCases.enumerated().map { [$0.element.rawValue, String($0.offset), String(1 << $0.offset)] }
    }

    @Test func theCodesTableNamesTheBitsTheWriterBinds() throws {
        try withStore { store, _ in
            let theme = try Self.codes(store.database, "theme")
            #expect(theme == Self.expected(Theme.self))
            let referral = try Self.codes(store.database, "referral")
            #expect(referral == Self.expected(Referral.self))
            let risk = try Self.codes(store.database, "risk")
            #expect(risk == Self.expected(Risk.self))
            #expect(try rows(store.database, "SELECT count(*) FROM codes") == [["29"]])
            // By hand, so that the enums and the table cannot both move: the first and last of each.
            #expect(CodeSet<Theme>([.loneliness, .other]).mask == 0b1000_0000_0001)
            #expect(CodeSet<Referral>([.gp, .other]).mask == 0b1_0000_0001)
            #expect(CodeSet<Risk>([.psychiatricReadmission, .frequentGPUse]).mask == 0b1000_0001)
            #expect(CodeSet<Theme>.allMask == 4095 && CodeSet<Referral>.allMask == 511 && CodeSet<Risk>.allMask == 255)
        }
    }

    /// The masks written for `fullCase`, read back through the views and `v_cases`.
    @Test func theViewsGiveOneRowPerValueAndTheJoinedText() throws {
        try withStore { store, _ in
            let id = try seed(store)
            try store.write { _ = try $0.upsertCase(fullCase, importID: id, asOf: date(2024, 6, 30)) }
            let db = store.database
            // loneliness = bit 0, transport = bit 2, digital = bit 7.
            #expect(try rows(db, "SELECT themes_mask, referred_to_mask, risks_mask, escalated_to_mask FROM cases")
                == [["133", "5", "28", "16"]])
            #expect(try rows(db, "SELECT theme FROM case_themes ORDER BY theme") == [["digital"], ["loneliness"], ["transport"]])
            #expect(try rows(db, "SELECT referred_to FROM case_referrals ORDER BY 1") == [["gp"], ["wmo"]])
            #expect(try rows(db, "SELECT risk FROM case_risks ORDER BY 1") == [["caregiver_overload"], ["fall"], ["isolation"]])
            #expect(try rows(db, "SELECT village, case_id, risk FROM case_escalations") == [["SAA", "C-001", "fall"]])
            #expect(try rows(db, "SELECT themes, referred_to, risks, escalated_to FROM v_cases")
                == [["digital|loneliness|transport", "gp|wmo", "caregiver_overload|fall|isolation", "fall"]])
        }
    }

    /// What version 3's date checks accept and refuse, by hand. They are range comparisons (no
    /// function, so no statement journal): text between '0000-01-01' and '9999-12-31T23:59'
    /// passes the table even when malformed (noaber refuses it when it reads, `noaber doctor`
    /// finds it), and so does a number, which the column's TEXT affinity stores as text before
    /// the check sees it; blobs, empty text, full-width digits and letters do not.
    @Test func theVersionThreeDateChecks() throws {
        let verdicts: [(value: String, accepted: Bool)] = [
            ("'2024-01-05'", true), ("'2024-01-05T09:30'", true), ("'2024-1-5'", true),
            ("'2024-01-05 09:30'", true), ("'20240105'", true), ("'31-12-2024'", true), ("'2024-01-0x'", true),
            ("20240105", true), ("2024.5", true), ("'２０２４-01-05'", false), ("''", false),
            ("X'323032342D30312D3035'", false), ("'9999-12-31T23:59'", true), ("'9999-12-31T24:00'", false),
            ("'a024-01-05'", false), ("' 2024-01-05'", false),
        ]
        try withStore { store, _ in
            let db = store.database
            try db.execute("PRAGMA foreign_keys = OFF")
            var n = 0
            for column in ["received", "first_contact", "closed"] {
                for (value, accepted) in verdicts {
                    n += 1
                    let received = column == "received" ? value : "'2024-01-01'"
                    let firstContact = column == "first_contact" ? value : "NULL"
                    let closed = column == "closed" ? value : "NULL"
                    let sql = """
                        INSERT INTO cases(village, case_id, received, first_contact, closed, as_of, import_id)
                        VALUES ('SAA', 'c\(n)', \(received), \(firstContact), \(closed), '2024-06-30', 1)
                        """
                    #expect(((try? db.execute(sql)) != nil) == accepted, "\(column) = \(value)")
                }
                n += 1
                if column != "received" {
                    try db.execute("""
                        INSERT INTO cases(village, case_id, received, \(column), as_of, import_id)
                        VALUES ('SAA', 'c\(n)', '2024-01-01', NULL, '2024-06-30', 1)
                        """)
                }
            }
            #expect(throws: StoreError.self) {
                try db.execute("INSERT INTO cases(village, case_id, received, as_of, import_id) VALUES ('SAA', 'x', NULL, '2024-06-30', 1)")
            }
            for asOf in ["'9999-12-31T00:00'", "'a'", "''", "NULL"] {
                #expect(throws: StoreError.self) {
                    try db.execute("INSERT INTO cases(village, case_id, received, as_of, import_id) VALUES ('SAA', 'y', '2024-01-01', \(asOf), 1)")
                }
            }
        }
    }
}
