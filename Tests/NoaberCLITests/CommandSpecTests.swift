import Testing
import NoaberCLI

@Suite("CommandSpec")
struct CommandSpecTests {
    @Test func sampleTreeHasNoProblems() {
        #expect(SampleCommands.root.configurationProblems() == [])
    }

    @Test func problemsAreFoundAndNamed() {
        let broken = CommandSpec(
            name: "tool", abstract: "",
            subcommands: [
                CommandSpec(
                    name: "run", abstract: "",
                    options: [
                        OptionSpec(name: "db", short: "d", valueName: "path", help: ""),
                        OptionSpec(name: "--mode", valueName: "m", help: "", allowed: []),
                    ],
                    flags: [FlagSpec(name: "db", short: "d", help: "")],
                    positionals: [
                        PositionalSpec(name: "files", help: "", repeatable: true),
                        PositionalSpec(name: "out", help: "", optional: true),
                        PositionalSpec(name: "last", help: ""),
                    ]),
                CommandSpec(name: "run", abstract: ""),
            ],
            defaultSubcommand: "walk")
        #expect(broken.configurationProblems() == [
            "'tool': subcommand 'run' is declared more than once",
            "'tool': default subcommand 'walk' does not exist",
            "'tool run': option name '--mode' must be non-empty and given without dashes",
            "'tool run': option '----mode' has an empty set of allowed values",
            "'tool run': '--db' is declared more than once",
            "'tool run': '-d' is declared more than once",
            "'tool run': repeatable argument '<files>' must be the last argument",
            "'tool run': optional argument '<out>' is followed by a required one",
        ])
    }

    @Test func descendant() {
        #expect(SampleCommands.root.descendant(at: ["noaber", "villages", "add"])?.name == "add")
        #expect(SampleCommands.root.descendant(at: ["noaber"])?.name == "noaber")
        #expect(SampleCommands.root.descendant(at: ["noaber", "nope"]) == nil)
        #expect(SampleCommands.root.descendant(at: ["other"]) == nil)
        #expect(SampleCommands.root.descendant(at: []) == nil)
    }
}
