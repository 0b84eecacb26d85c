import Foundation
import Testing

/// The reference values written by Fixtures/make_reference.py (lifelines and scipy), decoded once.
///
/// Infinity is stored as the string "inf" (JSON has no infinity); see the script's header for which
/// library call produced which number.
struct ReferenceFile: Decodable, Sendable {
    struct Generator: Decodable, Sendable {
        let lifelines: String
        let scipy: String
    }

    struct KMStep: Decodable, Sendable {
        let time: Double
        let atRisk: Int
        let events: Int
        let censored: Int
        let survival: Double
        let lower: Double
        let upper: Double
    }

    struct AtTime: Decodable, Sendable {
        let t: Double
        let survival: Double
        let lower: Double
        let upper: Double
    }

    struct QuantileRow: Decodable, Sendable {
        let p: Double
        let time: Double?
    }

    struct KMCase: Decodable, Sendable {
        let name: String
        let note: String
        let durations: [Double]
        let observed: [Bool]
        let steps: [KMStep]
        let medianLifelines: Double
        let medianExact: Double?
        let medianCiLifelines: [Double]
        let atTimes: [AtTime]
        let quantilesExact: [QuantileRow]
    }

    struct WilsonRow: Decodable, Sendable {
        let successes: Int
        let trials: Int
        let confidence: Double
        let lower: Double
        let upper: Double
    }

    struct ProportionLimitRow: Decodable, Sendable {
        let target: Double
        let denominator: Int
        let coverage: Double
        let lower: Double
        let upper: Double
    }

    struct RateLimitRow: Decodable, Sendable {
        let targetRate: Double
        let exposure: Double
        let coverage: Double
        let lower: Double
        let upper: Double
    }

    struct BinomialRow: Decodable, Sendable {
        let n: Int
        let p: Double
        let k: Int
        let cdf: Double
        let pmf: Double
        let cdfExact: Double
        let pmfExact: Double
    }

    struct BinomialQuantileRow: Decodable, Sendable {
        let n: Int
        let p: Double
        let q: Double
        let k: Int
    }

    struct PoissonRow: Decodable, Sendable {
        let lambda: Double
        let k: Int
        let cdf: Double
        let pmf: Double
        let cdfExact: Double
        let pmfExact: Double
    }

    struct PoissonQuantileRow: Decodable, Sendable {
        let lambda: Double
        let q: Double
        let k: Int
    }

    struct NormalQuantileRow: Decodable, Sendable {
        let p: Double
        let x: Double
    }

    struct NormalCDFRow: Decodable, Sendable {
        let x: Double
        let p: Double
    }

    struct Normal: Decodable, Sendable {
        let quantile: [NormalQuantileRow]
        let cdf: [NormalCDFRow]
    }

    let generator: Generator
    let kaplanMeier: [KMCase]
    let wilson: [WilsonRow]
    let funnelProportion: [ProportionLimitRow]
    let funnelRate: [RateLimitRow]
    let binomial: [BinomialRow]
    let binomialQuantile: [BinomialQuantileRow]
    let poisson: [PoissonRow]
    let poissonQuantile: [PoissonQuantileRow]
    let normal: Normal

    /// The Kaplan–Meier case with this name.
    func kaplanMeierCase(_ name: String) throws -> KMCase {
        try #require(kaplanMeier.first { $0.name == name }, "no dataset \(name) in km_reference.json")
    }
}

enum ReferenceFixtures {
    /// Loads and decodes Fixtures/km_reference.json from the test bundle.
    static func load() throws -> ReferenceFile {
        let url = try #require(Bundle.module.url(forResource: "km_reference", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ReferenceFile.self, from: data)
    }
}

/// Whether two numbers agree to a relative tolerance (with an absolute floor for values near 0).
/// Equal infinities agree; NaN never does.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-14) -> Bool {
    if a == b { return true }
    if !a.isFinite || !b.isFinite { return false }
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}
