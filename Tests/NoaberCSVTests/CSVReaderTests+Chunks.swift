import Foundation
import Testing
@testable import NoaberCSV

@Suite("CSVReader: chunk boundaries")
struct CSVReaderChunkTests {
    /// Inputs where quotes, doubled quotes, CRLF, empty lines and multi-byte characters
    /// land on every possible chunk boundary as the chunk size sweeps 1…17.
    static let inputs: [[UInt8]] = [
        Array(utf8: "a,\"b\"\"c\",d\r\n\r\n\"x\r\ny\",z\r\n"),
        Array(utf8: "één;twee;drie\r\n€;😀;\"“q”\"\r\"\";;\r\n\n\r\r\nlaatste"),
        Array(utf8: "\"\"\"\"\"\",\"\"\n\"a\"\"\"\"b\",c\n"),
        Array(utf8: "h1\th2\n\"tab\tin\"\t\"line\rbreak\"\n"),
        [0xEF, 0xBB, 0xBF] + Array(utf8: "id,naam\n1,\"Zoë\"\r\n2,Chloé"),
        Array(utf8: "x,y\r\n1,\"unterminated\r\nfield"),
        Array(utf8: "x,y\r\n1,\"a\"junk\r\n"),
        Array(utf8: "x,y\n\n\n1,2,ab\"c\n"),
        Array(utf8: "aaaa,bbbbbbbbbbbbbbbbbbbb\nc,dddd\n"),
        Array(utf8: "\r\n\r\n\r"),
    ]

    @Test(arguments: inputs.indices)
    func everyChunkSizeMatchesOneChunk(index: Int) throws {
        let bytes = Self.inputs[index]
        let options = CSVReader.Options(maxFieldBytes: 16)
        let reference = try parse(bytes, options: options)
        #expect(!reference.records.isEmpty || reference.error != nil || index == Self.inputs.count - 1)
        for chunkSize in 1...17 {
            let outcome = try parse(bytes, options: options, chunkSize: chunkSize)
            #expect(outcome == reference, "chunk size \(chunkSize)")
        }
    }

    @Test func referenceOutcomesAreRight() throws {
        let first = try parse(Self.inputs[0])
        #expect(first.records == [
            ParsedRecord(line: 1, fields: ["a", "b\"c", "d"], raw: "a,\"b\"\"c\",d"),
            ParsedRecord(line: 3, fields: ["x\r\ny", "z"], raw: "\"x\r\ny\",z"),
        ])
        let second = try parse(Self.inputs[1])
        #expect(second.records.map(\.fields) == [["één", "twee", "drie"], ["€", "😀", "“q”"], ["", "", ""], ["laatste"]])
        #expect(second.records.map(\.line) == [1, 2, 3, 7])
        #expect(try parse(Self.inputs[5]).error == CSVError(file: "test.csv", line: 2, field: 2, kind: .unterminatedQuote))
        #expect(try parse(Self.inputs[8], options: .init(maxFieldBytes: 16)).error
            == CSVError(file: "test.csv", line: 1, field: 2, kind: .fieldTooLarge(limit: 16)))
    }

    @Test func fileReadingMatchesMemoryAtEveryChunkSize() throws {
        let bytes = Self.inputs[1] + Array(utf8: "\n\"x\r\ny\";z\r\n")
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = try parse(bytes)
        #expect(reference.error == nil && reference.records.count == 5)
        for chunkSize in 1...17 {
            let reader = try CSVReader(path: path, options: .init(), chunkSize: chunkSize)
            let outcome = drain(reader)
            #expect(outcome.records == reference.records, "chunk size \(chunkSize)")
            #expect(reader.bytesRead == bytes.count)
        }
    }
}
