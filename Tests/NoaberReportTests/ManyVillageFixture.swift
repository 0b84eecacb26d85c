import NoaberMetrics
import NoaberModel
@testable import NoaberReport

/// A municipality with many villages, built so every per-village figure is known by hand.
///
/// Village `i` (0-based, code `V000`, name `Dorp 000`) has 1,000 inhabitants and `6 + i` requests in
/// 2024Q1, each from a different resident: its reach is `6 + i` per 1,000 and its requests `6 + i`.
/// When `smallVillage` is set, one more village `ZZZ` "Zwartemeer" has 2 requests (a small cell
/// that must read `<5`). Every request gets first contact after 2 days and is closed after 10.
/// Each village also has 5 requests in 2023Q4, so the comparison has numbers.
enum ManyVillageFixture {
    static func villages(_ count: Int, smallVillage: Bool) -> [Village] {
        var out = (0..<count).map { i in
            Village(code: code(i), name: name(i), municipality: "Groot-Noaberdam", inhabitants: 1000,
                    inhabitants75Plus: 100, paidHoursPerWeek: 8, costPerYearEUR: 30_000,
                    registrationStart: ReportFixture.day(2023, 10, 1))
        }
        if smallVillage {
            out.append(Village(code: "ZZZ", name: "Zwartemeer", municipality: "Groot-Noaberdam", inhabitants: 1000,
                               inhabitants75Plus: 100, paidHoursPerWeek: 8, costPerYearEUR: 30_000,
                               registrationStart: ReportFixture.day(2023, 10, 1)))
        }
        return out
    }

    static func code(_ i: Int) -> String { "V" + String(1000 + i).dropFirst() }
    static func name(_ i: Int) -> String { "Dorp " + String(1000 + i).dropFirst() }

    /// Requests of village `i` in 2024Q1.
    static func currentCases(_ i: Int) -> Int { 6 + i }

    static func cases(_ count: Int, smallVillage: Bool) -> [CaseRecord] {
        var out: [CaseRecord] = []
        func add(_ village: String, _ n: Int, start: CivilDate, tag: String) {
            for j in 0..<n {
                let received = Moment(date: start.adding(days: (j * 7) % 80))
                out.append(CaseRecord(village: village, caseID: "\(tag)\(j)", personKey: "\(village)-\(tag)\(j)", ageBand: .adult,
                                      received: received, firstContact: Moment(date: received.date.adding(days: 2)),
                                      closed: Moment(date: received.date.adding(days: 10)), source: .resident, themes: [.loneliness]))
            }
        }
        for i in 0..<count {
            add(code(i), currentCases(i), start: ReportFixture.day(2024, 1, 1), tag: "c")
            add(code(i), 5, start: ReportFixture.day(2023, 10, 1), tag: "p")
        }
        if smallVillage { add("ZZZ", 2, start: ReportFixture.day(2024, 2, 1), tag: "c") }
        return out
    }

    static func input(_ count: Int, smallVillage: Bool = false) -> MetricsInput {
        let all = villages(count, smallVillage: smallVillage)
        var asOf: [String: CivilDate] = [:]
        for v in all { asOf[v.code] = ReportFixture.day(2024, 4, 15) }
        return MetricsInput(villages: all, cases: cases(count, smallVillage: smallVillage),
                            tasks: [], asOf: asOf, qualityFacts: [:])
    }

    static func request(language: Language = .nl, period: String = "2024Q1", every: Period.Unit? = nil) throws -> ReportRequest {
        ReportRequest(audience: .raadsbrief, language: language, period: try Period(parsing: period), trendEvery: every,
                      minCell: 5, suppress: true, draws: 200, seed: 7)
    }

    /// The files of the raadsbrief as text, by relative path.
    static func render(_ count: Int, smallVillage: Bool = false, language: Language = .nl,
                       period: String = "2024Q1", every: Period.Unit? = nil) throws -> [String: String] {
        let files = try ReportGenerator.render(input: input(count, smallVillage: smallVillage),
                                               provenance: ReportFixture.provenance,
                                               request: try request(language: language, period: period, every: every))
        var out: [String: String] = [:]
        for f in files { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }
}
