#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberCSV
import NoaberModel

/// The data shipped in Datasets/: the six Dinkelland villages with a dorpsondersteuner (raadsbrief
/// Dinkelland 2024 nr. 34), synthetic case and task exports for each in three dialects, and the
/// mapping profiles. `noaber synth --bundled` calls `write(root:)`; the files are committed.
public enum BundledDatasets {
    /// The seed every bundled export is made with.
    public static let seed: UInt64 = 20_250_101

    /// Saasveld, Deurningen, Weerselo, Lattrop-Breklenkamp, Noord-Deurningen and Tilligte, with
    /// their CBS populations (Datasets/README.md), ~10% aged 75+ (plausible, not CBS figures), paid hours
    /// in the 8–16 range and a cost of hours × 52 × €55 (all-in hourly cost, an assumption).
    /// Lattrop-Breklenkamp, Tilligte and Noord-Deurningen share one ondersteuner ("de combinatie"
    /// in the raadsbrief), so each gets 8 of her 24 hours.
    ///
    /// The data are shaped like real data on purpose: Tilligte has not sent an export yet (it is
    /// in the villages file, so every output must say it has no figures rather than show zeros),
    /// Noord-Deurningen's latest export is from 15 November 2024 (so the last quarter of 2024 and
    /// the year 2024 are only partly covered there), and Lattrop-Breklenkamp's registration start
    /// is not in the villages file (its earliest case stands in). The others started registering
    /// on 1 January 2023.
    ///
    /// `ondersteuner_start` follows the raadsbrief's order (Saasveld since 2019, then Deurningen,
    /// Weerselo and the combination); the days are assumed: Saasveld 1 September 2019, Deurningen
    /// 1 September 2020, Weerselo 1 January 2022, the combination 1 October 2022.
    public static let villages: [Village] = [
        village("SAA", "Saasveld", 1_700, 172, 12, registered: civil(2023, 1, 1), started: civil(2019, 9, 1)),
        village("DEU", "Deurningen", 2_015, 199, 16, registered: civil(2023, 1, 1), started: civil(2020, 9, 1)),
        village("WEE", "Weerselo", 3_075, 326, 16, registered: civil(2023, 1, 1), started: civil(2022, 1, 1)),
        village("LAT", "Lattrop-Breklenkamp", 1_031, 97, 8, registered: nil, started: civil(2022, 10, 1)),
        village("NDE", "Noord-Deurningen", 1_052, 104, 8, registered: civil(2023, 1, 1), started: civil(2022, 10, 1)),
        village("TIL", "Tilligte", 745, 77, 8, registered: civil(2024, 9, 1), started: civil(2022, 10, 1)),
    ]

    private static func village(_ code: String, _ name: String, _ inhabitants: Int, _ over75: Int, _ hours: Double,
                                registered: CivilDate?, started: CivilDate?) -> Village {
        Village(code: code, name: name, municipality: "Dinkelland", inhabitants: inhabitants,
                inhabitants75Plus: over75, paidHoursPerWeek: hours, costPerYearEUR: hours * 52 * 55,
                registrationStart: registered, ondersteunerStart: started)
    }

    /// Kernen of Dinkelland without a dorpsondersteuner, as comparison areas for the outcome
    /// series (`comparison_area`): 0 paid hours, no cost, no cases. The names are real; the
    /// inhabitants are rounded guesses, not CBS figures (Datasets/README.md says so).
    public static let comparisonAreas: [Village] = [
        ("AGE", "Agelo", 350), ("BEU", "Beuningen", 560), ("DEN", "Denekamp", 9_500), ("LEM", "Lemselo", 300),
        ("OOT", "Ootmarsum", 4_400), ("OUD", "Oud Ootmarsum", 600), ("ROS", "Rossum", 1_100), ("VOL", "Volthe", 700),
    ].map { code, name, inhabitants in
        Village(code: code, name: name, municipality: "Dinkelland", inhabitants: inhabitants, paidHoursPerWeek: 0,
                isComparisonArea: true)
    }

    /// The bundled outcome series: GP consultations per quarter, 2018–2024, for the six villages
    /// and the comparison areas, with a built-in effect of −7% (reached after four quarters) from
    /// each village's first quarter with its ondersteuner. Synthetic (see `OutcomeSeries`).
    public static var outcomeSeries: OutcomeSeries {
        OutcomeSeries(seed: seed, measure: "huisartsconsulten", areas: villages + comparisonAreas,
                      periods: OutcomeSeries.periods(.quarter, from: .quarter(2018, 1), to: .quarter(2024, 4)))
    }

    /// Where the bundled outcome series is, relative to the Datasets root, and its delivery date.
    public static let outcomePath = "outcomes/huisartsconsulten.csv"
    public static let outcomeAsOf = civil(2025, 2, 1)

    /// One bundled export: which village, which dialect, made on which day.
    public struct Export: Sendable, Hashable {
        public var village: String
        public var kind: RecordKind
        public var dialect: ExportDialect
        public var asOf: CivilDate
        /// Path relative to the Datasets root.
        public var path: String
        /// The profile it needs, relative to the Datasets root; nil for canonical files.
        public var profile: String?
    }

    /// The plan: each village with an export in one of the three case dialects, exported on its
    /// own day — early 2025, except Noord-Deurningen (15 November 2024). Tilligte has none.
    public static var exports: [Export] {
        let plan: [(String, ExportDialect, ExportDialect, (Int, Int, Int))] = [
            ("SAA", .canonical, .canonical, (2025, 1, 10)),
            ("WEE", .canonical, .canonical, (2025, 1, 17)),
            ("DEU", .dutchExcel, .dutchExcel, (2025, 1, 6)),
            ("NDE", .dutchExcel, .dutchExcel, (2024, 11, 15)),
            ("LAT", .bomSerial, .canonical, (2025, 1, 24)),
        ]
        var result: [Export] = []
        for (code, caseDialect, taskDialect, day) in plan {
            let asOf = civil(day.0, day.1, day.2)
            result.append(Export(village: code, kind: .cases, dialect: caseDialect, asOf: asOf,
                                 path: "exports/\(code)-cases-\(caseDialect.rawValue).csv",
                                 profile: caseDialect == .canonical ? nil : "profiles/\(caseDialect.rawValue)-cases.json"))
            result.append(Export(village: code, kind: .tasks, dialect: taskDialect, asOf: asOf,
                                 path: "exports/\(code)-tasks-\(taskDialect.rawValue).csv",
                                 profile: taskDialect == .dutchExcel ? "profiles/dutch-excel-tasks.json" : nil))
        }
        return result
    }

    /// A date the code spells out; the constants are valid, the fallback never taken.
    private static func civil(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day) ?? CivilDate(dayNumber: 0)
    }

    /// A file written, with its data rows and the rows made invalid on purpose.
    public struct WrittenFile: Sendable, Hashable {
        public var path: String
        public var rows: Int
        public var injectedErrors: [InjectedError]
    }

    /// Every bundled file as bytes, keyed by path relative to the Datasets root, in a fixed order.
    public static func render() throws -> [(path: String, bytes: [UInt8], rows: Int, errors: [InjectedError])] {
        var files: [(path: String, bytes: [UInt8], rows: Int, errors: [InjectedError])] = []
        files.append(("villages.csv", try villagesCSV(), villages.count, []))
        files.append(("comparison-areas.csv", try VillagesFile.render(comparisonAreas), comparisonAreas.count, []))
        let series = MemorySink()
        let seriesRows = try outcomeSeries.write(to: series)
        files.append((outcomePath, series.bytes, seriesRows, []))
        let from = civil(2023, 1, 1)
        let to = civil(2024, 12, 31)
        let manifest = MemorySink()
        var manifestWriter = try CSVWriter(sink: manifest, dialect: .standard)
        try manifestWriter.writeRow(["file", "kind", "village", "dialect", "profile", "as_of", "rows", "deliberate_errors"])
        for export in exports {
            guard let village = villages.first(where: { $0.code == export.village }) else { continue }
            let options = SynthOptions(seed: seed, villages: [village], from: from, to: to, asOf: export.asOf,
                                       dialect: export.dialect, deliberateErrors: true)
            let generator = try SynthGenerator(options: options)
            let sink = MemorySink()
            let summary = export.kind == .cases ? try generator.writeCases(to: sink) : try generator.writeTasks(to: sink)
            files.append((export.path, sink.bytes, summary.rows, summary.injectedErrors))
            try manifestWriter.writeRow([.text(export.path), .text(export.kind.rawValue), .text(export.village),
                                         .text(export.dialect.rawValue), .text(export.profile ?? ""),
                                         .text(export.asOf.iso), .integer(summary.rows),
                                         .integer(summary.injectedErrors.count)])
        }
        files.append(("exports/manifest.csv", manifest.bytes, exports.count, []))
        for dialect in [ExportDialect.dutchExcel, .bomSerial] {
            if let json = MappingProfiles.cases(dialect, villages: villages) {
                files.append(("profiles/\(dialect.rawValue)-cases.json", Array(json.utf8), 0, []))
            }
        }
        if let json = MappingProfiles.tasks(.dutchExcel, villages: villages) {
            files.append(("profiles/dutch-excel-tasks.json", Array(json.utf8), 0, []))
        }
        return files
    }

    /// Writes every bundled file under `root` (creating `exports/` and `profiles/`), each
    /// atomically, and returns what was written.
    @discardableResult
    public static func write(root: String) throws -> [WrittenFile] {
        for directory in [root, root + "/exports", root + "/profiles", root + "/outcomes"] {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw SynthError("cannot create directory \(directory)")
            }
        }
        var written: [WrittenFile] = []
        for file in try render() {
            let sink = try FileSink(path: root + "/" + file.path)
            try sink.write(file.bytes)
            try sink.commit()
            written.append(WrittenFile(path: file.path, rows: file.rows, injectedErrors: file.errors))
        }
        return written
    }

    /// Datasets/villages.csv in the canonical villages format.
    static func villagesCSV() throws -> [UInt8] { try VillagesFile.render(villages) }
}

extension SynthGenerator {
    /// Writes the bundled datasets under `root` (what `noaber synth --bundled` runs).
    @discardableResult
    public static func writeBundledDatasets(root: String) throws -> [BundledDatasets.WrittenFile] {
        try BundledDatasets.write(root: root)
    }
}
