import Foundation
import Testing
@testable import NoaberCLI

/// `--today`: the day a run counts as today. Export ages and the export schedule are measured
/// against it, a report says it was made on it, and the demo takes a week after its newest
/// bundled export (2025-01-24) unless told otherwise.
@Suite(.serialized) struct TodayOptionTests {
    func quality(_ extra: [String]) throws -> [String: Double] {
        let (code, out, err) = MetricsCommandTests.run(["metrics", "quality", "--db", MetricsCommandTests.demo,
                                                        "--period", "2024", "--format", "json"] + extra)
        #expect(code == .success, "\(err)")
        let rows = try JSONDecoder().decode([MetricsCommandTests.Row].self, from: Data(out.utf8))
        var byName: [String: Double] = [:]
        for row in rows where row.village == "DEU" { byName[row.metric] = row.value }
        return byName
    }

    @Test func exportAgesAreMeasuredAgainstTheGivenDay() throws {
        // Deurningen's newest export is of 2025-01-06 (Datasets/exports/manifest.csv).
        let early = try quality(["--today", "2025-01-31"])
        #expect(early["days_since_latest_export"] == 25)
        #expect(early["export_days_late"] == 0)              // Q4 2024 was due 2025-01-15; the export came on the 6th
        let later = try quality(["--today", "2025-05-01"])
        #expect(later["days_since_latest_export"] == 115)
        #expect(later["export_days_late"] == 16)             // Q1 2025 was due 2025-04-15; no export reaches 2025-03-31
    }

    @Test func aReportSaysItWasMadeOnThatDay() throws {
        let out = NSTemporaryDirectory() + "noaber-today-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (code, _, err) = MetricsCommandTests.run(["report", "--db", MetricsCommandTests.demo, "--audience", "raadsbrief",
                                                      "--period", "2024", "--today", "2025-02-03", "--out", out, "--quiet"])
        #expect(code == .success, "\(err)")
        let html = try String(contentsOfFile: out + "/report-raadsbrief.html", encoding: .utf8)
        #expect(html.contains("Gemaakt met noaber") && html.contains("op 3 februari 2025"))
    }

    @Test func aDayThatIsNoDateIsAUsageError() {
        let (code, _, err) = MetricsCommandTests.run(["metrics", "--db", MetricsCommandTests.demo, "--today", "31-01-2025"])
        #expect(code == .usage)
        #expect(err.contains("--today moet een datum JJJJ-MM-DD zijn, gegeven: '31-01-2025'"))
    }
}
