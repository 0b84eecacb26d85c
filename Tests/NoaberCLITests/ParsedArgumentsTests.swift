import Testing
import NoaberCLI

@Suite("ParsedArguments")
struct ParsedArgumentsTests {
    private func arguments(_ options: [String: [String]]) -> ParsedArguments {
        ParsedArguments(commandPath: ["noaber", "metrics"], options: options)
    }

    @Test("whole numbers", arguments: [("12", 12), ("-3", -3), ("+4", 4), ("0", 0), ("9223372036854775807", Int.max)])
    func int(text: String, value: Int) throws {
        #expect(try arguments(["draws": [text]]).int("draws") == value)
    }

    @Test("not whole numbers", arguments: ["abc", "1.0", "1e3", "1_000", "", " 1", "9223372036854775808", "12abc"])
    func notInt(text: String) {
        #expect(throws: UsageError(nl: "--draws moet een geheel getal zijn, gegeven: '\(text)'",
                                   en: "--draws must be a whole number, got '\(text)'", commandPath: ["noaber", "metrics"])) {
            try arguments(["draws": [text]]).int("draws")
        }
    }

    @Test("decimal numbers", arguments: [("0.95", 0.95), ("-1", -1.0), ("2e-3", 0.002), ("1E2", 100.0), (".5", 0.5)])
    func double(text: String, value: Double) throws {
        #expect(try arguments(["level": [text]]).double("level") == value)
    }

    @Test("not decimal numbers", arguments: ["nan", "inf", "-infinity", "0x1p3", "1e999", "abc", ""])
    func notDouble(text: String) {
        #expect(throws: UsageError(nl: "--level moet een getal zijn, gegeven: '\(text)'",
                                   en: "--level must be a number, got '\(text)'", commandPath: ["noaber", "metrics"])) {
            try arguments(["level": [text]]).double("level")
        }
    }

    @Test func decimalCommaGetsAHint() {
        #expect(throws: UsageError(nl: "--level moet een getal zijn, gegeven: '0,95' (schrijf een decimale punt, geen komma)",
                                   en: "--level must be a number, got '0,95' (use a decimal point, not a comma)", commandPath: ["noaber", "metrics"])) {
            try arguments(["level": ["0,95"]]).double("level")
        }
    }

    @Test func absentValuesAreNil() throws {
        let empty = arguments([:])
        #expect(try empty.int("draws") == nil)
        #expect(try empty.double("level") == nil)
        #expect(empty.string("period") == nil)
        #expect(empty.strings("village").isEmpty)
        #expect(empty.positional("file") == nil)
        #expect(empty.positionals("file").isEmpty)
        #expect(!empty.flag("strict"))
    }

    @Test func typedAccessorsReadTheLastValue() throws {
        #expect(try arguments(["draws": ["1", "2"]]).int("draws") == 2)
    }

    @Test func errorsComeFromParsedLines() throws {
        let parsed = try SampleCommands.run("metrics rate --draws many")
        #expect(throws: UsageError(nl: "--draws moet een geheel getal zijn, gegeven: 'many'",
                                   en: "--draws must be a whole number, got 'many'", commandPath: ["noaber", "metrics"])) {
            try parsed.int("draws")
        }
    }
}
