/// What the command line asks for, decided before anything runs.
public enum ParseOutcome: Sendable, Equatable {
    /// Run the command at `arguments.commandPath` with these values.
    case run(ParsedArguments)
    /// Print help for the command at `commandPath` to standard output and exit 0.
    case help(commandPath: [String])
    /// Print the version to standard output and exit 0.
    case version
}
