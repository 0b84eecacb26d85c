import Testing
import NoaberModel
@testable import NoaberStore

/// The writer's byte sources for binding (`CodeBytes`, `DayCache`) must give exactly the text the
/// `String` paths they replace gave: `rawValue` and `ISODate.format`.
@Suite struct BindBytesTests {
    @Test func codeBytesAreTheRawValuesOfEveryVocabularyTheWriterBinds() throws {
        try expectRawValues(AgeBand.self)
        try expectRawValues(Source.self)
        try expectRawValues(Channel.self)
        try expectRawValues(Resolution.self)
        try expectRawValues(Theme.self)
        try expectRawValues(Referral.self)
        try expectRawValues(Risk.self)
    }

    private func expectRawValues<C: Code>(_: C.Type) throws {
        let table = CodeBytes<C>()
        for code in C.allCases {
            // nil would only mean the slower fallback; these vocabularies must take the fast path.
            let bytes = try #require(table.bytes(of: code), "\(C.self).\(code.rawValue)")
            let text = String(decoding: UnsafeBufferPointer(start: bytes.start, count: bytes.count), as: UTF8.self)
            #expect(text == code.rawValue)
        }
    }

    @Test func dayCacheFormatsLikeISODateAcrossSlotCollisions() {
        let cache = DayCache()
        var expected = [UInt8](repeating: 0, count: 16)
        var actual = [UInt8](repeating: 0, count: 16)
        let start = CivilDate(year: 2023, month: 1, day: 1)?.dayNumber ?? 0
        // Days 4,096 apart share a slot; minutes cover both ends of the day and no time at all.
        var moments: [Moment] = []
        for offset in [0, 1, 4_096, 0, 8_192, 59, 4_096 + 59, 1] {
            for minute in [nil, 0, 59, 60, 754, 1_439] as [Int?] {
                moments.append(Moment(date: CivilDate(dayNumber: start + offset), minuteOfDay: minute))
            }
        }
        for m in moments {
            let want = expected.withUnsafeMutableBufferPointer { ISODate.format(m, into: $0) }
            let got = actual.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { cache.format(m, into: $0) } }
            #expect(want != nil)
            #expect(got == want, "\(m)")
            if let count = want { #expect(actual[0..<count] == expected[0..<count], "\(m)") }
        }
    }

    @Test func dayCacheRefusesWhatISODateRefusesEvenAfterAHit() {
        let cache = DayCache()
        var out = [UInt8](repeating: 0, count: 16)
        let day = CivilDate(year: 2024, month: 1, day: 1) ?? CivilDate(dayNumber: 0)
        func format(_ m: Moment) -> Int? {
            out.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { cache.format(m, into: $0) } }
        }
        #expect(format(Moment(date: day)) == 10)   // now cached
        #expect(format(Moment(date: day, minuteOfDay: 1_440)) == nil)
        #expect(format(Moment(date: day, minuteOfDay: -1)) == nil)
        #expect(format(Moment(date: CivilDate(dayNumber: 3_000_000))) == nil)
        #expect(format(Moment(date: CivilDate(dayNumber: -800_000))) == nil)
        #expect(format(Moment(date: day, minuteOfDay: 61)) == 16)
        #expect(String(decoding: out, as: UTF8.self) == "2024-01-01T01:01")
    }
}
