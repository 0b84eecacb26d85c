import Testing
@testable import NoaberModel

@Suite struct CivilDateTests {
    @Test func epochIsDayZero() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
        // 2000-03-01 is 11017 days after the epoch (checked with Python's date.toordinal()).
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.dayNumber == 11017)
    }

    @Test func impossibleDatesAreRejectedNotRolledOver() {
        #expect(CivilDate(year: 2024, month: 2, day: 31) == nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
    }

    @Test func roundTripsEveryDayOverFourCenturies() {
        // Sweep 1600-01-01 … 2400-12-31 and check components invert the day number.
        guard let start = CivilDate(year: 1600, month: 1, day: 1),
              let end = CivilDate(year: 2400, month: 12, day: 31) else { Issue.record("bounds"); return }
        var previous: (Int, Int, Int)? = nil
        for n in start.dayNumber...end.dayNumber {
            let c = CivilDate(dayNumber: n).components
            #expect(CivilDate(year: c.year, month: c.month, day: c.day)?.dayNumber == n)
            if let p = previous {
                let advanced = (c.day == p.2 + 1 && c.month == p.1 && c.year == p.0)
                    || (c.day == 1 && (c.month == p.1 + 1 || (c.month == 1 && c.year == p.0 + 1)))
                if !advanced { Issue.record("not consecutive at \(n)") ; return }
            }
            previous = c
        }
    }

    @Test func isoFormattingAndParsing() {
        let d = CivilDate(year: 2024, month: 3, day: 5)
        #expect(d?.iso == "2024-03-05")
        #expect(CivilDate(iso: "2024-03-05") == d)
        #expect(CivilDate(iso: "2024-02-30") == nil)
        #expect(CivilDate(iso: "2024-3-5") == nil)
        #expect(CivilDate(year: 1, month: 1, day: 1)?.iso == "0001-01-01")
        #expect(CivilDate(year: 9999, month: 12, day: 31)?.iso == "9999-12-31")
    }

    @Test func weekday() {
        #expect(CivilDate(year: 2024, month: 3, day: 5)?.isoWeekday == 2)   // a Tuesday
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.isoWeekday == 4)
        #expect(CivilDate(year: 1969, month: 12, day: 29)?.isoWeekday == 1)
    }

    @Test func momentDurations() throws {
        let a = try #require(Moment(iso: "2024-03-05T09:00"))
        let b = try #require(Moment(iso: "2024-03-05T15:00"))
        #expect(a.days(until: b) == 0.25)
        let c = try #require(Moment(iso: "2024-03-07"))
        #expect(a.days(until: c) == 2)          // a bare date: whole days only
        #expect(c.days(until: a) == -2)
        #expect(Moment(iso: "2024-03-05T24:00") == nil)
        #expect(b.iso == "2024-03-05T15:00")
    }

    @Test func ageBandsFromAge() {
        #expect(AgeBand(age: 17) == .under18)
        #expect(AgeBand(age: 18) == .adult)
        #expect(AgeBand(age: 74) == .from65to74)
        #expect(AgeBand(age: 75) == .from75to84)
        #expect(AgeBand(age: 85) == .over85)
        #expect(AgeBand(age: -1) == nil)
    }
}
