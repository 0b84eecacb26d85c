@testable import NoaberReport

/// Small fixed datasets for the chart golden files; each number is made up but plausible.
enum ChartFixtures {
    static let bar = BarChart(
        title: "Bereik per dorp, 2024", subtitle: "Hulpvragen per 1.000 inwoners met 95%-betrouwbaarheidsinterval",
        valueTitle: "hulpvragen per 1.000 inwoners",
        bars: [
            .init(label: "Ees", value: 12.3, lower: 10.1, upper: 14.6),
            .init(label: "Exloërveen en Zandberg (buitengebied)", value: 47.5, lower: 39.2, upper: 56.0),
            .suppressed("Wezup"),
            .init(label: "Odoorn", value: 31.05, lower: 27.5, upper: 34.9),
            .init(label: "Zweeloo", value: 0, lower: 0, upper: 6.1),
        ],
        identifier: "bar")
}

extension ChartFixtures {
    static let funnel: FunnelPlot = {
        // Pooled rate 20 per 1,000; limits from the normal approximation p ± z·sqrt(p(1−p)/n), per 1,000.
        let p = 0.02
        func limits(_ z: Double) -> [FunnelPlot.Limit] {
            [100.0, 200, 400, 700, 1000, 1500, 2000, 3000, 4000, 5000].map { n in
                let se = (p * (1 - p) / n).squareRoot()
                return .init(denominator: n, lower: max(0, (p - z * se) * 1000), upper: (p + z * se) * 1000)
            }
        }
        return FunnelPlot(
            title: "Hulpvragen per 1.000 inwoners, 2024", subtitle: "Dorpen vergeleken met het gemiddelde",
            points: [
                .init(label: "Ees", denominator: 420, rate: 23.8),
                .init(label: "Odoorn", denominator: 2480, rate: 19.4, highlighted: true),
                .init(label: "Exloo", denominator: 3950, rate: 27.6),
                .init(label: "Zweeloo", denominator: 1210, rate: 9.1),
                .init(label: "Valthe", denominator: 760, rate: 14.5),
                .init(label: "Borger (centrum en omliggende buurtschappen)", denominator: 4800, rate: 12.9),
                .init(label: "<script>x</script>", denominator: 1800, rate: 21.0),
            ],
            pooledRate: 20, limits95: limits(1.959964), limits998: limits(3.090232),
            denominatorTitle: "inwoners", rateTitle: "per 1.000 inwoners", widened: true, identifier: "funnel")
    }()

    static let kaplanMeier = KaplanMeierChart(
        title: "Tijd tot eerste contact", subtitle: "Aandeel hulpvragen zonder contact, per dorp",
        curves: [
            .init(label: "Ees", steps: [
                .init(time: 1, survival: 0.8, lower: 0.62, upper: 0.92),
                .init(time: 3, survival: 0.55, lower: 0.37, upper: 0.72),
                .init(time: 6, survival: 0.35, lower: 0.2, upper: 0.53),
                .init(time: 10, survival: 0.2, lower: 0.09, upper: 0.37),
            ], censorTimes: [4, 12]),
            .init(label: "Odoorn", steps: [
                .init(time: 2, survival: 0.9, lower: 0.78, upper: 0.96),
                .init(time: 5, survival: 0.72, lower: 0.58, upper: 0.83),
                .init(time: 9, survival: 0.6, lower: 0.45, upper: 0.73),
                .init(time: 14, survival: 0.52, lower: 0.37, upper: 0.66),
            ], censorTimes: [7, 20]),
        ], identifier: "km")

    static let trend = TrendChart(
        title: "Hulpvragen per kwartaal", periods: ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2", "2024Q3", "2024Q4"],
        series: [
            .init(label: "Ees", values: [.init(12, lower: 9, upper: 15), .init(14, lower: 11, upper: 17), .init(13.5, lower: 10.5, upper: 16.8),
                                         nil, .init(16, lower: 12.9, upper: 19.4), .init(15.2, lower: 12, upper: 18.5),
                                         .init(17.8, lower: 14.3, upper: 21.2), .init(18.4, lower: 15, upper: 22)]),
            .init(label: "Odoorn", values: [.init(22, lower: 19, upper: 25), .init(21, lower: 18.2, upper: 24.1), .init(23.4, lower: 20.3, upper: 26.5),
                                            .init(20.1, lower: 17.4, upper: 23), .init(19.5, lower: 16.6, upper: 22.3), .init(21.7, lower: 18.8, upper: 24.6),
                                            .init(24.9, lower: 21.7, upper: 28), .init(26.2, lower: 23, upper: 29.5)]),
        ],
        valueTitle: "per 1.000 inwoners", identifier: "trend")

    /// Twenty-four months: the labels do not fit side by side and must be thinned or rotated.
    static let monthlyTrend = TrendChart(
        title: "Hulpvragen per maand",
        periods: (0..<24).map { "\(2023 + $0 / 12)-" + ($0 % 12 + 1 < 10 ? "0" : "") + "\($0 % 12 + 1)" },
        series: [.init(label: "Alle dorpen", values: (0..<24).map { .init(Double(40 + ($0 * 7) % 13)) })],
        valueTitle: "hulpvragen", style: .number(fractionDigits: 0), identifier: "trend-monthly")

    static let tornado = TornadoChart(
        title: "Gevoeligheid van de vermeden kosten", subtitle: "Per aanname de uitkomst bij de lage en de hoge waarde",
        baseValue: 182_000,
        parameters: [
            .init(label: "Kans op escalatie zonder hulp", low: 121_000, high: 243_000, lowSetting: "10%", highSetting: "30%"),
            .init(label: "Kosten van een opname", low: 160_500, high: 215_000, lowSetting: "€ 4.000", highSetting: "€ 6.500"),
            .init(label: "Uren per hulpvraag", low: 190_000, high: 171_000, lowSetting: "2", highSetting: "6"),
            .init(label: "Aandeel toe te schrijven aan het dorp (attributie)", low: 140_000, high: 224_000, lowSetting: "40%", highSetting: "80%"),
        ],
        valueTitle: "vermeden kosten per jaar", style: .euros(fractionDigits: 0), identifier: "tornado")

    static let lorenz = LorenzChart(title: "Verdeling van de vrijwilligersuren, 2024",
                                    hoursPerVolunteer: [2, 3, 3, 5, 8, 12, 20, 35, 60, 120], identifier: "lorenz")

    static let histogram = Histogram(
        title: "Uren per vrijwilliger, 2024",
        bins: [.init(lower: 0, upper: 10, count: 42), .init(lower: 10, upper: 20, count: 27), .init(lower: 20, upper: 30, count: 11),
               .init(lower: 30, upper: 40, count: 6), .init(lower: 40, upper: 50, count: nil), .init(lower: 50, upper: 60, count: 0),
               .init(lower: 60, upper: 70, count: nil)],
        valueTitle: "uren in het jaar", countTitle: "vrijwilligers", identifier: "histogram")

    /// Small multiples: three villages (one without a curve, one highlighted) against the pooled curve.
    static let kaplanMeierPanels = KaplanMeierPanels(
        title: "Tijd tot eerste contact per dorp", subtitle: "Aandeel hulpvragen zonder contact",
        panels: [
            .init(label: "Ees", curve: kaplanMeier.curves[0]),
            .init(label: "Exloërveen en Zandberg (buitengebied)", curve: nil, note: "minder dan 5 hulpvragen"),
            .init(label: "Odoorn", curve: kaplanMeier.curves[1], highlighted: true),
        ],
        reference: .init(label: "Alle dorpen", steps: [
            .init(time: 1, survival: 0.85, lower: 0.8, upper: 0.9), .init(time: 4, survival: 0.6, lower: 0.52, upper: 0.67),
            .init(time: 9, survival: 0.4, lower: 0.33, upper: 0.48), .init(time: 14, survival: 0.3, lower: 0.23, upper: 0.38),
        ]),
        shareTitle: "aandeel nog zonder contact", timeTitle: "dagen na binnenkomst", identifier: "km-panels")

    /// Small multiples of a trend with gaps (a suppressed quarter, an isolated value).
    static let trendPanels = TrendPanels(
        title: "Bereik per dorp door de tijd", periods: trend.periods,
        panels: [
            .init(label: "Ees", values: trend.series[0].values),
            .init(label: "Odoorn", values: trend.series[1].values, highlighted: true),
            .init(label: "Valthe", values: [nil, .init(8, lower: 4, upper: 13), nil, nil, .init(9, lower: 5, upper: 14),
                                            .init(11, lower: 6, upper: 16), nil, .init(10, lower: 5, upper: 15)]),
        ],
        reference: .init(label: "Alle dorpen", values: trend.series[1].values.map { $0.map { .init($0.estimate - 3) } }),
        valueTitle: "per 1.000 inwoners", identifier: "trend-panels")

    /// Every chart once, by golden-file name stem.
    static let all: [(name: String, chart: any SVGChart)] = [
        ("bar", bar), ("funnel", funnel), ("kaplan-meier", kaplanMeier), ("trend", trend), ("trend-monthly", monthlyTrend),
        ("tornado", tornado), ("lorenz", lorenz), ("histogram", histogram),
        ("kaplan-meier-panels", kaplanMeierPanels), ("trend-panels", trendPanels),
    ]
}
