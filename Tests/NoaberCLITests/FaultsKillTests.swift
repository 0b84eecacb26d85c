import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Faults: `kill -9` at many seeded random moments of an import and of a report.
///
/// Rounds: `NOABER_KILL_ROUNDS` (default 5 for CI; the documented run in docs/reliability-faults.md
/// uses 25): `NOABER_KILL_ROUNDS=25 swift test --filter FaultsKill`.
@Suite("Faults: kill -9", .serialized)
struct FaultsKillTests {
    static let seed: UInt64 = 0x5EED_0005
    static let rows = 20_000

    static func milliseconds(_ d: Duration) -> Int {
        Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }

    @Test(.enabled(if: EndToEnd.sqlite3Path != nil, "the sqlite3 shell is not installed"))
    func importKilledAtRandomMomentsHoldsExactlyTheFinishedImports() async throws {
        let box = try Sandbox()
        let synth = try Faults.synth(box, rows: Self.rows)
        let store = box.path("noaber.sqlite")
        #expect(try box.run(["villages", "import", synth.villages, "--db", store]).status == 0)
        // A first finished import, which also records the key's fingerprint.
        let lines = try String(contentsOfFile: synth.cases, encoding: .utf8).split(separator: "\n", maxSplits: 301)
        let small = box.path("small-cases.csv")
        try (lines.prefix(301).joined(separator: "\n") + "\n").write(toFile: small, atomically: true, encoding: .utf8)
        #expect(try box.run(["import", small, "--db", store, "--as-of", "2026-01-09", "--quiet"]).status == 0)
        let before = try EndToEndAtomicityTests.snapshot(box, store)
        let pristine = box.path("pristine.sqlite")
        try FileManager.default.copyItem(atPath: store, toPath: pristine)
        try FileManager.default.copyItem(atPath: store + ".key", toPath: pristine + ".key")
        let arguments = ["import", synth.cases, "--as-of", "2026-01-10", "--quiet", "--format", "json", "--db", store]

        // One complete run on a copy: how long it takes and what "finished" looks like.
        let copy = box.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: pristine, toPath: copy)
        try FileManager.default.copyItem(atPath: pristine + ".key", toPath: copy + ".key")
        let clock = ContinuousClock()
        let started = clock.now
        let timed = try box.run(["import", synth.cases, "--as-of", "2026-01-10", "--quiet", "--format", "json", "--db", copy])
        let durationMS = Self.milliseconds(clock.now - started)
        try #require(timed.status == 0, "\(timed)")
        let complete = try EndToEndAtomicityTests.snapshot(box, copy)

        func restore() throws {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            try FileManager.default.copyItem(atPath: pristine, toPath: store)
        }

        var random = SeededGenerator(state: Self.seed)
        var interrupted = 0
        var finishedFirst = 0
        var moments: [Int] = []
        let rounds = Faults.killRounds
        // Moments over the whole run and a little past it, so kills land while reading,
        // validating, inserting, committing and after the commit. Test suites run in parallel, so a
        // real run can be much faster than the measured one: when an import finishes before its
        // kill, the window halves, and extra rounds (up to twice as many) run until at least one
        // kill has interrupted an import.
        var upper = max(21, durationMS * 11 / 10)
        var round = -1
        while round + 1 < rounds || (interrupted == 0 && round + 1 < 2 * rounds) {
            round += 1
            let moment = Int.random(in: 20...upper, using: &random)
            moments.append(moment)
            let process = try box.start(arguments)
            try await Task.sleep(for: .milliseconds(moment))
            _ = kill(process.0.processIdentifier, SIGKILL)
            let run = try box.finish(arguments, process)
            let context = "round \(round), kill at \(moment) ms of \(durationMS) ms"
            #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"], "\(context)")
            #expect(try box.sqlite(store, "PRAGMA foreign_key_check;").isEmpty, "\(context)")
            let state = try EndToEndAtomicityTests.snapshot(box, store)
            if state == complete {
                finishedFirst += 1   // the commit came before the kill: the finished import is kept
                upper = max(21, upper / 2)
                try restore()
            } else {
                #expect(state == before, "an interrupted import left something behind: \(context)\n\(run)")
                #expect(run.killed, "\(context)\n\(run)")
                interrupted += 1
            }
        }
        #expect(interrupted >= 1, "no kill interrupted the import (\(finishedFirst) finished first)")
        print("faults kill -9 import: rounds \(rounds), full import \(durationMS) ms, interrupted \(interrupted), "
              + "finished before the kill \(finishedFirst), moments \(moments)")

        // After all of that, the import runs to completion and gives exactly the complete state.
        let final = try box.run(arguments)
        #expect(final.status == 0, "\(final)")
        let report = try #require(try final.json([ImportReportJSON].self).first)
        #expect(report.status != "unchanged" && report.rowsRead == Self.rows && report.accepted + report.rejected == Self.rows)
        #expect(try box.sqlite(store, "PRAGMA integrity_check;") == ["ok"])
        #expect(try EndToEndAtomicityTests.snapshot(box, store) == complete)
    }

    @Test(.timeLimit(.minutes(5)))
    func reportKilledAtRandomMomentsNeverLeavesAHalfFileUnderItsFinalName() async throws {
        let box = try Sandbox()
        let store = try Faults.smallStore(box)
        let out = box.path("report")
        let arguments = ["report", "--db", store, "--audience", "onderzoek", "--period", "2024", "--out", out, "--quiet", "--draws", "100"]
        let clock = ContinuousClock()
        let started = clock.now
        let timed = try box.run(arguments)
        let durationMS = Self.milliseconds(clock.now - started)
        try #require(timed.status == 0, "\(timed)")
        let expectedFiles = Faults.files(under: out)
        #expect(expectedFiles.contains("report-onderzoek.html") && expectedFiles.count > 5, "\(expectedFiles)")
        try FileManager.default.removeItem(atPath: out)

        var random = SeededGenerator(state: Self.seed ^ 0xFF)
        var leftovers = 0
        var partialSets = 0
        let rounds = Faults.killRounds * 2
        for round in 0..<rounds {
            let moment = Int.random(in: 20...max(21, durationMS), using: &random)
            let process = try box.start(arguments)
            try await Task.sleep(for: .milliseconds(moment))
            _ = kill(process.0.processIdentifier, SIGKILL)
            _ = try box.finish(arguments, process)
            let files = Faults.files(under: out)
            for file in files {
                #expect(Faults.incompleteness(of: out + "/" + file) == nil,
                        "round \(round), kill at \(moment) of \(durationMS) ms: \(file): \(Faults.incompleteness(of: out + "/" + file) ?? "")")
            }
            leftovers += files.filter { $0.contains(".tmp-") }.count
            if files.filter({ !$0.contains(".tmp-") }).count < expectedFiles.count { partialSets += 1 }
        }
        print("faults kill -9 report: rounds \(rounds), full report \(durationMS) ms, runs killed before all files existed \(partialSets), "
              + "temporary files seen after kills \(leftovers)")

        // A later successful run completes every file and removes what killed runs left behind.
        let final = try box.run(arguments)
        #expect(final.status == 0, "\(final)")
        let files = Faults.files(under: out)
        #expect(files == expectedFiles, "no temporary file survives a successful run")
        for file in files { #expect(Faults.incompleteness(of: out + "/" + file) == nil, "\(file)") }
    }
}
