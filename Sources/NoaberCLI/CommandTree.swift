import NoaberModel

/// The whole command tree, and which function runs each command: one table, so the help pages,
/// the parser and the dispatch cannot disagree about which commands exist.
enum CommandTree {
    /// Every command, in the order the help lists them, bound to the function that runs it.
    static let commands = CommandBinding(group: CommandSpec(
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
        options: [CommonOptions.langSpec]), [
            CommandBinding(DemoCommand.spec) { args, commandLine, console throws(CLIFailure) in
                try DemoCommand(args, arguments: commandLine).run(console)
            },
            CommandBinding(ImportCommand.spec) { args, _, console throws(CLIFailure) in try ImportCommand(args).run(console) },
            CommandBinding(group: VillagesCommand.spec, [
                CommandBinding(VillagesCommand.importSpec) { args, _, console throws(CLIFailure) in
                    try VillagesCommand.runImport(args, console)
                },
                CommandBinding(VillagesCommand.listSpec) { args, _, console throws(CLIFailure) in
                    try VillagesCommand.runList(args, console)
                },
            ]),
            CommandBinding(ProvenanceCommands.importsSpec) { args, _, console throws(CLIFailure) in
                try ProvenanceCommands.runImports(args, console)
            },
            CommandBinding(ProvenanceCommands.rejectedSpec) { args, _, console throws(CLIFailure) in
                try ProvenanceCommands.runRejected(args, console)
            },
            CommandBinding(MetricsCommand.spec) { args, _, console throws(CLIFailure) in try MetricsCommand(args).run(console) },
            CommandBinding(ReportCommand.spec) { args, commandLine, console throws(CLIFailure) in
                try ReportCommand(args, arguments: commandLine).run(console)
            },
            CommandBinding(SynthCommand.spec) { args, _, console throws(CLIFailure) in try SynthCommand(args).run(console) },
            CommandBinding(DoctorCommand.spec) { args, _, console throws(CLIFailure) in try DoctorCommand(args).run(console) },
            CommandBinding(TemplateCommand.spec) { args, _, console throws(CLIFailure) in try TemplateCommand(args).run(console) },
            CommandBinding(group: ProfileCommand.spec, [
                CommandBinding(ProfileCommand.draftSpec) { args, _, console throws(CLIFailure) in
                    try ProfileCommand.runDraft(args, console)
                },
            ]),
            CommandBinding(group: OutcomesCommand.spec, [
                CommandBinding(OutcomesCommand.importSpec) { args, _, console throws(CLIFailure) in
                    try OutcomesCommand.runImport(args, console)
                },
                CommandBinding(OutcomesCommand.listSpec) { args, _, console throws(CLIFailure) in
                    try OutcomesCommand.runList(args, console)
                },
            ]),
            CommandBinding(EffectCommand.spec) { args, _, console throws(CLIFailure) in try EffectCommand(args).run(console) },
        ])

    /// The spec tree the parser accepts and the help pages show.
    static let root = commands.spec

    /// Runs the command the parser chose. The parser stops only at a command without
    /// subcommands, and each of those is bound to a function, so with the real tree the
    /// `.internal` failure is never thrown (`CommandBindingTests`).
    static func dispatch(_ args: ParsedArguments, arguments: [String], console: Console) throws(CLIFailure) {
        guard let run = commands.run(at: args.commandPath) else {
            throw .internal("no runner for '\(args.commandPath.joined(separator: " "))'")
        }
        try run(args, arguments, console)
    }
}
