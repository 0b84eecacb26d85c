import NoaberModel

/// The price level every euro figure of a run is expressed in: the unit costs of the parameter
/// file, each at its own price year (Kostenhandleiding 2022 in the reference file), brought to one
/// year with a consumer price index.
///
///     let (priced, level) = try EscalationParameters.reference.priced(by: .cbs, to: 2024)
///     level.year                                   // 2024
///     level.indexations[.nursingHomeAdmission]?.factor  // 130.31 / 121.43 = 1.073128…
///     priced.risks[.nursingHomeAdmission]?.unitCost.mostLikely  // 26,100 × 1.073128… = 28,008.65
///
/// A year after the index (the current year, whose average CBS publishes only the January after)
/// is not extrapolated: the index's latest year stands in and `usesLatestYear` says so.
public struct PriceLevel: Hashable, Sendable {
    /// The price year of the figures: `requestedYear`, or the index's latest year for a later one.
    public let year: Int
    /// The year asked for: by default the year in which the run's last period ends.
    public let requestedYear: Int
    /// Per valued risk, how its unit cost was indexed (factor = CPI[year] / CPI[its price year]).
    public let indexations: [Risk: Indexation]

    /// Whether a year beyond the index was replaced by its latest year.
    public var usesLatestYear: Bool { year != requestedYear }

    /// The factors applied, distinct and ascending (one, when every unit cost has the same price year).
    public var factors: [Double] { Array(Set(indexations.values.map(\.factor))).sorted() }

    /// The price years the unit costs came from, distinct and ascending.
    public var sourceYears: [Int] { Array(Set(indexations.values.map(\.priceYear))).sorted() }
}

extension EscalationParameters {
    /// The same parameters with every unit cost (low, most likely and high) multiplied by
    /// CPI[`year`] / CPI[its price year] — the unit cost's own `price_year`, else the file's — and
    /// `priceYear` set to the year actually used.
    ///
    /// Multiplying the three points of a triangular distribution by f multiplies every quantile by
    /// f, so the Monte Carlo draws of the priced parameters are the unpriced ones times f (up to
    /// rounding in the last bit), and so are the median, the interval and the tornado.
    ///
    /// Throws `.yearBeforePriceIndex` when `year` or a price year lies before the index.
    /// - Complexity: O(risks).
    public func priced(by index: PriceIndex, to year: Int) throws(MetricsError) -> (EscalationParameters, PriceLevel) {
        var risks: [Risk: RiskParameters] = [:]
        var indexations: [Risk: Indexation] = [:]
        var used = min(year, index.lastYear)
        for risk in valuedRisks {
            guard var p = self.risks[risk] else { continue }
            let from = p.unitCost.priceYear ?? priceYear
            let indexation = try index.factor(from: from, to: year)
            used = indexation.reportYearUsed
            let f = indexation.factor
            p.unitCost = Estimate(low: p.unitCost.low * f, mostLikely: p.unitCost.mostLikely * f, high: p.unitCost.high * f,
                                  source: p.unitCost.source, priceYear: used)
            risks[risk] = p
            indexations[risk] = indexation
        }
        if risks.isEmpty, year < index.firstYear { throw .yearBeforePriceIndex(year: year, firstYear: index.firstYear) }
        let priced = EscalationParameters(followUpDays: followUpDays, priceYear: used, risks: risks)
        return (priced, PriceLevel(year: used, requestedYear: year, indexations: indexations))
    }
}
