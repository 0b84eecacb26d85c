/// A command of the tree together with what it does, so that the specs the parser and the help
/// pages read and the functions that run them come from one table (`CommandTree.commands`).
///
/// A command that runs is its spec and its run function. A command that only groups others is its
/// spec and their bindings, and its spec's `subcommands` are taken from them. So a command cannot
/// be registered in the tree and forgotten in the dispatch, nor the other way round, and nothing
/// matches command names as strings.
///
///     CommandBinding(group: VillagesCommand.spec, [
///         CommandBinding(VillagesCommand.importSpec) { args, _, console throws(CLIFailure) in
///             try VillagesCommand.runImport(args, console)
///         },
///         CommandBinding(VillagesCommand.listSpec) { args, _, console throws(CLIFailure) in
///             try VillagesCommand.runList(args, console)
///         },
///     ])
///
/// The parser only ever stops at a command without subcommands (a group without a default
/// subcommand parses as a request for its help), so every path it returns names a bound function.
/// A spec that declares subcommands while being bound to a run function would defeat that;
/// `CommandBindingTests` walks the real tree for it.
struct CommandBinding: Sendable {
    /// Runs one command: what was parsed, the words as typed (a report quotes them in its
    /// methods), and where to print.
    typealias Run = @Sendable (_ args: ParsedArguments, _ commandLine: [String], _ console: Console) throws(CLIFailure) -> Void

    /// The command's spec; a group's lists the specs of its subcommands' bindings.
    let spec: CommandSpec
    private let body: Body

    private enum Body: Sendable {
        case runs(Run)
        case groups([CommandBinding])
    }

    /// A command that runs `run`.
    init(_ spec: CommandSpec, run: @escaping Run) {
        self.spec = spec
        body = .runs(run)
    }

    /// A command that groups `subcommands`, in the order its help lists them. Whatever `spec`
    /// says about subcommands is replaced by their specs.
    init(group spec: CommandSpec, _ subcommands: [CommandBinding]) {
        var spec = spec
        spec.subcommands = subcommands.map(\.spec)
        self.spec = spec
        body = .groups(subcommands)
    }

    /// The function bound to the command at `path`, where `path[0]` names this command; nil when
    /// the path names a group or no command at all.
    func run(at path: [String]) -> Run? {
        guard path.first == spec.name else { return nil }
        var binding = self
        for name in path.dropFirst() {
            guard case .groups(let subcommands) = binding.body,
                  let next = subcommands.first(where: { $0.spec.name == name }) else { return nil }
            binding = next
        }
        guard case .runs(let run) = binding.body else { return nil }
        return run
    }
}
