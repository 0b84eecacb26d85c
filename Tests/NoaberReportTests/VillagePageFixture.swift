import NoaberMetrics
import NoaberModel
@testable import NoaberReport

/// Six villages shaped like the demo's, with what real data bring to a village page:
///
/// - `TIL` Tilligte has sent nothing (no case, no export): its page must say so, not show zeros;
/// - `LAT` Lattrop-Breklenkamp's latest export is of 15 November 2024, so 2024 is only partly
///   covered: no counts for 2024, response times yes, no comparison with 2023;
/// - `NDE` Noord-Deurningen has 1 request a quarter (4 in 2024): every count reads `<5`, and
///   rule 3 of docs/disclosure.md hides the next smallest village's count beside the total;
/// - `DEU` Deurningen's feedback lists rejected rows (two of them for the same reason) and a
///   newer export that left cases out;
/// - `SAA` Saasveld and `WEE` Weerselo cover 2023 and 2024 completely.
///
/// Deterministic (a fixed linear congruential generator), no store.
enum VillagePageFixture {
    static let villages: [(code: String, name: String, inhabitants: Int, casesPerQuarter: Int)] = [
        ("DEU", "Deurningen", 2015, 28), ("LAT", "Lattrop-Breklenkamp", 1031, 15), ("NDE", "Noord-Deurningen", 1052, 1),
        ("SAA", "Saasveld", 1700, 25), ("TIL", "Tilligte", 745, 0), ("WEE", "Weerselo", 3075, 50),
    ]

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) ?? CivilDate(dayNumber: 0) }

    static let latExport = day(2024, 11, 15)

    static var input: MetricsInput {
        var state: UInt64 = 20_241_115
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
        let start = day(2023, 1, 1)
        var cases: [CaseRecord] = []
        var tasks: [VolunteerTask] = []
        var asOf: [String: CivilDate] = [:]
        for v in villages where v.casesPerQuarter > 0 {
            let export = v.code == "LAT" ? latExport : day(2025, 1, 10)
            asOf[v.code] = export
            for quarter in 0..<8 {
                for i in 0..<v.casesPerQuarter {
                    let received = Moment(date: start.adding(days: quarter * 91 + next(90)))
                    guard received.date <= export else { continue }
                    let contacted = next(10) < 8 ? Moment(date: received.date.adding(days: next(12))) : nil
                    let closed = contacted.flatMap { next(10) < 7 ? Moment(date: $0.date.adding(days: 3 + next(60))) : nil }
                    cases.append(CaseRecord(village: v.code, caseID: "\(v.code)-\(quarter)-\(i)",
                                            personKey: "\(v.code)-person-\(next(v.casesPerQuarter * 5))",
                                            ageBand: next(6) == 0 ? nil : next(3) == 0 ? .from75to84 : .adult,
                                            received: received, firstContact: contacted.map { min($0, Moment(date: export)) },
                                            closed: closed.flatMap { $0.date <= export ? $0 : nil }, source: .resident,
                                            channel: next(20) == 0 ? nil : .phone, themes: [.loneliness],
                                            supportMinutes: Double(15 * (1 + next(8)))))
                }
            }
            for _ in 0..<(v.casesPerQuarter * 6) {
                let date = day(2023, 1, 1).adding(days: next(720))
                guard date <= export else { continue }
                tasks.append(VolunteerTask(village: v.code, caseID: nil, volunteerKey: "\(v.code)-volunteer-\(next(12))",
                                           date: date, hours: Double(1 + next(6)), task: .transport))
            }
        }
        let list = villages.map {
            Village(code: $0.code, name: $0.name, municipality: "Dinkelland", inhabitants: $0.inhabitants,
                    inhabitants75Plus: $0.inhabitants / 9, paidHoursPerWeek: 12, costPerYearEUR: 45_000,
                    registrationStart: $0.code == "TIL" ? day(2024, 9, 1) : start)
        }
        var facts: [String: QualityFacts] = [:]
        for (code, export) in asOf { facts[code] = QualityFacts(rowsRead: 0, rowsRejected: 0, latestExport: export) }
        facts["DEU"] = QualityFacts(rowsRead: 230, rowsRejected: 3, latestExport: day(2025, 1, 10), rejectedReasons: ["received": 2, "themes": 1])
        return MetricsInput(villages: list, cases: cases, tasks: tasks, asOf: asOf, qualityFacts: facts)
    }

    /// What the store would list for Deurningen, for a page in `language`: three rejected rows
    /// (two for the same reason, in the page's language) and cases a newer export left out;
    /// nothing for the others. The third row comes from an import before schema version 6, whose
    /// reason exists only in Dutch.
    static func feedback(_ language: Language) -> [String: VillageFeedback] {
        var out: [String: VillageFeedback] = [:]
        for v in villages { out[v.code] = VillageFeedback() }
        let date = language == .nl ? "datum bestaat niet '31-2-2024'" : "date does not exist '31-2-2024'"
        out["DEU"] = VillageFeedback(
            rejected: [VillageFeedback.RejectedLine(file: "/home/someone/DEU-cases.csv", line: 72, column: "Datum melding", reason: date),
                       VillageFeedback.RejectedLine(file: "DEU-cases.csv", line: 90, column: "Datum melding", reason: date),
                       VillageFeedback.RejectedLine(file: "DEU-cases.csv", line: 177, column: "Thema's",
                                                    reason: "onbekende waarde 'mobiliteit'", reasonMayBeInAnotherLanguage: true)],
            vanished: [VillageFeedback.VanishedCases(file: "DEU-cases-januari.csv", asOf: day(2025, 1, 10), cases: 6, open: 2)])
        return out
    }

    static func provenance(_ language: Language = .nl) -> ReportProvenance {
        var p = ReportProvenance(imports: [], generatedOn: day(2025, 1, 15), softwareVersion: "0.1.0-test", commandLine: "noaber demo")
        p.villageFeedback = feedback(language)
        return p
    }

    static func request(language: Language, period: String = "2024", pages: [String]? = nil) throws -> ReportRequest {
        var request = ReportRequest(audience: .dorp, language: language, period: try Period(parsing: period), draws: 200, seed: 7)
        request.pageVillages = pages
        return request
    }

    /// The files of the village pages, by path.
    static func render(language: Language = .nl, period: String = "2024", pages: [String]? = nil,
                       provenance: ReportProvenance? = nil) throws -> [String: String] {
        let provenance = provenance ?? Self.provenance(language)
        let files = try ReportGenerator.render(input: input, provenance: provenance,
                                               request: try request(language: language, period: period, pages: pages))
        var out: [String: String] = [:]
        for f in files { out[f.path] = String(decoding: f.bytes, as: UTF8.self) }
        return out
    }
}
