import NoaberCSV
import NoaberMetrics

/// Metric rows as tidy CSV: `village,period,metric,value,lower,upper,n,suppressed`.
enum TidyCSV {
    static let header = ["village", "period", "metric", "value", "lower", "upper", "n", "suppressed"]

    static func render(_ rows: [MetricRow], dialect: CSVDialect) -> String {
        let sink = MemorySink()
        do {
            var writer = try CSVWriter(sink: sink, dialect: dialect)
            try writer.writeRow(header)
            func number(_ v: Double?) -> CSVCell {
                guard let v, v.isFinite else { return .empty }
                return .number(v, fractionDigits: nil)
            }
            for r in rows {
                try writer.writeRow([.text(r.village), .text(r.period), .text(r.metric), number(r.value), number(r.lower),
                                     number(r.upper), r.n.map { .integer($0) } ?? .empty, .text(r.suppressed ? "true" : "false")])
            }
            try writer.flush()
        } catch {
            return ""
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
