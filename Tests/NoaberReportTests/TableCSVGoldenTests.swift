import NoaberCSV
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// Golden files for the tidy and a wide CSV in both dialects, on hand-made rows so that the
/// expected bytes are read off the input: numbers stay numbers, `<5` and empty values as the
/// contract says, formulas neutralised.
@Suite struct TableCSVGoldenTests {
    static let rows = [
        MetricRow(village: "AAA", period: "2024Q1", metric: "reach_per_1000", value: 4, lower: 2.1, upper: 7.5, n: 2000),
        MetricRow(village: "AAA", period: "2024Q1", metric: "first_contact_median_days", value: 2.5, lower: 1, upper: .infinity, n: 12),
        MetricRow(village: "=HYP", period: "2024Q1", metric: "cases", value: nil, suppressed: true),
        MetricRow(village: "all", period: "2024Q1", metric: "avoided_cost_eur", value: 12345.5, lower: -10, upper: 20000.25, n: 40),
        // Binary noise is rounded away (12 significant digits); a suppressed row carries nothing.
        MetricRow(village: "DEU", period: "2023", metric: "avoided_cost_eur", value: 11311.794000000002, lower: 10200.680136324465,
                  upper: 25984.146698312517, n: 36),
        MetricRow(village: "DEU", period: "2023", metric: "cases_per_paid_hour", value: 0.13304794520547944, n: 111),
        MetricRow(village: "DEU", period: "2023", metric: "avoided_cost_eur:debt", value: 900, lower: 443.5, upper: 2111.2,
                  suppressed: true),
    ]

    /// A readable table as a report of `language` builds it: titles in that language.
    static func table(_ language: Language) -> ReportTable {
        let nl = language == .nl
        return ReportTable(
        name: "villages", caption: nl ? "Per dorp" : "Per village",
        columns: [TableColumn(nl ? "Dorp" : "Village", csv: "village"), TableColumn(nl ? "Hulpvragen" : "Requests", csv: "cases"),
                  TableColumn(nl ? "Bereik per 1.000 (95%-BI)" : "Reach per 1,000 (95% CI)", csv: "reach_per_1000", estimate: true)],
        rows: [[.text("Aadorp"), .number(12, digits: 0), .estimate(4, lower: 2.1, upper: 7.5, digits: 1)],
               [.text("=HYPERLINK(\"x\")"), .suppressed, .suppressed],
               [.text("Ootmarsum; oost"), .number(nil, digits: 0), .estimate(nil, lower: nil, upper: nil, digits: 1)],
               [.text("Weerselo"), .number(1234, digits: 0), .estimate(30.56, lower: 25.04, upper: 37.3, digits: 1)]])
    }

    func text(_ write: (ByteSink) throws -> Void) throws -> String {
        let sink = MemorySink()
        try write(sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    @Test func tidyStandard() throws {
        try GoldenFile.check(try text { try TableCSV.tidy(Self.rows, dialect: .standard, to: $0) }, against: "tidy-standard.csv")
    }

    @Test func tidyExcelDutch() throws {
        let out = try text { try TableCSV.tidy(Self.rows, dialect: .excelDutch, to: $0) }
        #expect(out.hasPrefix("\u{FEFF}"))
        try GoldenFile.check(out, against: "tidy-excel-nl.csv")
    }

    /// A Dutch report's readable table: Dutch titles, Dutch Excel's dialect (its default).
    @Test func wideDutch() throws {
        let out = try text { try TableCSV.wide(Self.table(.nl), minimumCell: 5, language: .nl, dialect: .excelDutch, to: $0) }
        #expect(out.hasPrefix("\u{FEFF}Dorp;Hulpvragen;Bereik per 1.000 (95%-BI);Bereik per 1.000 (95%-BI) – ondergrens;"))
        try GoldenFile.check(out, against: "wide-nl-excel-nl.csv")
    }

    /// An English report's readable table: English titles, the standard dialect (its default).
    @Test func wideEnglish() throws {
        let out = try text { try TableCSV.wide(Self.table(.en), minimumCell: 5, language: .en, dialect: .standard, to: $0) }
        try GoldenFile.check(out, against: "wide-en-standard.csv")
    }

    @Test func headerNamesEachColumnOnce() {
        let columns = [TableColumn("Periode", csv: "period"), TableColumn("2024", csv: "a"), TableColumn("2024", csv: "b"),
                       TableColumn("", csv: "machine_name")]
        #expect(TableCSV.header(columns, language: .nl) == ["Periode", "2024", "2024 (2)", "machine_name"])
    }

    /// Independent of the golden files: the exact tidy line for a suppressed row and an open-ended interval.
    @Test func tidyLinesByHand() throws {
        let out = try text { try TableCSV.tidy(Self.rows, dialect: .standard, to: $0) }
        #expect(out.contains("'=HYP,2024Q1,cases,,,,,true\r\n") || out.contains("'=HYP,2024Q1,cases,,,,,true\n"))
        #expect(out.contains("AAA,2024Q1,first_contact_median_days,2.5,1,,12,false"))
        #expect(out.contains("DEU,2023,avoided_cost_eur,11311.794,10200.6801363,25984.1466983,36,false"))
        #expect(out.contains("DEU,2023,cases_per_paid_hour,0.133047945205,,,111,false"))
        #expect(out.contains("DEU,2023,avoided_cost_eur:debt,,,,,true"))
    }
}
