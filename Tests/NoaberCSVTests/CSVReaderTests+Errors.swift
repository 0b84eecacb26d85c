import Testing
@testable import NoaberCSV

@Suite("CSVReader: malformed input and limits")
struct CSVReaderErrorTests {
    @Test func unterminatedQuoteReportsTheLineWhereItStarted() {
        let error = readingError("a,b\nc,\"open\nmore\nstuff")
        #expect(error == CSVError(file: "test.csv", line: 2, field: 2, kind: .unterminatedQuote))
    }

    @Test func unterminatedQuoteAfterOtherMultilineRecords() {
        let error = readingError("\"x\r\ny\",1\r\n\r\n2,\"never closed\r\n")
        #expect(error == CSVError(file: "test.csv", line: 4, field: 2, kind: .unterminatedQuote))
    }

    @Test func textAfterClosingQuote() {
        #expect(readingError("\"a\"junk") == CSVError(file: "test.csv", line: 1, field: 1, kind: .textAfterClosingQuote))
        #expect(readingError("x,y\n1,\"a\" ,3\n") == CSVError(file: "test.csv", line: 2, field: 2, kind: .textAfterClosingQuote))
    }

    @Test func quoteInUnquotedField() {
        #expect(readingError("ab\"c") == CSVError(file: "test.csv", line: 1, field: 1, kind: .quoteInUnquotedField))
        #expect(readingError("x,y\n\n1, \"a\"\n") == CSVError(file: "test.csv", line: 3, field: 2, kind: .quoteInUnquotedField))
    }

    @Test func nulByteIsAnError() {
        let unquoted: [UInt8] = Array(utf8: "a,b\nc,d") + [0] + Array(utf8: "e\n")
        #expect(readingError(unquoted) == CSVError(file: "test.csv", line: 2, field: 2, kind: .nulByte))
        let quoted: [UInt8] = Array(utf8: "\"a\n") + [0] + Array(utf8: "\"\n")
        #expect(readingError(quoted) == CSVError(file: "test.csv", line: 2, field: 1, kind: .nulByte))
        // UTF-16 text without a byte order mark is full of NUL bytes.
        let utf16: [UInt8] = [UInt8(ascii: "a"), 0, UInt8(ascii: ","), 0]
        #expect(readingError(utf16)?.kind == .nulByte)
    }

    /// Excel's "Unicode text" starts with a UTF-16 byte order mark: refused by name on line 1,
    /// little- and big-endian, with or without a forced encoding.
    @Test func utf16IsRecognisedByItsByteOrderMark() {
        let little: [UInt8] = [0xFF, 0xFE, UInt8(ascii: "a"), 0, UInt8(ascii: "\t"), 0, UInt8(ascii: "b"), 0]
        let big: [UInt8] = [0xFE, 0xFF, 0, UInt8(ascii: "a"), 0, UInt8(ascii: "\t"), 0, UInt8(ascii: "b")]
        for bytes in [little, big] {
            #expect(readingError(bytes) == CSVError(file: "test.csv", line: 1, field: nil, kind: .utf16))
            var options = CSVReader.Options()
            options.encoding = .windows1252
            #expect(readingError(bytes, options: options)?.kind == .utf16)
        }
    }

    @Test func errorsAreSticky() throws {
        let reader = try CSVReader(bytes: Array(utf8: "ok\nab\"c\nfine\n"))
        #expect(try reader.next())
        let first = #expect(throws: CSVError.self) { try reader.next() }
        let second = #expect(throws: CSVError.self) { try reader.next() }
        #expect(first != nil && first == second)
    }

    @Test func fieldSizeLimitCountsFieldBytes() throws {
        let options = CSVReader.Options(maxFieldBytes: 4)
        #expect(try records("abcd,\"wxyz\",\"a\"\"b\",éé\n", options: options) == [["abcd", "wxyz", "a\"b", "éé"]])
        #expect(readingError("abcd,abcde\n", options: options) == CSVError(file: "test.csv", line: 1, field: 2, kind: .fieldTooLarge(limit: 4)))
        #expect(readingError("\"ab\"\"cd\"", options: options)?.kind == .fieldTooLarge(limit: 4))
        #expect(readingError("ééé", options: options)?.kind == .fieldTooLarge(limit: 4))
    }

    @Test(arguments: [false, true])
    func hugeFieldFailsWithBoundedMemory(quoted: Bool) throws {
        let limit = 64 * 1024
        let chunk = 4096
        var bytes = Array(utf8: "id,notes\n1,")
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 8 << 20)
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        let reader = try CSVReader(bytes: bytes, options: .init(maxFieldBytes: limit), chunkSize: chunk)
        #expect(try reader.next())
        let error = #expect(throws: CSVError.self) { try reader.next() }
        #expect(error == CSVError(file: "<memory>", line: 2, field: 2, kind: .fieldTooLarge(limit: limit)))
        // It stopped soon after the limit instead of buffering all 8 MiB.
        #expect(reader.bytesRead < limit + 4 * chunk)
    }

    @Test func failedRecordIsReleasedAndAFullFieldStaysBounded() throws {
        let limit = 64 * 1024
        let bytes = Array(utf8: "1,") + [UInt8](repeating: UInt8(ascii: "y"), count: 4 << 20)
        let failing = try CSVReader(bytes: bytes, options: .init(maxFieldBytes: limit), chunkSize: 4096)
        #expect(throws: CSVError(file: "<memory>", line: 1, field: 2, kind: .fieldTooLarge(limit: limit))) { try failing.next() }
        #expect(failing.retainedByteCapacity == 0)

        let full = [UInt8](repeating: UInt8(ascii: "z"), count: limit)
        let reader = try CSVReader(bytes: full, options: .init(maxFieldBytes: limit), chunkSize: 4096)
        #expect(try reader.next())
        #expect(reader.withField(0) { $0.count } == limit)
        #expect(reader.retainedByteCapacity <= 2 * (limit + 4096))
    }

    @Test func tooManyFields() throws {
        let options = CSVReader.Options(maxFields: 3)
        #expect(try records("a,b,c\n1,2,3", options: options) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(readingError("a,b,c\n1,2,3,4\n", options: options) == CSVError(file: "test.csv", line: 2, field: 4, kind: .tooManyFields(limit: 3)))
        #expect(readingError("a,b,c,\"\"\"\"", options: options)?.kind == .tooManyFields(limit: 3))
    }

    @Test func forbiddenDelimiterIsRejected() {
        #expect(readingError("a\"b", options: .init(delimiter: UInt8(ascii: "\"")))?.kind
            == .unreadable(reason: "the delimiter cannot be a quote, CR, LF or NUL byte"))
    }
}
