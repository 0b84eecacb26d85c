import Testing
import NoaberModel
import NoaberSynth

@Suite struct ExcelSerialTests {
    // Expected serials from Excel's own =DATEVALUE() (and Python: (d - date(1899,12,30)).days).
    @Test(arguments: [
        (2024, 3, 5, 45356), (1900, 3, 1, 61), (1900, 2, 28, 59), (1900, 1, 1, 1),
        (1970, 1, 1, 25569), (2000, 1, 1, 36526), (2023, 1, 1, 44927),
    ])
    func serialOfDate(year: Int, month: Int, day: Int, serial: Int) throws {
        let d = try #require(CivilDate(year: year, month: month, day: day))
        #expect(ExcelSerial.serial(for: d) == serial)
        #expect(ExcelSerial.date(forSerial: serial) == d)
    }

    @Test func theFakeLeapDayAndDatesBefore1900HaveNoSerial() throws {
        #expect(ExcelSerial.date(forSerial: 60) == nil)
        #expect(ExcelSerial.date(forSerial: 0) == nil)
        #expect(ExcelSerial.date(forSerial: -5) == nil)
        #expect(ExcelSerial.serial(for: try #require(CivilDate(year: 1899, month: 12, day: 31))) == nil)
    }

    @Test func dateTimesAreFractionalSerials() throws {
        let moment = Moment(date: try #require(CivilDate(year: 2024, month: 3, day: 5)), minuteOfDay: 14 * 60 + 30)
        let serial = try #require(ExcelSerial.serial(for: moment))
        #expect(abs(serial - (45356 + 870.0 / 1440)) < 1e-9)
    }

    @Test func everySerialRoundTripsOverTwoCenturies() {
        for serial in 61...80_000 {
            guard let d = ExcelSerial.date(forSerial: serial) else { Issue.record("no date for \(serial)"); return }
            #expect(ExcelSerial.serial(for: d) == serial)
        }
    }
}
