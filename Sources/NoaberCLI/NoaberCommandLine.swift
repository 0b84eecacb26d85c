#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NoaberModel

/// Entry point of the `noaber` executable: parse everything first, then run one command, and map
/// every outcome to one exit code (docs/exit-codes.md).
public enum NoaberCommandLine {
    public static let version = "0.1.0"

    public static func main() {
        let code = run(Array(CommandLine.arguments.dropFirst()), console: .standard)
        code.terminate()
    }

    /// Runs one command line; used by `main()` and by in-process tests.
    ///
    /// The language is found before parsing (`--lang`, else `NOABER_LANG`, else Dutch), so help
    /// and usage errors on the same line are in the language it asks for.
    static func run(_ arguments: [String], console: Console) -> ExitCode {
        let language = ArgumentParser.language(in: arguments, environment: ProcessInfo.processInfo.environment)
        let outcome: ParseOutcome
        do throws(UsageError) {
            outcome = try ArgumentParser.parse(arguments, root: CommandTree.root)
        } catch {
            console.err(HelpFormatter.errorReport(for: error, root: CommandTree.root, language: language))
            return .usage
        }
        switch outcome {
        case .help(let path):
            console.out(HelpFormatter.help(for: path, root: CommandTree.root, language: language))
            return .success
        case .version:
            console.out("noaber \(version)\n")
            return .success
        case .run(let args):
            do throws(CLIFailure) {
                try CommandTree.dispatch(args, arguments: arguments, console: console)
                return .success
            } catch {
                if case .usage(let usage) = error {
                    console.err(HelpFormatter.errorReport(for: usage, root: CommandTree.root, language: language))
                } else if case .reported = error {
                    // Each problem was printed where it happened.
                } else {
                    console.err(HelpFormatter.errorPrefix(language) + error.message(language) + "\n")
                }
                return error.exitCode
            }
        }
    }
}
