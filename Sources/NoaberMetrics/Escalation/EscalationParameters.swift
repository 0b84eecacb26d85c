import FoundationEssentials
import NoaberModel

/// The prevented-escalation parameters: per risk, the formal event it leads to and four uncertain
/// quantities, each low / most likely / high with its source.
///
/// The file format (`Datasets/parameters/escalation.json`, documented in
/// docs/escalation-parameters.md) keys risks by their code. A risk missing from the file is
/// not valued: its cases are not counted.
public struct EscalationParameters: Hashable, Sendable {
    /// Days after receipt after which an open case's outcome counts as known.
    public var followUpDays: Int
    /// Price level of the unit costs.
    public var priceYear: Int
    public var risks: [Risk: RiskParameters]

    public init(followUpDays: Int, priceYear: Int, risks: [Risk: RiskParameters]) {
        self.followUpDays = followUpDays
        self.priceYear = priceYear
        self.risks = risks
    }

    /// The risks that have parameters, in `Risk.allCases` order (the order draws are taken in).
    public var valuedRisks: [Risk] { Risk.allCases.filter { risks[$0] != nil } }

    /// Parses and checks a parameter file.
    ///
    /// Throws `.invalidParameters` for malformed JSON, an unknown risk code, an unsupported
    /// distribution, or an estimate that is not low ≤ most likely ≤ high (probabilities, deadweight
    /// and attribution must lie in 0…1, costs must be ≥ 0).
    public static func decode(json bytes: [UInt8]) throws(MetricsError) -> EscalationParameters {
        let file: FileFormat
        do {
            file = try JSONDecoder().decode(FileFormat.self, from: Data(bytes))
        } catch {
            throw .invalidParameters(reason: "not a valid parameter file: \(error)")
        }
        if let d = file.distribution, d != "triangular" {
            throw .invalidParameters(reason: "distribution '\(d)' is not supported (only 'triangular')")
        }
        guard file.followUpDays >= 0 else { throw .invalidParameters(reason: "follow_up_days must be ≥ 0") }
        var risks: [Risk: RiskParameters] = [:]
        for (code, p) in file.risks {
            guard let risk = Risk(rawValue: code) else {
                throw .invalidParameters(reason: "unknown risk '\(code)'; expected one of \(Risk.allCodes.joined(separator: ", "))")
            }
            try p.validate(risk: code)
            risks[risk] = p
        }
        return EscalationParameters(followUpDays: file.followUpDays, priceYear: file.priceYear, risks: risks)
    }

    private struct FileFormat: Decodable {
        var priceYear: Int
        var followUpDays: Int
        var distribution: String?
        var risks: [String: RiskParameters]

        enum CodingKeys: String, CodingKey {
            case priceYear = "price_year", followUpDays = "follow_up_days", distribution, risks
        }
    }
}

/// The parameters of one risk.
public struct RiskParameters: Hashable, Sendable, Codable {
    /// The formal event the risk leads to, in words (for the methods section).
    public var event: String
    /// Probability that the event happens within follow-up without support.
    public var probability: Estimate
    /// Share of those events that would have been averted anyway.
    public var deadweight: Estimate
    /// Share of the averted events attributable to the ondersteuner.
    public var attribution: Estimate
    /// Cost of one event in euros at `priceYear`.
    public var unitCost: Estimate

    public init(event: String, probability: Estimate, deadweight: Estimate, attribution: Estimate, unitCost: Estimate) {
        self.event = event
        self.probability = probability
        self.deadweight = deadweight
        self.attribution = attribution
        self.unitCost = unitCost
    }

    enum CodingKeys: String, CodingKey {
        case event, probability, deadweight, attribution, unitCost = "unit_cost"
    }

    public func estimate(_ p: EscalationParameter) -> Estimate {
        switch p {
        case .probability: probability
        case .deadweight: deadweight
        case .attribution: attribution
        case .unitCost: unitCost
        }
    }

    /// Avoided cost per counted case: probability × (1 − deadweight) × attribution × cost.
    static func perCase(probability p: Double, deadweight d: Double, attribution a: Double, unitCost c: Double) -> Double {
        p * (1 - d) * a * c
    }

    /// Avoided cost per counted case with every parameter at its most likely value.
    public var mostLikelyPerCase: Double {
        RiskParameters.perCase(probability: probability.mostLikely, deadweight: deadweight.mostLikely,
                               attribution: attribution.mostLikely, unitCost: unitCost.mostLikely)
    }

    /// Per-case value with one parameter replaced by `value` and the others at their mode.
    func perCase(setting parameter: EscalationParameter, to value: Double) -> Double {
        RiskParameters.perCase(
            probability: parameter == .probability ? value : probability.mostLikely,
            deadweight: parameter == .deadweight ? value : deadweight.mostLikely,
            attribution: parameter == .attribution ? value : attribution.mostLikely,
            unitCost: parameter == .unitCost ? value : unitCost.mostLikely)
    }

    func validate(risk: String) throws(MetricsError) {
        for p in EscalationParameter.allCases {
            let e = estimate(p)
            guard e.low.isFinite, e.mostLikely.isFinite, e.high.isFinite,
                  e.low <= e.mostLikely, e.mostLikely <= e.high else {
                throw .invalidParameters(reason: "\(risk).\(p.rawValue): need low ≤ most_likely ≤ high")
            }
            let bounded = p != .unitCost
            guard e.low >= 0, !bounded || e.high <= 1 else {
                throw .invalidParameters(reason: "\(risk).\(p.rawValue): must lie in \(bounded ? "0…1" : "0…∞")")
            }
        }
    }
}

/// The four uncertain quantities of a risk, named as in the parameter file.
public enum EscalationParameter: String, Sendable, CaseIterable, Codable {
    case probability, deadweight, attribution
    case unitCost = "unit_cost"
}

/// A three-point estimate with its provenance. The Monte Carlo draws from the triangular
/// distribution on (low, mostLikely, high).
public struct Estimate: Hashable, Sendable, Codable {
    public var low: Double
    public var mostLikely: Double
    public var high: Double
    /// Where the numbers come from; says "ASSUMPTION" where they are not measured.
    public var source: String
    /// Price level, for costs.
    public var priceYear: Int?

    public init(low: Double, mostLikely: Double, high: Double, source: String, priceYear: Int? = nil) {
        self.low = low
        self.mostLikely = mostLikely
        self.high = high
        self.source = source
        self.priceYear = priceYear
    }

    enum CodingKeys: String, CodingKey {
        case low, mostLikely = "most_likely", high, source, priceYear = "price_year"
    }
}
