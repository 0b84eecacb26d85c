// Mirrors Datasets/parameters/cpi-cbs.csv so the CLI works without the file; the test
// PriceIndexTests.referenceMatchesFile parses the file and requires equality, so the two cannot drift.

extension PriceIndex {
    /// CBS StatLine table 83131NED "Consumentenprijzen; prijsindex 2015=100", 000000 Alle
    /// bestedingen, CPI year averages 2010–2025 (Datasets/parameters/cpi-cbs.csv; provenance and
    /// the checks made in Datasets/parameters/cpi-cbs.md).
    public static let cbs = PriceIndex(firstYear: 2010, values: [
        91.59, 93.73, 96.04, 98.44, 99.40,           // 2010–2014
        100.00, 100.32, 101.70, 103.44, 106.16,      // 2015–2019
        107.51, 110.39, 121.43, 126.09, 130.31,      // 2020–2024
        134.56,                                      // 2025
    ])

    /// Where `cbs` comes from, for a report's methods section.
    public static let cbsSource = "CBS StatLine 83131NED, Consumentenprijzen; prijsindex 2015=100, Alle bestedingen, jaargemiddelden"
}
