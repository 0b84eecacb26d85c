import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `noaber import` of input that never ends, and of a profile with a duplicated key, through the
/// built binary: each ends quickly with its documented exit code (docs/exit-codes.md). A watchdog
/// kills a run that would hang, so a regression fails the test instead of blocking the suite.
@Suite("End to end: input that never ends")
struct EndToEndInputLimitTests {
    /// Runs noaber, killing it after `limit` seconds; returns the run and how long it took.
    private func run(_ box: Sandbox, _ arguments: [String], limit: Double = 10) throws -> (CLIRun, seconds: Double, killed: Bool) {
        let start = DispatchTime.now().uptimeNanoseconds
        let started = try box.start(arguments)
        var killed = false
        while started.0.isRunning {
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > limit {
                kill(started.0.processIdentifier, SIGKILL)
                killed = true
                break
            }
            usleep(2_000)
        }
        let result = try box.finish(arguments, started)
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, killed)
    }

    @Test(.timeLimit(.minutes(1)))
    func devicesAndPipesEndAtOnceWithNoInput() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let fifo = box.path("export.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        var timings: [String] = []
        for (path, what) in [("/dev/zero", "apparaat"), ("/dev/urandom", "apparaat"), (fifo, "pipe")] {
            let (result, seconds, killed) = try run(box, ["import", path, "--as-of", "2025-01-15"])
            #expect(!killed, "noaber import \(path) had to be killed after \(seconds) s")
            #expect(result.status == 66, "\(result)")
            #expect(result.stderr.contains("geen gewoon bestand") && result.stderr.contains(what), "\(result)")
            // A process start of the debug binary on a busy 2-core machine takes most of this.
            #expect(seconds < 5, "\(path): \(seconds) s")
            timings.append("\(path)=\(String(format: "%.3f", seconds))s")
        }
        // The profile option is read the same way.
        let (profile, _, killed) = try run(box, ["import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--profile", fifo])
        #expect(!killed && profile.status == 66, "\(profile)")
        print("INPUT-LIMIT-CLI " + timings.joined(separator: " "))
    }

    @Test(.timeLimit(.minutes(1)))
    func aProfileWithADuplicatedKeyIsRefusedByName() throws {
        let box = try Sandbox()
        let profile = box.root.appendingPathComponent("dup.json")
        try Data("""
            {
              "name": "dubbel",
              "kind": "cases",
              "columns": { "Dossiernr": "case_id", "Dorp": "village", "Dossiernr": "person_id" },
              "drop": ["Naam"],
              "drop": ["Notities"]
            }
            """.utf8).write(to: profile)
        let (result, seconds, killed) = try run(box, ["import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv",
                                                      "--profile", profile.path, "--as-of", "2025-01-10"])
        #expect(!killed && result.status == 78, "\(result)")
        #expect(result.stderr.contains("'Dossiernr'") && result.stderr.contains("'columns'") && result.stderr.contains("regel 4"), "\(result)")
        #expect(seconds < 5)
    }
}
