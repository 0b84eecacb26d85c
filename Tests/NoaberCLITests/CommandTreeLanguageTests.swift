import NoaberModel
import Testing
@testable import NoaberCLI

/// Every text of noaber's own command tree is written in both languages, and every command
/// takes `--lang`, so `noaber … --help` is Dutch by default and English on request everywhere.
///
/// A spec written with the `String` initialisers (one text for both languages) fails here with
/// the command and option named, so a new command cannot slip in untranslated.
@Suite("Command tree in two languages")
struct CommandTreeLanguageTests {
    /// Every command in the tree with its path, root first.
    static func commands(_ spec: CommandSpec = CommandTree.root, path: [String] = []) -> [(String, CommandSpec)] {
        let here = (path + [spec.name]).joined(separator: " ")
        return [(here, spec)] + spec.subcommands.flatMap { commands($0, path: path + [spec.name]) }
    }

    /// Texts that are the same in Dutch and English, each a place in the tree.
    static func untranslated() -> [String] {
        var places: [String] = []
        func check(_ text: Localized, _ place: String) {
            if text.nl == text.en && text.nl.contains(where: \.isLetter) { places.append(place) }
        }
        for (path, spec) in commands() {
            check(spec.abstract, "\(path): abstract")
            if !spec.discussion.isEmpty { check(spec.discussion, "\(path): discussion") }
            for option in spec.options { check(option.help, "\(path) --\(option.name)") }
            for flag in spec.flags { check(flag.help, "\(path) --\(flag.name)") }
            for positional in spec.positionals { check(positional.help, "\(path) <\(positional.name)>") }
        }
        return places
    }

    @Test func everyHelpTextIsTranslated() {
        #expect(Self.untranslated() == [])
    }

    @Test func everyCommandTakesLang() {
        let missing = Self.commands().filter { $0.1.option(named: "lang") == nil }.map(\.0)
        #expect(missing == [])
    }

    @Test func dutchHelpIsDutchAndEnglishHelpEnglish() {
        for (path, _) in Self.commands() {
            let words = path.split(separator: " ").map(String.init)
            let dutch = HelpFormatter.help(for: words, root: CommandTree.root, language: .nl)
            let english = HelpFormatter.help(for: words, root: CommandTree.root, language: .en)
            #expect(dutch.hasPrefix("OVERZICHT: ") && dutch.contains("\nOPTIES:\n") && !dutch.contains("USAGE"), "\(path)")
            #expect(english.hasPrefix("OVERVIEW: ") && english.contains("\nOPTIONS:\n") && !english.contains("GEBRUIK"), "\(path)")
            // Examples ("  noaber …") are kept verbatim, however long.
            for line in (dutch + english).split(separator: "\n") where !line.hasPrefix("  noaber ") {
                #expect(line.count <= HelpFormatter.width, "\(path): \(line)")
            }
        }
    }
}
