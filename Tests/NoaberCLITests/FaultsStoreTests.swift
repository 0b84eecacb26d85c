import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Faults: full disk, read-only store, corrupt store, the pseudonym key, concurrency and
/// `noaber doctor`, each against the built binary.
@Suite("Faults: store", .serialized)
struct FaultsStoreTests {
    /// What must not change when a write fails: every table's counts and the imports.
    static func state(_ box: Sandbox, _ store: String) throws -> [String] {
        try EndToEndAtomicityTests.snapshot(box, store)
    }

    // MARK: full disk

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil))
    func aFileSizeLimitFailsWithExit74AndLeavesTheStoreUnchanged() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let synth = try Faults.synth(box, rows: 20_000)
        #expect(try box.run(["villages", "import", synth.villages, "--db", store]).status == 0)
        let before = try Self.state(box, store)
        let bytes = Faults.bytes(store)
        // 2 MiB: the store is well under it, the import's WAL grows past it.
        let run = try box.run(wrappedBy: Faults.fileSizeLimit(kib: 2048), ["import", synth.cases, "--db", store, "--as-of", "2026-01-10", "--quiet"])
        #expect(run.status == 74, "\(run)")
        // In the run's language only: Dutch by default, no English advice inside it.
        #expect(run.stderr.contains(store) && run.stderr.contains("schijf vol") && !run.stderr.contains("disk full"),
                "names the store and what to do\n\(run)")
        let english = try box.run(wrappedBy: Faults.fileSizeLimit(kib: 2048),
                                  ["import", synth.cases, "--db", store, "--as-of", "2026-01-10", "--quiet", "--lang", "en"])
        #expect(english.status == 74 && english.stderr.contains("disk full") && !english.stderr.contains("schijf vol"), "\(english)")
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        #expect(try Self.state(box, store) == before)
        #expect(Faults.bytes(store) == bytes, "the store file is byte-identical")
    }

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil && Faults.isRoot, "mounting a tmpfs needs root"))
    func aFullTmpfsFailsWithExit74AndLeavesTheStoreUnchanged() throws {
        let box = try Sandbox()
        let disk = box.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard Faults.mountTmpfs(disk, size: "2m") else { return }   // not permitted here: the ulimit test covers it
        defer { Faults.unmount(disk) }
        let store = try Faults.smallStore(box, name: "disk/noaber.sqlite")
        let synth = try Faults.synth(box, rows: 20_000)
        #expect(try box.run(["villages", "import", synth.villages, "--db", store]).status == 0)
        let before = try Self.state(box, store)
        let run = try box.run(["import", synth.cases, "--db", store, "--as-of", "2026-01-10", "--quiet"])
        #expect(run.status == 74, "\(run)")
        #expect(run.stderr.contains("schijf vol"), "\(run)")
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        #expect(try Self.state(box, store) == before)
    }

    @Test func theReporterUnderAFileSizeLimitFailsWith73AndWritesNoHalfFile() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let out = box.path("out")
        let run = try box.run(wrappedBy: Faults.fileSizeLimit(kib: 48),
                              ["report", "--db", store, "--audience", "onderzoek", "--period", "2024", "--out", out, "--quiet"])
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.contains(out), "\(run)")
        for file in Faults.files(under: out) { #expect(Faults.incompleteness(of: out + "/" + file) == nil, "\(file)") }
        #expect(!Faults.files(under: out).contains { $0.contains(".tmp-") }, "a failed write removes its temporary file")
    }

    // MARK: read-only

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil && Faults.canDenyWrites, "running as root without setpriv"))
    func aReadOnlyStoreFileOrFolderGivesAClearErrorAndStaysUnchanged() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let before = try Self.state(box, store)
        let bytes = Faults.bytes(store)
        let export = EndToEnd.datasets + "/exports/WEE-tasks-canonical.csv"
        chmod(store, 0o444)
        let run = try box.run(wrappedBy: Faults.unprivileged, ["import", export, "--db", store, "--as-of", "2025-01-10", "--quiet"])
        #expect(run.status == 74, "\(run)")
        #expect(run.stderr.contains(store) && run.stderr.contains("alleen-lezen") && run.stderr.contains("chmod")
                && !run.stderr.contains("read-only"), "\(run)")
        #expect(Faults.bytes(store) == bytes)
        chmod(store, 0o644)
        #expect(try Self.state(box, store) == before)

        // A read-only folder: SQLite cannot create -wal and -shm beside the store.
        let folder = box.path("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let inner = folder + "/noaber.sqlite"
        try FileManager.default.copyItem(atPath: store, toPath: inner)
        try FileManager.default.copyItem(atPath: store + ".key", toPath: inner + ".key")
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let ro = try box.run(wrappedBy: Faults.unprivileged, ["import", export, "--db", inner, "--as-of", "2025-01-10", "--quiet"])
        #expect(ro.status == 74, "\(ro)")
        #expect(ro.stderr.contains("read-only") || ro.stderr.contains("alleen-lezen"), "\(ro)")
        #expect(Faults.bytes(inner) == bytes)

        // The reporter into a read-only --out: 73, nothing written.
        let report = try box.run(wrappedBy: Faults.unprivileged,
                                 ["report", "--db", store, "--audience", "raadsbrief", "--period", "2024", "--out", folder + "/out", "--quiet"])
        #expect(report.status == 73, "\(report)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    // MARK: corrupt store

    @Test func aCorruptHeaderOrPageIsNamedAndNeverWritten() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let synth = try Faults.synth(box, rows: 3_000)
        #expect(try box.run(["villages", "import", synth.villages, "--db", store]).status == 0)
        #expect(try box.run(["import", synth.cases, "--db", store, "--as-of", "2026-01-10", "--quiet"]).status == 0)
        let healthy = Faults.bytes(store)
        try #require(healthy.count > 40 * 4096 && Faults.bytes(store + "-wal").isEmpty)
        let other = EndToEnd.datasets + "/exports/WEE-tasks-canonical.csv"

        // Garbage over the header, then garbage over one page in the middle.
        var header = healthy
        for i in 0..<32 { header[i] = UInt8(truncatingIfNeeded: i &* 37 &+ 11) }
        var middle = healthy
        let page = healthy.count / 4096 / 2
        var random = SeededGenerator(state: 5)
        for i in (page * 4096)..<((page + 1) * 4096) { middle[i] = UInt8.random(in: 0...255, using: &random) }

        for (damage, bytes) in [("header", header), ("middle page", middle)] {
            try Data(bytes).write(to: URL(fileURLWithPath: store))
            for arguments in [["import", other, "--db", store, "--as-of", "2025-02-01", "--quiet"],
                              ["villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store],
                              ["doctor", "--db", store]] {
                let run = try box.run(arguments)
                #expect(run.status == 74, "\(damage): \(run)")
                let said = run.stderr + run.stdout
                #expect(said.contains(store) && (said.contains("beschadigd") || said.contains("geen (gave) noaber-store")), "\(damage): \(run)")
                #expect(Faults.bytes(store) == bytes, "\(damage): \(arguments[0]) left the file byte-identical")
            }
            let metrics = try box.run(["metrics", "--db", store])
            #expect(metrics.status == 74 || damage == "middle page", "\(damage): \(metrics)")
            #expect(Faults.bytes(store) == bytes)
        }
    }

    // MARK: the pseudonym key

    @Test func aMissingDifferentOrExposedKeyIsRefusedAndNeverReplaced() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let key = store + ".key"
        let keyBytes = Faults.bytes(key)
        let before = Faults.bytes(store)
        let export = EndToEnd.datasets + "/exports/WEE-tasks-canonical.csv"
        let importArgs = ["import", export, "--db", store, "--as-of", "2025-01-10", "--quiet"]

        try FileManager.default.moveItem(atPath: key, toPath: box.path("kept.key"))
        let missing = try box.run(importArgs)
        #expect(missing.status == 78, "\(missing)")
        #expect(missing.stderr.contains("ontbreekt") && missing.stderr.contains("--key-file"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: key), "no new key was made")
        #expect(try box.run(["doctor", "--db", store]).status == 78)

        // Another store's key.
        let otherStore = try Faults.smallStore(box, name: "other.sqlite")
        let different = try box.run(importArgs + ["--key-file", otherStore + ".key"])
        #expect(different.status == 78 && different.stderr.contains("vingerafdruk"), "\(different)")
        #expect(try box.run(["doctor", "--db", store, "--key-file", otherStore + ".key"]).status == 78)

        // The right key, readable by others.
        try FileManager.default.moveItem(atPath: box.path("kept.key"), toPath: key)
        chmod(key, 0o644)
        let exposed = try box.run(importArgs)
        #expect(exposed.status == 78 && exposed.stderr.contains("chmod 600"), "\(exposed)")
        let doctor = try box.run(["doctor", "--db", store])
        #expect(doctor.status == 78 && doctor.stdout.contains("chmod 600 \(key)"), "\(doctor)")
        #expect(Faults.bytes(key) == keyBytes)
        #expect(Faults.bytes(store) == before, "every refusal left the store as it was")
        chmod(key, 0o600)
        #expect(try box.run(importArgs).status == 0)
    }

    // MARK: concurrency

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil))
    func twoImportsAtOnceAndMetricsDuringAnImportStayConsistent() async throws {
        let box = try Sandbox()
        let a = try Faults.synth(box, rows: 20_000, seed: 7)
        let b = try Faults.synth(box, rows: 2_000, seed: 8)
        let store = box.path("noaber.sqlite")
        #expect(try box.run(["villages", "import", a.villages, "--db", store]).status == 0)
        // Claim the key first, so the two imports race only for the write lock.
        let first = try box.run(["import", b.cases, "--db", store, "--as-of", "2026-01-09", "--quiet"])
        #expect(first.status == 0, "\(first)")

        // Phase 1: two imports into the same store at once.
        let bigArgs = ["import", a.cases, "--db", store, "--as-of", "2026-01-10", "--quiet"]
        let head = try String(contentsOfFile: a.cases, encoding: .utf8).split(separator: "\n", maxSplits: 1001).prefix(1001)
        let race = box.path("race.csv")
        try (head.joined(separator: "\n") + "\n").write(toFile: race, atomically: true, encoding: .utf8)
        let smallArgs = ["import", race, "--db", store, "--as-of", "2026-01-11", "--quiet"]
        let big = try box.start(bigArgs)
        try await Task.sleep(for: .milliseconds(300))
        let smallRun = try box.run(smallArgs)
        let bigRun = try box.finish(bigArgs, big)
        for run in [bigRun, smallRun] {
            #expect(run.status == 0 || (run.status == 74 && (run.stderr.contains("bezet") || run.stderr.contains("busy"))), "finishes or says the store is busy: \(run)")
        }
        #expect(bigRun.status == 0, "\(bigRun)")
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        let imports = try box.sqlite(store, "SELECT count(*) FROM imports;")
        #expect(imports == [String(2 + (smallRun.status == 0 ? 1 : 0) + (bigRun.status == 0 ? 1 : 0))], "exactly the finished imports")

        // Phase 2: metrics read over and over while another large import runs: every run succeeds
        // and shows the store before or after that import, never something in between.
        let c = try Faults.synth(box, rows: 20_000, seed: 9)
        let metricsArgs = ["metrics", "--db", store, "--format", "csv", "--no-suppression", "--period", "2023-01-01..2025-12-31", "--by", "all"]
        let beforeMetrics = try box.run(metricsArgs)
        #expect(beforeMetrics.status == 0, "\(beforeMetrics)")
        let thirdArgs = ["import", c.cases, "--db", store, "--as-of", "2026-01-12", "--quiet"]
        let third = try box.start(thirdArgs)
        var seen: [String] = []
        while third.0.isRunning {
            let metrics = try box.run(metricsArgs)
            #expect(metrics.status == 0, "\(metrics)")
            seen.append(metrics.stdout)
        }
        let thirdRun = try box.finish(thirdArgs, third)
        #expect(thirdRun.status == 0, "\(thirdRun)")
        let afterMetrics = try box.run(metricsArgs)
        #expect(beforeMetrics.stdout != afterMetrics.stdout, "the import changes the figures")
        let between = seen.filter { $0 != beforeMetrics.stdout && $0 != afterMetrics.stdout }
        #expect(between.isEmpty, "\(between.count) of \(seen.count) metrics runs saw a partial import")
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        print("faults concurrency: big import exit \(bigRun.status), concurrent small import exit \(smallRun.status); "
              + "metrics runs during an import \(seen.count): before \(seen.filter { $0 == beforeMetrics.stdout }.count), "
              + "after \(seen.filter { $0 == afterMetrics.stdout }.count), partial \(between.count)")
    }

    // MARK: doctor

    @Test func doctorSaysHealthyForAFreshStoreAndExplainsWarnings() throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let fresh = try box.run(["doctor", "--db", store, "--today", "2025-02-01"])
        #expect(fresh.status == 0, "\(fresh)")
        #expect(fresh.stdout.contains("ok") && fresh.stdout.contains("integriteitscontrole van SQLite: ok"), "\(fresh)")
        // Five of the six villages have no export at all: a warning, still exit 0.
        #expect(fresh.stdout.contains("waarschuwing  exports"), "\(fresh)")
        let stale = try box.run(["doctor", "--db", store, "--today", "2025-06-01", "--lang", "en"])
        #expect(stale.status == 0 && stale.stdout.contains("SAA (142 d)") && stale.stdout.contains("warning"), "\(stale)")
        let missing = try box.run(["doctor", "--db", box.path("nope.sqlite")])
        #expect(missing.status == 74 && missing.stdout.contains("bestaat niet"), "\(missing)")
    }
}
