import NoaberModel
import Testing
@testable import NoaberReport

@Suite struct DateFormattingTests {
    let nl = DateFormatting.dutch
    let en = DateFormatting.english

    @Test func dates() throws {
        let date = try #require(CivilDate(year: 2024, month: 3, day: 5))
        #expect(nl.date(date) == "5 maart 2024")
        #expect(en.date(date) == "5 March 2024")
        let leap = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(nl.date(leap) == "29 februari 2024")
        let old = try #require(CivilDate(year: 1969, month: 12, day: 31))
        #expect(en.date(old) == "31 December 1969")
    }

    @Test func monthNames() {
        #expect((1...12).compactMap(nl.monthName) == ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                                                       "augustus", "september", "oktober", "november", "december"])
        #expect(en.monthName(5) == "May")
        #expect(nl.shortMonthName(3) == "mrt")
        #expect(nl.monthName(0) == nil)
        #expect(en.monthName(13) == nil)
    }

    @Test(arguments: [
        ("2024", "2024", "2024", "2024", "2024"),
        ("2024Q3", "3e kwartaal 2024", "Q3 2024", "K3 2024", "Q3 2024"),
        ("2024-Q1", "1e kwartaal 2024", "Q1 2024", "K1 2024", "Q1 2024"),
        ("2024-05", "mei 2024", "May 2024", "mei 2024", "May 2024"),
        ("2023-12", "december 2023", "December 2023", "dec 2023", "Dec 2023"),
        ("2024-03-05", "5 maart 2024", "5 March 2024", "5 mrt 2024", "5 Mar 2024"),
        ("2024Q5", "2024Q5", "2024Q5", "2024Q5", "2024Q5"),          // not a quarter: unchanged
        ("2024-13", "2024-13", "2024-13", "2024-13", "2024-13"),
        ("2023-02-29", "2023-02-29", "2023-02-29", "2023-02-29", "2023-02-29"),
        ("Ees", "Ees", "Ees", "Ees", "Ees"),
    ])
    func periodLabels(code: String, dutch: String, english: String, shortDutch: String, shortEnglish: String) {
        #expect(nl.periodLabel(code) == dutch)
        #expect(en.periodLabel(code) == english)
        #expect(nl.shortPeriodLabel(code) == shortDutch)
        #expect(en.shortPeriodLabel(code) == shortEnglish)
    }
}
