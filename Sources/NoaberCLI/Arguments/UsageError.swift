/// A mistake in how the command line was typed: unknown option, missing value, bad number, …
///
/// The message is one complete sentence meant for `Error: <message>` on standard error;
/// `commandPath` lets the CLI print the matching usage line and `--help` hint
/// (see ``HelpFormatter/errorReport(for:root:)``). Maps to ``ExitCode/usage`` (64).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The command that was being parsed when the mistake was found, e.g. `["noaber", "import"]`.
    public let commandPath: [String]

    public init(message: String, commandPath: [String]) {
        self.message = message
        self.commandPath = commandPath
    }

    public var description: String { message }
}
