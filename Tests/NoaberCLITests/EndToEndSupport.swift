import Foundation
import Testing
import NoaberTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the built `noaber` binary produced: exit status and both output streams.
///
/// The bytes are kept as well as the text, so privacy tests can scan exactly what was written.
struct CLIRun: Sendable, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    /// True when the process ended by a signal (e.g. the SIGKILL of the atomicity test).
    let killed: Bool
    let stdoutBytes: [UInt8]
    let stderrBytes: [UInt8]

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    /// Everything needed to understand a failed expectation, in one string.
    var description: String {
        "noaber \(arguments.joined(separator: " ")) → \(killed ? "killed by signal \(status)" : "exit \(status)")\n"
            + "--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }

    /// Decodes stdout as JSON of the given type (the `--format json` commands).
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(stdoutBytes))
    }

    /// Decodes stdout as a JSON array of objects, for tests that check key names literally.
    func jsonObjects() throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(stdoutBytes))
        return try #require(value as? [[String: Any]], "stdout is not a JSON array of objects:\n\(self)")
    }
}

/// Where things are: the package root, the bundled datasets and the built `noaber` binary.
enum EndToEnd {
    /// The package root, three levels above this file (Tests/NoaberCLITests/EndToEndSupport.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var datasets: String { packageRoot.appendingPathComponent("Datasets").path }

    /// The built `noaber` executable.
    ///
    /// `swift test` builds every product into the same folder as the test bundle, so that folder
    /// is tried first (via the running test process and `Bundle.main`), then `.build/debug`
    /// under the package root as a last resort.
    static let binaryPath: String? = {
        // Another build to test (e.g. an older one, to measure what a privacy scan found before a fix).
        if let override = ProcessInfo.processInfo.environment["NOABER_TEST_BINARY"], !override.isEmpty { return override }
        var folders: [URL] = []
        if let first = CommandLine.arguments.first {
            let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders.append(url.deletingLastPathComponent())
            // Darwin: …/debug/noaberPackageTests.xctest/Contents/MacOS/noaberPackageTests
            folders.append(url.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        }
        let bundle = URL(fileURLWithPath: Bundle.main.bundlePath)
        folders += [bundle, bundle.deletingLastPathComponent()]
        for testBundle in Bundle.allBundles where testBundle.bundlePath.hasSuffix(".xctest") {
            folders.append(URL(fileURLWithPath: testBundle.bundlePath).deletingLastPathComponent())
        }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("noaber").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }()

    /// Whether a `sqlite3` shell is on the PATH (the kill test inspects the store with it).
    static let sqlite3Path: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/sqlite3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// One line of Datasets/exports/manifest.csv (plain ASCII, no quoting, so split on commas).
    struct ManifestEntry: Sendable {
        let file: String
        let kind: String
        let village: String
        let dialect: String
        let profile: String?
        let asOf: String
        let rows: Int
        let deliberateErrors: Int

        /// The `noaber import` arguments that import this export as the manifest describes.
        var importArguments: [String] {
            var args = ["import", EndToEnd.datasets + "/" + file, "--village", village, "--as-of", asOf, "--kind", kind]
            if let profile { args += ["--profile", EndToEnd.datasets + "/" + profile] }
            return args
        }
    }

    static func manifest() throws -> [ManifestEntry] {
        let text = try String(contentsOfFile: datasets + "/exports/manifest.csv", encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(header == ["file", "kind", "village", "dialect", "profile", "as_of", "rows", "deliberate_errors"])
        return try lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(f.count == 8, "manifest line: \(line)")
            return ManifestEntry(file: f[0], kind: f[1], village: f[2], dialect: f[3], profile: f[4].isEmpty ? nil : f[4],
                                 asOf: f[5], rows: try #require(Int(f[6])), deliberateErrors: try #require(Int(f[7])))
        }
    }
}

/// A fresh temporary folder in which `noaber` runs: `work/` is its current directory (so the
/// default store `./noaber.sqlite` lands there), `io/` keeps the captured output streams.
///
/// `NOABER_DB` is removed from the environment so the user's own store is never touched, and
/// `NOABER_LANG` so that output is Dutch unless a test asks otherwise.
/// The folder is deleted when the sandbox goes away.
final class Sandbox {
    let root: URL
    let work: URL
    private let io: URL
    private var counter = 0
    /// Every run in this sandbox, in order, for tests that scan all output.
    private(set) var runs: [CLIRun] = []

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("noaber-e2e-\(UUID().uuidString)")
        work = root.appendingPathComponent("work")
        io = root.appendingPathComponent("io")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A path inside the working folder.
    func path(_ name: String) -> String { work.appendingPathComponent(name).path }

    /// Starts `noaber` with these arguments; the caller waits (or kills). Output goes to files so
    /// a full pipe can never block the child.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (Process, stdout: URL, stderr: URL) {
        let binary = try #require(EndToEnd.binaryPath, "the noaber executable was not found next to the test bundle; run `swift build` first")
        counter += 1
        let out = io.appendingPathComponent("\(counter).out")
        let err = io.appendingPathComponent("\(counter).err")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = work
        var environment = ProcessInfo.processInfo.environment
        environment["NOABER_DB"] = nil
        environment["NOABER_LANG"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    /// Collects the result of a process started with `start` once it has ended.
    func finish(_ arguments: [String], _ started: (Process, stdout: URL, stderr: URL)) throws -> CLIRun {
        started.0.waitUntilExit()
        let run = CLIRun(arguments: arguments, status: started.0.terminationStatus,
                         killed: started.0.terminationReason == .uncaughtSignal,
                         stdoutBytes: Array(try Data(contentsOf: started.stdout)),
                         stderrBytes: Array(try Data(contentsOf: started.stderr)))
        runs.append(run)
        return run
    }

    /// Runs `noaber` to completion.
    @discardableResult
    func run(_ arguments: String...) throws -> CLIRun { try run(arguments) }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
        try finish(arguments, try start(arguments, environment: environment))
    }

    /// The bytes of every file of a store: the database, its WAL, shared memory and journal.
    func storeFiles(_ store: String) -> [(String, [UInt8])] {
        ["", "-wal", "-shm", "-journal"].compactMap { suffix in
            FileManager.default.contents(atPath: store + suffix).map { (store + suffix, Array($0)) }
        }
    }

    /// Runs the `sqlite3` shell on a store and returns its output lines (list mode, `|` between columns).
    func sqlite(_ store: String, _ sql: String) throws -> [String] {
        let shell = try #require(EndToEnd.sqlite3Path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-batch", "-noheader", store, sql]
        process.currentDirectoryURL = work
        let out = io.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try Data().write(to: out)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: out)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        try #require(process.terminationStatus == 0, "sqlite3 failed on \(sql): \(text)")
        return text.split(separator: "\n").map(String.init)
    }
}

/// True when `needle` occurs anywhere in `haystack` (byte-wise, no decoding).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    let first = needle[0]
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        i += 1
    }
    return false
}

/// SplitMix64: a tiny seeded generator, so the kill moments are reproducible from the seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One element of `noaber import --format json`, decoded with the key names the contract promises.
struct ImportReportJSON: Decodable, Sendable {
    let file: String
    let importID: Int64?
    let status: String
    let kind: String
    let rowsRead: Int
    let accepted: Int
    let rejected: Int
    let previousImportID: Int64?

    enum CodingKeys: String, CodingKey {
        case file, status, kind, accepted, rejected
        case importID = "import_id", rowsRead = "rows_read", previousImportID = "previous_import_id"
    }
}

/// One element of `noaber imports --format json` (the provenance table).
struct ImportRecordJSON: Decodable, Equatable, Sendable {
    let importID: Int64
    let fileName: String
    let sha256: String
    let kind: String
    let village: String?
    let profile: String?
    let asOf: String
    let rowsRead: Int
    let accepted: Int
    let rejected: Int
    let status: String

    enum CodingKeys: String, CodingKey {
        case sha256, kind, village, profile, accepted, rejected, status
        case importID = "import_id", fileName = "file_name", asOf = "as_of", rowsRead = "rows_read"
    }
}

/// One element of `noaber rejected --format json`.
struct RejectedRowJSON: Decodable, Sendable {
    let importID: Int64
    let line: Int
    let field: String?
    let reason: String
    let raw: String

    enum CodingKeys: String, CodingKey {
        case line, field, reason, raw
        case importID = "import_id"
    }
}

/// Splits RFC 4180 CSV text into records of fields (the independent reader of NoaberTestSupport).
func parseCSV(_ text: String, delimiter: Character = ",") -> [[String]] {
    ReferenceCSV.parse(text, delimiter: delimiter)
}
