/// Interrupted time series of one area: a segmented regression of its rate on time, with a level
/// change and a slope change at the ondersteuner's start, and Newey–West standard errors.
///
///     y_t = β0 + β1·t + β2·D_t + β3·(t − t0)·D_t + e_t,   t = 0…n−1,  D_t = 1{t ≥ t0}
///
/// t0 is the first treated period. β2 (`levelChange`) is the jump at t0 against the extrapolated
/// pre-start trend; β3 (`slopeChange`) the change in trend per period after it. The errors of a
/// rate series are autocorrelated, so the covariance is Newey–West (Bartlett kernel) with
/// `maxLags` lags — ⌊4(n/100)^{2/9}⌋ by default — matching statsmodels'
/// `OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L})` (no small-sample correction, normal
/// intervals, as statsmodels' defaults).
///
/// Without a comparison series the design cannot tell the ondersteuner from anything else that
/// changed at t0 (a new GP, a policy, a pandemic); `docs/effect.md` says so in plain words.
public enum InterruptedTimeSeries {
    /// The fewest periods needed on each side of the start: with two, a side's line fits exactly
    /// and the residuals say nothing about the noise.
    public static let minimumPeriodsEachSide = 3

    /// Fits the segmented regression to `rates` with the first treated period `firstTreated`.
    ///
    /// - Throws: `EffectError.tooFewPeriodsAroundStart` (fewer than 3 periods before or from the
    ///   start; `area` names the series in the error), `.invalidOption` (negative lags, confidence
    ///   outside (0, 1), non-finite rates).
    public static func estimate(rates: [Double], firstTreated t0: Int, area: String = "",
                                options: ITSOptions = ITSOptions()) throws(EffectError) -> ITSResult {
        try options.validate()
        let n = rates.count
        let before = max(0, min(t0, n)), after = max(0, n - max(t0, 0))
        guard t0 >= minimumPeriodsEachSide, after >= minimumPeriodsEachSide else {
            throw .tooFewPeriodsAroundStart(area: area, before: before, after: after, minimum: minimumPeriodsEachSide)
        }
        guard rates.allSatisfy(\.isFinite) else {
            throw .invalidOption(name: "rates", reason: "every rate must be a finite number")
        }
        let k = 4
        var x = [Double](repeating: 0, count: n * k)
        for t in 0..<n {
            let d: Double = t >= t0 ? 1 : 0
            x[t * k] = 1
            x[t * k + 1] = Double(t)
            x[t * k + 2] = d
            x[t * k + 3] = Double(t - t0) * d
        }
        guard let fit = LeastSquares(design: x, response: rates, columns: k) else {
            throw .tooFewPeriodsAroundStart(area: area, before: before, after: after, minimum: minimumPeriodsEachSide)
        }
        let lags = options.maxLags ?? NeweyWest.defaultMaxLags(observations: n)
        let cov = NeweyWest.covariance(design: x, residuals: fit.residuals, k: k, inverseGram: fit.inverseGram,
                                       maxLags: lags, smallSampleCorrection: options.smallSampleCorrection)
        let se = (0..<k).map { cov[$0 * k + $0].squareRoot() }
        return ITSResult(area: area, coefficients: fit.coefficients, standardErrors: se, covariance: cov,
                         maxLags: lags, periodsBefore: before, periodsAfter: after,
                         levelChange: EffectEstimate(value: fit.coefficients[2], standardError: se[2], n: n,
                                                     confidence: options.confidence),
                         slopeChange: EffectEstimate(value: fit.coefficients[3], standardError: se[3], n: n,
                                                     confidence: options.confidence),
                         rangeLabel: "")
    }

    /// Fits the segmented regression to one area of `panel`.
    ///
    /// - Throws: `EffectError.areaNotFound`, `.areaNotTreated` (no start within the data), and the
    ///   errors of `estimate(rates:firstTreated:)`.
    public static func estimate(_ panel: OutcomePanel, area: String, options: ITSOptions = ITSOptions()) throws(EffectError) -> ITSResult {
        guard let index = panel.areas.firstIndex(of: area) else { throw .areaNotFound(area: area) }
        guard let t0 = panel.firstTreated[index] else { throw .areaNotTreated(area: area) }
        let r = try estimate(rates: Array(panel.series(area: index)), firstTreated: t0, area: area, options: options)
        return r.with(rangeLabel: panel.rangeLabel, adjustments: panel.adjustments)
    }
}

/// Options of `InterruptedTimeSeries.estimate`.
public struct ITSOptions: Hashable, Sendable {
    /// Newey–West lags; nil: ⌊4(n/100)^{2/9}⌋.
    public var maxLags: Int?
    /// Multiply the covariance by n/(n − 4) (statsmodels' `use_correction=True`); off by default,
    /// as in statsmodels.
    public var smallSampleCorrection: Bool
    public var confidence: Double

    public init(maxLags: Int? = nil, smallSampleCorrection: Bool = false, confidence: Double = 0.95) {
        self.maxLags = maxLags
        self.smallSampleCorrection = smallSampleCorrection
        self.confidence = confidence
    }

    func validate() throws(EffectError) {
        if let maxLags, maxLags < 0 { throw .invalidOption(name: "maxLags", reason: "must be 0 or more") }
        guard confidence > 0, confidence < 1 else {
            throw .invalidOption(name: "confidence", reason: "must be between 0 and 1")
        }
    }
}

/// The segmented regression of one area.
public struct ITSResult: Hashable, Sendable {
    /// The area's code ("" when fitted on bare rates).
    public let area: String
    /// β0 (level at t = 0), β1 (pre-start slope per period), β2 (level change), β3 (slope change).
    public let coefficients: [Double]
    /// Their Newey–West standard errors.
    public let standardErrors: [Double]
    /// The 4 × 4 covariance, row-major.
    public let covariance: [Double]
    /// The lags used.
    public let maxLags: Int
    /// Periods before the start and from the start on.
    public let periodsBefore: Int
    public let periodsAfter: Int
    /// β2 and β3 as estimates with intervals; n = periods used.
    public let levelChange: EffectEstimate
    public let slopeChange: EffectEstimate
    /// The whole range of the series, for the rows.
    public let rangeLabel: String
    /// What the panel policy changed, when fitted from a panel.
    public var adjustments: [PanelAdjustment] = []

    /// Rows `its_level_change` and `its_slope_change` for the area.
    public func rows() -> [MetricRow] {
        [levelChange.row(village: area, period: rangeLabel, metric: MetricID(.itsLevelChange)),
         slopeChange.row(village: area, period: rangeLabel, metric: MetricID(.itsSlopeChange))]
    }

    func with(rangeLabel: String, adjustments: [PanelAdjustment]) -> ITSResult {
        var r = ITSResult(area: area, coefficients: coefficients, standardErrors: standardErrors, covariance: covariance,
                          maxLags: maxLags, periodsBefore: periodsBefore, periodsAfter: periodsAfter,
                          levelChange: levelChange, slopeChange: slopeChange, rangeLabel: rangeLabel)
        r.adjustments = adjustments
        return r
    }
}
