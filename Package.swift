// swift-tools-version: 6.0
// noaber takes no package dependencies: the Swift toolchain and the system SQLite and zlib libraries only.
import PackageDescription

let package = Package(
    name: "noaber",
    products: [
        .executable(name: "noaber", targets: ["noaber"]),
        .library(name: "Noaber", targets: ["NoaberModel", "NoaberStore", "NoaberImport", "NoaberMetrics", "NoaberReport"]),
    ],
    targets: [
        // The C library behind one system-library module; nothing above NoaberStore sees a C pointer.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // zlib's raw inflate for the zip container of .xlsx workbooks; only NoaberXLSX sees it.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Value types shared by every layer: codes, dates, records. No I/O.
        .target(name: "NoaberModel"),
        // Streaming byte-level CSV reading and writing; knows nothing about noaber's records.
        .target(name: "NoaberCSV"),
        // Streaming .xlsx reading (zip, inflate, a byte-level XML scanner, sheets as rows of
        // text); knows nothing about noaber's records.
        .target(name: "NoaberXLSX", dependencies: ["CZlib"]),
        // The SQLite layer and noaber's schema.
        .target(name: "NoaberStore", dependencies: ["CSQLite", "NoaberModel"]),
        // From a village's export to validated, pseudonymised rows in the store.
        .target(name: "NoaberImport", dependencies: ["NoaberModel", "NoaberCSV", "NoaberXLSX", "NoaberStore"]),
        // Deterministic synthetic exports for demos, tests and benchmarks.
        .target(name: "NoaberSynth", dependencies: ["NoaberModel", "NoaberCSV"]),
        // Pure estimators over value types, plus the store loader that feeds them.
        .target(name: "NoaberMetrics", dependencies: ["NoaberModel", "NoaberStore"]),
        // CSV, SVG and HTML writers for the three audiences.
        .target(name: "NoaberReport", dependencies: ["NoaberModel", "NoaberCSV", "NoaberMetrics"]),
        // Argument parsing and the commands; the executable only calls into this.
        .target(name: "NoaberCLI", dependencies: ["NoaberModel", "NoaberCSV", "NoaberStore", "NoaberImport", "NoaberSynth", "NoaberMetrics", "NoaberReport"]),
        .executableTarget(name: "noaber", dependencies: ["NoaberCLI"]),

        // Helpers several test targets share (an independent CSV reader, a seeded generator);
        // depends on nothing of noaber's, so it can check noaber's output independently.
        .target(name: "NoaberTestSupport", path: "Tests/NoaberTestSupport"),
        .testTarget(name: "NoaberModelTests", dependencies: ["NoaberModel"]),
        .testTarget(name: "NoaberCSVTests", dependencies: ["NoaberCSV", "NoaberTestSupport"]),
        .testTarget(name: "NoaberXLSXTests", dependencies: ["NoaberXLSX", "CZlib"]),
        .testTarget(name: "NoaberStoreTests", dependencies: ["NoaberStore"]),
        .testTarget(name: "NoaberImportTests", dependencies: ["NoaberImport", "NoaberStore", "NoaberSynth"], exclude: ["Fixtures"], resources: [.copy("Hostile"), .copy("Workbooks")]),
        .testTarget(name: "NoaberSynthTests", dependencies: ["NoaberSynth", "NoaberCSV", "NoaberTestSupport"]),
        .testTarget(name: "NoaberMetricsTests", dependencies: ["NoaberMetrics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NoaberReportTests", dependencies: ["NoaberReport", "NoaberTestSupport"], resources: [.copy("Golden")]),
        // Golden help pages and usage errors are read from the source tree (#filePath), not bundled.
        .testTarget(name: "NoaberCLITests", dependencies: ["NoaberCLI", "NoaberTestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
