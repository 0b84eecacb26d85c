// TEMPORARY: stands in for Statistics/ until it lands on main; deleted in the merge commit.
public struct Interval: Hashable, Sendable, Codable { public var lower: Double; public var upper: Double
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper } }
public struct KaplanMeier: Sendable {
    public init(durations: [Double], observed: [Bool]) { count = durations.count; eventCount = observed.filter { $0 }.count; steps = [] }
    public let count: Int; public let eventCount: Int
    public struct Step: Sendable { public var time: Double }
    public let steps: [Step]
    public func survival(at t: Double) -> Double { 1 }
    public func survivalInterval(at t: Double, confidence: Double = 0.95) -> Interval { Interval(lower: 0, upper: 1) }
    public var median: Double? { nil }
    public func medianInterval(confidence: Double = 0.95) -> Interval? { nil }
}
public enum Wilson { public static func interval(successes: Int, trials: Int, confidence: Double = 0.95) -> Interval? { nil } }
public enum Funnel {
    public static func proportionLimits(target p0: Double, denominator n: Int, coverage: Double) -> Interval { Interval(lower: 0, upper: 1) }
    public static func rateLimits(targetRate: Double, exposure: Double, coverage: Double) -> Interval { Interval(lower: 0, upper: 1) }
}
