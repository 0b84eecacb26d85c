import Testing
@testable import NoaberCSV

/// The parser skips ordinary bytes eight at a time; these tables put every special byte at every
/// offset of a word, next to the bytes just above and below the thresholds the word test uses.
@Suite("CSVReader: word-at-a-time scanning")
struct CSVReaderWordScanTests {
    /// Bytes around the `< 0x23` threshold (`!` 0x21, `"` 0x22, `#` 0x23, `$` 0x24), the
    /// delimiters and their neighbours (`+` `-` `:` `<` 0x08 0x0A), and high bytes (é, €, 😀).
    static let pieces: [String] = ["a", "bcdefgh", "!", "#", "$", "+", "-", ":", "<", "\u{8}", "\u{B}", " ",
                                   ",", ";", "\t", "\"", "\r", "\n", "é", "€", "😀", "\u{7F}", "\u{80}"]

    @Test(arguments: [",", ";", "\t"] as [Unicode.Scalar], [1, 9, 64, CSVReader.defaultChunkSize])
    func longCellsReadBackIdentically(delimiter: Unicode.Scalar, chunkSize: Int) throws {
        var generator = SeededGenerator(seed: 8_088)
        for table in 0..<60 {
            let rows = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<Int.random(in: 1...5, using: &generator)).map { _ -> String in
                    let length = Int.random(in: 0...30, using: &generator)
                    return (0..<length).map { _ in Self.pieces.randomElement(using: &generator) ?? "a" }.joined()
                }
            }
            let lines = rows.map { rfc4180Line($0, delimiter: delimiter) }
            let text = lines.joined(separator: "\n") + "\n"
            let outcome = try parse(Array(text.utf8), options: .init(delimiter: UInt8(delimiter.value)), chunkSize: chunkSize)
            #expect(outcome.error == nil, "table \(table)")
            #expect(outcome.records.map(\.fields) == rows, "table \(table)")
            #expect(outcome.records.map(\.raw) == lines, "table \(table)")
        }
    }

    @Test func aStrayQuoteOrNulIsFoundAtEveryWordOffset() throws {
        // "abcdefghijklmnop" with the bad byte at offset k: the error must name field 2, line 1.
        for k in 0..<16 {
            for bad: UInt8 in [0x22, 0x00] where k > 0 || bad == 0 {   // a quote first opens a quoted field
                var bytes = Array("x,abcdefghijklmnop,z\n".utf8)
                bytes[2 + k] = bad
                let outcome = try parse(bytes)
                let error = try #require(outcome.error, "offset \(k)")
                #expect(error.field == 2 && error.line == 1, "offset \(k)")
                #expect(error.kind == (bad == 0 ? .nulByte : .quoteInUnquotedField), "offset \(k)")
            }
        }
    }

    @Test func delimiterAtEveryWordOffset() throws {
        for k in 0..<17 {
            let first = String(repeating: "é", count: k / 2) + String(repeating: "q", count: k % 2)
            let text = first + ";" + String(repeating: "w", count: 17 - k) + ";\"" + String(repeating: "v", count: k) + "\"\n"
            let outcome = try parse(Array(text.utf8), options: .init(delimiter: UInt8(ascii: ";")))
            #expect(outcome.records.map(\.fields) == [[first, String(repeating: "w", count: 17 - k), String(repeating: "v", count: k)]])
        }
    }
}
