import NoaberModel

/// One village's monthly case counts scored for outliers by the modified z-score (DHIS2's
/// data-quality check; `ModifiedZScore`, docs/design/modified-z-score.md).
///
/// The series runs over the whole calendar months the village's case data cover: from the first
/// month that starts on or after its registration start (else its first case) to the last month
/// that ends on or before its newest export. A month cut by either end is left out, so a village
/// that started on 12 March or exported on 10 January is not flagged for a short month.
///
///     let m = MonthlyOutliers(prepared)   // months ["2023-01", …, "2024-12"], counts per month
///     m?.flagged                          // indices of months with |M| ≥ 3.5
public struct MonthlyOutliers: Hashable, Sendable {
    /// The village code.
    public let village: String
    /// The months scored, in order (`2024-03`).
    public let months: [String]
    /// Cases received per month, aligned with `months`.
    public let counts: [Int]
    /// The scores; `score.outcome` says whether the series could be judged.
    public let score: ModifiedZScore

    /// Indices of the flagged months, ascending.
    public var flagged: [Int] { score.outliers }

    /// Scores `counts` for `months` (any series; the initialiser from a village builds them).
    public init(village: String, months: [String], counts: [Int]) {
        self.village = village
        self.months = months
        self.counts = counts
        score = ModifiedZScore(counts: counts)
    }

    /// The series of a prepared village; nil when its data cover no whole month.
    /// - Complexity: O(cases + months).
    init?(_ prepared: PreparedVillage) {
        guard let span = prepared.coverage.span(.cases) else { return nil }
        let first = CivilDate(dayNumber: span.lowerBound), last = CivilDate(dayNumber: span.upperBound)
        // The first month starting on or after the first covered day, and the last one ending on
        // or before the last covered day.
        var (y, m, d) = first.components
        if d != 1 { (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1) }
        let (ly, lm, ld) = last.components
        let (endY, endM) = ld == CivilDate.daysIn(month: lm, year: ly) ? (ly, lm) : (lm == 1 ? (ly - 1, 12) : (ly, lm - 1))
        var months: [String] = [], counts: [Int] = []
        var i = 0
        let cases = prepared.cases
        while (y, m) <= (endY, endM) {
            guard let start = CivilDate(year: y, month: m, day: 1) else { break }
            let end = start.dayNumber + CivilDate.daysIn(month: m, year: y) - 1
            while i < cases.count, cases[i].receivedDayNumber < start.dayNumber { i += 1 }
            var n = 0
            while i < cases.count, cases[i].receivedDayNumber <= end { n += 1; i += 1 }
            months.append(CivilDate.padded(y, 4) + "-" + CivilDate.padded(m, 2))
            counts.append(n)
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        guard !months.isEmpty else { return nil }
        self.init(village: prepared.village.code, months: months, counts: counts)
    }

    /// The rows `outlier_modified_z:cases`, one per flagged month: period = the month, value = M,
    /// n = the month's cases (so that disclosure control hides a month of 1 … k − 1 cases).
    var rows: [MetricRow] {
        flagged.compactMap { i in
            score.scores[i].map { MetricRow(village: village, period: months[i], metric: Self.metric, value: $0, n: counts[i]) }
        }
    }

    /// The metric name of the rows.
    public static let metric = "outlier_modified_z:cases"
}
