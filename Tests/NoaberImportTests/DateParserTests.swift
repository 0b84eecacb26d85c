import Testing
import NoaberModel
@testable import NoaberImport

@Suite struct DateParserTests {
    let dmy = DateParser(order: .dayMonthYear)

    func iso(_ text: String, _ parser: DateParser? = nil) -> String? {
        switch (parser ?? dmy).parse(text) {
        case .success(let m): return m?.iso ?? "empty"
        case .failure: return nil
        }
    }

    func problem(_ text: String, _ parser: DateParser? = nil) -> ValueProblem? {
        if case .failure(let p) = (parser ?? dmy).parse(text) { return p }
        return nil
    }

    @Test(arguments: [
        ("2024-03-05", "2024-03-05"), ("2024-03-05T14:30", "2024-03-05T14:30"),
        ("2024-03-05 14:30", "2024-03-05T14:30"), ("2024-03-05T14:30:59", "2024-03-05T14:30"),
        ("5-3-2024", "2024-03-05"), ("05-03-2024", "2024-03-05"), ("5/3/2024", "2024-03-05"),
        ("5.3.2024", "2024-03-05"), ("31-12-2024", "2024-12-31"), ("29-2-2024", "2024-02-29"),
        ("5-3-2024 9:05", "2024-03-05T09:05"), ("5-3-2024 09:05:00", "2024-03-05T09:05"),
        ("  5-3-2024  ", "2024-03-05"), ("2024.03.05", "2024-03-05"), ("", "empty"), ("   ", "empty"),
        ("45356", "2024-03-05"), ("45356,75", "2024-03-05T18:00"), ("45356.5", "2024-03-05T12:00"),
        ("36526", "2000-01-01"), ("10000", "1927-05-18"), ("2958465", "9999-12-31"),
        ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
    ])
    func accepts(_ input: String, _ expected: String) {
        #expect(iso(input) == expected, "\(input)")
    }

    /// The canonical forms take a shortcut (`DateParser.canonical`); near misses must still get the
    /// general path's answer. Expected values by hand: 2024 is a leap year, 2100 is not, 2000 is.
    @Test func canonicalFormsAndTheirNearMissesReadAsBefore() {
        #expect(iso("2024-02-29") == "2024-02-29")
        #expect(iso("2000-02-29T00:00") == "2000-02-29T00:00")
        #expect(iso("2023-12-31T23:59") == "2023-12-31T23:59")
        #expect(iso(" 2023-01-02T15:40 ") == "2023-01-02T15:40")
        #expect(problem("2100-02-29") == .impossibleDate("2100-02-29"))
        #expect(problem("0000-01-01") == .impossibleDate("0000-01-01"))
        #expect(problem("2024-13-01") == .impossibleDate("2024-13-01"))
        #expect(problem("2024-00-10") == .impossibleDate("2024-00-10"))
        #expect(problem("2024-03-05T24:00") == .impossibleTime("2024-03-05T24:00"))
        #expect(problem("2024-03-05T23:60") == .impossibleTime("2024-03-05T23:60"))
        #expect(problem("2024-03-05X12:00") == .notADate("2024-03-05X12:00"))
        #expect(problem("2024-03-05T12-00") == .notADate("2024-03-05T12-00"))
        #expect(problem("2024-03-1a") == .notADate("2024-03-1a"))
        #expect(problem("2024/03-05") == .notADate("2024/03-05"))
        // Same length as the canonical forms, other layouts: the general path reads them.
        #expect(iso("2024-3-5 9:05") == "2024-03-05T09:05")
        #expect(iso("05-03-2024") == "2024-03-05")
        #expect(iso("2024.03.05") == "2024-03-05")
    }

    /// Long and custom date formats of Dutch (and English) Excel: the month by name, in any case,
    /// with the usual abbreviations; the name fixes the month whatever the profile's order.
    @Test func monthNamesInDutchAndEnglish() {
        let mdy = DateParser(order: .monthDayYear)
        for (text, expected) in [("5 maart 2024", "2024-03-05"), ("5-mrt-2024", "2024-03-05"), ("05 mrt. 2024", "2024-03-05"),
                                 ("5 Maart 2024", "2024-03-05"), ("5-MRT-2024", "2024-03-05"), ("5 March 2024", "2024-03-05"),
                                 ("5-Mar-2024", "2024-03-05"), ("31 december 2024", "2024-12-31"), ("1 okt 2024", "2024-10-01"),
                                 ("1 oct 2024", "2024-10-01"), ("12 mei 2024", "2024-05-12"), ("12 May 2024", "2024-05-12"),
                                 ("3 sept. 2024", "2024-09-03"), ("29 feb 2024", "2024-02-29"), ("5 maart 2024 14:30", "2024-03-05T14:30"),
                                 ("5.jan.2024", "2024-01-05"), ("  7 juli 2024 ", "2024-07-07")] {
            #expect(iso(text) == expected, "\(text)")
            #expect(iso(text, mdy) == expected, "\(text), month-first profile")
        }
        #expect(problem("30 februari 2024") == .impossibleDate("30 februari 2024"))
        #expect(problem("5-mrt-24") == .twoDigitYear("5-mrt-24"))
        for text in ["5 maan 2024", "5 m 2024", "5 maart", "maart 2024", "5 maart 2024 25:00", "5 maartje 2024", "123 maart 2024"] {
            #expect(iso(text) == nil, "\(text)")
        }
    }

    @Test func impossibleDatesAreErrorsNeverRolledOver() {
        #expect(problem("31-2-2024") == .impossibleDate("31-2-2024"))
        #expect(problem("29-2-2023") == .impossibleDate("29-2-2023"))
        #expect(problem("2024-02-30") == .impossibleDate("2024-02-30"))
        #expect(problem("0-1-2024") == .impossibleDate("0-1-2024"))
        #expect(problem("1-13-2024") == .impossibleDate("1-13-2024"))
        #expect(problem("5-3-2024 24:00") == .impossibleTime("5-3-2024 24:00"))
        #expect(problem("5-3-2024 12:60") == .impossibleTime("5-3-2024 12:60"))
    }

    @Test func ambiguousOrMalformedInputIsRefused() {
        #expect(problem("5-3-24") == .twoDigitYear("5-3-24"))
        #expect(problem("20240305") != nil)           // 8 digits: neither a date form nor a plausible serial
        #expect(problem("2024") != nil)               // a bare year is not a serial date
        #expect(problem("maart 2024") != nil)
        #expect(problem("5-3/2024") != nil)           // mixed separators
        #expect(problem("5-3-2024x") != nil)
        #expect(problem("60") != nil)                 // Excel's fake 29 February 1900 and other tiny serials
        #expect(problem("2958466") != nil)
    }

    @Test func monthFirstOrderFollowsTheProfile() {
        let mdy = DateParser(order: .monthDayYear)
        #expect(iso("3/5/2024", mdy) == "2024-03-05")
        #expect(iso("2024-03-05", mdy) == "2024-03-05")   // ISO stays ISO
        #expect(problem("31/12/2024", mdy) != nil)
    }

    @Test func serialsCanBeSwitchedOff() {
        #expect(problem("45356", DateParser(order: .dayMonthYear, allowsExcelSerial: false)) != nil)
    }

    @Test func fractionalSerialRoundsToTheMinuteAndCarriesOverMidnight() {
        // 0.99999 of a day is 23:59:59.1 → rounds to 24:00, i.e. the next day 00:00.
        #expect(iso("45356.99999") == "2024-03-06T00:00")
        // 1/3 day = 08:00.
        #expect(iso("45356,3333333") == "2024-03-05T08:00")
    }

    @Test func messagesNameTheValueOnlyWhenAllowed() {
        let p = ValueProblem.impossibleDate("31-2-2024")
        #expect(p.message().nl.contains("31-2-2024"))
        #expect(!p.message(showingValue: false).nl.contains("31-2-2024"))
        #expect(p.message().en.contains("does not exist"))
    }
}
