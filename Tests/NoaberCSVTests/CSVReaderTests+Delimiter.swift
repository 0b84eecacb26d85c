import Testing
@testable import NoaberCSV

@Suite("CSVReader: delimiter detection")
struct CSVReaderDelimiterTests {
    private func detected(_ text: String) throws -> Character {
        let reader = try CSVReader(bytes: Array(text.utf8))
        return Character(UnicodeScalar(reader.delimiter))
    }

    @Test func detectsCommaSemicolonAndTab() throws {
        #expect(try detected("a,b,c\n1,2,3\n") == ",")
        #expect(try detected("a;b;c\n1;2;3\n") == ";")
        #expect(try detected("a\tb\tc\n1\t2\t3\n") == "\t")
    }

    @Test func quotedHeaderNamesDoNotCount() throws {
        #expect(try detected("\"naam, voornaam\";\"datum, tijd\";id\n1;2;3\n") == ";")
        #expect(try detected("\"a;b;c;d\",e\n") == ",")
        #expect(try detected("\"x\"\"; y\"\t\"p;q\"\tz\n") == "\t")
        let outcome = try parse(Array(utf8: "\"naam, voornaam\";\"datum, tijd\";id\n\"Jansen, J\";5-3-2024;7\n"))
        #expect(outcome.records.map(\.fields) == [["naam, voornaam", "datum, tijd", "id"], ["Jansen, J", "5-3-2024", "7"]])
    }

    @Test func tiesAndAbsenceGiveComma() throws {
        #expect(try detected("a;b,c\n") == ",")
        #expect(try detected("single\n1;2;3;4\n") == ",")
        #expect(try detected("") == ",")
        #expect(try detected("a;b\tc;d\te\n") == ";")
    }

    @Test func onlyTheFirstRecordCounts() throws {
        #expect(try detected("\n\r\na;b\n1,2,3,4,5,6\n") == ";")
        #expect(try detected("a;\"multi\nline, with, commas\";b\n") == ";")
    }

    @Test func detectionSeesPastTheByteOrderMarkAndTinyChunks() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(utf8: "\"a,b\";c;d\n1;2;3")
        for chunkSize in 1...5 {
            let outcome = try parse(bytes, chunkSize: chunkSize)
            #expect(outcome.delimiter == UInt8(ascii: ";"))
            #expect(outcome.records.map(\.fields) == [["a,b", "c", "d"], ["1", "2", "3"]])
        }
    }

    @Test func explicitDelimiterWins() throws {
        #expect(try records("a;b,c\n", options: .init(delimiter: UInt8(ascii: ";"))) == [["a", "b,c"]])
        #expect(try records("a|b\n", options: .init(delimiter: UInt8(ascii: "|"))) == [["a", "b"]])
    }
}
