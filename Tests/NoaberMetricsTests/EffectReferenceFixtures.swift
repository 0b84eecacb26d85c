import Foundation
import NoaberModel
import Testing
@testable import NoaberMetrics

/// The reference values written by Fixtures/make_effect_reference.py (csdid, statsmodels, scipy),
/// decoded once. See the script's header for which call produced which number.
struct EffectReferenceFile: Decodable, Sendable {
    struct Area: Decodable, Sendable {
        let code: String
        let start: String?
        let firstTreated: Int?
        let values: [Double]
        let populations: [Double]
    }

    struct GroupTime: Decodable, Sendable {
        let group: Int
        let time: Int
        let att: Double
        let se: Double
    }

    struct Pretrend: Decodable, Sendable {
        let statistic: Double
        let q: Int
        let p: Double
        let pCsdid: Double
    }

    struct Estimate: Decodable, Sendable {
        let att: Double
        let se: Double
    }

    struct Group: Decodable, Sendable {
        let group: Int
        let att: Double
        let se: Double
    }

    struct Event: Decodable, Sendable {
        let e: Int
        let att: Double
        let se: Double
    }

    struct Bands: Decodable, Sendable {
        let draws: Int
        let dynamicCrit: Double
        let groupCrit: Double
    }

    struct Expected: Decodable, Sendable {
        let bands: Bands?
        let groupTime: [GroupTime]
        let pretrend: Pretrend?
        let overall: Estimate
        let groups: [Group]
        let events: [Event]
        let csdidWarnings: [String]
    }

    struct Panel: Decodable, Sendable {
        let name: String
        let note: String
        let seed: Int
        let periods: [String]
        let areas: [Area]
        let expected: Expected
    }

    struct Series: Decodable, Sendable {
        let name: String
        let y: [Double]
        let t0: Int
        let maxlags: Int
        let defaultLags: Bool
        let useCorrection: Bool
        let params: [Double]
        let bse: [Double]
    }

    struct ChiSquareRow: Decodable, Sendable {
        let x: Double
        let k: Int
        let sf: Double
        let cdf: Double
    }

    let generator: [String: String]
    let did: [Panel]
    let its: [Series]
    let chi2: [ChiSquareRow]

    func panel(_ name: String) throws -> Panel {
        try #require(did.first { $0.name == name }, "no panel \(name) in effect_reference.json")
    }

    func series(_ name: String) throws -> Series {
        try #require(its.first { $0.name == name }, "no series \(name) in effect_reference.json")
    }
}

enum EffectReference {
    /// Loads and decodes Fixtures/effect_reference.json from the test bundle.
    static func load() throws -> EffectReferenceFile {
        let url = try #require(Bundle.module.url(forResource: "effect_reference", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(EffectReferenceFile.self, from: Data(contentsOf: url))
    }

    /// The panel's inputs as noaber's own types: parsed quarter periods, areas with their start
    /// dates, and one observation (value, population) per area and period.
    static func inputs(_ panel: EffectReferenceFile.Panel) throws
        -> (periods: [Period], areas: [EffectArea], observations: [OutcomeObservation]) {
        let periods = try panel.periods.map { label throws -> Period in try Period(parsing: label) }
        var areas: [EffectArea] = []
        var observations: [OutcomeObservation] = []
        for area in panel.areas {
            let start = try area.start.map { text throws -> CivilDate in
                try #require(CivilDate(iso: text), "bad date \(text)")
            }
            areas.append(EffectArea(code: area.code, ondersteunerStart: start))
            for (p, period) in periods.enumerated() {
                observations.append(OutcomeObservation(area: area.code, period: period, value: area.values[p],
                                                       population: area.populations[p]))
            }
        }
        return (periods, areas, observations)
    }

    /// The panel built the way the CLI will build it.
    static func outcomePanel(_ panel: EffectReferenceFile.Panel) throws -> OutcomePanel {
        let (periods, areas, observations) = try inputs(panel)
        return try OutcomePanel(measure: "reference", periods: periods, areas: areas, observations: observations)
    }
}

/// The largest absolute difference seen per kind of figure, printed at the end of a test so the
/// measured agreement can be quoted (docs/effect.md).
struct DifferenceLog {
    private(set) var largest: [String: Double] = [:]

    mutating func record(_ kind: String, _ a: Double, _ b: Double) {
        largest[kind] = max(largest[kind] ?? 0, abs(a - b))
    }

    func report(_ title: String) {
        let parts = largest.keys.sorted().map { "\($0) \(String(format: "%.2e", largest[$0] ?? 0))" }
        print("\(title): largest |difference|: " + parts.joined(separator: ", "))
    }
}
