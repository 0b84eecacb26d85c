import NoaberModel

/// The prevented-escalation estimate: Σ over risks of cases × probability × (1 − deadweight) ×
/// attribution × unit cost, with Monte Carlo uncertainty over the parameter ranges.
///
/// The parameter draws are made once, in `init`: for each draw and each valued risk (in
/// `Risk.allCases` order) probability, deadweight, attribution and unit cost are drawn from their
/// triangular distributions, in that order, from one xoshiro256** stream seeded with `seed`. A
/// group's draw is then Σ counts[r] × factor[r][draw], so evaluating a group costs
/// O(draws × risks) and no random numbers. Every group shares the same draws: the parameters are
/// uncertain once, not independently per village, so pooled intervals are not artificially narrow.
///
/// The estimate a person reads is the **median** of the draws with their 5th and 95th percentiles
/// (numpy-linear): the draws' distribution is skewed to the right (an avoided admission can cost
/// far more than the typical one, not far less), so the value with every parameter at its most
/// likely value lies near the bottom of the interval — the 12th percentile of the draws for the
/// demo's 2024 — and is kept beside it as `mostLikely`.
///
///     let model = EscalationModel(parameters: .reference, draws: 10_000, seed: 20_240_305)
///     let result = model.evaluate(counts: [.fall: 12], ondersteunerCost: 12_500)
///
/// - Complexity: init O(draws × risks); `evaluate` O(draws × risks) (quantiles by selection).
public struct EscalationModel: Sendable {
    public let parameters: EscalationParameters
    public let draws: Int
    public let seed: UInt64
    /// How the unit costs were brought to `parameters.priceYear` (nil: the file's own prices).
    public let priceLevel: PriceLevel?
    private let risks: [Risk]
    /// factors[i][d]: avoided cost per case of risks[i] in draw d.
    private let factors: [[Double]]
    /// 5%, 50% and 95% quantiles of factors[i], for per-risk figures (counts scale them linearly).
    private let factorBands: [Band]

    /// `draws` below 1 is treated as 1. `parameters` are used as given; `priceLevel` only records
    /// how they were priced (see `EscalationParameters.priced(by:to:)`).
    public init(parameters: EscalationParameters, draws: Int = 10_000, seed: UInt64 = 20_240_305,
                priceLevel: PriceLevel? = nil) {
        self.parameters = parameters
        self.draws = max(draws, 1)
        self.seed = seed
        self.priceLevel = priceLevel
        risks = parameters.valuedRisks
        var rng = Xoshiro256StarStar(seed: seed)
        var f = Array(repeating: [Double](repeating: 0, count: self.draws), count: risks.count)
        let ps = risks.compactMap { parameters.risks[$0] }
        for d in 0..<self.draws {
            for i in ps.indices {
                let p = ps[i]
                let prob = Self.draw(p.probability, &rng)
                let dead = Self.draw(p.deadweight, &rng)
                let attr = Self.draw(p.attribution, &rng)
                let cost = Self.draw(p.unitCost, &rng)
                f[i][d] = RiskParameters.perCase(probability: prob, deadweight: dead, attribution: attr, unitCost: cost)
            }
        }
        factors = f
        factorBands = f.map { EscalationModel.band($0.sorted()) }
    }

    /// The estimate for a group with `counts[r]` counted cases per risk.
    ///
    /// `ondersteunerCost` is what the ondersteuner cost in the period; nil or zero leaves
    /// `returnPerEuro` nil. Risks without parameters contribute nothing.
    public func evaluate(counts: [Risk: Int], ondersteunerCost: Double?) -> EscalationResult {
        var totals = [Double](repeating: 0, count: draws)
        var mostLikely = 0.0
        var perRisk: [RiskContribution] = []
        var sensitivity: [SensitivityEntry] = []
        for (i, risk) in risks.enumerated() {
            guard let p = parameters.risks[risk] else { continue }
            let n = counts[risk] ?? 0
            let nd = Double(n)
            let mode = nd * p.mostLikelyPerCase
            mostLikely += mode
            let band = factorBands[i]
            perRisk.append(RiskContribution(risk: risk, cases: n, mostLikely: mode, median: nd * band.median,
                                            interval: Interval(lower: nd * band.lower, upper: nd * band.upper)))
            guard n > 0 else { continue }
            factors[i].withUnsafeBufferPointer { f in
                totals.withUnsafeMutableBufferPointer { t in
                    for d in 0..<t.count { t[d] += nd * f[d] }
                }
            }
            for parameter in EscalationParameter.allCases {
                let e = p.estimate(parameter)
                sensitivity.append(SensitivityEntry(
                    risk: risk, parameter: parameter, lowInput: e.low, highInput: e.high,
                    deltaAtLow: nd * p.perCase(setting: parameter, to: e.low) - mode,
                    deltaAtHigh: nd * p.perCase(setting: parameter, to: e.high) - mode))
            }
        }
        let interval = Interval(lower: Descriptive.selectPercentile(&totals, 0.05) ?? 0,
                                upper: Descriptive.selectPercentile(&totals, 0.95) ?? 0)
        let median = Descriptive.selectPercentile(&totals, 0.5) ?? 0
        // Each entry's value is the total with only that parameter moved.
        sensitivity = sensitivity.map { var s = $0; s.base = mostLikely; return s }
        sensitivity.sort { a, b in
            if a.swing != b.swing { return a.swing > b.swing }
            if a.risk != b.risk { return Risk.allCases.firstIndex(of: a.risk) ?? 0 < Risk.allCases.firstIndex(of: b.risk) ?? 0 }
            return EscalationParameter.allCases.firstIndex(of: a.parameter) ?? 0
                < EscalationParameter.allCases.firstIndex(of: b.parameter) ?? 0
        }
        var ret: Double?
        var retInterval: Interval?
        if let cost = ondersteunerCost, cost > 0 {
            ret = median / cost
            retInterval = Interval(lower: interval.lower / cost, upper: interval.upper / cost)
        }
        return EscalationResult(casesByRisk: counts, median: median, mostLikely: mostLikely, interval: interval,
                                perRisk: perRisk, sensitivity: sensitivity, ondersteunerCost: ondersteunerCost,
                                returnPerEuro: ret, returnInterval: retInterval, priceYear: parameters.priceYear)
    }

    private static func draw(_ e: Estimate, _ rng: inout Xoshiro256StarStar) -> Double {
        Triangular.quantile(rng.nextUnit(), low: e.low, mode: e.mostLikely, high: e.high)
    }

    /// The 5%, 50% and 95% points of sorted draws (numpy-linear quantiles).
    private static func band(_ sorted: [Double]) -> Band {
        Band(lower: Descriptive.percentile(sorted, 0.05, sorted: true) ?? 0,
             median: Descriptive.percentile(sorted, 0.5, sorted: true) ?? 0,
             upper: Descriptive.percentile(sorted, 0.95, sorted: true) ?? 0)
    }

    private struct Band: Sendable {
        let lower: Double, median: Double, upper: Double
    }
}
