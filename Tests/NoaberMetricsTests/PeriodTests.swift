import Testing
import NoaberModel
@testable import NoaberMetrics

struct PeriodTests {
    @Test(arguments: [
        ("2024", "2024-01-01", "2024-12-31", "2024", 366),
        ("2023", "2023-01-01", "2023-12-31", "2023", 365),
        ("2024Q1", "2024-01-01", "2024-03-31", "2024Q1", 91),
        ("2023q1", "2023-01-01", "2023-03-31", "2023Q1", 90),
        ("2024Q3", "2024-07-01", "2024-09-30", "2024Q3", 92),
        ("2024Q4", "2024-10-01", "2024-12-31", "2024Q4", 92),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-02", 29),
        ("2023-02", "2023-02-01", "2023-02-28", "2023-02", 28),
        ("1900-02", "1900-02-01", "1900-02-28", "1900-02", 28),
        ("2000-02", "2000-02-01", "2000-02-29", "2000-02", 29),
        ("2024-05", "2024-05-01", "2024-05-31", "2024-05", 31),
        ("2024-01-01..2024-06-30", "2024-01-01", "2024-06-30", "2024-01-01..2024-06-30", 182),
        ("2024-07-01..2024-09-30", "2024-07-01", "2024-09-30", "2024Q3", 92),
        ("2024-03-05..2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05..2024-03-05", 1),
        (" 2024 ", "2024-01-01", "2024-12-31", "2024", 366),
    ])
    func parses(text: String, start: String, end: String, label: String, days: Int) throws {
        let p = try Period(parsing: text)
        #expect(p.start == (try day(start)))
        #expect(p.end == (try day(end)))
        #expect(p.label == label)
        #expect(p.dayCount == days)
    }

    @Test(arguments: ["", "24", "2024Q5", "2024Q0", "2024-13", "2024-00", "2024-1", "2024-02-30..2024-03-01",
                      "2024-06-30..2024-01-01", "2024-01-01..", "abcd", "2024-01-01", "2024Q", "20245"])
    func rejects(text: String) {
        #expect(throws: MetricsError.self) { try Period(parsing: text) }
        do {
            _ = try Period(parsing: text)
        } catch {
            #expect(error.description.contains("invalid period '\(text)'"))
        }
    }

    @Test func endBeforeStartSaysSo() {
        #expect(throws: MetricsError.invalidPeriod(input: "2024-06-30..2024-01-01", reason: "the end is before the start")) {
            try Period(parsing: "2024-06-30..2024-01-01")
        }
    }

    @Test func splitYearIntoQuartersAndMonths() throws {
        let y = try period("2024")
        #expect(y.split(every: .quarter).map(\.label) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])
        let months = y.split(every: .month)
        #expect(months.count == 12)
        #expect(months[1].label == "2024-02" && months[1].dayCount == 29)
        #expect(months.reduce(0) { $0 + $1.dayCount } == 366)
        #expect(y.split(every: .year).map(\.label) == ["2024"])
    }

    @Test func splitClipsPartialUnits() throws {
        let p = try period("2023-11-15..2024-02-10")
        #expect(p.split(every: .month).map(\.label)
                == ["2023-11-15..2023-11-30", "2023-12", "2024-01", "2024-02-01..2024-02-10"])
        #expect(p.split(every: .quarter).map(\.label) == ["2023-11-15..2023-12-31", "2024-01-01..2024-02-10"])
        #expect(p.split(every: .year).map(\.label) == ["2023-11-15..2023-12-31", "2024-01-01..2024-02-10"])
        // pieces tile the range exactly
        let pieces = p.split(every: .month)
        #expect(pieces.reduce(0) { $0 + $1.dayCount } == p.dayCount)
        for (a, b) in zip(pieces, pieces.dropFirst()) { #expect(a.end.adding(days: 1) == b.start) }
    }

    @Test func splitAcrossYearsAndLeapFebruary() throws {
        let p = try period("2023-01-01..2024-12-31")
        #expect(p.split(every: .year).map(\.label) == ["2023", "2024"])
        #expect(p.split(every: .quarter).count == 8)
        let feb = p.split(every: .month).filter { $0.start.month == 2 }.map(\.dayCount)
        #expect(feb == [28, 29])
    }

    @Test func weeksAndContains() throws {
        let q = try period("2024Q1")
        #expect(q.weeks == 13)
        #expect(q.contains(try day("2024-03-31")))
        #expect(!q.contains(try day("2024-04-01")))
        #expect(!q.contains(try day("2023-12-31")))
    }
}
