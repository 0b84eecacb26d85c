import NoaberModel

/// The whole command tree, and which function runs each command.
enum CommandTree {
    static let root = CommandSpec(
        name: "noaber",
        abstract: Localized(nl: "Eerlijke cijfers uit de registraties van dorpsondersteuners.",
                            en: "Honest evidence from the case registrations of Dutch village support workers."),
        discussion: Localized(nl: """
        Begin met 'noaber demo': dat importeert de meegeleverde datasets in een nieuwe store, berekent de maten \
        en schrijft de rapporten. De exitcodes staan in docs/exit-codes.md. Alles wat mensen lezen is Nederlands; \
        Engels met --lang en of NOABER_LANG=en.
        """, en: """
        Start with 'noaber demo': it imports the bundled datasets into a fresh store, computes the metrics \
        and writes the reports. Exit codes are listed in docs/exit-codes.md. What people read is Dutch; English \
        with --lang en or NOABER_LANG=en.
        """),
        options: [CommonOptions.langSpec],
        subcommands: [
            DemoCommand.spec, ImportCommand.spec, VillagesCommand.spec, ProvenanceCommands.importsSpec,
            ProvenanceCommands.rejectedSpec, MetricsCommand.spec, ReportCommand.spec, SynthCommand.spec, DoctorCommand.spec,
            OutcomesCommand.spec, EffectCommand.spec,
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
        case "outcomes", "outcomes import", "outcomes list": try OutcomesCommand.run(args, console)
        case "effect": try EffectCommand(args).run(console)
        default: throw .internal("no runner for '\(args.commandPath.joined(separator: " "))'")
        }
    }
}
