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
