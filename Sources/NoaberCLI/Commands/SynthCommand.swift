import NoaberCSV
import NoaberImport
import NoaberModel
import NoaberSynth

/// `noaber synth`: writes deterministic synthetic exports for demos, tests and benchmarks.
struct SynthCommand {
    static let spec = CommandSpec(
        name: "synth",
        abstract: "Write synthetic village exports (deterministic for a seed).",
        discussion: """
        Writes <out>/villages.csv, <out>/cases-<dialect>.csv and <out>/tasks.csv for --villages synthetic villages \
        (or the six bundled Dinkelland villages with --dinkelland). All data are synthetic: no real residents.
        --bundled rewrites the bundled Datasets/ folder exactly as committed.
        --outcomes writes <out>/villages.csv (every other village with an ondersteuner_start in one of eight \
        staggered quarters, the rest comparison areas) and <out>/outcomes-huisartsconsulten.csv: a synthetic GP \
        consultation series per quarter from 2015Q1 (--quarters long) with a built-in effect, for 'noaber effect'.
        Example (the benchmark's input): noaber synth --villages 100 --rows 1000000 --out /tmp/bench
        Example (the effect benchmark's input): noaber synth --outcomes --villages 1000 --quarters 40 --out /tmp/effect
        """,
        options: [
            OptionSpec(name: "out", valueName: "dir", help: "Output folder (created).", defaultDescription: "synth-out"),
            OptionSpec(name: "seed", valueName: "n", help: "Random seed.", defaultDescription: "20250101"),
            OptionSpec(name: "villages", valueName: "n", help: "Number of synthetic villages.", defaultDescription: "6 (Dinkelland)"),
            OptionSpec(name: "rows", valueName: "n", help: "Total case rows (else about 60 per 1,000 inhabitants a year)."),
            OptionSpec(name: "dialect", valueName: "dialect", help: "Export dialect.", allowed: ExportDialect.allCases.map(\.rawValue),
                       defaultDescription: "canonical"),
            OptionSpec(name: "from", valueName: "date", help: "First day requests come in.", defaultDescription: "2023-01-01"),
            OptionSpec(name: "to", valueName: "date", help: "Last day requests come in.", defaultDescription: "2025-12-31"),
            OptionSpec(name: "as-of", valueName: "date", help: "Export date (open cases are open then).", defaultDescription: "<to> + 10 days"),
            OptionSpec(name: "quarters", valueName: "n", help: "With --outcomes: quarters in the series, from 2015Q1.", defaultDescription: "40"),
        ],
        flags: [
            FlagSpec(name: "bundled", help: "Rewrite the bundled datasets under --out (default Datasets)."),
            FlagSpec(name: "outcomes", help: "Write a synthetic outcome series with its villages file instead of exports."),
            FlagSpec(name: "no-tasks", help: "Write no volunteer-task export."),
            FlagSpec(name: "residents-within-population",
                     help: "Cap each village's residents at its inhabitants (else they grow with --rows)."),
            CommonOptions.quietFlag,
        ])

    let args: ParsedArguments

    init(_ args: ParsedArguments) { self.args = args }

    func run(_ console: Console) throws(CLIFailure) {
        if args.flag("bundled") {
            let root = args.string("out") ?? "Datasets"
            do {
                let written = try SynthGenerator.writeBundledDatasets(root: root)
                for f in written { console.out("\(f.path)  \(f.rows)\n") }
            } catch {
                throw .cannotCreate(Localized(nl: "\(root): \(error)", en: "\(root): \(error)"))
            }
            return
        }
        if args.flag("outcomes") {
            try writeOutcomes(console)
            return
        }
        let out = args.string("out") ?? "synth-out"
        let seed: UInt64
        let villageCount: Int?
        let rows: Int?
        do {
            seed = UInt64(max(0, try args.int("seed") ?? 20_250_101))
            villageCount = try args.int("villages")
            rows = try args.int("rows")
        } catch { throw .usage(error) }
        func date(_ name: String, _ fallback: CivilDate) throws(CLIFailure) -> CivilDate {
            guard let text = args.string(name) else { return fallback }
            guard let d = CivilDate(iso: text) else {
                throw .usage(UsageError(message: "--\(name) must be a date YYYY-MM-DD, got '\(text)'", commandPath: args.commandPath))
            }
            return d
        }
        let from = try date("from", CivilDate(dayNumber: 19358))       // 2023-01-01
        let to = try date("to", CivilDate(dayNumber: 20453))           // 2025-12-31
        let asOf = try date("as-of", to.adding(days: 10))
        guard from <= to else {
            throw .usage(UsageError(message: "--from must not be after --to", commandPath: args.commandPath))
        }
        if let villageCount, villageCount < 1 || villageCount > 10_000 {
            throw .usage(UsageError(message: "--villages must be 1…10000", commandPath: args.commandPath))
        }
        if let rows, rows < 0 { throw .usage(UsageError(message: "--rows must not be negative", commandPath: args.commandPath)) }
        // Synthetic villages start registering on the first day their requests come in.
        let villages = villageCount.map { count in
            SyntheticVillages.make(count: count, seed: seed).map { v in
                var v = v
                v.registrationStart = from
                return v
            }
        } ?? BundledDatasets.villages
        let dialect = ExportDialect(rawValue: args.string("dialect") ?? "canonical") ?? .canonical
        var options = SynthOptions(seed: seed, villages: villages, from: from, to: to, asOf: asOf, dialect: dialect, targetRows: rows)
        options.residentsWithinPopulation = args.flag("residents-within-population")
        do {
            try FileSystem.createDirectory(out)
            try writeVillages(villages, to: out + "/villages.csv")
            let generator = try SynthGenerator(options: options)
            let casesPath = out + "/cases-\(dialect.rawValue)-\(asOf.iso).csv"
            let caseSink = try FileSink(path: casesPath)
            let summary = try generator.writeCases(to: caseSink)
            try caseSink.commit()
            console.out("\(casesPath)  \(summary.rows)\n")
            if !args.flag("no-tasks") {
                let tasksPath = out + "/tasks-\(asOf.iso).csv"
                let taskSink = try FileSink(path: tasksPath)
                let t = try generator.writeTasks(to: taskSink)
                try taskSink.commit()
                console.out("\(tasksPath)  \(t.rows)\n")
            }
            console.out("\(out)/villages.csv  \(villages.count)\n")
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw .cannotCreate(Localized(nl: "\(out): \(error)", en: "\(out): \(error)"))
        }
    }

    /// `--outcomes`: the villages file and the outcome series of `OutcomeSeries.syntheticPanel`.
    private func writeOutcomes(_ console: Console) throws(CLIFailure) {
        let out = args.string("out") ?? "synth-out"
        let seed: UInt64, areas: Int, quarters: Int
        do {
            seed = UInt64(max(0, try args.int("seed") ?? 20_250_101))
            areas = try args.int("villages") ?? 16
            quarters = try args.int("quarters") ?? 40
        } catch { throw .usage(error) }
        guard (2...10_000).contains(areas) else {
            throw .usage(UsageError(message: "--villages must be 2…10000 with --outcomes", commandPath: args.commandPath))
        }
        guard (2...400).contains(quarters) else {
            throw .usage(UsageError(message: "--quarters must be 2…400", commandPath: args.commandPath))
        }
        let panel = OutcomeSeries.syntheticPanel(areas: areas, quarters: quarters, seed: seed)
        do {
            try FileSystem.createDirectory(out)
            try writeVillages(panel.villages, to: out + "/villages.csv")
            let path = out + "/outcomes-\(panel.series.measure).csv"
            let sink = try FileSink(path: path)
            let rows = try panel.series.write(to: sink)
            try sink.commit()
            console.out("\(out)/villages.csv  \(panel.villages.count)\n\(path)  \(rows)\n")
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw .cannotCreate(Localized(nl: "\(out): \(error)", en: "\(out): \(error)"))
        }
    }

    private func writeVillages(_ villages: [Village], to path: String) throws {
        let sink = try FileSink(path: path)
        try sink.write(try VillagesFile.render(villages))
        try sink.commit()
    }
}
