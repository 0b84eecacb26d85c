import Testing
@testable import NoaberCSV

@Suite struct Windows1252Tests {
    // Code points from the Unicode consortium's CP1252.TXT mapping table.
    @Test(arguments: [("ë", 0xEB), ("é", 0xE9), ("ü", 0xFC), ("ï", 0xEF), ("€", 0x80), ("’", 0x92),
                      ("–", 0x96), ("±", 0xB1), ("a", 0x61), ("Ÿ", 0x9F)])
    func singleCharacters(text: String, byte: Int) {
        #expect(Windows1252.encode(text) == [UInt8(byte)])
    }

    @Test func unmappableCharactersBecomeQuestionMarks() {
        #expect(Windows1252.encode("ł→") == [0x3F, 0x3F])
    }

    /// The reader's table and the writer's are one: every byte decodes to one scalar and encodes
    /// back to itself, the five bytes Windows leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) included.
    @Test func everyByteRoundTrips() {
        for byte in UInt8.min...UInt8.max {
            #expect(Windows1252.encode(Windows1252.decode([byte])) == [byte], "byte \(byte)")
        }
    }

    @Test func decodeInvertsEncode() {
        let text = "Cliëntnummer; €21 ’t Hoekje – Zoë, Pünter"
        #expect(Windows1252.decode(Windows1252.encode(text)) == text)
    }
}
