import Foundation
import Testing
import NoaberCLI

/// Collects what a `Terminal` writes.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []

    func append(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        parts.append(text)
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return parts.joined()
    }
}

@Suite("Terminal")
struct TerminalTests {
    private func terminal(quiet: Bool, interactive: Bool) -> (Terminal, Collected) {
        let collected = Collected()
        return (Terminal(quiet: quiet, isInteractive: interactive, sink: { collected.append($0) }), collected)
    }

    @Test func progressOnlyOnAnInteractiveTerminal() {
        let (shown, shownText) = terminal(quiet: false, interactive: true)
        shown.progress("Importing: 10 rows")
        shown.progress("Importing: 20 rows")
        shown.clearProgress()
        #expect(shown.showsProgress)
        #expect(shownText.text == "\r\u{1B}[KImporting: 10 rows\r\u{1B}[KImporting: 20 rows\r\u{1B}[K")

        let (piped, pipedText) = terminal(quiet: false, interactive: false)
        piped.progress("Importing: 10 rows")
        piped.clearProgress()
        #expect(!piped.showsProgress)
        #expect(pipedText.text == "")

        let (quiet, quietText) = terminal(quiet: true, interactive: true)
        quiet.progress("Importing: 10 rows")
        quiet.clearProgress()
        #expect(quietText.text == "")
    }

    @Test func progressStaysOnOneLine() {
        let (shown, text) = terminal(quiet: false, interactive: true)
        shown.progress("a\nb\r\nc")
        #expect(text.text == "\r\u{1B}[Ka b c")
    }

    @Test func notesRespectQuietButNotTheTerminal() {
        let (piped, pipedText) = terminal(quiet: false, interactive: false)
        piped.note("3 rows rejected")
        #expect(pipedText.text == "3 rows rejected\n")

        let (interactive, interactiveText) = terminal(quiet: false, interactive: true)
        interactive.note("done")
        #expect(interactiveText.text == "\r\u{1B}[Kdone\n")

        let (quiet, quietText) = terminal(quiet: true, interactive: true)
        quiet.note("done")
        #expect(quietText.text == "")
    }
}
