import NoaberCSV
import NoaberModel

/// A villages file in noaber's canonical format: the one writer behind `Datasets/villages.csv` and
/// `noaber synth`'s `villages.csv`.
public enum VillagesFile {
    /// The file's bytes: the canonical header, then one row per village in the order given.
    /// Optional facts are empty cells; dates are `yyyy-mm-dd`; `comparison_area` is `true` or empty.
    public static func render(_ villages: [Village]) throws -> [UInt8] {
        let sink = MemorySink()
        var writer = try CSVWriter(sink: sink, dialect: .standard)
        try writer.writeRow(RecordKind.villages.canonicalColumns)
        for v in villages {
            try writer.writeRow([.text(v.code), .text(v.name), .text(v.municipality), .integer(v.inhabitants),
                                 v.inhabitants75Plus.map(CSVCell.integer) ?? .empty,
                                 v.paidHoursPerWeek.map { .number($0, fractionDigits: nil) } ?? .empty,
                                 v.costPerYearEUR.map { .number($0, fractionDigits: nil) } ?? .empty,
                                 v.registrationStart.map { .text($0.iso) } ?? .empty,
                                 v.ondersteunerStart.map { .text($0.iso) } ?? .empty,
                                 v.isComparisonArea ? .text("true") : .empty])
        }
        try writer.flush()
        return sink.bytes
    }
}
