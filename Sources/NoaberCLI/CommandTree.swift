/// The whole command tree, and which function runs each command.
enum CommandTree {
    static let root = CommandSpec(
        name: "noaber",
        abstract: "Honest evidence from the case registrations of Dutch village support workers.",
        discussion: """
        Start with 'noaber demo': it imports the bundled datasets into a fresh store, computes the metrics \
        and writes the reports. Exit codes are listed in docs/exit-codes.md.
        """,
        subcommands: [
            DemoCommand.spec, ImportCommand.spec, VillagesCommand.spec, ProvenanceCommands.importsSpec,
            ProvenanceCommands.rejectedSpec, MetricsCommand.spec, ReportCommand.spec, SynthCommand.spec, DoctorCommand.spec,
            TemplateCommand.spec, ProfileCommand.spec,
        ])

    static func dispatch(_ args: ParsedArguments, arguments: [String], console: Console) throws(CLIFailure) {
        switch args.commandPath.dropFirst().joined(separator: " ") {
        case "demo": try DemoCommand(args, arguments: arguments).run(console)
        case "import": try ImportCommand(args).run(console)
        case "villages import": try VillagesCommand.runImport(args, console)
        case "villages list", "villages": try VillagesCommand.runList(args, console)
        case "imports": try ProvenanceCommands.runImports(args, console)
        case "rejected": try ProvenanceCommands.runRejected(args, console)
        case "metrics": try MetricsCommand(args).run(console)
        case "report": try ReportCommand(args, arguments: arguments).run(console)
        case "synth": try SynthCommand(args).run(console)
        case "doctor": try DoctorCommand(args).run(console)
        case "template": try TemplateCommand(args).run(console)
        case "profile draft": try ProfileCommand.runDraft(args, console)
        default: throw .internal("no runner for '\(args.commandPath.joined(separator: " "))'")
        }
    }
}
