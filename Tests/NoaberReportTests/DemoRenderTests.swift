import Foundation
import NoaberMetrics
import NoaberModel
import Testing
@testable import NoaberReport

/// Renders the three reports from a tab-separated dump of the demo store (see the dump commands
/// in the comment below) for a look in a real browser. Skipped unless `NOABER_DEMO_DUMP` names
/// the dump folder; writes under `NOABER_DEMO_OUT` (default /tmp/noaber-report-demo).
///
///     sqlite3 -separator $'\t' store.sqlite "select … from villages" > villages.tsv   (and cases, tasks, imports)
@Suite struct DemoRenderTests {
    static let dump = ProcessInfo.processInfo.environment["NOABER_DEMO_DUMP"]

    static func lines(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func load(_ dir: String) throws -> (MetricsInput, [ImportSummary]) {
        let villages = try lines(dir + "/villages.tsv").map { f in
            Village(code: f[0], name: f[1], municipality: f[2], inhabitants: Int(f[3]) ?? 0, inhabitants75Plus: Int(f[4]),
                    paidHoursPerWeek: Double(f[5]), costPerYearEUR: Double(f[6]))
        }
        var asOf: [String: CivilDate] = [:]
        let cases = try lines(dir + "/cases.tsv").compactMap { f -> CaseRecord? in
            guard let received = Moment(iso: f[5]) else { return nil }
            if let a = CivilDate(iso: f[16]) { asOf[f[0]] = max(asOf[f[0]] ?? a, a) }
            func set<C: Code>(_ s: String, _: C.Type) -> CodeSet<C> { CodeSet(s.split(separator: "|").compactMap { C(code: $0) }) }
            return CaseRecord(village: f[0], caseID: f[1], personKey: f[2].isEmpty ? nil : f[2], ageBand: AgeBand(rawValue: f[3]),
                              birthYear: Int(f[4]), received: received, firstContact: Moment(iso: f[6]), closed: Moment(iso: f[7]),
                              source: Source(rawValue: f[8]), channel: Channel(rawValue: f[9]), themes: set(f[13], Theme.self),
                              collective: f[10] == "1", resolution: Resolution(rawValue: f[11]), risks: set(f[14], Risk.self),
                              escalatedTo: set(f[15], Risk.self), supportMinutes: Double(f[12]))
        }
        let tasks = try lines(dir + "/tasks.tsv").compactMap { f -> VolunteerTask? in
            guard let d = CivilDate(iso: f[3]), let kind = TaskKind(rawValue: f[5]) else { return nil }
            return VolunteerTask(village: f[0], caseID: f[1].isEmpty ? nil : f[1], volunteerKey: f[2], date: d, hours: Double(f[4]) ?? 0, task: kind)
        }
        let imports = try lines(dir + "/imports.tsv").compactMap { f -> ImportSummary? in
            guard let d = CivilDate(iso: f[3]) else { return nil }
            return ImportSummary(fileName: f[0], village: f[1].isEmpty ? nil : f[1], kind: f[2], asOf: d,
                                 rowsRead: Int(f[4]) ?? 0, accepted: Int(f[5]) ?? 0, rejected: Int(f[6]) ?? 0)
        }
        var facts: [String: QualityFacts] = [:]
        for i in imports where i.kind != "villages" {
            guard let v = i.village else { continue }
            var q = facts[v] ?? QualityFacts(rowsRead: 0, rowsRejected: 0)
            q.rowsRead += i.rowsRead
            q.rowsRejected += i.rejected
            q.latestExport = max(q.latestExport ?? i.asOf, i.asOf)
            facts[v] = q
        }
        return (MetricsInput(villages: villages, cases: cases, tasks: tasks, asOf: asOf, qualityFacts: facts), imports)
    }

    @Test(.enabled(if: dump != nil), arguments: Audience.allCases)
    func renderDemo(_ audience: Audience) throws {
        let dir = try #require(Self.dump)
        let (input, imports) = try Self.load(dir)
        let out = (ProcessInfo.processInfo.environment["NOABER_DEMO_OUT"] ?? "/tmp/noaber-report-demo") + "/" + audience.rawValue
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let provenance = ReportProvenance(imports: imports, generatedOn: CivilDate(year: 2025, month: 1, day: 15) ?? CivilDate(dayNumber: 0),
                                          softwareVersion: "0.1.0", commandLine: "noaber report --audience \(audience.rawValue) --period 2024")
        let language: Language = ProcessInfo.processInfo.environment["NOABER_DEMO_LANG"] == "en" ? .en : .nl
        let paths = try ReportGenerator.write(input: input, provenance: provenance,
                                              request: ReportRequest(audience: audience, language: language, period: try Period(parsing: "2024")),
                                              to: out)
        #expect(paths.count > 3)
    }
}
