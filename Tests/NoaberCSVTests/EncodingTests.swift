import Testing
@testable import NoaberCSV

@Suite("Encodings: UTF-8 validation, byte order mark, Windows-1252")
struct EncodingTests {
    // MARK: UTF8Validator

    private func validate(_ bytes: [UInt8], splitAt cut: Int? = nil) -> UTF8Validator {
        var validator = UTF8Validator()
        bytes.withUnsafeBytes { all in
            let split = cut ?? all.count
            validator.consume(UnsafeRawBufferPointer(rebasing: all[0..<split]))
            validator.consume(UnsafeRawBufferPointer(rebasing: all[split...]))
        }
        return validator
    }

    @Test func validatorKnownVectors() {
        #expect(validate([]).finish())
        #expect(validate(Array(utf8: "café € 😀 Dinkelland")).finish())
        #expect(validate([0xF4, 0x8F, 0xBF, 0xBF]).finish())          // U+10FFFF
        #expect(!validate([0xC0, 0x80]).isValidSoFar)                 // overlong NUL
        #expect(!validate([0xE0, 0x80, 0x80]).isValidSoFar)           // overlong
        #expect(!validate([0xED, 0xA0, 0x80]).isValidSoFar)           // surrogate U+D800
        #expect(!validate([0xF4, 0x90, 0x80, 0x80]).isValidSoFar)     // above U+10FFFF
        #expect(!validate([0xF5, 0x80, 0x80, 0x80]).isValidSoFar)
        #expect(!validate([0x80]).isValidSoFar)                       // lone continuation
        #expect(!validate([0x63, 0x61, 0x66, 0xE9]).finish())          // "caf" + Latin-1 é
        let truncated = validate([0x41, 0xE2, 0x82])                   // € cut short
        #expect(truncated.isValidSoFar)
        #expect(!truncated.finish())
    }

    @Test func validatorAgreesWithTheStandardLibraryAtEverySplit() {
        var generator = SeededGenerator(seed: 0x5EED_CAFE)
        // Bytes biased towards the interesting lead and continuation values.
        let palette: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1,
                                0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        var validCount = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...9, using: &generator)
            let bytes = (0..<length).map { _ in palette.randomElement(using: &generator) ?? 0 }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if expected { validCount += 1 }
            for cut in 0...bytes.count {
                #expect(validate(bytes, splitAt: cut).finish() == expected, "\(bytes) split at \(cut)")
            }
        }
        #expect(validCount > 100) // the sample really exercises both outcomes
    }

    @Test func validatorAsciiFastPathLongInput() {
        let long = [UInt8](repeating: 0x61, count: 1000) + [0xE2, 0x82, 0xAC] + [UInt8](repeating: 0x62, count: 37)
        for cut in [0, 7, 8, 999, 1000, 1001, 1002, 1003, 1040] {
            #expect(validate(long, splitAt: cut).finish())
        }
        var broken = long
        broken[1017] = 0xFF
        #expect(!validate(broken, splitAt: 512).isValidSoFar)
    }

    // MARK: Byte order mark

    @Test func byteOrderMarkMeansUTF8AndIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(utf8: "naam;plaats\nJosé;Ulrum\n")
        for chunkSize in [1, 2, 3, 4, CSVReader.defaultChunkSize] {
            let reader = try CSVReader(bytes: bytes, options: .init(), chunkSize: chunkSize)
            let outcome = drain(reader)
            #expect(outcome.hadByteOrderMark && outcome.encoding == .utf8)
            #expect(outcome.records.map(\.fields) == [["naam", "plaats"], ["José", "Ulrum"]])
            #expect(outcome.records.first?.raw == "naam;plaats")
            #expect(reader.bytesRead == bytes.count)
        }
    }

    @Test func byteOrderMarkAloneIsAnEmptyFile() throws {
        let outcome = try parse([0xEF, 0xBB, 0xBF])
        #expect(outcome.hadByteOrderMark && outcome.records.isEmpty && outcome.error == nil)
        #expect(try parse([0xEF, 0xBB]).encoding == .windows1252) // a cut-off mark is not one
    }

    @Test func forcedEncodingAndTheMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(utf8: "a,b\n")
        let utf8 = try parse(bytes, options: .init(encoding: .utf8))
        #expect(utf8.hadByteOrderMark && utf8.records.map(\.fields) == [["a", "b"]])
        // Read as Windows-1252 on request, the three bytes are text: ï » ¿.
        let legacy = try parse(bytes, options: .init(encoding: .windows1252))
        #expect(!legacy.hadByteOrderMark)
        #expect(legacy.records.map(\.fields) == [["\u{EF}\u{BB}\u{BF}a", "b"]])
    }

    @Test func plainUTF8WithoutMark() throws {
        let outcome = try parse(Array(utf8: "dorp,thema\nOnderdendam,eenzaamheid “licht”\n"))
        #expect(outcome.encoding == .utf8 && !outcome.hadByteOrderMark)
        #expect(outcome.records.last?.fields == ["Onderdendam", "eenzaamheid “licht”"])
    }

    // MARK: Windows-1252

    @Test func windows1252IsDetectedAndTranscoded() throws {
        // "café €5" and "Dinkellandse “koffie”" as Excel on Windows saves them.
        let cafe: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x35]
        let koffie: [UInt8] = Array(utf8: "Dinkellandse ") + [0x93] + Array(utf8: "koffie") + [0x94]
        let bytes = Array(utf8: "omschrijving;prijs\n") + cafe + [UInt8(ascii: ";")] + koffie + [0x0D, 0x0A]
        let outcome = try parse(bytes)
        #expect(outcome.encoding == .windows1252)
        #expect(outcome.delimiter == UInt8(ascii: ";"))
        #expect(outcome.records.map(\.fields) == [["omschrijving", "prijs"], ["café €5", "Dinkellandse “koffie”"]])
        #expect(outcome.records.last?.raw == "café €5;Dinkellandse “koffie”")
    }

    @Test func windows1252FullHighHalf() throws {
        let table = try parse(Array(0x80...0x9F), options: .init(encoding: .windows1252))
        let expected = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
        #expect(table.records.map(\.fields) == [[expected]])
        #expect(table.records.first?.fields.first?.unicodeScalars.count == 32)

        let latin1 = try parse(Array(0xA0...0xFF), options: .init(encoding: .windows1252))
        let expectedLatin1 = String(String.UnicodeScalarView((0xA0...0xFF).compactMap(Unicode.Scalar.init(_:))))
        #expect(latin1.records.map(\.fields) == [[expectedLatin1]])
    }

    @Test func invalidUTF8IsReadAsWindows1252() throws {
        // Mostly valid UTF-8 (é as C3 A9), but one Latin-1 byte at the very end: the whole
        // file is Windows-1252, so the UTF-8 é shows as two characters. Deciding per file,
        // not per byte, is what keeps one file's text consistent.
        let bytes = Array(utf8: "naïve,é\n") + [0x63, 0x61, 0x66, 0xE9]
        let outcome = try parse(bytes)
        #expect(outcome.encoding == .windows1252)
        #expect(outcome.records.map(\.fields) == [["na\u{C3}\u{AF}ve", "\u{C3}\u{A9}"], ["café"]])
    }

    @Test func windows1252AcrossTinyChunks() throws {
        let bytes: [UInt8] = [0x80, 0x2C, 0x22, 0x93, 0x0D, 0x0A, 0x94, 0x22, 0x0D, 0x0A, 0xE9]
        let reference = try parse(bytes)
        #expect(reference.records.map(\.fields) == [["€", "“\r\n”"], ["é"]])
        for chunkSize in 1...12 {
            #expect(try parse(bytes, chunkSize: chunkSize) == reference)
        }
    }

    @Test func windows1252ScalarTableMatchesTranscoder() {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: Windows1252.maxExpansion)
        defer { out.deallocate() }
        for byte in UInt8.min...UInt8.max {
            let count = [byte].withUnsafeBytes { Windows1252.transcode($0, into: out) }
            let scalar = Unicode.Scalar(Windows1252.scalar(byte))
            #expect(scalar != nil)
            #expect(Array(UnsafeBufferPointer(start: out, count: count)) == Array(String(scalar.map(Character.init) ?? " ").utf8))
        }
    }
}
