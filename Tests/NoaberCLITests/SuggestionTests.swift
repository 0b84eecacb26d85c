import Testing
@testable import NoaberCLI

@Suite("Suggestion")
struct SuggestionTests {
    @Test func edges() {
        #expect(Suggestion.closest(to: "import", among: []) == nil)
        #expect(Suggestion.closest(to: "", among: ["import"]) == nil)
        #expect(Suggestion.closest(to: "import", among: ["import"]) == "import")
    }

    @Test func caseIsIgnored() {
        #expect(Suggestion.closest(to: "IMPORT", among: ["export", "import"]) == "import")
        #expect(Suggestion.closest(to: "Improt", among: ["export", "import"]) == "import")
    }

    @Test func adjacentTranspositionCountsAsOneEdit() {
        // Plain Levenshtein makes "improt" two edits from both, and the tie would pick "impart".
        #expect(Suggestion.closest(to: "improt", among: ["impart", "import"]) == "import")
    }

    @Test func closerBeatsAlphabetical() {
        #expect(Suggestion.closest(to: "imprt", among: ["export", "import"]) == "import")
        #expect(Suggestion.closest(to: "prio", among: ["draws", "level", "period"]) == "period")
    }

    @Test func tiesGoToTheAlphabeticallyFirst() {
        #expect(Suggestion.closest(to: "cat", among: ["hat", "bat"]) == "bat")
        #expect(Suggestion.closest(to: "cat", among: ["bat", "hat"]) == "bat")
        // Three candidates share the prefix, so the prefix rule does not decide; two are one edit away.
        #expect(Suggestion.closest(to: "re", among: ["rey", "rex", "report"]) == "rex")
    }

    @Test func uniquePrefix() {
        #expect(Suggestion.closest(to: "rep", among: ["report", "villages"]) == "report")
        #expect(Suggestion.closest(to: "vill", among: ["import", "villages"]) == "villages")
        #expect(Suggestion.closest(to: "re", among: ["report", "rebuild"]) == nil)
    }

    @Test func farAwayGivesNothing() {
        #expect(Suggestion.closest(to: "zzzz", among: ["import", "villages"]) == nil)
        #expect(Suggestion.closest(to: "imxxxt", among: ["import"]) == nil)  // three substitutions
        #expect(Suggestion.closest(to: "ab", among: ["cd"]) == nil)  // everything replaced
        #expect(Suggestion.closest(to: "x", among: ["y"]) == nil)
        #expect(Suggestion.closest(to: "ab", among: ["ac"]) == "ac")
    }

    @Test("optimal-string-alignment distance", arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
        ("ab", "ba", 1), ("kitten", "sitting", 3), ("ca", "abc", 3), ("flaw", "lawn", 2),
        ("improt", "import", 1), ("prio", "period", 2), ("abcdef", "badcfe", 3), ("improt", "impart", 2),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(Suggestion.damerauLevenshtein(Array(a), Array(b)) == expected)
        #expect(Suggestion.damerauLevenshtein(Array(b), Array(a)) == expected)
    }
}
