import NoaberCSV
import NoaberMetrics
import NoaberModel

/// What to report: the audience, language, period and the disclosure and Monte Carlo settings.
///
/// Defaults are the published ones: Dutch, suppression on with k = 5, readable tables in the
/// dialect of the report's language (see ``tableDialect``), the bundled escalation parameters,
/// 10,000 draws and the metrics' default seed.
public struct ReportRequest: Sendable {
    public var audience: Audience
    public var language: Language
    /// The period the headline figures are about.
    public var period: Period
    /// The unit trend charts split by; nil means quarters. Trends run over the previous and the
    /// current period together, so that even a one-year report shows a movement.
    public var trendEvery: Period.Unit?
    /// Village codes to report on; nil means every village in the input.
    public var villages: [String]?
    /// k of disclosure control: counts 1…k−1 read `<k`.
    public var minCell: Int
    /// False only for an explicit `--no-suppression` (internal research).
    public var suppress: Bool
    /// The dialect of the readable tables (`tables/<name>.csv`); nil means the language's own:
    /// see ``tableDialect``. The tidy `tables/metrics.csv` is always `.standard`.
    public var csvDialect: CSVDialect?
    public var escalationParameters: EscalationParameters
    public var draws: Int
    public var seed: UInt64
    /// `--include-partial`: villages whose data cover the period only partly are counted in the
    /// figures that grow with time anyway (the report says so).
    public var includePartial = false
    /// The effect on an outcome series, computed by the caller from the store (`EffectAnalysis`):
    /// the onderzoek report's effect section and the raadsbrief's sentence. nil: the store holds
    /// no outcome series, and no report mentions effects.
    public var effect: EffectEvidence?
    /// Village codes drawn as the reader's own village (`--highlight`): a distinct marker and its
    /// name in every funnel plot, a heavy frame in the small multiples.
    public var highlight: [String] = []
    /// The villages that get a page of their own (`Audience.dorp`); nil means every village. A
    /// page compares its village with all villages, so the figures are computed over every
    /// village whatever this says (`villages` stays nil for the pages).
    public var pageVillages: [String]?
    /// How often each village is expected to send a case export (the data-quality schedule).
    public var exportEvery: Period.Unit = .quarter
    /// The consumer price index that brings the unit costs to the report's price level (the year
    /// the report period ends in); nil keeps the parameter file's own prices.
    public var priceIndex: PriceIndex? = .cbs

    public init(audience: Audience, language: Language = .nl, period: Period, trendEvery: Period.Unit? = nil,
                villages: [String]? = nil, minCell: Int = 5, suppress: Bool = true, csvDialect: CSVDialect? = nil,
                escalationParameters: EscalationParameters = .reference, draws: Int = 10_000,
                seed: UInt64 = 20_240_305) {
        self.audience = audience
        self.language = language
        self.period = period
        self.trendEvery = trendEvery
        self.villages = villages
        self.minCell = minCell
        self.suppress = suppress
        self.csvDialect = csvDialect
        self.escalationParameters = escalationParameters
        self.draws = draws
        self.seed = seed
    }

    /// The dialect the readable tables are written in: the one asked for, else Dutch Excel's
    /// (`;`, decimal comma, BOM) for a Dutch report, so it opens in columns with a double-click,
    /// and the standard one (`,`, decimal point) for an English report.
    public var tableDialect: CSVDialect { csvDialect ?? (language == .nl ? .excelDutch : .standard) }

    /// The k actually applied: nil when suppression is off (or k ≤ 1, which hides nothing).
    public var effectiveMinCell: Int? { suppress && minCell > 1 ? minCell : nil }
}
