import Testing
import NoaberTestSupport
import NoaberCSV
#if canImport(Glibc)
import Glibc
#endif

/// Writes rows to memory and returns the bytes.
private func written(_ dialect: CSVDialect, neutralise: Bool = true, _ rows: [[CSVCell]]) throws -> [UInt8] {
    let sink = MemorySink()
    var writer = try CSVWriter(sink: sink, dialect: dialect, neutraliseFormulas: neutralise)
    for row in rows { try writer.writeRow(row) }
    try writer.flush()
    return sink.bytes
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// The independent RFC 4180 reader of NoaberTestSupport, to check round trips.
private func referenceParse(_ input: String, delimiter: Character = ",") -> [[String]] {
    ReferenceCSV.parse(input, delimiter: delimiter)
}

@Suite struct CSVWriterTests {
    @Test func plainFieldsAreNotQuoted() throws {
        #expect(text(try written(.standard, [[.text("a"), .text("b c"), .empty, .text("")]])) == "a,b c,,\n")
    }

    @Test(arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rhere", "\"cr\rhere\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("semi;colon", "semi;colon"),
        ("\"", "\"\"\"\""),
    ])
    func quotingInStandardDialect(input: String, expected: String) throws {
        #expect(text(try written(.standard, [[.text(input)]])) == expected + "\n")
    }

    @Test func dutchDialectQuotesSemicolonNotComma() throws {
        let bytes = try written(.excelDutch, [[.text("a;b"), .text("a,b")]])
        #expect(bytes == CSVDialect.utf8ByteOrderMark + Array("\"a;b\";a,b\r\n".utf8))
    }

    @Test(arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-", "'-"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("", "\"\""),   // a lone empty cell is quoted, else the row would be a skipped empty line
        ("Saasveld", "Saasveld"),
    ])
    func formulaNeutralisation(input: String, expected: String) throws {
        #expect(text(try written(.standard, [[.text(input)]])) == expected + "\n")
    }

    @Test func numbersAreNeverNeutralised() throws {
        #expect(text(try written(.standard, [[.integer(-5), .number(-2.5, fractionDigits: 1)]])) == "-5,-2.5\n")
    }

    @Test func neutralisationCanBeTurnedOff() throws {
        #expect(text(try written(.standard, neutralise: false, [[.text("=1+1")]])) == "=1+1\n")
    }

    @Test(arguments: [
        (0.0, 2, "0.00"), (1.005, 0, "1"), (2.5, 0, "3"), (-2.5, 0, "-3"), (1.25, 1, "1.3"),
        (1234.5678, 2, "1234.57"), (-0.004, 2, "0.00"), (0.1, 3, "0.100"), (42.0, 0, "42"),
    ])
    func fixedFractionDigits(value: Double, digits: Int, expected: String) throws {
        #expect(text(try written(.standard, [[.number(value, fractionDigits: digits)]])) == expected + "\n")
    }

    @Test(arguments: [
        (1.0, "1"), (0.1, "0.1"), (1.5, "1.5"), (-3.25, "-3.25"), (1e-5, "0.00001"), (1.5e-7, "0.00000015"),
        (1e16, "10000000000000000"), (1.2345e20, "123450000000000000000"), (100.0, "100"), (-0.0, "0"),
        (123456.789, "123456.789"),
    ])
    func shortestFormWithoutExponent(value: Double, expected: String) throws {
        #expect(text(try written(.standard, [[.number(value, fractionDigits: nil)]])) == expected + "\n")
    }

    @Test func shortestFormReadsBackExactly() throws {
        var x = 0.000123456789
        for _ in 0..<40 {
            let s = text(try written(.standard, [[.number(x, fractionDigits: nil)]])).dropLast()
            #expect(!s.contains("e"))
            #expect(Double(String(s)) == x)
            x *= 3.7
        }
    }

    @Test func nonFiniteNumbersAreEmpty() throws {
        let row: [CSVCell] = [.number(.nan, fractionDigits: 2), .number(.infinity, fractionDigits: nil),
                              .number(-.infinity, fractionDigits: 1), .integer(7)]
        #expect(text(try written(.standard, [row])) == ",,,7\n")
    }

    @Test func decimalCommaInDutchAndQuotedWhenTheDelimiterIsAComma() throws {
        #expect(text(Array(try written(.excelDutch, [[.number(1.5, fractionDigits: 2), .number(0.25, fractionDigits: nil)]]).dropFirst(3)))
                == "1,50;0,25\r\n")
        var commaDialect = CSVDialect.standard
        commaDialect.decimalComma = true
        #expect(text(try written(commaDialect, [[.number(1.5, fractionDigits: 1), .integer(3)]])) == "\"1,5\",3\n")
    }

    @Test func standardDialectIsByteExact() throws {
        let bytes = try written(.standard, [
            [.text("village"), .text("period"), .text("value")],
            [.text("Saasveld"), .text("2024"), .number(12.345, fractionDigits: 1)],
            [.text("Noord-Deurningen"), .text("Q1, 2024"), .integer(-3)],
        ])
        let expected: [UInt8] = Array("village,period,value\nSaasveld,2024,12.3\nNoord-Deurningen,\"Q1, 2024\",-3\n".utf8)
        #expect(bytes == expected)
        #expect(bytes.first == UInt8(ascii: "v"), "no BOM in the standard dialect")
    }

    @Test func excelDutchDialectIsByteExact() throws {
        let bytes = try written(.excelDutch, [
            [.text("dorp"), .text("Cliënten"), .text("waarde")],
            [.text("Tilligte"), .integer(745), .number(0.5, fractionDigits: 1)],
        ])
        // "ë" is C3 AB in UTF-8; the BOM comes first, rows end in CR LF.
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("dorp;Cli".utf8) + [0xC3, 0xAB]
            + Array("nten;waarde\r\nTilligte;745;0,5\r\n".utf8)
        #expect(bytes == expected)
    }

    @Test func bomIsWrittenOnceEvenWithoutRows() throws {
        #expect(try written(.excelDutch, []) == [0xEF, 0xBB, 0xBF])
        #expect(try written(.standard, []).isEmpty)
    }

    @Test func roundTripThroughAReferenceParser() throws {
        let nasty = ["plain", "a,b", "quote\"inside", "multi\nline", " padded ", "", "ü€’", "x;y", "\"\""]
        var rows: [[String]] = []
        for i in 0..<nasty.count { rows.append(Array(nasty[i...] + nasty[..<i])) }
        let bytes = try written(.standard, neutralise: false, rows.map { $0.map(CSVCell.text) })
        #expect(referenceParse(text(bytes)) == rows)
        let dutch = try written(.excelDutch, neutralise: false, rows.map { $0.map(CSVCell.text) })
        #expect(referenceParse(text(dutch), delimiter: ";") == rows)
    }

    @Test func fileSinkAppearsOnlyAtCommit() throws {
        let path = "/tmp/noaber-csvwriter-\(getpid())-commit.csv"
        unlink(path)
        let sink = try FileSink(path: path)
        var writer = try CSVWriter(sink: sink, dialect: .standard)
        // More than the 64 KiB buffer, so bytes reach the temporary file before the commit.
        for i in 0..<5000 { try writer.writeRow([.integer(i), .text("some text to fill the buffer")]) }
        #expect(access(path, F_OK) != 0, "no final file before commit")
        #expect(access(sink.temporaryPath, F_OK) == 0, "the temporary file exists")
        try sink.commit()
        #expect(access(path, F_OK) == 0)
        #expect(access(sink.temporaryPath, F_OK) != 0, "the temporary file was renamed")
        var info = stat()
        #expect(stat(path, &info) == 0)
        // Each row is digits + ",some text to fill the buffer\n" (30 bytes).
        let digits = 10 + 90 * 2 + 900 * 3 + 4000 * 4
        #expect(Int(info.st_size) == 5000 * 30 + digits)
        unlink(path)
    }

    @Test func fileSinkDiscardLeavesNothing() throws {
        let path = "/tmp/noaber-csvwriter-\(getpid())-discard.csv"
        unlink(path)
        let sink = try FileSink(path: path)
        var writer = try CSVWriter(sink: sink, dialect: .excelDutch)
        for i in 0..<5000 { try writer.writeRow([.integer(i)]) }
        sink.discard()
        #expect(access(path, F_OK) != 0)
        #expect(access(sink.temporaryPath, F_OK) != 0)
        #expect(throws: ByteSinkError.self) { try sink.commit() }
    }

    @Test func fileSinkKeepsAnExistingFileUntilCommit() throws {
        let path = "/tmp/noaber-csvwriter-\(getpid())-replace.csv"
        let old = try FileSink(path: path)
        try old.write(Array("old\n".utf8))
        try old.commit()
        let new = try FileSink(path: path)
        try new.write(Array("new\n".utf8))
        new.discard()
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_size == 4)
        unlink(path)
    }

    @Test func fileSinkReportsAnUnwritableDirectory() {
        #expect(throws: ByteSinkError.self) { _ = try FileSink(path: "/nonexistent-dir-noaber/x.csv") }
    }
}
