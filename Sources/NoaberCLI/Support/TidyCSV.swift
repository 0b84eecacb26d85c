import NoaberCSV
import NoaberMetrics
import NoaberReport

/// Metric rows as tidy CSV: `village,period,metric,value,lower,upper,n,suppressed`, the same
/// writer and rounding rule as a report's `tables/metrics.csv` (`TableCSV.tidy`, `TidyNumber`).
enum TidyCSV {
    static func render(_ rows: [MetricRow], dialect: CSVDialect) -> String {
        let sink = MemorySink()
        do { try TableCSV.tidy(rows, dialect: dialect, to: sink) } catch { return "" }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
