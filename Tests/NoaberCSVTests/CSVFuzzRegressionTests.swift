import Testing
@testable import NoaberCSV

/// Inputs libFuzzer found (Fuzz/run.sh csv), kept as tests. See docs/reliability.md, "Fuzzing".
@Suite struct CSVFuzzRegressionTests {
    /// The reader checks the field limit at chunk boundaries; a quote, NUL or text after a closing
    /// quote found later in the same over-long field used to win when the chunk was large, and the
    /// limit when it was small — the error depended on chunking. The first problem in file order
    /// (the limit) must win whatever the chunk size.
    @Test(arguments: [
        "a;b\n" + String(repeating: "x", count: 70) + "\"y;1\n",          // quote in an unquoted field
        "a;b\n" + String(repeating: "x", count: 70) + "\0y;1\n",          // NUL in an unquoted field
        "a;b\n\"" + String(repeating: "x", count: 70) + "\0\";1\n",       // NUL in a quoted field
        "a;b\n\"" + String(repeating: "x", count: 70) + "\"junk;1\n",     // text after the closing quote
    ])
    func overLongFieldReportsTheLimitWhateverTheChunkSize(input: String) throws {
        let options = CSVReader.Options(delimiter: UInt8(ascii: ";"), encoding: .utf8, maxFieldBytes: 64, maxFields: 16)
        for chunkSize in [1, 3, 64, 65, 1 << 16] {
            let outcome = try parse(Array(input.utf8), options: options, chunkSize: chunkSize)
            #expect(outcome.error == CSVError(file: "test.csv", line: 2, field: 1, kind: .fieldTooLarge(limit: 64)),
                    "chunk \(chunkSize)")
        }
    }
}
