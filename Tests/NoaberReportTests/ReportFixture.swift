import NoaberMetrics
import NoaberModel
@testable import NoaberReport

/// A small hand-built input: three villages, one with a hostile name, one with only 3 cases,
/// all registering since 2023-10-01 and exported in April 2024 (so 2023Q4 and 2024Q1 are covered).
///
/// - `AAA` "Aadorp": 12 cases in 2024Q1 (8 distinct residents), contacted after 1 or 3 days.
/// - `EVL` `<script>alert(1)</script>`: 10 cases in 2024Q1 by 10 residents, all with theme housing.
/// - `HYP` `=HYPERLINK("x")`: 3 cases in 2024Q1 (a small cell: must read `<5` everywhere).
enum ReportFixture {
    static let hostileName = "<script>alert(1)</script>"
    static let formulaName = "=HYPERLINK(\"x\")"

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d) ?? CivilDate(dayNumber: 0)
    }

    static var villages: [Village] {
        [Village(code: "AAA", name: "Aadorp", municipality: "Almelo", inhabitants: 2000, inhabitants75Plus: 200,
                 paidHoursPerWeek: 12, costPerYearEUR: 40_000, registrationStart: day(2023, 10, 1)),
         Village(code: "EVL", name: hostileName, municipality: "Almelo", inhabitants: 1000, inhabitants75Plus: 100,
                 paidHoursPerWeek: 8, costPerYearEUR: 30_000, registrationStart: day(2023, 10, 1)),
         Village(code: "HYP", name: formulaName, municipality: "Almelo", inhabitants: 500, inhabitants75Plus: 50,
                 paidHoursPerWeek: 4, costPerYearEUR: 15_000, registrationStart: day(2023, 10, 1))]
    }

    static var cases: [CaseRecord] {
        var out: [CaseRecord] = []
        for i in 0..<12 {
            let received = Moment(date: day(2024, 1, 1).adding(days: 1 + 5 * i))
            out.append(CaseRecord(village: "AAA", caseID: "A\(i)", personKey: "pa\(i % 8)", ageBand: i % 2 == 0 ? .from75to84 : .adult,
                                  received: received, firstContact: Moment(date: received.date.adding(days: i % 2 == 0 ? 1 : 3)),
                                  closed: Moment(date: received.date.adding(days: 10)), source: .resident, themes: [.loneliness],
                                  risks: i < 6 ? [.caregiverOverload] : []))
        }
        for i in 0..<10 {
            let received = Moment(date: day(2024, 2, 1 + 2 * i))
            out.append(CaseRecord(village: "EVL", caseID: "E\(i)", personKey: "pe\(i)", ageBand: .adult, received: received,
                                  firstContact: Moment(date: received.date.adding(days: 2)), source: .neighbour, themes: [.housing]))
        }
        for i in 0..<3 {
            let received = Moment(date: day(2024, 3, 1 + i))
            out.append(CaseRecord(village: "HYP", caseID: "H\(i)", personKey: "ph\(i)", ageBand: .over85, received: received,
                                  firstContact: Moment(date: received.date.adding(days: 1)), source: .gp, themes: [.transport]))
        }
        // The previous quarter: a few cases in Aadorp so the comparison has numbers.
        for i in 0..<6 {
            out.append(CaseRecord(village: "AAA", caseID: "P\(i)", personKey: "pp\(i)", received: Moment(date: day(2023, 11, 1 + i)),
                                  firstContact: Moment(date: day(2023, 11, 3 + i)), source: .relative, themes: [.household]))
        }
        return out
    }

    static var tasks: [VolunteerTask] {
        (0..<8).map { i in
            VolunteerTask(village: "AAA", caseID: "A\(i)", volunteerKey: "v\(i % 6)", date: day(2024, 2, 1 + i), hours: Double(1 + i % 3), task: .transport)
        }
    }

    static var input: MetricsInput {
        let asOf = ["AAA": day(2024, 4, 15), "EVL": day(2024, 4, 10), "HYP": day(2024, 4, 12)]
        return MetricsInput(villages: villages, cases: cases, tasks: tasks, asOf: asOf,
                            qualityFacts: ["AAA": QualityFacts(rowsRead: 20, rowsRejected: 2, latestExport: day(2024, 4, 15),
                                                               rejectedReasons: ["invalid_date": 2])])
    }

    static var provenance: ReportProvenance {
        ReportProvenance(imports: [ImportSummary(fileName: "/home/someone/exports/AAA-cases.csv", village: "AAA", kind: "cases",
                                                 asOf: day(2024, 4, 15), rowsRead: 20, accepted: 18, rejected: 2),
                                   ImportSummary(fileName: "=cmd|' /C calc'!A0.csv", village: "EVL", kind: "cases",
                                                 asOf: day(2024, 4, 10), rowsRead: 10, accepted: 10, rejected: 0)],
                         generatedOn: day(2024, 5, 1), softwareVersion: "0.1.0-test",
                         commandLine: "noaber report --audience onderzoek --village '<b>x</b>'")
    }

    static func request(_ audience: Audience, language: Language = .nl, suppress: Bool = true) throws -> ReportRequest {
        ReportRequest(audience: audience, language: language, period: try Period(parsing: "2024Q1"), minCell: 5,
                      suppress: suppress, draws: 200, seed: 7)
    }
}
