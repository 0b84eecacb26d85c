import NoaberModel

/// Lines over periods (quarters, months, years), one per series, each with its interval band
/// and a marker shape of its own.
///
/// A missing value (no data, or suppressed) breaks the line: nothing is interpolated across a
/// gap, and nothing is drawn as zero. Period codes ("2024Q3") are written with
/// `DateFormatting.shortPeriodLabel`; labels that would collide are thinned to a calendar step
/// (`CategoryLabelLayout.periods`), so three years of months still read level.
public struct TrendChart: SVGChart, Hashable {
    public struct Value: Sendable, Hashable {
        public var estimate: Double
        public var lower: Double?
        public var upper: Double?

        public init(_ estimate: Double, lower: Double? = nil, upper: Double? = nil) {
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Series: Sendable, Hashable {
        public var label: String
        /// One entry per period; nil where there is no figure (missing or suppressed).
        public var values: [Value?]

        public init(label: String, values: [Value?]) {
            self.label = label
            self.values = values
        }
    }

    public var title: String
    public var subtitle: String?
    /// Period codes, in order.
    public var periods: [String]
    public var series: [Series]
    public var valueTitle: String
    public var style: ValueStyle
    /// Start the value axis at zero (honest for counts and rates).
    public var includesZero: Bool
    public var width: Double
    public var height: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, periods: [String], series: [Series], valueTitle: String,
                style: ValueStyle = .number(fractionDigits: 1), includesZero: Bool = true, width: Double = 640,
                height: Double = 400, identifier: String = "trend") {
        self.title = title
        self.subtitle = subtitle
        self.periods = periods
        self.series = series
        self.valueTitle = valueTitle
        self.style = style
        self.includesZero = includesZero
        self.width = width
        self.height = height
        self.identifier = identifier
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let dates = DateFormatting(language: language)
        let items = series.map { series -> String in
            let values = periods.enumerated().map { index, period -> String in
                let value = index < series.values.count ? series.values[index] : nil
                return "\(dates.shortPeriodLabel(period)) " + (value.map { style.label($0.estimate, format) } ?? format.notAvailable)
            }
            return "\(series.label): " + values.joined(separator: ", ")
        }
        return language.pick("Lijndiagram", "Line chart") + ", \(valueTitle). " + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let dates = DateFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        var values = series.flatMap { $0.values.compactMap { $0 }.flatMap { [$0.estimate, $0.lower, $0.upper].compactMap { $0 } } }
            .filter(\.isFinite)
        if includesZero { values.append(0) }
        // About one tick per 30 units of plot height (estimated before the layout), 3 to 6.
        let tickCount = max(3, min(6, Int((height - 120) / 30)))
        let yTicks = Scale.niceTicks(min: values.min() ?? 0, max: values.max() ?? 1, count: tickCount)
        let yLabelWidth = yTicks.values.map { TextMetrics.width(style.tick($0, ticks: yTicks, format), fontSize: Draw.fontSize) }.max() ?? 0
        let legendItems = series.enumerated().map { index, series in
            LegendItem(label: series.label, swatch: .line(color: Palette.color(index), dash: Palette.dash(index), marker: Palette.marker(index)))
        }
        let legendHeight = Legend.height(legendItems, maxWidth: width - 24)
        let bottom = height - legendHeight - 30
        // The value axis' title goes above the plot, level: a short chart has no room to set it
        // along the axis without breaking it into pieces (and a subtitle saying the same is left out).
        let valueLabel = subtitle == valueTitle ? nil : Draw.wrappedText(valueTitle, maxWidth: width - 24, x: 12,
                                                                          y: heading.height + 12, size: Draw.smallFontSize)
        let left = 12 + yLabelWidth + 8, right = width - 20
        let slot = (right - left) / Double(max(1, periods.count))
        let labels = periods.map(dates.shortPeriodLabel)
        let layout = CategoryLabelLayout.periods(periods, labels: labels, slotWidth: slot)
        let plot = PlotArea(left: left, top: heading.height + 10 + (valueLabel.map { $0.height + 4 } ?? 0), right: right,
                            bottom: bottom - layout.height)
        let y = Scale(domain: yTicks.domain, range: (plot.bottom, plot.top))
        let positions = periods.indices.map { plot.left + slot * (Double($0) + 0.5) }

        var content = heading.elements
        content += Axis.left(ticks: yTicks, scale: y, plot: plot, style: style, format: format)
        content += Axis.categories(labels, positions: positions, plot: plot, layout: layout)
        content += valueLabel?.elements ?? []
        for (seriesIndex, series) in series.enumerated() {
            content.append(.group([], [SVGElement("title", text: series.label)]
                + Self.marks(series.values, positions: positions, y: y, color: Palette.color(seriesIndex),
                             dash: Palette.dash(seriesIndex), marker: Palette.marker(seriesIndex))))
        }
        content += Legend.row(legendItems, x: 12, y: plot.bottom + layout.height + 22, maxWidth: width - 24).elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }

    /// One series: each run of consecutive values as a band, a line and markers; a gap (no figure,
    /// or suppressed) ends the run, so nothing is drawn across it. A value alone between gaps is a
    /// marker with an error bar (capped, so it does not read as a stray line).
    static func marks(_ values: [Value?], positions: [Double], y: Scale, color: String, dash: String, marker: Marker,
                      markerSize: Double = 7, lineWidth: Double = 2) -> [SVGElement] {
        var marks: [SVGElement] = []
        var runs: [[(Int, Value)]] = []
        var current: [(Int, Value)] = []
        for index in positions.indices {
            if index < values.count, let value = values[index], value.estimate.isFinite {
                current.append((index, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        for run in runs {
            if run.count == 1, let item = run.first, let lower = item.1.lower, let upper = item.1.upper,
               lower.isFinite, upper.isFinite {
                let x = positions[item.0]
                marks.append(Draw.line(x, y(lower), x, y(upper), stroke: color, width: 1.5))
                marks.append(Draw.line(x - 4, y(lower), x + 4, y(lower), stroke: color, width: 1.5))
                marks.append(Draw.line(x - 4, y(upper), x + 4, y(upper), stroke: color, width: 1.5))
            } else if run.count > 1, run.allSatisfy({ $0.1.lower != nil && $0.1.upper != nil }) {
                var band = SVGPath()
                for (offset, item) in run.enumerated() {
                    let px = positions[item.0], py = y(item.1.upper ?? item.1.estimate)
                    if offset == 0 { band.move(to: px, py) } else { band.line(to: px, py) }
                }
                for item in run.reversed() { band.line(to: positions[item.0], y(item.1.lower ?? item.1.estimate)) }
                band.close()
                marks.append(SVGElement("path", [.init("d", band.data), .init("fill", color), .init("fill-opacity", 0.15),
                                                 .init("stroke", "none")]))
            }
            if run.count > 1 {
                var line = SVGPath()
                for (offset, item) in run.enumerated() {
                    if offset == 0 { line.move(to: positions[item.0], y(item.1.estimate)) } else {
                        line.line(to: positions[item.0], y(item.1.estimate))
                    }
                }
                var attributes: [SVGAttribute] = [.init("d", line.data), .init("fill", "none"), .init("stroke", color),
                                                  .init("stroke-width", lineWidth)]
                if !dash.isEmpty { attributes.append(.init("stroke-dasharray", dash)) }
                marks.append(SVGElement("path", attributes))
            }
            for item in run {
                marks.append(marker.element(x: positions[item.0], y: y(item.1.estimate), size: markerSize, fill: color, stroke: color))
            }
        }
        return marks
    }
}
