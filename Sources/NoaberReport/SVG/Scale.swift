/// A linear map from data values (the domain) to pixel positions (the range).
///
/// A zero-width domain maps everything to the middle of the range instead of dividing by zero.
public struct Scale: Sendable, Hashable {
    public var domain: ClosedRange<Double>
    public var range: (start: Double, end: Double)

    public init(domain: ClosedRange<Double>, range: (start: Double, end: Double)) {
        self.domain = domain
        self.range = range
    }

    /// The pixel position of `value`; values outside the domain extrapolate linearly.
    public func callAsFunction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0, width.isFinite else { return (range.start + range.end) / 2 }
        return range.start + (value - domain.lowerBound) / width * (range.end - range.start)
    }

    /// The same position clamped into the range, for marks that must stay inside the plot.
    public func clamped(_ value: Double) -> Double {
        let low = min(range.start, range.end), high = max(range.start, range.end)
        return min(max(self(value), low), high)
    }

    public static func == (lhs: Scale, rhs: Scale) -> Bool {
        lhs.domain == rhs.domain && lhs.range.start == rhs.range.start && lhs.range.end == rhs.range.end
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain.lowerBound)
        hasher.combine(domain.upperBound)
        hasher.combine(range.start)
        hasher.combine(range.end)
    }
}

/// "Nice" axis ticks after Heckbert (Graphics Gems, 1990): steps of 1, 2 or 5 × 10^k and an axis
/// that starts and ends on a tick, so that 0…97 gets 0, 20, …, 100.
public struct NiceTicks: Sendable, Hashable {
    /// Tick values from the first tick at or below the data minimum to the first at or above the maximum.
    public var values: [Double]
    /// The distance between ticks.
    public var step: Double
    /// Decimals needed to write every tick exactly (0 for a step of 20, 1 for 0.2, 3 for 0.005).
    public var fractionDigits: Int

    /// The covered range (first tick ... last tick).
    public var domain: ClosedRange<Double> {
        guard let first = values.first, let last = values.last, first <= last else { return 0...1 }
        return first...last
    }
}

extension Scale {
    /// Heckbert's nice ticks for data in `min...max`, aiming at about `count` ticks.
    ///
    /// Each tick is computed as an integer multiple of the step, divided by an exact power of ten,
    /// so ticks come out as the nearest doubles to 0.2, 0.4, … with no accumulated error.
    /// Edge cases: swapped bounds are reordered; equal bounds are widened (0 → 0…1, x → around x);
    /// non-finite bounds give 0…1; `count` below 2 counts as 2.
    public static func niceTicks(min lower: Double, max upper: Double, count: Int = 5) -> NiceTicks {
        var low = Swift.min(lower, upper), high = Swift.max(lower, upper)
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low == high {
            if low == 0 { high = 1 } else {
                let pad = abs(low) * 0.1
                low -= pad
                high += pad
            }
        }
        let ticks = Swift.max(2, count)
        let range = niceNumber(high - low, round: false)
        let (mantissa, exponent) = niceParts(range.value / Double(ticks - 1), round: true)
        let step = scaled(mantissa, exponent)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        // Guard against absurd spans (more than 1,000 ticks cannot be a sensible axis).
        guard last - first <= 1000 else {
            return NiceTicks(values: [low, high], step: high - low, fractionDigits: 2)
        }
        var values: [Double] = []
        var k = first
        while k <= last {
            values.append(scaled(k * mantissa, exponent))
            k += 1
        }
        return NiceTicks(values: values, step: step, fractionDigits: Swift.max(0, -exponent))
    }

    private static func scaled(_ multiple: Double, _ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        let value = exponent >= 0 ? multiple * power : multiple / power
        return value == 0 ? 0 : value   // no negative zero
    }

    private static func niceNumber(_ x: Double, round: Bool) -> (value: Double, exponent: Int) {
        let (mantissa, exponent) = niceParts(x, round: round)
        return (scaled(mantissa, exponent), exponent)
    }

    /// Heckbert's nicenum, returning the nice mantissa (1, 2, 5 or 10 folded to 1) and exponent.
    private static func niceParts(_ x: Double, round: Bool) -> (mantissa: Double, exponent: Int) {
        var exponent = Int((x.magnitude).log10Floor)
        let fraction = x / scaled(1, exponent)
        var nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        if nice == 10 { nice = 1; exponent += 1 }
        return (nice, exponent)
    }
}

extension Double {
    /// ⌊log10(x)⌋ computed by counting, which is exact where `Foundation.log10` can be off by one
    /// at powers of ten.
    var log10Floor: Double {
        guard self > 0, isFinite else { return 0 }
        var exponent = 0
        var x = self
        while x >= 10 { x /= 10; exponent += 1 }
        while x < 1 { x *= 10; exponent -= 1 }
        return Double(exponent)
    }
}
