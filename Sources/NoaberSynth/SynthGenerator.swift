import NoaberCSV
import NoaberModel

/// Writes deterministic synthetic village exports: identical options give identical bytes.
///
///     let options = SynthOptions(seed: 7, villages: SyntheticVillages.make(count: 100, seed: 7),
///                                from: CivilDate(year: 2023, month: 1, day: 1)!,
///                                to: CivilDate(year: 2024, month: 12, day: 31)!,
///                                asOf: CivilDate(year: 2025, month: 1, day: 15)!, targetRows: 1_000_000)
///     let sink = try FileSink(path: "cases.csv")
///     try SynthGenerator(options: options).writeCases(to: sink)
///     try sink.commit()
///
/// Rows are built as bytes (no `String` per field, no date formatter) and handed to the sink in
/// 64 KiB chunks, so a million rows take seconds and memory stays flat.
public struct SynthGenerator: Sendable {
    public let options: SynthOptions

    /// Checks the options: at least one village with inhabitants, `from` ≤ `to`, `from` ≤ `asOf`.
    public init(options: SynthOptions) throws {
        guard !options.villages.isEmpty else { throw SynthError("no villages to generate for") }
        guard options.from <= options.to else {
            throw SynthError("the period is empty: from \(options.from) is after to \(options.to)")
        }
        guard options.from <= options.asOf else {
            throw SynthError("the as-of date \(options.asOf) is before the start of the period \(options.from)")
        }
        if let bad = options.villages.first(where: { $0.inhabitants <= 0 }) {
            throw SynthError("village \(bad.code) has no inhabitants")
        }
        guard options.casesPerThousandPerYear >= 0, options.casesPerThousandPerYear.isFinite else {
            throw SynthError("the case rate must be a non-negative number")
        }
        if let target = options.targetRows, target < 0 { throw SynthError("targetRows must not be negative") }
        self.options = options
    }

    /// The number of case rows each village gets, in the order of `options.villages`.
    ///
    /// With `targetRows`, the total is shared in proportion to inhabitants (largest remainder, so
    /// the counts add up exactly); otherwise rate × inhabitants / 1,000 × years × the village's
    /// own factor (0.85–1.15, fixed by seed and code).
    public func caseCounts() -> [Int] {
        let villages = options.villages
        if let target = options.targetRows {
            let total = villages.reduce(0) { $0 + $1.inhabitants }
            let shares = villages.map { Double(target) * Double($0.inhabitants) / Double(total) }
            var counts = shares.map { Int($0) }
            let remainders = shares.enumerated().map { ($0.offset, $0.element - Double(counts[$0.offset])) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            var missing = target - counts.reduce(0, +)
            for (index, _) in remainders where missing > 0 {
                counts[index] += 1
                missing -= 1
            }
            return counts
        }
        let days = Double(max(options.lastReceived.dayNumber - options.from.dayNumber + 1, 0))
        return villages.map { village in
            let factor = CaseSimulator.rateFactor(seed: options.seed, code: village.code)
            let expected = Double(village.inhabitants) / 1000 * options.casesPerThousandPerYear * factor * days / 365.25
            return Int(expected.rounded())
        }
    }

    /// Writes the header and every village's cases in the options' dialect.
    @discardableResult
    public func writeCases(to sink: ByteSink) throws -> SynthSummary {
        let encoding = DialectEncoding(options.dialect)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(ChunkWriter.size + 4096)
        chunk.append(contentsOf: encoding.byteOrderMark)
        chunk.append(contentsOf: encoding.header(SynthVocabulary.caseColumns(options.dialect).map(\.header)))
        var summary = SynthSummary(rows: 0, rowsPerVillage: [:], injectedErrors: [])
        var line = 1
        for (village, count) in zip(options.villages, caseCounts()) {
            let encoder = CaseRowEncoder(encoding: encoding, village: village, asOf: options.asOf)
            var simulator = CaseSimulator(village: village, count: count, options: options)
            var faults = FaultPlan(count: count, enabled: options.deliberateErrors && options.dialect == .dutchExcel)
            while let c = simulator.next() {
                line += 1
                let fault = faults.fault(for: c)
                if let fault {
                    summary.injectedErrors.append(InjectedError(village: village.code, line: line, record: summary.rows + 1,
                                                                field: fault.field, problem: fault.problem))
                }
                line += encoder.append(c, fault: fault, to: &chunk)
                summary.rows += 1
                if chunk.count >= ChunkWriter.size { try ChunkWriter.flush(&chunk, to: sink) }
            }
            summary.rowsPerVillage[village.code] = count
        }
        try ChunkWriter.flush(&chunk, to: sink)
        return summary
    }

    /// Writes the volunteer tasks that go with the cases `writeCases` writes (same case numbers).
    @discardableResult
    public func writeTasks(to sink: ByteSink) throws -> SynthSummary {
        let encoding = DialectEncoding(options.dialect)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(ChunkWriter.size + 4096)
        chunk.append(contentsOf: encoding.byteOrderMark)
        chunk.append(contentsOf: encoding.header(SynthVocabulary.taskColumns(options.dialect)))
        let dutch = options.dialect == .dutchExcel
        let dateStyle: RowBytes.DateStyle = dutch ? .dayMonthYear : .iso
        var summary = SynthSummary(rows: 0, rowsPerVillage: [:], injectedErrors: [])
        for (village, count) in zip(options.villages, caseCounts()) {
            let code = Array(village.code.utf8)
            let villageValue = dutch ? encoding.encode(village.name) : code
            var simulator = TaskSimulator(village: village, count: count, options: options)
            var written = 0
            // One deliberate error per Dutch village: a task on 29 February of a common year.
            let faultAt = options.deliberateErrors && dutch ? max(1, count / 2) : -1
            while let task = simulator.next() {
                written += 1
                chunk.append(contentsOf: code)
                chunk.append(UInt8(ascii: "-"))
                RowBytes.appendPadded(task.caseSequence, width: max(5, String(task.caseSequence).count), to: &chunk)
                chunk.append(encoding.delimiter)
                chunk.append(contentsOf: villageValue)
                chunk.append(encoding.delimiter)
                chunk.append(UInt8(ascii: "V"))
                RowBytes.appendPadded(task.volunteer + 1, width: 3, to: &chunk)
                chunk.append(encoding.delimiter)
                if written == faultAt {
                    chunk.append(contentsOf: Array("29-2-2023".utf8))
                    summary.injectedErrors.append(InjectedError(village: village.code, line: summary.rows + 2,
                                                                record: summary.rows + 1, field: "date",
                                                                problem: "task date 29-2-2023 does not exist"))
                } else {
                    RowBytes.appendMoment(day: task.day, minute: -1, style: dateStyle, to: &chunk)
                }
                chunk.append(encoding.delimiter)
                RowBytes.appendFraction(task.quarterHours, per: 4, decimalComma: encoding.decimalComma, to: &chunk)
                chunk.append(encoding.delimiter)
                chunk.append(contentsOf: encoding.tasks[task.kind])
                chunk.append(contentsOf: encoding.lineEnding)
                summary.rows += 1
                if chunk.count >= ChunkWriter.size { try ChunkWriter.flush(&chunk, to: sink) }
            }
            summary.rowsPerVillage[village.code] = written
        }
        try ChunkWriter.flush(&chunk, to: sink)
        return summary
    }
}

/// Hands the row buffer to the sink in chunks.
enum ChunkWriter {
    static let size = 64 * 1024

    static func flush(_ chunk: inout [UInt8], to sink: ByteSink) throws {
        guard !chunk.isEmpty else { return }
        try chunk.withUnsafeBytes { try sink.write($0) }
        chunk.removeAll(keepingCapacity: true)
    }
}

/// Where the deliberate errors go in one village's cases: at fixed fractions of the rows, the
/// closed-before-received one on the first closed case from its fraction on.
struct FaultPlan {
    private var impossibleDateAt = -1, closedBeforeAt = -1, unknownThemeAt = -1, emptyIDAt = -1
    private var closedPending = false

    init(count: Int, enabled: Bool) {
        guard enabled, count >= 20 else { return }
        closedBeforeAt = count * 3 / 10
        impossibleDateAt = count * 55 / 100
        unknownThemeAt = count * 3 / 4
        emptyIDAt = count * 9 / 10
    }

    mutating func fault(for c: SynthCase) -> RowFault? {
        if c.sequence == closedBeforeAt { closedPending = true }
        if closedPending, c.closedDay != nil, c.sequence != impossibleDateAt {
            closedPending = false
            return .closedBeforeReceived
        }
        switch c.sequence {
        case impossibleDateAt: return .impossibleDate
        case unknownThemeAt: return .unknownTheme
        case emptyIDAt: return .emptyCaseID
        default: return nil
        }
    }
}
