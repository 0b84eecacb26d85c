#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberCSV
import NoaberMetrics
import NoaberModel

/// The reporter's entry point: metrics in, one self-contained HTML report, standalone SVG
/// figures and CSV tables out.
///
///     let paths = try ReportGenerator.write(input: input, provenance: provenance,
///                                           request: ReportRequest(audience: .raadsbrief, period: period),
///                                           to: "out")
///     // out/report-raadsbrief.html, out/figures/*.svg, out/tables/metrics.csv, out/tables/*.csv
///
/// Disclosure control is applied by the metrics engine before anything is written, so the HTML,
/// the SVGs and the CSVs show the same `<k` cells. Every file is written to a temporary name and
/// renamed onto its final name (`FileSink`), so a killed run never leaves a half file behind
/// under a final name.
/// - Complexity: two metrics-engine runs; the writers are linear in the rows and cells written.
public enum ReportGenerator {
    public static func write(input: MetricsInput, provenance: ReportProvenance, request: ReportRequest,
                             to directory: String) throws -> [String] {
        let files = try render(input: input, provenance: provenance, request: request)
        try makeDirectories(for: files, in: directory)
        var written: [String] = []
        for file in files {
            let path = directory + "/" + file.path
            try writeAtomically(file.bytes, to: path)
            written.append(path)
        }
        return written
    }

    /// The files of a report as relative paths and bytes, without touching the disk.
    public static func render(input: MetricsInput, provenance: ReportProvenance,
                              request: ReportRequest) throws -> [(path: String, bytes: [UInt8])] {
        let data = try ReportData(input: input, request: request, today: provenance.generatedOn)
        return try render(data: data, provenance: provenance)
    }

    /// Several audiences' reports from ONE computation of the metrics (the expensive part):
    /// `request.audience` is ignored; each audience is written into `directory(audience)`.
    /// Returns the written paths.
    public static func write(input: MetricsInput, provenance: ReportProvenance, request: ReportRequest,
                             audiences: [Audience], directory: (Audience) -> String) throws -> [String] {
        let data = try ReportData(input: input, request: shared(request, audiences), today: provenance.generatedOn)
        return try write(data, provenance: provenance, audiences: audiences, directory: directory)
    }

    /// The same over any source, e.g. a store read one village at a time
    /// (`MetricsSource.reading`), so that reporting on years of cases takes the memory of a
    /// few villages. Throws what the source throws when it cannot be read.
    public static func write<Failure: Error>(source: MetricsSource<Failure>, provenance: ReportProvenance,
                                             request: ReportRequest, audiences: [Audience],
                                             directory: (Audience) -> String) throws -> [String] {
        let data = try ReportData(source: source, request: shared(request, audiences), today: provenance.generatedOn)
        return try write(data, provenance: provenance, audiences: audiences, directory: directory)
    }

    /// The request the shared computation is made for: as asked, but with the village pages'
    /// audience when they are among the audiences, so that every village keeps the curves its
    /// page draws (each audience then renders from `data.for(audience)`).
    private static func shared(_ request: ReportRequest, _ audiences: [Audience]) -> ReportRequest {
        var shared = request
        if audiences.contains(.dorp) { shared.audience = .dorp }
        return shared
    }

    private static func write(_ data: ReportData, provenance: ReportProvenance, audiences: [Audience],
                              directory: (Audience) -> String) throws -> [String] {
        // Each audience's report is a pure function of the shared data: render them on all cores,
        // then write them one after another in the order asked.
        let rendered = Parallel.map(audiences.count) { i in
            Result { try render(data: data.for(audiences[i]), provenance: provenance) }
        }
        var written: [String] = []
        for (audience, result) in zip(audiences, rendered) {
            let files = try result.get()
            let root = directory(audience)
            try makeDirectories(for: files, in: root)
            for file in files {
                let path = root + "/" + file.path
                try writeAtomically(file.bytes, to: path)
                written.append(path)
            }
        }
        return written
    }

    static func render(data: ReportData, provenance: ReportProvenance) throws -> [(path: String, bytes: [UInt8])] {
        let request = data.request
        if request.audience == .dorp { return try renderVillagePages(data: data, provenance: provenance) }
        var composer = ReportComposer(data: data, provenance: provenance)
        compose(&composer, audience: request.audience)
        let language = request.language
        let title = ReportComposer.title(request.audience, language) + " — " + DateFormatting(language: language).periodLabel(data.current.label)
        let footer = self.footer(request, provenance)
        let html = HTMLDocument(language: language, title: title, audience: request.audience,
                                body: composer.html, footer: footer).render()
        var files: [(path: String, bytes: [UInt8])] = [(request.audience.fileName, Array(html.utf8))]
        for f in composer.figures { files.append(("figures/\(f.name).svg", Array(f.svg.utf8))) }
        // The tidy file is for programs: the standard dialect and the same bytes in every language.
        let tidy = MemorySink()
        try TableCSV.tidy(data.rows, dialect: .standard, to: tidy)
        files.append(("tables/metrics.csv", tidy.bytes))
        for t in composer.tables {
            let sink = MemorySink()
            try TableCSV.wide(t, minimumCell: request.minCell, language: language, dialect: request.tableDialect, to: sink)
            files.append(("tables/\(t.name).csv", sink.bytes))
        }
        return files
    }

    /// The line at the foot of every report: what made it, when, and the suppression applied.
    static func footer(_ request: ReportRequest, _ provenance: ReportProvenance) -> String {
        let language = request.language
        return HTML.text(language.pick(
            "Gemaakt met noaber \(provenance.softwareVersion) op \(DateFormatting(language: language).date(provenance.generatedOn)). ",
            "Made with noaber \(provenance.softwareVersion) on \(DateFormatting(language: language).date(provenance.generatedOn)). "))
            + HTML.text(request.effectiveMinCell.map { language.pick("Kleine aantallen (1–\($0 - 1)) staan als <\($0).", "Small counts (1–\($0 - 1)) read <\($0).") }
                        ?? language.pick("Onderdrukking van kleine aantallen: uitgeschakeld. Niet publiceren.", "Small-cell suppression: disabled. Do not publish."))
    }

    static func compose(_ c: inout ReportComposer, audience: Audience) {
        c.heading(1, ReportComposer.title(audience, c.language) + ": " + c.periodName(c.data.current))
        c.raw(c.intro())
        if !c.data.currentCoverage.isComplete { c.coverageTableFile() }
        switch audience {
        case .raadsbrief:
            c.headlineSection()
            c.effectSentence()
            c.comparisonSection()
            c.heading(2, c.pick("In beeld", "In pictures"))
            c.reachBarFigure()
            c.trendFigure(metric: .reachPer1000, digits: 1, perVillage: false,
                          title: c.pick("Bereik per 1.000 inwoners door de tijd", "Reach per 1,000 inhabitants over time"),
                          valueTitle: c.pick("per 1.000 inwoners", "per 1,000 inhabitants"), name: "reach-trend",
                          pooledColumnTitle: c.pick("Per 1.000 (95%-BI)", "Per 1,000 (95% CI)"))
            c.pooledSurvivalFigure()
            c.tornadoFigure()
            c.estimateNote()
        case .lerendNetwerk:
            c.funnelSection()
            c.villageTable()
            c.themesSection()
            c.villageSurvivalSection()
            c.waitingTable()
            c.volunteerSection()
            c.qualitySection()
        case .onderzoek:
            c.headlineSection()
            c.comparisonSection()
            c.heading(2, c.pick("Bereik", "Reach"))
            c.reachBarFigure()
            c.trendFigure(metric: .reachPer1000, digits: 1, perVillage: c.data.villages.count <= 8,
                          title: c.pick("Bereik per 1.000 inwoners door de tijd", "Reach per 1,000 inhabitants over time"),
                          valueTitle: c.pick("per 1.000 inwoners", "per 1,000 inhabitants"), name: "reach-trend",
                          pooledColumnTitle: c.pick("Per 1.000 (95%-BI)", "Per 1,000 (95% CI)"))
            c.funnelSection()
            c.villageTable()
            c.themesSection()
            c.heading(2, c.pick("Reactietijd", "Response time"))
            c.pooledSurvivalFigure()
            c.waitingTable()
            c.villageSurvivalSection()
            c.heading(2, c.pick("Voorkomen escalatie (schatting)", "Prevented escalation (estimate)"))
            c.escalationTable()
            c.tornadoFigure()
            c.avoidedCostTrendFigure()
            c.estimateNote()
            c.effectSection()
            c.volunteerSection()
            c.qualitySection()
            c.methodsSection()
            c.provenanceSection()
        case .dorp:
            break   // one page per village: ReportGenerator+VillagePages.swift
        }
    }

    /// `directory` and every folder a file of `files` goes into (`figures/`, `tables/`, a
    /// village page's own folder), parents first.
    private static func makeDirectories(for files: [(path: String, bytes: [UInt8])], in directory: String) throws {
        var folders: [String] = [""]
        for file in files {
            let parts = file.path.split(separator: "/").dropLast()
            for depth in parts.indices { folders.append("/" + parts[...depth].joined(separator: "/")) }
        }
        var made = Set<String>()
        for folder in folders where made.insert(folder).inserted { try makeDirectory(directory + folder) }
    }

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        var info = stat()
        if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(code)))
    }

    /// Writes through `FileSink` (temporary name, fsync, rename).
    private static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            let sink = try FileSink(path: path)
            do {
                try sink.write(bytes)
                try sink.commit()
            } catch {
                sink.discard()
                throw error
            }
        } catch let error as ByteSinkError {
            throw ReportError.cannotWrite(path: path, reason: error.reason)
        }
    }
}

extension ReportComposer {
    static func title(_ audience: Audience, _ language: Language) -> String {
        switch audience {
        case .raadsbrief: return language.pick("Dorpsondersteuning, raadsbrief", "Village support, council brief")
        case .lerendNetwerk: return language.pick("Dorpsondersteuning, lerend netwerk", "Village support, learning network")
        case .onderzoek: return language.pick("Dorpsondersteuning, onderzoeksrapport", "Village support, research report")
        case .dorp: return language.pick("Dorpsondersteuning, dorpspagina", "Village support, village page")
        }
    }

    /// The lines under the title: villages and period, then what the data cover (see
    /// `coverageSentences`): a reader learns before any figure which villages it is about.
    func intro() -> String {
        let names = villagesByName.map(\.name)
        let shown = names.count <= 8 ? list(names) : pick("\(names.count) dorpen", "\(names.count) villages")
        let text = pick("Dorpen: \(shown). Periode: \(dates.date(data.current.start)) t/m \(dates.date(data.current.end)).",
                        "Villages: \(shown). Period: \(dates.date(data.current.start)) to \(dates.date(data.current.end)).")
        var sentences = coverageSentences()
        if let estimated = estimatedStartSentence() { sentences.append(estimated) }
        let cls = data.currentCoverage.isComplete ? "meta" : "meta coverage"
        return HTML.paragraph(raw: HTML.text(text), class: "meta") + HTML.paragraph(raw: HTML.text(sentences.joined(separator: " ")), class: cls)
    }
}
