import Foundation
import Testing
import NoaberModel
@testable import NoaberStore
@testable import NoaberImport

/// A time spent typed on a clock (`1:30`) reads as the same amount as its decimal twin, for a
/// support time in minutes and a task's hours; anything that is not a clock stays a decimal.
@Suite struct DurationParserTests {
    func value(_ text: String, _ unit: DurationParser.Unit = .minutes, _ sep: DecimalSeparator = .auto) -> Double?? {
        switch DurationParser(numbers: NumberParser(separator: sep), unit: unit).parse(text) {
        case .success(let v): return .some(v)
        case .failure: return .none
        }
    }

    @Test func clockValuesInMinutesAndHours() {
        #expect(value("1:30") == 90)
        #expect(value("01:30") == 90)
        #expect(value(" 0:45 ") == 45)
        #expect(value("0:00") == 0)
        #expect(value("26:15") == 1575, "an elapsed time past a day, as a workbook's [h]:mm writes it")
        #expect(value("0:45:30") == 45.5)
        #expect(value("99999:59") == 5_999_999)
        #expect(value("1:30", .hours) == 1.5)
        #expect(value("0:45", .hours) == 0.75)
        #expect(value("1:15", .hours) == 1.25)
    }

    @Test func decimalsKeepTheirMeaning() {
        #expect(value("90") == 90)
        #expect(value("1,5", .hours) == 1.5)
        #expect(value("1.5", .hours) == 1.5)
        #expect(value("1,25", .hours, .comma) == 1.25)
        #expect(value("") == .some(nil))
        #expect(value("   ") == .some(nil))
    }

    /// A number with its unit, as people type it: converted to the field's unit.
    @Test func aUnitAfterTheNumberIsConverted() {
        #expect(value("45 min") == 45)
        #expect(value("45min") == 45)
        #expect(value("90 minuten") == 90)
        #expect(value("1,5 uur") == 90)
        #expect(value("2u") == 120)
        #expect(value("2 UUR") == 120)
        #expect(value("1.5 hours") == 90)
        #expect(value("30 m") == 30)
        #expect(value("1,5 uur", .hours) == 1.5)
        #expect(value("45 min", .hours) == 0.75)
        #expect(value("90 minutes", .hours) == 1.5)
        #expect(value("3 h", .hours) == 3)
        for text in ["min", "45 minn", "45 dagen", "uur 2", "1e", "45 min 3", "- min", "1,5 uur extra"] {
            #expect(value(text) == nil, "\(text)")
        }
    }

    @Test func malformedClocksAreRefusedNotGuessed() {
        for text in ["1:75", "1:3", "1:300", "1:30:", "1:30:60", "1:30:5", ":30", "1::30", "123456:00", "1:30 u", "-1:30", "1,5:30", "14:30-15:00"] {
            #expect(value(text) == nil, "\(text)")
        }
    }

    /// Cases whose support time is typed on a clock import with the minutes of their decimal twin;
    /// the rejected row keeps its clock value only when it is a valid time spent.
    @Test func aClockSupportTimeImportsAsMinutes() throws {
        func importCases(_ minutes: [String]) throws -> (Sandbox, ImportReport) {
            let box = try Sandbox()
            _ = try box.importer.importFile(WorkbookImportTests.datasets + "/villages.csv",
                                            options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
            var text = "case_id,village,received,first_contact,themes,support_minutes\n"
            for (i, m) in minutes.enumerated() { text += "SAA-\(100 + i),SAA,2024-03-0\(i + 1),2024-03-0\(i + 1),housing,\"\(m)\"\n" }
            let path = try box.write("SAA-cases.csv", text)
            return (box, try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2024, month: 3, day: 31))))
        }
        let (clockBox, clock) = try importCases(["1:30", "0:45", "2:00", "0:07:30", "1:75"])
        let (decimalBox, decimal) = try importCases(["90", "45", "120", "7,5", "x"])
        #expect(clock.accepted == 4 && decimal.accepted == 4)
        let sql = "SELECT case_id, support_minutes FROM v_cases ORDER BY case_id"
        let stored = try WorkbookImportTests.rows(clockBox, sql)
        #expect(stored == (try WorkbookImportTests.rows(decimalBox, sql)))
        #expect(stored.map { $0[1] } == ["90.0", "45.0", "120.0", "7.5"])
        let rejected = try clockBox.store.rejectedRows()
        #expect(rejected.map(\.field) == ["support_minutes"])
        #expect(rejected.first?.reason.contains("1:75") == true, "\(rejected)")
    }
}

/// An age with its unit (`82 jaar`) reads as the number; any other word after it is refused.
@Suite struct AgeParserTests {
    func age(_ text: String) -> Int?? {
        switch AgeParser(numbers: NumberParser(separator: .auto)).parse(text) {
        case .success(let v): return .some(v)
        case .failure: return .none
        }
    }

    @Test func agesWithAndWithoutTheirUnit() {
        for (text, expected) in [("82", 82), ("82 jaar", 82), ("82 Jaar", 82), ("82jaar", 82), ("82 jr", 82), ("82j", 82),
                                 ("7 years", 7), ("1 year", 1), ("64 yrs", 64), (" 90 jaar ", 90)] {
            #expect(age(text) == .some(expected), "\(text)")
        }
        #expect(age("") == .some(nil))
        for text in ["jaar", "82 jaren oud", "82 maanden", "82,5 jaar", "ca. 82 jaar", "82 jaar 3"] {
            #expect(age(text) == nil, "\(text)")
        }
    }
}
