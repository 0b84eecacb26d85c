/// Where a figure lands on an A4 page, so that every chart's text prints at 8 pt or more.
///
/// The print stylesheet (`Stylesheet`) sets A4 with 12 mm side margins (10 mm top and bottom): 186 mm of content, 703 CSS
/// pixels at 96 to the inch. A figure whose table has at most three columns sits beside it: the
/// chart gets 3/5 of the width less the gap (0.8 rem = 12.8 px), 414 px. A figure with a wider
/// table is stacked above it, the chart 40 rem (640 px) wide at most. Either way the SVG fills
/// its column (`width: 100%`, no maximum height in print), so a chart `W` units wide prints at
/// `column / W` pixels per unit and a text of `s` units at `s · column / W · 0.75` pt.
///
/// The charts' smallest text is 11 units (`Draw.smallFontSize`), so a chart beside its table is
/// drawn `besideChartWidth` = 420 units wide (11 units → 8.1 pt) and a stacked one
/// `stackedChartWidth` = 620 (8.5 pt). `PrintedTextTests` checks every text of every SVG the
/// reports write against this, and `Tests/browser/check_reports.py` measures it in Chromium.
enum PrintLayout {
    /// A4 content width in CSS pixels: (210 − 2 × 12) mm at 96 px per 25.4 mm.
    static let contentWidth = 186 / 25.4 * 96
    /// The gap between chart and table (0.8 rem).
    static let gap = 0.8 * 16
    /// The chart's share of a side-by-side figure (3fr of 3fr + 2fr).
    static let chartShare = 3.0 / 5.0
    /// The widest a stacked chart is drawn (40 rem).
    static let stackedMaximum = 40.0 * 16
    /// The smallest printed text allowed, in points.
    static let minimumPoints = 8.0

    static let besideChartWidth = 420.0
    static let stackedChartWidth = 620.0
    /// A figure in one half of a pair (`div.figure-pair`, the village page): its chart above its
    /// table in half the width less the gap, 345 px, drawn 350 units wide (11 units → 8.1 pt).
    static let halfChartWidth = 350.0
    static var halfPrintedWidth: Double { (contentWidth - gap) / 2 }

    /// Whether a figure with a table of this many columns is stacked (chart above the table).
    static func isStacked(tableColumns: Int) -> Bool { tableColumns > 3 }

    /// The printed width in CSS pixels of a figure's chart.
    static func printedWidth(stacked: Bool) -> Double {
        stacked ? min(stackedMaximum, contentWidth) : (contentWidth - gap) * chartShare
    }

    /// The size in points at which `units` of a chart `chartWidth` units wide prints.
    static func printedPoints(_ units: Double, chartWidth: Double, stacked: Bool) -> Double {
        units * printedWidth(stacked: stacked) / chartWidth * 0.75
    }

    /// The chart width (in units) for a figure with a table of this many columns.
    static func chartWidth(tableColumns: Int) -> Double {
        isStacked(tableColumns: tableColumns) ? stackedChartWidth : besideChartWidth
    }
}
