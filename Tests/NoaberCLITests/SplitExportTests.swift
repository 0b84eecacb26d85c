import Foundation
import Testing
import NoaberImport
import NoaberMetrics
import NoaberModel
import NoaberStore

/// Public survival data sets imported the way a village's sheet would show them: one full export
/// per censoring date, each open case listed only up to its own date (its censoring), every case
/// received on one day and closed at its event time. noaber must then censor each open case where
/// it was last seen and give lifelines' Kaplan–Meier median and interval exactly (values from
/// Tests/NoaberMetricsTests/Fixtures/make_reference.py, `split_export`). Censoring every open case
/// at the newest export instead gave 350 days [288, 429] for `lung` against lifelines' 310 [284, 361].
@Suite("Split exports against lifelines")
struct SplitExportTests {
    struct Reference: Decodable {
        struct At: Decodable { let t: Double; let survival: Double }
        let name: String
        let durations: [Int]
        let events: [Int]
        let median: Double
        let median_ci: [Double]
        let at_times: [At]
    }

    static func references() throws -> [Reference] {
        struct File: Decodable { let split_export: [Reference] }
        let url = EndToEnd.packageRoot.appendingPathComponent("Tests/NoaberMetricsTests/Fixtures/km_reference.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).split_export
    }

    @Test(arguments: ["lung", "waltons"])
    func oneFullExportPerCensoringDateGivesLifelinesMedian(name: String) throws {
        let reference = try #require(try Self.references().first { $0.name == name })
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("noaber-split-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try NoaberStore(path: root + "/s.sqlite")
        let importer = Importer(store: store, keyPath: root + "/s.sqlite.key")
        let base = try #require(CivilDate(year: 2020, month: 1, day: 1))
        func write(_ name: String, _ text: String) throws -> String {
            let path = root + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let villages = try write("villages.csv", """
            village,name,municipality,inhabitants,registration_start
            L,Lung,M,1000,\(base.iso)

            """)
        #expect(try importer.importFile(villages, options: ImportOptions(kind: .villages, asOf: base)).accepted == 1)

        // Export dates: every censoring time, then the last time of all (every event closed by then).
        let censorTimes = Set(zip(reference.durations, reference.events).filter { $0.1 == 0 }.map(\.0))
        let dates = (censorTimes.union([reference.durations.max() ?? 0])).sorted()
        for a in dates {
            var rows = ["case_id,village,received,closed"]
            for (i, (t, e)) in zip(reference.durations, reference.events).enumerated() {
                if e == 0 && t < a { continue }                       // censored earlier: no longer listed
                let closed = e == 1 && t <= a ? base.adding(days: t).iso : ""
                rows.append("\(name)-\(i),L,\(base.iso),\(closed)")
            }
            let file = try write("export-\(a).csv", rows.joined(separator: "\n") + "\n")
            let report = try importer.importFile(file, options: ImportOptions(asOf: base.adding(days: a)))
            #expect(report.rejected == 0, "\(report.firstRejections)")
        }

        let source = try MetricsSource.reading(store)
        let period = try Period(parsing: "\(base.iso)..\(base.iso)")
        let result = try MetricsEngine.compute(.response, source: source, options: MetricsOptions(periods: [period], suppress: false))
        let median = try #require(result.row("L", period.label, "closure_median_days"))
        #expect(median.n == reference.durations.count)
        #expect(median.value == reference.median, "\(name): \(String(describing: median.value)) vs lifelines \(reference.median)")
        #expect(median.lower == reference.median_ci[0] && median.upper == reference.median_ci[1],
                "\(name): [\(String(describing: median.lower)), \(String(describing: median.upper))] vs \(reference.median_ci)")
        let curve = try #require(result.survivalCurves.first { $0.group == "L" && $0.endpoint == .closure })
        for at in reference.at_times {
            #expect(abs(curve.estimate.survival(at: at.t) - at.survival) < 1e-12, "\(name) S(\(at.t))")
        }
        // Every open case a later full export dropped is a data-quality finding, and each is counted once.
        let quality = try MetricsEngine.compute(.quality, source: try MetricsSource.reading(store),
                                                options: MetricsOptions(periods: [period], suppress: false))
        let dropped = zip(reference.durations, reference.events).filter { $0.1 == 0 && $0.0 < (dates.last ?? 0) }.count
        #expect(quality.row("L", "all", "cases_vanished")?.value == Double(dropped))
    }
}
