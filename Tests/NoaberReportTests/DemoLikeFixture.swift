import NoaberMetrics
import NoaberModel
@testable import NoaberReport

/// Six villages shaped like the demo's (its names and sizes, one of them with too few cases to
/// show), two years of cases with risks and volunteer tasks, so that every chart of the three
/// reports is drawn: bars, trends, funnels, response-time curves, the tornado, the Lorenz curve.
/// Deterministic (a fixed linear congruential generator), no store.
enum DemoLikeFixture {
    static let villages: [(code: String, name: String, inhabitants: Int, casesPerQuarter: Int)] = [
        ("DEU", "Deurningen", 2015, 28), ("LAT", "Lattrop-Breklenkamp", 1031, 15), ("NDE", "Noord-Deurningen", 1052, 1),
        ("SAA", "Saasveld", 1700, 25), ("TIL", "Tilligte", 745, 9), ("WEE", "Weerselo", 3075, 50),
    ]

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) ?? CivilDate(dayNumber: 0) }

    static var input: MetricsInput {
        var state: UInt64 = 20_240_305
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
        let start = day(2023, 1, 1)
        var cases: [CaseRecord] = []
        var tasks: [VolunteerTask] = []
        var asOf: [String: CivilDate] = [:]
        let risks: [Risk] = [.caregiverOverload, .nursingHomeAdmission, .wmoHouseholdHelp, .fall, .isolation]
        for v in villages {
            asOf[v.code] = day(2025, 1, 10)
            for quarter in 0..<8 {
                for i in 0..<v.casesPerQuarter {
                    let received = Moment(date: start.adding(days: quarter * 91 + next(90)))
                    let contacted = next(10) < 8 ? Moment(date: received.date.adding(days: next(12))) : nil
                    let closed = contacted.flatMap { next(10) < 7 ? Moment(date: $0.date.adding(days: 3 + next(60))) : nil }
                    let risk = next(4) == 0 ? CodeSet([risks[next(risks.count)]]) : CodeSet<Risk>()
                    cases.append(CaseRecord(village: v.code, caseID: "\(v.code)-\(quarter)-\(i)", personKey: "\(v.code)-p\(next(v.casesPerQuarter * 5))",
                                            ageBand: next(3) == 0 ? .from75to84 : .adult, received: received, firstContact: contacted,
                                            closed: closed, source: .resident, themes: [.loneliness], risks: risk))
                }
            }
            for t in 0..<(v.casesPerQuarter * 6) {
                tasks.append(VolunteerTask(village: v.code, caseID: nil, volunteerKey: "\(v.code)-v\(next(12))",
                                           date: day(2024, 1, 1).adding(days: next(360)), hours: Double(1 + next(6)) + Double(t % 2) / 2,
                                           task: .transport))
            }
        }
        let list = villages.map {
            Village(code: $0.code, name: $0.name, municipality: "Dinkelland", inhabitants: $0.inhabitants,
                    inhabitants75Plus: $0.inhabitants / 9, paidHoursPerWeek: 12, costPerYearEUR: 45_000, registrationStart: start)
        }
        return MetricsInput(villages: list, cases: cases, tasks: tasks, asOf: asOf)
    }

    static var provenance: ReportProvenance {
        ReportProvenance(imports: [], generatedOn: day(2025, 1, 15), softwareVersion: "0.1.0-test", commandLine: "noaber demo")
    }

    static func request(_ audience: Audience, language: Language, highlight: [String] = []) throws -> ReportRequest {
        var request = ReportRequest(audience: audience, language: language, period: try Period(parsing: "2024"), draws: 500, seed: 7)
        request.highlight = highlight
        return request
    }
}
