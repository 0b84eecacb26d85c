import NoaberModel
import Testing
@testable import NoaberCLI

/// The command table binds each command to its spec: every command the parser can stop at runs
/// a function, and a group's spec lists exactly the commands bound under it.
///
/// A command that runs cannot be built without its function (`CommandBinding(_:run:)`), and a
/// group's subcommands are taken from its bindings, so most mistakes do not compile. What is
/// left — a spec bound to a function that still declares subcommands of its own, which would
/// then have nothing to run them — is what the first test walks the real tree for.
@Suite struct CommandBindingTests {
    @Test func everyCommandWithoutSubcommandsIsBoundToAFunction() {
        var leaves: [String] = []
        for (path, spec) in CommandTreeLanguageTests.commands() {
            let words = path.split(separator: " ").map(String.init)
            let run = CommandTree.commands.run(at: words)
            if spec.subcommands.isEmpty {
                leaves.append(path)
                #expect(run != nil, "'\(path)' is in the tree but no function runs it")
            } else {
                #expect(run == nil, "'\(path)' groups subcommands and cannot run itself")
            }
        }
        #expect(leaves.count == 15, "\(leaves)")
        #expect(leaves.contains("noaber villages list") && leaves.contains("noaber outcomes import")
                && leaves.contains("noaber profile draft") && leaves.contains("noaber rejected"))
    }

    @Test func theParserStopsOnlyAtBoundCommands() throws {
        // A group with a default subcommand runs it; the run path names the subcommand.
        for line in [["villages"], ["outcomes"], ["villages", "--format", "json"], ["profile", "draft", "x.csv"],
                     ["rejected"], ["outcomes", "import", "x.csv"]] {
            guard case .run(let args) = try ArgumentParser.parse(line, root: CommandTree.root) else {
                Issue.record("\(line) did not parse as a run")
                continue
            }
            #expect(CommandTree.commands.run(at: args.commandPath) != nil, "\(args.commandPath)")
        }
    }

    @Test func aGroupTakesItsSubcommandsFromItsBindings() throws {
        let captured = CapturedRun()
        let stale = CommandSpec(name: "stale", abstract: "Listed in the spec but bound to nothing.")
        let tree = CommandBinding(group: CommandSpec(name: "tool", abstract: "A tool.", subcommands: [stale]), [
            CommandBinding(CommandSpec(name: "one", abstract: "One.")) { _, _, console throws(CLIFailure) in console.out("one\n") },
            CommandBinding(group: CommandSpec(name: "more", abstract: "More."), [
                CommandBinding(CommandSpec(name: "two", abstract: "Two.")) { args, words, console throws(CLIFailure) in
                    console.out("\(args.commandPath.joined(separator: " ")) from \(words.joined(separator: " "))\n")
                },
            ]),
        ])
        #expect(tree.spec.subcommands.map(\.name) == ["one", "more"])
        #expect(tree.spec.subcommand(named: "more")?.subcommands.map(\.name) == ["two"])
        #expect(tree.run(at: ["tool"]) == nil)
        #expect(tree.run(at: ["tool", "more"]) == nil)
        #expect(tree.run(at: ["tool", "stale"]) == nil)
        #expect(tree.run(at: ["other", "one"]) == nil)
        #expect(tree.run(at: ["tool", "one", "extra"]) == nil)
        let two = try #require(tree.run(at: ["tool", "more", "two"]))
        try two(ParsedArguments(commandPath: ["tool", "more", "two"]), ["more", "two"], captured.console)
        let one = try #require(tree.run(at: ["tool", "one"]))
        try one(ParsedArguments(commandPath: ["tool", "one"]), [], captured.console)
        #expect(captured.out == "tool more two from more two\none\n")
    }
}
