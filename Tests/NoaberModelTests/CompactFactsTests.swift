import Testing
@testable import NoaberModel

@Suite struct CodeSetTests {
    @Test func everyVocabularyFitsInThirtyTwoBits() {
        #expect(Theme.allCases.count <= 32)
        #expect(Risk.allCases.count <= 32)
        #expect(Referral.allCases.count <= 32)
    }

    @Test func membersAreBitsInVocabularyOrder() {
        var s: CodeSet<Risk> = []
        #expect(s.isEmpty && s.count == 0)
        let all = Risk.allCases
        s.insert(all[3])
        s.insert(all[0])
        s.insert(all[3])
        #expect(s.mask == 0b1001)
        #expect(Array(s) == [all[0], all[3]])
        #expect(s.contains(all[0]) && !s.contains(all[1]))
        var offsets: [Int] = []
        s.forEachOffset { offsets.append($0) }
        #expect(offsets == [0, 3])
        #expect(s.subtracting([all[3], all[2]]) == [all[0]])
        #expect(CodeSet(Set(Theme.allCases)).count == Theme.allCases.count)
        #expect(CodeSet(Set(Theme.allCases)).asSet == Set(Theme.allCases))
    }
}

@Suite struct PersonTokenTests {
    @Test func aHexPseudonymGivesItsFirstSixtyFourBits() {
        let key = "00000000000000ff" + String(repeating: "9", count: 48)
        #expect(PersonToken.of(key) == 255)
        #expect(PersonToken.of("FFFFFFFFFFFFFFFF") == UInt64.max)
        #expect(PersonToken.of("deadbeef00000001zz") == 0xdead_beef_0000_0001)
        #expect(PersonToken.of("DEADBEEF00000001") == PersonToken.of("deadbeef00000001"))
    }

    /// Keys that are not noaber pseudonyms: 64-bit FNV-1a. Reference values from Python:
    /// h = 0xcbf29ce484222325; for b in key: h = ((h ^ b) * 0x100000001b3) % 2**64
    @Test func anyOtherKeyIsHashedWithFNV1a() {
        #expect(PersonToken.of("") == 0xcbf2_9ce4_8422_2325)
        #expect(PersonToken.of("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(PersonToken.of("p1") == 0x08d5_9707_b575_eaba)
        // 16 characters, one of them not hex: hashed, not parsed.
        #expect(PersonToken.of("000000000000000g") != 0)
        #expect(PersonToken.of("000000000000000g") != PersonToken.of("000000000000000f"))
    }
}

@Suite struct CaseFactsTests {
    @Test func aRecordReducesToItsFactsAndBack() throws {
        let received = Moment(date: try #require(CivilDate(year: 2024, month: 3, day: 5)), minuteOfDay: 9 * 60 + 30)
        let closed = Moment(date: try #require(CivilDate(year: 2024, month: 4, day: 1)))
        let r = CaseRecord(village: "V", caseID: "1", personKey: "p1", birthYear: 1940, received: received,
                           closed: closed, source: .resident, themes: [.financeAdmin, .loneliness], collective: false,
                           referredTo: [], risks: [.fall], escalatedTo: [], supportMinutes: 45)
        let f = CaseFacts(r)
        #expect(f.received == received)
        #expect(f.firstContact == nil)
        #expect(f.closed == closed)
        #expect(f.closedDayNumber == closed.date.dayNumber)
        #expect(f.receivedOrder == received.date.dayNumber * 1440 + 570)
        #expect(f.ageBand == .from75to84)          // 2024 − 1940 = 84
        #expect(f.personToken == PersonToken.of("p1"))
        #expect(f.themes.asSet == [.financeAdmin, .loneliness])
        #expect(f.risks.asSet == [.fall])
        #expect(f.supportMinutes == 45)
        #expect(f.source == .resident && f.channel == nil && !f.collective)

        let anonymous = CaseFacts(CaseRecord(village: "V", caseID: "2", received: received))
        #expect(anonymous.personToken == nil && anonymous.supportMinutes == nil && anonymous.ageBand == nil)
        // No minutes logged is still equal to itself (no NaN inside).
        #expect(anonymous == CaseFacts(CaseRecord(village: "W", caseID: "3", received: received)))
    }

    @Test func factsStayCompact() {
        #expect(MemoryLayout<CaseFacts>.stride <= 64)   // 60 bytes of fields since the last-seen day
    }
}
