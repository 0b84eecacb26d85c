import Testing
@testable import NoaberCSV

@Suite("CSVReader: random tables round-trip")
struct CSVReaderPropertyTests {
    /// Pieces a cell is built from: the delimiters, quotes, CR, LF, spaces and non-ASCII.
    static let pieces: [String] = ["a", "Wedde", " ", ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "é", "€", "“", "😀", "0"]

    private func randomCell(_ generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...5, using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            scalars.append(contentsOf: (Self.pieces.randomElement(using: &generator) ?? "a").unicodeScalars)
        }
        return String(scalars)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func randomTablesReadBackIdentically(lineEnd: String) throws {
        var generator = SeededGenerator(seed: 20_240_305)
        let delimiters: [Unicode.Scalar] = [",", ";", "\t"]
        for table in 0..<150 {
            let delimiter = delimiters[table % 3]
            let rows = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                (0..<Int.random(in: 1...6, using: &generator)).map { _ in randomCell(&generator) }
            }
            let lines = rows.map { rfc4180Line($0, delimiter: delimiter) }
            let finalNewline = Bool.random(using: &generator)
            let text = lines.joined(separator: lineEnd) + (finalNewline && !rows.isEmpty ? lineEnd : "")

            // Independent line numbers: each row starts after the breaks of the rows before.
            var expectedLines: [Int] = []
            var next = 1
            for line in lines {
                expectedLines.append(next)
                next += lineBreaks(in: line) + 1
            }

            let chunkSize = [1, 2, 3, 7, 64, CSVReader.defaultChunkSize][table % 6]
            let options = CSVReader.Options(delimiter: UInt8(delimiter.value))
            let outcome = try parse(Array(text.utf8), options: options, chunkSize: chunkSize)
            #expect(outcome.error == nil, "table \(table)")
            #expect(outcome.records.map(\.fields) == rows, "table \(table)")
            #expect(outcome.records.map(\.line) == expectedLines, "table \(table)")
            #expect(outcome.records.map(\.raw) == lines, "table \(table)")
        }
    }
}
