import Foundation
import NoaberModel
import Testing
@testable import NoaberCLI

/// Golden help pages of every command and golden usage errors, in Dutch and in English: what a
/// user reads, reviewed as a whole. After a deliberate change to a spec or a message, run with
/// `NOABER_UPDATE_GOLDEN=1`, read the diff of `Tests/NoaberCLITests/Golden/`, and commit it.
@Suite("CLI golden files")
struct CLIGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["NOABER_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record("Golden file \(name) rewritten; rerun without NOABER_UPDATE_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(e.count, a.count), e[line] == a[line] { line += 1 }
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end of file>")
              actual:   \(line < a.count ? String(a[line]) : "<end of file>")
            If the change is intended, rerun with NOABER_UPDATE_GOLDEN=1, read the diff and commit it.
            """, sourceLocation: sourceLocation)
    }

    /// Every command's help page, root first, each under a line naming the command.
    static func helpPages(_ language: Language) -> String {
        CommandTreeLanguageTests.commands().map { path, _ in
            "=== \(path) --help\n" + HelpFormatter.help(for: path.split(separator: " ").map(String.init), root: CommandTree.root,
                                                          language: language)
        }.joined(separator: "\n")
    }

    /// Typical mistakes, each with what noaber prints on standard error (exit code 64). Only
    /// mistakes found while parsing: none of them needs a store.
    static let mistakes: [[String]] = [
        ["improt", "x.csv"],
        ["import"],
        ["import", "--stirct", "x.csv"],
        ["import", "x.csv", "--as-of"],
        ["import", "x.csv", "--strict=yes"],
        ["import", "x.csv", "--as-of", "31-02-2024"],
        ["metrics", "reech"],
        ["metrics", "--format", "xml"],
        ["metrics", "--every", "week"],
        ["report", "--period", "2024"],
        ["report", "--audience", "raad"],
        ["villages", "add"],
        ["-village", "SAA"],
        ["imports", "--format", "json", "--format", "text"],
        ["synth", "--rows", "-5"],
        ["doctor", "--today", "gisteren"],
    ]

    static func usageErrors(_ language: Language) -> String {
        mistakes.map { arguments in
            let console = CapturedRun()
            let code = NoaberCommandLine.run(arguments + ["--lang", language.rawValue], console: console.console)
            return "=== noaber \(arguments.joined(separator: " ")) --lang \(language.rawValue) → \(code.rawValue)\n" + console.err
        }.joined(separator: "\n")
    }

    @Test(arguments: [Language.nl, .en])
    func helpPagesMatchTheGoldenFile(_ language: Language) throws {
        try Self.check(Self.helpPages(language), against: "help-\(language.rawValue).txt")
    }

    @Test(arguments: [Language.nl, .en])
    func usageErrorsMatchTheGoldenFile(_ language: Language) throws {
        try Self.check(Self.usageErrors(language), against: "usage-errors-\(language.rawValue).txt")
    }

    @Test func everyMistakeIsAUsageErrorWithNothingOnStandardOutput() {
        for arguments in Self.mistakes {
            let console = CapturedRun()
            #expect(NoaberCommandLine.run(arguments, console: console.console) == .usage, "\(arguments)")
            #expect(console.out.isEmpty && console.err.hasPrefix("Fout: "), "\(arguments)")
        }
    }
}

/// Standard output and error of an in-process run.
final class CapturedRun: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = "", errText = ""
    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }
    var console: Console {
        Console(out: { text in self.lock.withLock { self.outText += text } },
                err: { text in self.lock.withLock { self.errText += text } })
    }
}
