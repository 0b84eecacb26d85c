import NoaberTestSupport
import Testing
import NoaberModel
@testable import NoaberMetrics

/// Test helpers and the hand-checkable fixture shared by the metric tests.
func day(_ s: String) throws -> CivilDate { try #require(CivilDate(iso: s), "bad test date \(s)") }
func at(_ s: String) throws -> Moment { try #require(Moment(iso: s), "bad test moment \(s)") }
func period(_ s: String) throws -> Period { try Period(parsing: s) }

/// Village AAA (municipality Gem): 1,000 inhabitants, 200 aged 75+, 10 paid hours a week,
/// €26,000 a year, registering since 2023-10-01. As-of 2024-05-31, so its data cover
/// 2023-10-01 … 2024-05-31. Period 2024Q1 = 91 days = 13 weeks.
///
/// Cases (P = person key; all in 2024Q1 except c0):
///
///     id  person band   received    closed      themes                   source    risks / escalated  minutes
///     c0  P7   18-64    2023-11-01  2023-11-05  loneliness               self      –                  –
///     c1  P1   75-84    2024-01-02  2024-01-03  loneliness               self      fall               60
///     c2  P1   75-84    2024-01-20  2024-02-01  transport                self      –                  30
///     c3  P2   85+      2024-01-05  2024-04-15  loneliness, transport    relative  nursing_home       90
///     c4  P3   18-64    2024-02-01  2024-02-05  finance_admin            gp        debt, gp / debt    –
///     c5  P4   b.1940   2024-02-10  –           health_care              self      fall / fall        –
///     c6  P5   65-74    2024-02-15  2024-02-20  household                neighbour –                  –
///     c7  P6   18-64    2024-03-01  2024-03-02  digital                  self      –                  –
///     c8  P7   18-64    2024-03-05  –           loneliness               relative  isolation          –
///     c9  –    –        2024-03-10  2024-03-10  other                    self      –                  –
///     c10 –    –        2024-03-12  –           safety                   other     isolation          –
///     c11 – (collective) 2024-03-15 2024-03-20  participation            welfare   –                  –
///     c12 P8   0-17     2024-03-20  –           digital                  self      debt               –
///
/// Reach 2024Q1: 12 cases; residents P1…P8 = 8 (collective c11 and anonymous c9, c10 excluded);
/// 75+: P1, P2, P4 (born 1940: 84 in 2024) = 3; new residents: all but P7 (first case 2023) = 7.
/// Volunteers (2024Q1): V1 10 + 20 + 30 = 60 h, V2 5 + 5 (personal care) = 10 h, V3 2 h; plus a
/// V1 task on 2023-12-20 outside the quarter.
enum Fixture {
    static func village() -> Village {
        Village(code: "AAA", name: "Aadorp", municipality: "Gem", inhabitants: 1000, inhabitants75Plus: 200,
                paidHoursPerWeek: 10, costPerYearEUR: 26_000, registrationStart: CivilDate(year: 2023, month: 10, day: 1))
    }

    static func cases() throws -> [CaseRecord] {
        func c(_ id: String, _ person: String?, _ band: AgeBand?, _ received: String, closed: String? = nil,
               themes: CodeSet<Theme>, source: Source, collective: Bool = false, risks: CodeSet<Risk> = [],
               escalated: CodeSet<Risk> = [], minutes: Double? = nil, birthYear: Int? = nil) throws -> CaseRecord {
            CaseRecord(village: "AAA", caseID: id, personKey: person, ageBand: band, birthYear: birthYear,
                       received: try at(received), closed: try closed.map(at), source: source,
                       themes: themes, collective: collective, risks: risks, escalatedTo: escalated,
                       supportMinutes: minutes)
        }
        return [
            try c("c0", "P7", .adult, "2023-11-01", closed: "2023-11-05", themes: [.loneliness], source: .resident),
            try c("c1", "P1", .from75to84, "2024-01-02", closed: "2024-01-03", themes: [.loneliness], source: .resident,
                  risks: [.fall], minutes: 60),
            try c("c2", "P1", .from75to84, "2024-01-20", closed: "2024-02-01", themes: [.transport], source: .resident,
                  minutes: 30),
            try c("c3", "P2", .over85, "2024-01-05", closed: "2024-04-15", themes: [.loneliness, .transport],
                  source: .relative, risks: [.nursingHomeAdmission], minutes: 90),
            try c("c4", "P3", .adult, "2024-02-01", closed: "2024-02-05", themes: [.financeAdmin], source: .gp,
                  risks: [.debt, .frequentGPUse], escalated: [.debt]),
            try c("c5", "P4", nil, "2024-02-10", themes: [.healthCare], source: .resident, risks: [.fall],
                  escalated: [.fall], birthYear: 1940),
            try c("c6", "P5", .from65to74, "2024-02-15", closed: "2024-02-20", themes: [.household], source: .neighbour),
            try c("c7", "P6", .adult, "2024-03-01", closed: "2024-03-02", themes: [.digital], source: .resident),
            try c("c8", "P7", .adult, "2024-03-05", themes: [.loneliness], source: .relative, risks: [.isolation]),
            try c("c9", nil, nil, "2024-03-10", closed: "2024-03-10", themes: [.other], source: .resident),
            try c("c10", nil, nil, "2024-03-12", themes: [.safety], source: .other, risks: [.isolation]),
            try c("c11", nil, nil, "2024-03-15", closed: "2024-03-20", themes: [.participation], source: .welfare,
                  collective: true),
            try c("c12", "P8", .under18, "2024-03-20", themes: [.digital], source: .resident, risks: [.debt]),
        ]
    }

    static func tasks() throws -> [VolunteerTask] {
        func t(_ v: String, _ date: String, _ h: Double, _ kind: TaskKind = .visit) throws -> VolunteerTask {
            VolunteerTask(village: "AAA", caseID: nil, volunteerKey: v, date: try day(date), hours: h, task: kind)
        }
        return [
            try t("V1", "2023-12-20", 8),
            try t("V1", "2024-01-10", 10), try t("V1", "2024-02-10", 20), try t("V1", "2024-03-10", 30),
            try t("V2", "2024-01-15", 5), try t("V2", "2024-02-20", 5, .personalCare),
            try t("V3", "2024-03-01", 2, .transport),
        ]
    }

    static func input() throws -> MetricsInput {
        MetricsInput(villages: [village()], cases: try cases(), tasks: try tasks(),
                     asOf: ["AAA": try day("2024-05-31")],
                     qualityFacts: ["AAA": QualityFacts(rowsRead: 15, rowsRejected: 2, latestExport: try day("2024-05-31"),
                                                        rejectedReasons: ["invalid_date": 2])])
    }

    /// Runs one family over the fixture for 2024Q1 without suppression.
    static func run(_ family: MetricFamily, suppress: Bool = false,
                    configure: (inout MetricsOptions) throws -> Void = { _ in }) throws -> MetricsResult {
        var options = MetricsOptions(periods: [try period("2024Q1")], suppress: suppress)
        try configure(&options)
        return MetricsEngine.compute(family, input: try input(), options: options)
    }
}

extension MetricsResult {
    /// The value of a row that must exist.
    func value(_ village: String, _ period: String, _ metric: String) throws -> Double? {
        try #require(row(village, period, metric), "no row \(village) \(period) \(metric)").value
    }
}

/// |a − b| ≤ tolerance, for floating-point expectations.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
