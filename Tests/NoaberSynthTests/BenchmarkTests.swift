import Testing
import NoaberCSV
import NoaberModel
import NoaberSynth
#if canImport(Glibc)
import Glibc
#endif

@Suite struct BenchmarkTests {
    /// `NOABER_BENCH=1 swift test -c release --filter BenchmarkTests`: one million canonical case
    /// rows over 100 synthetic villages into a file, timed.
    @Test(.enabled(if: getenv("NOABER_BENCH") != nil))
    func millionCanonicalRows() throws {
        let villages = SyntheticVillages.make(count: 100, seed: 1)
        let options = SynthOptions(seed: 1, villages: villages, from: date(2023, 1, 1), to: date(2024, 12, 31),
                                   asOf: date(2025, 1, 15), targetRows: 1_000_000)
        let path = "/tmp/noaber-bench-\(getpid()).csv"
        let clock = ContinuousClock()
        let sink = try FileSink(path: path)
        var summary: SynthSummary?
        let elapsed = try clock.measure {
            summary = try SynthGenerator(options: options).writeCases(to: sink)
            try sink.commit()
        }
        var info = stat()
        stat(path, &info)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("wrote \(summary?.rows ?? 0) rows, \(info.st_size) bytes in \(seconds) s (\(Int(Double(summary?.rows ?? 0) / seconds)) rows/s)")
        unlink(path)
        #expect(summary?.rows == 1_000_000)
    }
}
