import NoaberCSV
import NoaberImport
import NoaberModel
import NoaberSynth

/// `noaber synth`: writes deterministic synthetic exports for demos, tests and benchmarks.
struct SynthCommand {
    static let spec = CommandSpec(
        name: "synth",
        abstract: Localized(nl: "Schrijf synthetische exports van dorpen (vast voor een seed).",
                            en: "Write synthetic village exports (deterministic for a seed)."),
        discussion: Localized(nl: """
        Schrijft <map>/villages.csv, <map>/cases-<dialect>.csv en <map>/tasks.csv voor --villages synthetische dorpen \
        (of de zes meegeleverde dorpen van Dinkelland). Alle gegevens zijn verzonnen: geen echte inwoners.
        --bundled schrijft de meegeleverde map Datasets/ precies zoals ze in git staat.
        Voorbeeld (de invoer van de benchmark): noaber synth --villages 100 --rows 1000000 --out /tmp/bench
        """, en: """
        Writes <dir>/villages.csv, <dir>/cases-<dialect>.csv and <dir>/tasks.csv for --villages synthetic villages \
        (or the six bundled Dinkelland villages with --dinkelland). All data are synthetic: no real residents.
        --bundled rewrites the bundled Datasets/ folder exactly as committed.
        --outcomes writes <out>/villages.csv (every other village with an ondersteuner_start in one of eight \
        staggered quarters, the rest comparison areas) and <out>/outcomes-huisartsconsulten.csv: a synthetic GP \
        consultation series per quarter from 2015Q1 (--quarters long) with a built-in effect, for 'noaber effect'.
        Example (the benchmark's input): noaber synth --villages 100 --rows 1000000 --out /tmp/bench
        """),
        options: [
            OptionSpec(name: "out", valueName: Placeholder.dir, help: Localized(nl: "Uitvoermap (wordt gemaakt).", en: "Output folder (created)."),
                       defaultDescription: Localized(verbatim: "synth-out")),
            OptionSpec(name: "seed", valueName: Placeholder.n, help: Localized(nl: "Startwaarde (seed) van het toeval.", en: "Random seed."),
                       defaultDescription: Localized(verbatim: "20250101")),
            OptionSpec(name: "villages", valueName: Placeholder.n, help: Localized(nl: "Aantal synthetische dorpen.", en: "Number of synthetic villages."),
                       defaultDescription: Localized(verbatim: "6 (Dinkelland)")),
            OptionSpec(name: "rows", valueName: Placeholder.n,
                       help: Localized(nl: "Totaal aantal rijen hulpvragen (anders ongeveer 60 per 1.000 inwoners per jaar).",
                                       en: "Total case rows (else about 60 per 1,000 inhabitants a year).")),
            OptionSpec(name: "dialect", valueName: Placeholder.dialect, help: Localized(nl: "Dialect van de export.", en: "Export dialect."),
                       allowed: ExportDialect.allCases.map(\.rawValue), defaultDescription: Localized(verbatim: "canonical")),
            OptionSpec(name: "from", valueName: Placeholder.date, help: Localized(nl: "Eerste dag waarop hulpvragen binnenkomen.", en: "First day requests come in."),
                       defaultDescription: Localized(verbatim: "2023-01-01")),
            OptionSpec(name: "to", valueName: Placeholder.date, help: Localized(nl: "Laatste dag waarop hulpvragen binnenkomen.", en: "Last day requests come in."),
                       defaultDescription: Localized(verbatim: "2025-12-31")),
            OptionSpec(name: "as-of", valueName: Placeholder.date,
                       help: Localized(nl: "Exportdatum (open hulpvragen zijn dan nog open).", en: "Export date (open cases are open then)."),
                       defaultDescription: Localized(nl: "<to> + 10 dagen", en: "<to> + 10 days")),
            OptionSpec(name: "quarters", valueName: Placeholder.n,
                       help: Localized(nl: "Met --outcomes: kwartalen in de reeks, vanaf 2015K1.", en: "With --outcomes: quarters in the series, from 2015Q1."),
                       defaultDescription: Localized(verbatim: "40")),
            CommonOptions.langSpec,
        ],
        flags: [
            FlagSpec(name: "bundled", help: Localized(nl: "Schrijf de meegeleverde datasets opnieuw onder --out (standaard Datasets).",
                                                      en: "Rewrite the bundled datasets under --out (default Datasets).")),
            FlagSpec(name: "outcomes", help: Localized(nl: "Schrijf een synthetische uitkomstreeks met zijn dorpenbestand in plaats van exports.",
                                                       en: "Write a synthetic outcome series with its villages file instead of exports.")),
            FlagSpec(name: "no-tasks", help: Localized(nl: "Schrijf geen export van vrijwilligerstaken.", en: "Write no volunteer-task export.")),
            FlagSpec(name: "residents-within-population",
                     help: Localized(nl: "Houd het aantal inwoners met een hulpvraag per dorp binnen het inwonertal (anders groeit het met --rows).",
                                     en: "Cap each village's residents at its inhabitants (else they grow with --rows).")),
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
                throw .cannotCreate(Localized(nl: "\(root): niet geschreven: \(error)", en: "\(root): not written: \(error)"))
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
                throw .usage(UsageError(nl: "--\(name) moet een datum JJJJ-MM-DD zijn, gegeven: '\(text)'",
                                        en: "--\(name) must be a date YYYY-MM-DD, got '\(text)'", commandPath: args.commandPath))
            }
            return d
        }
        let from = try date("from", CivilDate(dayNumber: 19358))       // 2023-01-01
        let to = try date("to", CivilDate(dayNumber: 20453))           // 2025-12-31
        let asOf = try date("as-of", to.adding(days: 10))
        guard from <= to else {
            throw .usage(UsageError(nl: "--from mag niet na --to liggen", en: "--from must not be after --to", commandPath: args.commandPath))
        }
        if let villageCount, villageCount < 1 || villageCount > 10_000 {
            throw .usage(UsageError(nl: "--villages moet 1…10000 zijn", en: "--villages must be 1…10000", commandPath: args.commandPath))
        }
        if let rows, rows < 0 {
            throw .usage(UsageError(nl: "--rows mag niet negatief zijn", en: "--rows must not be negative", commandPath: args.commandPath))
        }
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
            throw .cannotCreate(Localized(nl: "\(out): niet geschreven: \(error)", en: "\(out): not written: \(error)"))
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
            throw .usage(UsageError(nl: "--villages moet 2…10000 zijn met --outcomes", en: "--villages must be 2…10000 with --outcomes", commandPath: args.commandPath))
        }
        guard (2...400).contains(quarters) else {
            throw .usage(UsageError(nl: "--quarters moet 2…400 zijn", en: "--quarters must be 2…400", commandPath: args.commandPath))
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
