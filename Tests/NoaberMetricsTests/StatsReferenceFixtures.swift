import Foundation
import Testing
@testable import NoaberMetrics

/// The reference values written by Fixtures/make_stats_reference.py (numpy and scipy), decoded once.
///
/// Infinity is stored as the string "inf"; see the script's header for which call produced which number.
struct StatsReferenceFile: Decodable, Sendable {
    struct OverdispersionCase: Decodable, Sendable {
        struct Limit: Decodable, Sendable {
            let denominator: Double
            let zLabel: String
            let z: Double
            let lower: Double
            let upper: Double
        }

        let name: String
        let note: String
        let indicator: String
        let scale: String?
        let trim: Double
        let numerators: [Double]
        let denominators: [Double]
        let target: Double
        let z: [Double?]
        let zUsed: [Double?]
        let roles: [String]
        let count: Int
        let phi: Double
        let tau2: Double
        let winsorisingBounds: [Double]?
        let chiSquareStatistic: Double
        let chiSquareP: Double?
        let spiegelhalterThreshold: Double
        let limits: [Limit]
        /// Per unit: [lower95, upper95, lower998, upper998], nil when excluded.
        let unitLimits: [[Double]?]

        var swiftIndicator: Overdispersion.Indicator {
            let scale: Overdispersion.RatioScale = self.scale == "log" ? .log : .squareRoot
            switch indicator {
            case "proportion": return .proportion
            case "rate": return .rate(scale)
            default: return .standardisedRatio(scale)
            }
        }

        var units: [Overdispersion.Unit] {
            zip(numerators, denominators).map { Overdispersion.Unit(numerator: $0, denominator: $1) }
        }

        var swiftRoles: [Overdispersion.Role] {
            roles.map { role in
                switch role {
                case "counted": .counted
                case "winsorised": .winsorised
                case "truncated": .truncated
                case "excluded:non_positive_denominator": .excluded(.nonPositiveDenominator)
                case "excluded:invalid_numerator": .excluded(.invalidNumerator)
                default: .excluded(.zeroCountOnLogScale)
                }
            }
        }
    }

    struct ModifiedZCase: Decodable, Sendable {
        let name: String
        let note: String
        let values: [Double]
        let rule: String
        let minimumCount: Int
        let threshold: Double
        let outcome: String
        let median: Double?
        let mad: Double?
        let scaleKind: String?
        let scale: Double?
        let scores: [Double?]
        let outliers: [Int]
    }

    struct ChiSquareRow: Decodable, Sendable {
        let x: Double
        let df: Double
        let sf: Double
        let cdf: Double
    }

    /// Funnel limits as the reports draw them (`FunnelPoints.drawLimits`).
    struct FunnelDrawCase: Decodable, Sendable {
        let name: String
        let note: String
        let metric: String
        let numerators: [Int]
        let denominators: [Int]
        let shown: [Bool]
        let target: Double
        let count: Int
        let phi: Double
        let tau2: Double
        let threshold: Double
        /// Per rule ("never", "spiegelhalter", "funnelplotr").
        let widened: [String: Bool]
        /// Per rule, per village shown: 95% lower, upper, 99.8% lower, upper, in the metric's unit.
        let limits: [String: [[Double]]]
    }

    let overdispersion: [OverdispersionCase]
    let modifiedZ: [ModifiedZCase]
    let funnelDraw: [FunnelDrawCase]
    let chiSquare: [ChiSquareRow]

    func overdispersionCase(_ name: String) throws -> OverdispersionCase {
        try #require(overdispersion.first { $0.name == name }, "no dataset \(name) in stats_reference.json")
    }
}

enum StatsReferenceFixtures {
    /// Loads and decodes Fixtures/stats_reference.json from the test bundle.
    static func load() throws -> StatsReferenceFile {
        let url = try #require(Bundle.module.url(forResource: "stats_reference", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(StatsReferenceFile.self, from: Data(contentsOf: url))
    }
}

/// Compares numbers against the reference at a relative tolerance and keeps the largest relative
/// difference seen, so a test can report how close the agreement really is.
final class ReferenceComparison {
    let relative: Double
    let absolute: Double
    private(set) var largest = 0.0
    private(set) var compared = 0

    init(relative: Double = 1e-10, absolute: Double = 1e-14) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether `swift` agrees with `python`; records the relative difference.
    func agrees(_ swift: Double, _ python: Double) -> Bool {
        compared += 1
        if swift == python { return true }
        let scale = max(abs(swift), abs(python))
        if scale.isFinite, scale > absolute { largest = max(largest, abs(swift - python) / scale) }
        return isClose(swift, python, relative: relative, absolute: absolute)
    }
}
