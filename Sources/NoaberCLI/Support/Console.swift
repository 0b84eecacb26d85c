/// Where a command writes: results to standard output, messages to standard error. Tests pass
/// closures that collect the text instead.
struct Console: Sendable {
    let out: @Sendable (String) -> Void
    let err: @Sendable (String) -> Void

    static let standard = Console(out: Terminal.writeToStandardOutput, err: Terminal.writeToStandardError)
}
