import Testing
import NoaberTestSupport
@testable import NoaberCSV

/// CSVWriter → CSVReader gives back exactly the cells written, for thousands of seeded random rows
/// whose cells are full of delimiters, quotes, CR, LF, CRLF, tabs, leading and trailing spaces,
/// non-ASCII text and empty strings — in both dialects, with formula neutralisation off (it
/// changes cells on purpose), and through tiny chunks so every quote and line break also
/// straddles a chunk boundary.
@Suite struct CSVRoundTripPropertyTests {
    /// The pieces cells are made of: every byte the reader treats specially, and some that a
    /// careless writer would.
    static let pieces: [String] = [
        ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", " ", "  ", "a", "Zoë", "€", "ĳ", "日本", "👩‍👩‍👧",
        "\u{00A0}", "\u{FEFF}", "=1+1", "-", "'", "x y", "1,5", "", "\\",
    ]

    static func randomCell(_ rng: inout SplitMix64) -> String {
        if rng.next() % 8 == 0 { return "" }
        let count = Int(rng.next() % 7) + 1
        return (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
    }

    static func roundTrip(_ rows: [[String]], dialect: CSVDialect, chunkSize: Int) throws -> [[String]] {
        let sink = MemorySink()
        var writer = try CSVWriter(sink: sink, dialect: dialect, neutraliseFormulas: false)
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
        // The delimiter is told, not detected: detection looks at the first record only, and
        // random first cells full of `;` and tabs would outvote the real delimiter.
        let reader = try CSVReader(bytes: sink.bytes, name: "roundtrip.csv",
                                   options: .init(delimiter: dialect.delimiter, encoding: .utf8), chunkSize: chunkSize)
        var result: [[String]] = []
        while try reader.next() { result.append(reader.fields()) }
        return result
    }

    @Test(arguments: [CSVDialect.standard, CSVDialect.excelDutch], [1, 7, CSVReader.defaultChunkSize])
    func randomRowsComeBackCellForCell(dialect: CSVDialect, chunkSize: Int) throws {
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(seed: seed &* 1_000_003)
            let rows: [[String]] = (0..<100).map { _ in
                (0..<(Int(rng.next() % 6) + 1)).map { _ in Self.randomCell(&rng) }
            }
            let back = try Self.roundTrip(rows, dialect: dialect, chunkSize: chunkSize)
            #expect(back == rows, "seed \(seed)")
            if back != rows { return }
        }
    }

    @Test(arguments: [CSVDialect.standard, CSVDialect.excelDutch])
    func edgeRowsSurvive(dialect: CSVDialect) throws {
        let rows: [[String]] = [
            [""],                        // one empty cell: would be an empty line, which readers skip
            ["", ""],
            ["\u{FEFF}first"],           // would be taken for a byte order mark at the start of a file
            [" lead", "trail ", "\t"],
            ["\r\n", "\r", "\n"],
            ["\"", "\"\"\""],
        ]
        for first in rows.indices {
            // Each edge row also as the file's first row, where the BOM and detection matter.
            let ordered = Array(rows[first...] + rows[..<first])
            #expect(try Self.roundTrip(ordered, dialect: dialect, chunkSize: 3) == ordered)
        }
    }

    @Test func oneEmptyCellIsWrittenAsAQuotedEmptyField() throws {
        let sink = MemorySink()
        var writer = try CSVWriter(sink: sink, dialect: .standard, neutraliseFormulas: false)
        try writer.writeRow([""])
        #expect(sink.bytes == Array("\"\"\n".utf8))
    }
}
