import NoaberModel

/// How a chart writes its values: on the axis, next to bars and in the text alternative.
public enum ValueStyle: Sendable, Hashable {
    /// A plain number with this many decimals in labels.
    case number(fractionDigits: Int)
    /// A share (0.25) written as a percentage ("25,0%") with this many decimals in labels.
    case percent(fractionDigits: Int)
    /// An amount in euros.
    case euros(fractionDigits: Int)

    /// A value label ("12,3", "25,0%", "€ 1.234").
    public func label(_ value: Double, _ format: NumberFormatting) -> String {
        switch self {
        case .number(let digits): return format.decimal(value, fractionDigits: digits)
        case .percent(let digits): return format.percent(value, fractionDigits: digits)
        case .euros(let digits): return format.euros(value, fractionDigits: digits)
        }
    }

    /// A tick label, with just enough decimals to tell the ticks apart.
    public func tick(_ value: Double, ticks: NiceTicks, _ format: NumberFormatting) -> String {
        switch self {
        case .number: return format.decimal(value, fractionDigits: ticks.fractionDigits)
        case .percent: return format.percent(value, fractionDigits: max(0, ticks.fractionDigits - 2))
        case .euros: return format.euros(value, fractionDigits: ticks.fractionDigits)
        }
    }

    /// The interval form used in text alternatives.
    public func interval(_ value: Double, lower: Double, upper: Double, _ format: NumberFormatting) -> String {
        switch self {
        case .number(let digits): return format.interval(value, lower: lower, upper: upper, fractionDigits: digits)
        case .percent(let digits):
            return format.interval(value, lower: lower, upper: upper, fractionDigits: digits, style: .percent)
        case .euros(let digits):
            return format.interval(value, lower: lower, upper: upper, fractionDigits: digits, style: .euros)
        }
    }
}
