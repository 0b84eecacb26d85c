#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress and notes on standard error, shown only to a person watching.
///
/// Progress (`Importing wedde.csv: 12,000 rows`) rewrites one line in place, so it is written
/// only when standard error is a terminal and `--quiet` was not given: a log file or a CI job
/// never fills with carriage returns. Standard output stays reserved for results, so
/// `noaber … > out.csv` is always clean.
///
/// ```swift
/// let terminal = Terminal(quiet: arguments.flag("quiet"))
/// terminal.progress("Importing \(name): \(rows) rows")
/// terminal.clearProgress()
/// ```
public struct Terminal: Sendable {
    /// Where text goes; standard error by default, a collector in tests.
    public typealias Sink = @Sendable (String) -> Void

    /// Set by `--quiet`: nothing but errors (which the CLI writes itself).
    public let quiet: Bool
    /// Whether standard error is a terminal (decided once, at creation).
    public let isInteractive: Bool
    private let sink: Sink

    public init(quiet: Bool, isInteractive: Bool = Terminal.standardErrorIsTerminal, sink: @escaping Sink = Terminal.writeToStandardError) {
        self.quiet = quiet
        self.isInteractive = isInteractive
        self.sink = sink
    }

    /// Whether ``progress(_:)`` writes anything.
    public var showsProgress: Bool { isInteractive && !quiet }

    /// Replaces the current progress line with `message` (no newline). Silent unless
    /// ``showsProgress``. Callers should throttle to a few updates a second; every call writes.
    /// A newline inside `message` is replaced by a space so the line can be overwritten.
    public func progress(_ message: String) {
        guard showsProgress else { return }
        let oneLine = message.replacingNewlines()
        sink(Self.clearLine + oneLine)
    }

    /// Erases the progress line, e.g. before printing a summary. Silent unless ``showsProgress``.
    public func clearProgress() {
        guard showsProgress else { return }
        sink(Self.clearLine)
    }

    /// A line for the person running the command (e.g. "12 rows rejected, see report"),
    /// written unless `--quiet`, whether or not standard error is a terminal.
    public func note(_ message: String) {
        guard !quiet else { return }
        sink((showsProgress ? Self.clearLine : "") + message + "\n")
    }

    /// Carriage return, then ANSI "erase to end of line".
    static let clearLine = "\r\u{1B}[K"

    /// Whether file descriptor 2 is a terminal.
    public static var standardErrorIsTerminal: Bool {
        isatty(STDERR_FILENO) == 1
    }

    /// Writes `text` to standard error unbuffered, retrying short writes.
    @Sendable public static func writeToStandardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Writes `text` to standard output unbuffered, retrying short writes.
    @Sendable public static func writeToStandardOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                #if canImport(Glibc)
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                return Darwin.write(descriptor, base + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // Nowhere left to report a failing standard stream.
            }
            offset += written
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
