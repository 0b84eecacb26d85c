import Foundation
import Testing
@testable import NoaberCSV

@Suite("CSVReader: records, quoting, line ends")
struct CSVReaderTests {
    @Test func emptyInputHasNoRecords() throws {
        let reader = try CSVReader(bytes: [])
        #expect(try reader.next() == false)
        #expect(try reader.next() == false)
        #expect(reader.fieldCount == 0)
        #expect(reader.bytesRead == 0)
    }

    @Test func onlyEmptyLinesHaveNoRecords() throws {
        #expect(try records("\n\r\n\r\n\n").isEmpty)
    }

    @Test func headerOnly() throws {
        #expect(try records("id,naam,datum\n") == [["id", "naam", "datum"]])
    }

    @Test func recordWithoutFinalNewline() throws {
        #expect(try records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try records("x") == [["x"]])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try records("a,,b,\n,\n") == [["a", "", "b", ""], ["", ""]])
        #expect(try records("a,") == [["a", ""]])
    }

    @Test func quotedEmptyFieldIsARecord() throws {
        // `""` is a record with one empty field, not an empty line.
        #expect(try records("\"\"\nx\n") == [[""], ["x"]])
    }

    @Test func quotedDelimiterQuoteAndLineBreaks() throws {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"cr\ry\",\"lf\ny\",\"crlf\r\ny\",\"\"\"\"\n"
        #expect(try records(text) == [["a,b", "say \"hi\"", "cr\ry", "lf\ny", "crlf\r\ny", "\""]])
    }

    @Test func whitespaceIsData() throws {
        #expect(try records(" a , b \t,\t\n") == [[" a ", " b \t", "\t"]])
    }

    @Test func raggedRowsComeBackAsTheyAre() throws {
        #expect(try records("a,b,c\n1\n1,2,3,4\n\n5,6\n") == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"], ["5", "6"]])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndingsGiveSameRecordsAndLineNumbers(ending: String) throws {
        // line 1: header; lines 2-4: a record whose quoted field holds two line breaks;
        // line 5 empty; line 6: a record; lines 7-8 empty; line 9: last record, no final newline.
        let lines = ["id,notitie", "1,\"eerste", "tweede", "derde\"", "", "2,kort", "", "", "3,\"\""]
        let text = lines.joined(separator: ending)
        let outcome = try parse(Array(text.utf8))
        #expect(outcome.error == nil)
        #expect(outcome.records.map(\.line) == [1, 2, 6, 9])
        #expect(outcome.records.map(\.fields) == [
            ["id", "notitie"], ["1", "eerste\(ending)tweede\(ending)derde"], ["2", "kort"], ["3", ""],
        ])
    }

    @Test func mixedLineEndingsCountOneBreakEach() throws {
        // LF, CRLF, CR, LF CR (two breaks: an empty line), then the last record.
        let outcome = try parse(Array(utf8: "a\nb\r\nc\rd\n\re"))
        #expect(outcome.records.map(\.fields) == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(outcome.records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func rawRecordIsTheRecordAsWritten() throws {
        let text = "a,\"b \"\"q\"\"\",c\r\n\"multi\nline\",x\n  spaced ,\n"
        let outcome = try parse(Array(text.utf8))
        #expect(outcome.records.map(\.raw) == ["a,\"b \"\"q\"\"\",c", "\"multi\nline\",x", "  spaced ,"])
        #expect(outcome.records.map(\.fields) == [["a", "b \"q\"", "c"], ["multi\nline", "x"], ["  spaced ", ""]])
    }

    @Test func withFieldGivesBytesAndEmptyOutOfRange() throws {
        let reader = try CSVReader(bytes: Array(utf8: "één,\"x\"\"y\"\n"))
        #expect(try reader.next())
        #expect(reader.fieldCount == 2)
        #expect(reader.withField(0) { Array($0) } == Array("één".utf8))
        #expect(reader.withField(1) { Array($0) } == Array("x\"y".utf8))
        #expect(reader.withField(2) { $0.count } == 0)
        #expect(reader.withField(-1) { $0.count } == 0)
        #expect(reader.field(7) == "")
        #expect(try reader.next() == false)
        #expect(reader.fieldCount == 0)
    }

    @Test func bytesReadReachesInputSize() throws {
        let bytes = Array(utf8: "a,b\n1,2\n3,4\n")
        let reader = try CSVReader(bytes: bytes, options: .init(), chunkSize: 5)
        var progress: [Int] = []
        while try reader.next() { progress.append(reader.bytesRead) }
        #expect(progress == progress.sorted())
        #expect(reader.bytesRead == bytes.count)
    }

    @Test func readsAFileFromDisk() throws {
        let path = try temporaryFile(Array(utf8: "naam;dorp\r\nJan;Wedde\r\n\"Piet; jr\";Ulrum\r\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path)
        #expect(reader.name == path)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        let outcome = drain(reader)
        #expect(outcome.error == nil)
        #expect(outcome.records.map(\.fields) == [["naam", "dorp"], ["Jan", "Wedde"], ["Piet; jr", "Ulrum"]])
        #expect(reader.bytesRead == 40)
    }

    @Test func missingFileIsUnreadable() {
        let path = "/nonexistent/noaber/data.csv"
        #expect(throws: CSVError(file: path, line: 0, field: nil, kind: .unreadable(reason: "No such file or directory"))) {
            try CSVReader(path: path)
        }
    }

    @Test func directoryIsUnreadable() throws {
        let error = #expect(throws: CSVError.self) {
            let reader = try CSVReader(path: FileManager.default.temporaryDirectory.path, options: .init(delimiter: 44, encoding: .utf8))
            _ = try reader.next()
        }
        #expect(error?.kind == .unreadable(reason: "not a regular file (a pipe, device or directory); save the export as a file first"))
    }

    @Test(.timeLimit(.minutes(1)))
    func devicesAndPipesAreRefusedWhenOpened() throws {
        for path in ["/dev/zero", "/dev/urandom"] {
            #expect(throws: CSVError.self) { try CSVReader(path: path, options: .init(delimiter: 44, encoding: .utf8)) }
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("csv-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        // No writer: a blocking open would wait forever.
        let error = #expect(throws: CSVError.self) { try CSVReader(path: fifo, options: .init(delimiter: 44, encoding: .utf8)) }
        #expect(error?.kind == .unreadable(reason: "not a regular file (a pipe, device or directory); save the export as a file first"))
    }

    @Test func errorDescriptionNamesFileLineAndField() {
        let error = CSVError(file: "data.csv", line: 12, field: 3, kind: .unterminatedQuote)
        #expect(error.description.hasPrefix("data.csv, line 12, field 3: unterminated quote"))
        let open = CSVError(file: "x.csv", line: 0, field: nil, kind: .unreadable(reason: "Permission denied"))
        #expect(open.description == "x.csv: cannot read the file (Permission denied)")
    }
}
