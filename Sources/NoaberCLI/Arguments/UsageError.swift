import NoaberModel

/// A mistake in how the command line was typed: unknown option, missing value, bad number, …
///
/// The message is one complete sentence in both languages, meant for `Fout: <message>` /
/// `Error: <message>` on standard error; `commandPath` lets the CLI print the matching usage line
/// and `--help` hint (see ``HelpFormatter/errorReport(for:root:language:)``). Maps to
/// ``ExitCode/usage`` (64).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: Localized
    /// The command that was being parsed when the mistake was found, e.g. `["noaber", "import"]`.
    public let commandPath: [String]

    public init(message: Localized, commandPath: [String]) {
        self.message = message
        self.commandPath = commandPath
    }

    public init(nl: String, en: String, commandPath: [String]) {
        self.init(message: Localized(nl: nl, en: en), commandPath: commandPath)
    }

    public var description: String { message.en }
}
