import NoaberMetrics
import NoaberModel
@testable import NoaberReport

/// Two villages registering since 2023-01-01, exported on 2025-01-10, reported on 2025-01-15 for
/// 2024: enough months for the outlier check, cases still waiting at the end of 2024, risks for
/// the escalation estimate, and a follow-up that has not passed for the last quarter.
///
/// - `AAA` Aadorp: 9, 10, 11, 12 cases a month in turn, and 40 in March 2024. Sorted, its 24
///   months are 9 ×6, 10 ×6, 11 ×6, 12 ×5, 40: median 10.5; deviations 0.5 ×12, 1.5 ×11, 29.5: MAD 1.
///   M(March 2024) = 0.6745 · 29.5 = 19.898: flagged; every other month |M| = 0.6745 · 1.5 = 1.01.
///   Eight of December 2024's nine cases have no first contact by the 31st: received 12-01, 05,
///   10, 15, 20, 26, 28, 30 (waited 30, 26, 21, 16, 11, 5, 3, 1 days: 7 over 2 days, 5 over 7,
///   none over 30). 14 of 274 rows rejected (5.1%: a warning).
/// - `BBB` Borne: 6 … 10 cases a month, no spike.
enum EvidenceFixture {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        CivilDate(year: y, month: m, day: d) ?? CivilDate(dayNumber: 0)
    }

    static var villages: [Village] {
        [Village(code: "AAA", name: "Aadorp", municipality: "Almelo", inhabitants: 2000, inhabitants75Plus: 200,
                 paidHoursPerWeek: 12, costPerYearEUR: 40_000, registrationStart: day(2023, 1, 1)),
         Village(code: "BBB", name: "Borne", municipality: "Almelo", inhabitants: 1500, inhabitants75Plus: 150,
                 paidHoursPerWeek: 8, costPerYearEUR: 30_000, registrationStart: day(2023, 1, 1))]
    }

    static var cases: [CaseRecord] {
        var out: [CaseRecord] = []
        var n = 0
        for year in [2023, 2024] {
            for month in 1...12 {
                let a = year == 2024 && month == 3 ? 40 : 9 + (month + year) % 4        // 9…12, March 2024: 40
                let b = 6 + (month + 2 * year) % 5                                       // 6…10
                let waiting = year == 2024 && month == 12 ? 8 : 0                        // added below
                for (village, count) in [("AAA", a - waiting), ("BBB", b)] {
                    for i in 0..<count {
                        n += 1
                        let received = day(year, month, 1 + i % 28)
                        out.append(CaseRecord(village: village, caseID: "\(village)\(n)", personKey: "\(village)p\(n % 90)",
                                              ageBand: n % 3 == 0 ? .from75to84 : .adult, received: Moment(date: received),
                                              firstContact: Moment(date: received.adding(days: 1 + n % 3)),
                                              closed: Moment(date: received.adding(days: 5 + n % 7)), source: .resident,
                                              channel: .phone, themes: [.loneliness],
                                              risks: n % 4 == 0 ? [.caregiverOverload] : n % 10 == 0 ? [.fall] : n % 7 == 0 ? [.isolation] : [],
                                              supportMinutes: 30))
                    }
                }
            }
        }
        for (i, d) in [1, 5, 10, 15, 20, 26, 28, 30].enumerated() {
            out.append(CaseRecord(village: "AAA", caseID: "W\(i)", personKey: "w\(i)", ageBand: .adult,
                                  received: Moment(date: day(2024, 12, d)), source: .neighbour, channel: .phone,
                                  themes: [.household], supportMinutes: 15))
        }
        return out
    }

    static var input: MetricsInput {
        let asOf = ["AAA": day(2025, 1, 10), "BBB": day(2025, 1, 10)]
        return MetricsInput(villages: villages, cases: cases, asOf: asOf,
                            qualityFacts: ["AAA": QualityFacts(rowsRead: 274, rowsRejected: 14, latestExport: day(2025, 1, 10),
                                                               rejectedReasons: ["received": 14]),
                                           "BBB": QualityFacts(rowsRead: 190, rowsRejected: 0, latestExport: day(2025, 1, 10))])
    }

    static var provenance: ReportProvenance {
        ReportProvenance(imports: [], generatedOn: day(2025, 1, 15), softwareVersion: "0.1.0-test",
                         commandLine: "noaber report --audience all --period 2024")
    }

    static func request(_ audience: Audience, language: Language) throws -> ReportRequest {
        ReportRequest(audience: audience, language: language, period: try Period(parsing: "2024"), draws: 400, seed: 7)
    }

    /// The report's files by path.
    static func render(_ audience: Audience, language: Language) throws -> [String: String] {
        let files = try ReportGenerator.render(input: input, provenance: provenance, request: try request(audience, language: language))
        var out: [String: String] = [:]
        for f in files { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }

    /// The text between `start` (included) and the first `end` after it (included).
    static func fragment(_ html: String, from start: String, to end: String) -> String? {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return nil }
        return String(html[a.lowerBound..<b.upperBound]) + "\n"
    }
}
