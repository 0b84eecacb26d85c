import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "An import is one transaction: interrupted (even kill -9), the store is as it was before."
///
/// A large synthetic import is killed with SIGKILL at seeded random moments; after every kill the
/// `sqlite3` shell (an independent reader) must find an intact store holding exactly what it held
/// before. Finally the same import runs to completion and its accounting is checked.
@Suite("End to end: atomicity", .serialized)
struct EndToEndAtomicityTests {
    static let seed: UInt64 = 20_250_214
    /// Large enough that a debug build needs well over the latest early kill moment (800 ms);
    /// small enough that seven imports of it stay within about a minute on a loaded machine.
    static let rows = 20_000

    /// Everything the store holds that an interrupted import could disturb (timestamps aside).
    static func snapshot(_ box: Sandbox, _ store: String) throws -> [String] {
        try box.sqlite(store, """
            SELECT 'import', import_id, file_name, sha256, kind, village, as_of, rows_read, accepted, rejected, status FROM imports ORDER BY import_id;
            SELECT 'cases', count(*), sum(length(case_id)), count(person_key) FROM cases;
            SELECT 'themes', count(*) FROM case_themes;
            SELECT 'risks', count(*) FROM case_risks;
            SELECT 'escalations', count(*) FROM case_escalations;
            SELECT 'referrals', count(*) FROM case_referrals;
            SELECT 'tasks', count(*) FROM volunteer_tasks;
            SELECT 'rejected', count(*) FROM rejected_rows;
            SELECT 'villages', count(*) FROM villages;
            SELECT 'meta', key, value FROM meta ORDER BY key;
            """)
    }

    /// The size of a file, 0 when it does not exist; `stat` directly, as it is polled in a tight loop.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil, "the sqlite3 shell is not installed (.ci/run installs it); kill -9 test skipped"))
    func killedImportLeavesTheStoreAsItWas() async throws {
        let box = try Sandbox()
        let synthDir = box.path("synth")
        let synth = try box.run("synth", "--villages", "20", "--rows", String(Self.rows), "--no-tasks", "--out", synthDir,
                                "--seed", "7", "--quiet")
        #expect(synth.status == 0, "\(synth)")
        let files = try FileManager.default.contentsOfDirectory(atPath: synthDir)
        let big = synthDir + "/" + (try #require(files.first { $0.hasPrefix("cases-") }, "\(files)"))

        // A small file first: the header and the first 300 rows of the big one.
        let bigText = try String(contentsOfFile: big, encoding: .utf8)
        let lines = bigText.split(separator: "\n", maxSplits: 301, omittingEmptySubsequences: false)
        let small = box.path("small-cases.csv")
        try (lines.prefix(301).joined(separator: "\n") + "\n").write(toFile: small, atomically: true, encoding: .utf8)

        let store = box.path("noaber.sqlite")
        let key = store + ".key"
        #expect(try box.run("villages", "import", synthDir + "/villages.csv").status == 0)
        let first = try box.run("import", small, "--as-of", "2026-01-10", "--format", "json")
        #expect(first.status == 0, "\(first)")
        let firstReport = try #require(try first.json([ImportReportJSON].self).first, "\(first)")
        #expect(firstReport.rowsRead == 300)

        let before = try Self.snapshot(box, store)
        #expect(before.contains("villages|20"), "\(before)")
        #expect(before.filter { $0.hasPrefix("import|") }.count == 2, "\(before)")
        let importsBefore = try box.run("imports", "--format", "json").stdout

        // The same import run to completion on a copy tells how long it takes and what the
        // complete store looks like (same key, so the same pseudonyms).
        // A pristine copy to restore when a late kill comes after the commit; and a timed run of
        // the same import on a second copy, which tells how long it takes and what the complete
        // store looks like (same key file, so the same pseudonyms).
        let pristine = box.path("pristine.sqlite")
        let copy = box.path("copy.sqlite")
        try #require(Self.fileSize(store + "-wal") == 0, "the store is checkpointed before it is copied")
        try FileManager.default.copyItem(atPath: store, toPath: pristine)
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        func restore() throws {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            try FileManager.default.copyItem(atPath: pristine, toPath: store)
        }
        let arguments = ["import", big, "--as-of", "2026-01-10", "--format", "json", "--quiet", "--key-file", key]
        let clock = ContinuousClock()
        let started = clock.now
        let timed = try box.run(arguments + ["--db", copy])
        let duration = clock.now - started
        #expect(timed.status == 0, "\(timed)")
        let complete = try Self.snapshot(box, copy)
        #expect(complete != before)
        let durationMS = Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)

        // Kills while reading, validating and inserting, then kills in the commit itself: as soon as
        // the WAL grows past 16 KiB, retried until one lands before the commit record.
        var random = SeededGenerator(state: Self.seed)
        // Kill moments are fractions of the measured run. Test suites run in parallel, so a run can be
        // much faster or slower than the measured one: a kill that comes after the import finished
        // is not a failure, it is restored and retried with a window half as wide, until at least
        // `requiredInterruptions` kills really interrupted the import.
        var window = max(6, durationMS / 2)
        let requiredInterruptions = 3
        var interruptions = 0
        var killedInCommit = false
        var walAtKill: [Int] = []
        var completedBeforeKill = 0
        var attempt = -1
        while attempt + 1 < 14 {
            attempt += 1
            // Until enough interruptions landed, draw early moments; then try to kill inside the commit.
            let moment: Int? = interruptions < requiredInterruptions ? Int.random(in: 5...max(6, window), using: &random) : nil
            if interruptions >= requiredInterruptions && (killedInCommit || attempt >= 12) { break }
            let process = try box.start(arguments)
            if let moment {
                try await Task.sleep(for: .milliseconds(moment))
            } else {
                // The import's commit writes megabytes in a burst of some tens of milliseconds.
                while process.0.isRunning && Self.fileSize(store + "-wal") < 16_384 { usleep(50) }
            }
            _ = kill(process.0.processIdentifier, SIGKILL)
            let run = try box.finish(arguments, process)
            let wal = Self.fileSize(store + "-wal")
            walAtKill.append(wal)
            let when = moment.map { "killed at \($0) ms of \(durationMS) ms" } ?? "killed while the commit was being written"

            #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"], "attempt \(attempt), \(when)")
            #expect(try box.sqlite(store, "PRAGMA foreign_key_check;").isEmpty, "attempt \(attempt), \(when)")
            let state = try Self.snapshot(box, store)
            if state == complete {
                // The kill came after the commit: the complete import is the only other valid state.
                completedBeforeKill += 1
                if moment != nil { window = max(6, window / 2) }
                try restore()
                continue
            }
            #expect(run.killed && run.status == SIGKILL, "attempt \(attempt), \(when)\n\(run)")
            #expect(state == before, "attempt \(attempt), \(when)")
            let imports = try box.run("imports", "--format", "json")
            #expect(imports.status == 0 && imports.stdout == importsBefore, "attempt \(attempt): \(imports)")
            if moment == nil && wal > 0 { killedInCommit = true }
            if moment != nil { interruptions += 1 }
        }
        #expect(interruptions >= requiredInterruptions, "only \(interruptions) kills interrupted the import")
        print("kill -9 test: full import \(durationMS) ms; WAL bytes at each kill: \(walAtKill); "
              + "runs that completed before their kill: \(completedBeforeKill); killed inside the commit: \(killedInCommit)")

        let final = try box.run(arguments)
        #expect(final.status == 0, "\(final)")
        let report = try #require(try final.json([ImportReportJSON].self).first, "\(final)")
        #expect(report.status == "completed", "the killed attempts left no trace that makes this a re-import\n\(final)")
        #expect(report.rowsRead == Self.rows && report.accepted + report.rejected == report.rowsRead, "\(final)")
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        #expect(try Self.snapshot(box, store) == complete, "the interrupted attempts left nothing behind that changes the result")
        // The small file's rows are the big file's first rows, so the store holds exactly its accepted cases.
        let timedReport = try #require(try timed.json([ImportReportJSON].self).first, "\(timed)")
        #expect(timedReport.rowsRead == Self.rows)
        #expect(complete.contains { $0.hasPrefix("cases|\(timedReport.accepted)|") }, "\(complete)")
    }
}
