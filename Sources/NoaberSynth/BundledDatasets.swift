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
    public static let villages: [Village] = [
        village("SAA", "Saasveld", 1_700, 172, 12, registered: civil(2023, 1, 1)),
        village("DEU", "Deurningen", 2_015, 199, 16, registered: civil(2023, 1, 1)),
        village("WEE", "Weerselo", 3_075, 326, 16, registered: civil(2023, 1, 1)),
        village("LAT", "Lattrop-Breklenkamp", 1_031, 97, 8, registered: nil),
        village("NDE", "Noord-Deurningen", 1_052, 104, 8, registered: civil(2023, 1, 1)),
        village("TIL", "Tilligte", 745, 77, 8, registered: civil(2024, 9, 1)),
    ]

    private static func village(_ code: String, _ name: String, _ inhabitants: Int, _ over75: Int, _ hours: Double,
                                registered: CivilDate?) -> Village {
        Village(code: code, name: name, municipality: "Dinkelland", inhabitants: inhabitants,
                inhabitants75Plus: over75, paidHoursPerWeek: hours, costPerYearEUR: hours * 52 * 55,
                registrationStart: registered)
    }

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
        for directory in [root, root + "/exports", root + "/profiles"] {
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
