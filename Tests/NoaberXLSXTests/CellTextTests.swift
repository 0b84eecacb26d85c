import Testing
@testable import NoaberXLSX

@Suite("Cell text: numbers and dates as noaber's CSV values look")
struct CellTextTests {
    func number(_ v: String, _ separator: Character = ".") -> String? {
        var out: [UInt8] = []
        let ok = Array(v.utf8).withUnsafeBufferPointer { CellText.appendNumber($0, decimalSeparator: UInt8(ascii: separator.unicodeScalars.first!), into: &out) }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }

    func serial(_ s: Double, _ format: CellFormat, uses1904: Bool = false) -> String? {
        var out: [UInt8] = []
        return CellText.appendSerial(s, format: format, uses1904: uses1904, into: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    @Test func numbersAreShortestRoundTripWithoutExponent() {
        #expect(number("0") == "0")
        #expect(number("45356") == "45356")
        #expect(number("-12") == "-12")
        #expect(number("1.5") == "1.5")
        #expect(number("1.5", ",") == "1,5")
        #expect(number("62.500000000000001") == "62.5")
        #expect(number("0.10000000000000001") == "0.1")
        #expect(number("1E-3") == "0.001")
        #expect(number("1.2345E-7") == "0.00000012345")
        #expect(number("1.5E+20") == "150000000000000000000")
        #expect(number("123456789012345678") == "123456789012345680")
        #expect(number("-0") == "0")
        #expect(number("007") == "7")
        #expect(number("2.5E2") == "250")
        #expect(number("-0.25") == "-0.25")
        #expect(number("abc") == nil)
        #expect(number("") == nil)
        #expect(number("NaN") == nil)
        #expect(number("1e999") == nil)
    }

    @Test func datesInThe1900SystemIncludingTheLeapDayBug() {
        #expect(serial(1, .date) == "1900-01-01")
        #expect(serial(59, .date) == "1900-02-28")
        #expect(serial(60, .date) == "1900-02-29", "Excel's fictitious day: rendered so the date parser refuses it")
        #expect(serial(61, .date) == "1900-03-01")
        #expect(serial(0, .date) == "1900-01-00")
        #expect(serial(45356, .date) == "2024-03-05")
        #expect(serial(45356.604166666664, .dateTime) == "2024-03-05T14:30")
        #expect(serial(45356.604166666664, .date) == "2024-03-05", "a date-only format shows no time")
        #expect(serial(45356.99999, .dateTime) == "2024-03-06T00:00", "seconds round to the nearest minute")
        #expect(serial(2_958_465, .date) == "9999-12-31")
        #expect(serial(2_958_466, .date) == nil)
        #expect(serial(-1, .date) == nil)
    }

    @Test func datesInThe1904System() {
        #expect(serial(0, .date, uses1904: true) == "1904-01-01")
        #expect(serial(43894.604166666664, .dateTime, uses1904: true) == "2024-03-05T14:30")
        #expect(serial(60, .date, uses1904: true) == "1904-03-01")
    }

    @Test func timesAndDurations() {
        #expect(serial(0.5, .time) == "12:00")
        #expect(serial(0.0625, .time) == "01:30")
        #expect(serial(1.25, .time) == "30:00", "a duration over a day keeps counting hours")
    }

    @Test func isoDateCells() {
        func iso(_ v: String, _ format: CellFormat = .date) -> String? {
            var out: [UInt8] = []
            let ok = Array(v.utf8).withUnsafeBufferPointer { CellText.appendISO($0, format: format, into: &out) }
            return ok ? String(decoding: out, as: UTF8.self) : nil
        }
        #expect(iso("2024-03-05") == "2024-03-05")
        #expect(iso("2024-03-05T14:30:00") == "2024-03-05T14:30")
        #expect(iso("2024-03-05T14:30:40Z") == "2024-03-05T14:31")
        #expect(iso("2024-03-05T00:00:00") == "2024-03-05")
        #expect(iso("2024-03-05T00:00:00", .dateTime) == "2024-03-05T00:00")
        #expect(iso("14:30:00") == "14:30")
        #expect(iso("2024-02-30") == nil)
        #expect(iso("gisteren") == nil)
    }

    @Test func calendarRoundTrip() {
        for days in stride(from: -800_000, through: 2_932_896, by: 997) {
            let (y, m, d) = CellText.civil(days)
            #expect(CellText.days(year: y, month: m, day: d) == days)
        }
    }
}

@Suite("Number formats: which show a date")
struct NumberFormatTests {
    @Test func builtInIDs() {
        for id in [14, 15, 16, 17, 27, 30, 36, 50, 58] { #expect(Styles.builtIn(id) == .date, "\(id)") }
        #expect(Styles.builtIn(22) == .dateTime)
        for id in [18, 19, 20, 21, 45, 46, 47] { #expect(Styles.builtIn(id) == .time, "\(id)") }
        for id in [0, 1, 2, 9, 10, 11, 12, 13, 37, 44, 49, 59, 164] { #expect(Styles.builtIn(id) == .number, "\(id)") }
    }

    @Test func customCodes() {
        #expect(NumberFormat.classify("d-m-yyyy") == .date)
        #expect(NumberFormat.classify("dd/mm/yyyy") == .date)
        #expect(NumberFormat.classify("d mmmm yyyy") == .date)
        #expect(NumberFormat.classify("mmm-yy") == .date)
        #expect(NumberFormat.classify("[$-413]d-mmm-yyyy;@") == .date)
        #expect(NumberFormat.classify("d-m-yyyy h:mm") == .dateTime)
        #expect(NumberFormat.classify("yyyy-mm-dd hh:mm:ss") == .dateTime)
        #expect(NumberFormat.classify("h:mm AM/PM") == .time)
        #expect(NumberFormat.classify("mm:ss") == .time)
        #expect(NumberFormat.classify("[h]:mm") == .time)
        #expect(NumberFormat.classify("[mm]") == .time)
        #expect(NumberFormat.classify("General") == .number)
        #expect(NumberFormat.classify("0.00E+00") == .number)
        #expect(NumberFormat.classify("#,##0.00 \"days\"") == .number, "quoted text is not a date token")
        #expect(NumberFormat.classify("[Red]0.00;[Blue]-0.00") == .number)
        #expect(NumberFormat.classify("0\\d") == .number, "an escaped d is text")
        #expect(NumberFormat.classify("_(* #,##0_);_(* (#,##0)") == .number)
        #expect(NumberFormat.classify("@") == .number)
        #expect(NumberFormat.classify("0;d-m-yyyy") == .number, "only the first section counts")
    }
}
