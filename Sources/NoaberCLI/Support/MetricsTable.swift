import NoaberMetrics
import NoaberModel
import NoaberReport

/// Metric rows as a terminal table per group and period, with Dutch (or English) labels,
/// numbers in the language's format and suppressed cells as `<k`.
enum MetricsTable {
    static func render(_ rows: [MetricRow], language: Language, minCell: Int?) -> String {
        let f = NumberFormatting(language: language)
        var out = ""
        var current: (String, String)? = nil
        var table = TextTable(header: [], rightAligned: [])
        func flush() {
            if current != nil { out += table.render() + "\n" }
        }
        let ordered = rows.enumerated().sorted { a, b in
            if a.element.village != b.element.village || a.element.period != b.element.period { return a.offset < b.offset }
            let (x, y) = (MetricCatalog.order(a.element.metric), MetricCatalog.order(b.element.metric))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        for r in ordered {
            if current == nil || current! != (r.village, r.period) {
                flush()
                current = (r.village, r.period)
                out += "\(r.village) · \(r.period)\n"
                table = TextTable(header: language == .nl ? ["maat", "waarde", "interval", "n"] : ["metric", "value", "interval", "n"],
                                  rightAligned: [1, 3])
            }
            let entry = MetricCatalog.entry(r.metric)
            let value: String
            var interval = ""
            if r.suppressed {
                value = f.suppressed(minimumCell: minCell ?? 5)
            } else if let v = r.value {
                value = format(v, entry.unit, f)
                if let lo = r.lower, let hi = r.upper {
                    interval = format(lo, entry.unit, f) + " – " + (hi.isFinite ? format(hi, entry.unit, f) : "∞")
                }
            } else {
                value = f.notAvailable
            }
            table.add([entry.label(language), value, interval, r.n.map { f.integer($0) } ?? ""])
        }
        flush()
        return out
    }

    static func format(_ v: Double, _ unit: MetricCatalog.Unit, _ f: NumberFormatting) -> String {
        switch unit {
        case .count: return v == v.rounded() ? f.integer(Int(v)) : f.decimal(v, fractionDigits: 1)
        case .per1000, .days, .hours: return f.decimal(v, fractionDigits: 1)
        case .percent: return f.decimal(v, fractionDigits: 1) + "%"
        case .euros: return f.euros(v)
        case .ratio: return f.decimal(v, fractionDigits: 2)
        case .share: return f.percent(v)
        case .index: return f.decimal(v, fractionDigits: 2)
        case .year: return f.decimal(v, fractionDigits: 0, grouping: false)
        case .severity: return FindingSeverity(rawValue: Int(v)).map { $0.label(f.language) } ?? f.decimal(v, fractionDigits: 0)
        }
    }
}
