import Foundation
import Testing
@testable import NoaberMetrics

@Suite("Price indexation with the CBS CPI")
struct PriceIndexTests {
    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/parameters/cpi-cbs.csv")
    }

    static func parse(_ text: String) throws(MetricsError) -> PriceIndex {
        try PriceIndex.parse(csv: Array(text.utf8), file: "test.csv")
    }

    @Test("the embedded series equals Datasets/parameters/cpi-cbs.csv")
    func referenceMatchesFile() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fileURL))
        let parsed = try PriceIndex.parse(csv: bytes, file: "cpi-cbs.csv")
        #expect(parsed == PriceIndex.cbs)
        #expect(parsed.firstYear == 2010 && parsed.lastYear == 2025)
        #expect(parsed.value(inYear: 2015) == 100)
        #expect(PriceIndex.cbsSource.contains("83131NED"))
    }

    /// 2022 → 2024: 130.31 / 121.43 = 1.073128…; a nursing-home day of €290 (price level 2022) is
    /// €311.21 at 2024 prices. 2015 → 2022: 121.43 / 100 = 1.2143.
    @Test func factorByHand() throws {
        let f = try PriceIndex.cbs.factor(from: 2022, to: 2024)
        #expect(f.factor == 130.31 / 121.43)
        #expect(abs(f.factor - 1.073128) < 1e-6 && abs(290 * f.factor - 311.21) < 0.005)
        #expect(!f.usesLatestYear && f.priceYearUsed == 2022 && f.reportYearUsed == 2024)
        #expect(abs(try PriceIndex.cbs.factor(from: 2015, to: 2022).factor - 1.2143) < 1e-15)
        #expect(try PriceIndex.cbs.factor(from: 2022, to: 2022).factor == 1)
        // Deflating works the same way: 2024 euros to 2022 prices.
        #expect(try PriceIndex.cbs.factor(from: 2024, to: 2022).factor == 121.43 / 130.31)
    }

    /// The reference parameters at 2024 prices: each unit cost × 130.31 / 121.43. Python:
    /// 26100 * 130.31 / 121.43 = 28008.655192291855 (nursing-home admission, most likely);
    /// 290 × the same factor = 311.2072799… (a nursing-home day, PriceIndexTests.factorByHand).
    @Test("escalation parameters priced to a report year")
    func pricedParameters() throws {
        let (priced, level) = try EscalationParameters.reference.priced(by: .cbs, to: 2024)
        #expect(level.year == 2024 && level.requestedYear == 2024 && !level.usesLatestYear)
        #expect(level.factors == [130.31 / 121.43] && level.sourceYears == [2022])
        #expect(priced.priceYear == 2024)
        let nursing = try #require(priced.risks[.nursingHomeAdmission]?.unitCost)
        #expect(abs(nursing.mostLikely - 28008.655192291855) < 1e-9 && nursing.priceYear == 2024)
        #expect(abs(nursing.low - 8700 * 130.31 / 121.43) < 1e-9 && abs(nursing.high - 52200 * 130.31 / 121.43) < 1e-9)
        // Probabilities, deadweight and attribution are not prices.
        #expect(priced.risks[.fall]?.probability == EscalationParameters.reference.risks[.fall]?.probability)
        // 2030: the latest CBS year stands in and the level says so.
        let later = try EscalationParameters.reference.priced(by: .cbs, to: 2030).1
        #expect(later.year == 2025 && later.requestedYear == 2030 && later.usesLatestYear)
        // A unit cost priced before the series cannot be indexed.
        var old = EscalationParameters.reference
        old.risks[.fall]?.unitCost.priceYear = 2005
        #expect(throws: MetricsError.yearBeforePriceIndex(year: 2005, firstYear: 2010)) { try old.priced(by: .cbs, to: 2024) }
    }

    @Test("a year after the series uses the latest year and says so; none is extrapolated")
    func beyondTheSeries() throws {
        let f = try PriceIndex.cbs.factor(from: 2022, to: 2027)
        #expect(f.usesLatestYear && f.reportYear == 2027 && f.reportYearUsed == 2025)
        #expect(f.factor == 134.56 / 121.43)
        let both = try PriceIndex.cbs.factor(from: 2026, to: 2030)
        #expect(both.usesLatestYear && both.priceYearUsed == 2025 && both.reportYearUsed == 2025 && both.factor == 1)
        #expect(PriceIndex.cbs.value(inYear: 2026) == nil)
    }

    @Test("a year before the series throws")
    func beforeTheSeries() {
        #expect(throws: MetricsError.yearBeforePriceIndex(year: 2009, firstYear: 2010)) {
            try PriceIndex.cbs.factor(from: 2009, to: 2024)
        }
        #expect(throws: MetricsError.yearBeforePriceIndex(year: 1999, firstYear: 2010)) {
            try PriceIndex.cbs.factor(from: 2022, to: 1999)
        }
        #expect(MetricsError.yearBeforePriceIndex(year: 2009, firstYear: 2010).description
                == "no price index for 2009: the series starts in 2010")
    }

    @Test("byte-order mark, CRLF, blank lines and spaces around fields are accepted")
    func tolerantInput() throws {
        let text = "\u{FEFF}year,cpi_2015_100\r\n2014, 99.40\r\n\r\n 2015 ,100\r\n2016,100.32\r\n\r\n"
        let p = try Self.parse(text)
        #expect(p.firstYear == 2014 && p.values == [99.40, 100, 100.32])
    }

    @Test(arguments: [
        // (file text, line, field)
        ("", 1, "header"),
        ("year;cpi_2015_100\n2010;91.59\n", 1, "header"),
        ("jaar,cpi\n2010,91.59\n", 1, "header"),
        ("year,cpi_2015_100\n", 1, "year"),
        ("year,cpi_2015_100\n2010,91.59\n2011,93,73\n", 3, "line"),
        ("year,cpi_2015_100\n2010\n", 2, "line"),
        ("year,cpi_2015_100\n2010,91.59\n20l1,93.73\n", 3, "year"),
        ("year,cpi_2015_100\n10,91.59\n", 2, "year"),
        ("year,cpi_2015_100\n2010,91.59\n2012,96.04\n", 3, "year"),
        ("year,cpi_2015_100\n2011,93.73\n2010,91.59\n", 3, "year"),
        ("year,cpi_2015_100\n2010,91.59\n2010,91.59\n", 3, "year"),
        ("year,cpi_2015_100\n2010,\"91,59\"\n", 2, "line"),
        ("year,cpi_2015_100\n2010,91;59\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,-91.59\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,0\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,9.1e1\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,91.5.9\n", 2, "cpi_2015_100"),
        ("year,cpi_2015_100\n2010,.5\n", 2, "cpi_2015_100"),
    ])
    func malformedFiles(text: String, line: Int, field: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text.debugDescription)")
        } catch let MetricsError.invalidPriceIndex(file, errorLine, errorField, reason) {
            #expect(file == "test.csv")
            #expect(errorLine == line, "\(text.debugDescription): line \(errorLine), \(reason)")
            #expect(errorField == field, "\(text.debugDescription): field \(errorField), \(reason)")
            #expect(!reason.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the message names the file, the line and the column, and shows the bad field safely")
    func errorMessage() {
        do {
            _ = try PriceIndex.parse(csv: Array("year,cpi_2015_100\n2010,91.59\n2011,93,73\n".utf8), file: "cpi-cbs.csv")
        } catch {
            #expect(error.description == "invalid price index cpi-cbs.csv, line 3, line: expected 2 fields (year,cpi_2015_100), found 3")
        }
        do {
            _ = try PriceIndex.parse(csv: Array("year,cpi_2015_100\n2010,9\u{1}1\n".utf8), file: "x.csv")
        } catch {
            #expect(error.description.contains("'9?1' is not a positive number"))
        }
    }
}
