import Foundation
import Testing
@testable import NoaberCSV

/// One record as the reader returned it, with everything a test may want to compare.
struct ParsedRecord: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var raw: String

    var description: String { "line \(line): \(fields.debugDescription) raw \(raw.debugDescription)" }
}

/// The reader's whole output for an input: its records, or the error that stopped it
/// (with the records before it), so that runs with different chunk sizes compare exactly.
struct ParseOutcome: Equatable {
    var records: [ParsedRecord]
    var error: CSVError?
    var delimiter: UInt8
    var encoding: TextEncoding
    var hadByteOrderMark: Bool
}

/// Reads everything with a given chunk size (the default is the production one).
func parse(_ bytes: [UInt8], options: CSVReader.Options = .init(),
           chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) -> ParseOutcome {
    let reader = try CSVReader(bytes: bytes, name: "test.csv", options: options, chunkSize: chunkSize)
    return drain(reader)
}

/// Reads every record of `reader`, stopping at the first error.
func drain(_ reader: CSVReader) -> ParseOutcome {
    var records: [ParsedRecord] = []
    var failure: CSVError?
    do {
        while try reader.next() {
            records.append(ParsedRecord(line: reader.line, fields: reader.fields(), raw: reader.rawRecord))
        }
    } catch {
        failure = error
    }
    return ParseOutcome(records: records, error: failure, delimiter: reader.delimiter,
                        encoding: reader.encoding, hadByteOrderMark: reader.hadByteOrderMark)
}

/// The fields of every record of a UTF-8 text (which must parse without error).
func records(_ text: String, options: CSVReader.Options = .init(), chunkSize: Int = CSVReader.defaultChunkSize) throws -> [[String]] {
    let outcome = try parse(Array(text.utf8), options: options, chunkSize: chunkSize)
    if let error = outcome.error { throw error }
    return outcome.records.map(\.fields)
}

/// The error reading `text` stops with, or nil if it reads cleanly.
func readingError(_ text: String, options: CSVReader.Options = .init(), chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    readingError(Array(text.utf8), options: options, chunkSize: chunkSize)
}

func readingError(_ bytes: [UInt8], options: CSVReader.Options = .init(), chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    do {
        return try parse(bytes, options: options, chunkSize: chunkSize).error
    } catch {
        return error
    }
}

/// Writes `bytes` to a fresh file in the temporary directory and returns its path.
func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("noaber-csv-\(UUID().uuidString)\(suffix)")
    try Data(bytes).write(to: url)
    return url.path
}

/// SplitMix64: a tiny seeded generator, so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A minimal RFC 4180 writer, independent of the reader: quote a cell when it holds the
/// delimiter, a quote, CR or LF (doubling its quotes), and quote a lone empty cell, since
/// an empty line would otherwise be skipped. Works on scalars so "\r\n" stays two bytes.
func rfc4180Line(_ cells: [String], delimiter: Unicode.Scalar) -> String {
    let needsQuotes: Set<Unicode.Scalar> = [delimiter, "\"", "\r", "\n"]
    let quoted = cells.map { cell -> String in
        let mustQuote = cell.unicodeScalars.contains(where: needsQuotes.contains) || (cells.count == 1 && cell.isEmpty)
        guard mustQuote else { return cell }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in cell.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }
    return quoted.joined(separator: String(delimiter))
}

/// Physical line breaks inside a text: CRLF counts once, a lone CR or LF once each.
func lineBreaks(in text: String) -> Int {
    var count = 0
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
        if scalar == "\r" || (scalar == "\n" && previous != "\r") { count += 1 }
        previous = scalar
    }
    return count
}

extension Array where Element == UInt8 {
    /// The bytes of a UTF-8 string, for readable test inputs.
    init(utf8 text: String) { self = Array(text.utf8) }
}
