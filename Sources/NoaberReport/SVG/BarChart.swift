import NoaberModel

/// Horizontal bars with interval whiskers, one row per category (a village, a theme).
///
/// Category labels sit on the left and wrap onto more lines when long (the row grows with them). A suppressed bar (disclosure control) is drawn as a small hatched place-holder
/// labelled "<k", never as a bar of length zero, so a reader cannot mistake it for "none".
///
///     let chart = BarChart(title: "Bereik per dorp", valueTitle: "per 1.000 inwoners",
///                          bars: [.init(label: "Ees", value: 12.3, lower: 10.1, upper: 14.6),
///                                 .suppressed("Wezup")])
///     let svg = chart.svg(language: .nl)
public struct BarChart: SVGChart, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// nil means suppressed: the value is hidden by disclosure control.
        public var value: Double?
        public var lower: Double?
        public var upper: Double?

        public init(label: String, value: Double?, lower: Double? = nil, upper: Double? = nil) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
        }

        /// A bar whose value disclosure control hides.
        public static func suppressed(_ label: String) -> Bar { Bar(label: label, value: nil) }
    }

    public var title: String
    public var subtitle: String?
    /// The axis title under the values ("per 1.000 inwoners").
    public var valueTitle: String
    public var bars: [Bar]
    public var style: ValueStyle
    /// The minimum cell size shown for suppressed bars ("<5").
    public var minimumCell: Int
    /// The confidence level of the whiskers, for the legend and text alternative.
    public var intervalLevel: Double
    public var width: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, valueTitle: String, bars: [Bar],
                style: ValueStyle = .number(fractionDigits: 1), minimumCell: Int = 5, intervalLevel: Double = 95,
                width: Double = 640, identifier: String = "bar-chart") {
        self.title = title
        self.subtitle = subtitle
        self.valueTitle = valueTitle
        self.bars = bars
        self.style = style
        self.minimumCell = minimumCell
        self.intervalLevel = intervalLevel
        self.width = width
        self.identifier = identifier
    }

    private func valueText(_ bar: Bar, _ format: NumberFormatting) -> String {
        guard let value = bar.value else { return format.suppressed(minimumCell: minimumCell) }
        return style.label(value, format)
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let items = bars.map { bar -> String in
            guard let value = bar.value else {
                return "\(bar.label): \(format.suppressed(minimumCell: minimumCell)) (\(language.pick("onderdrukt", "suppressed")))"
            }
            if let lower = bar.lower, let upper = bar.upper {
                return "\(bar.label): \(style.interval(value, lower: lower, upper: upper, format))"
            }
            return "\(bar.label): \(style.label(value, format))"
        }
        let kind = language.pick("Staafdiagram", "Bar chart")
        return "\(kind), \(valueTitle). " + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let hatchID = "\(id)-hatch"
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let labelWidth = min(bars.map { TextMetrics.width($0.label, fontSize: Draw.fontSize) }.max() ?? 0, width * 0.3)
        let valueWidth = (bars.map { TextMetrics.width(valueText($0, format), fontSize: Draw.smallFontSize) }.max() ?? 0)
        // A row is 22 units, more when its label wraps.
        let lineStep = Draw.lineHeight(Draw.fontSize)
        let labelLines = bars.map { TextMetrics.lines($0.label, maxWidth: labelWidth, fontSize: Draw.fontSize) }
        let rowHeights = labelLines.map { max(22, Double($0.count) * lineStep + 8) }
        var plot = PlotArea(left: 12 + labelWidth + 10, top: heading.height + 8, right: width - valueWidth - 16, bottom: 0)
        plot.bottom = plot.top + max(22, rowHeights.reduce(0, +))

        var low = 0.0, high = 0.0
        for bar in bars {
            for value in [bar.value, bar.lower, bar.upper].compactMap({ $0 }) where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        let ticks = Scale.niceTicks(min: low, max: high, count: 5)
        let scale = Scale(domain: ticks.domain, range: (plot.left, plot.right))

        var legendItems: [LegendItem] = []
        if bars.contains(where: { $0.value != nil && $0.lower != nil && $0.upper != nil }) {
            let level = format.decimal(intervalLevel, fractionDigits: intervalLevel.rounded() == intervalLevel ? 0 : 1)
            legendItems.append(LegendItem(label: language.pick("\(level)%-betrouwbaarheidsinterval", "\(level)% confidence interval"),
                                          swatch: .line(color: Palette.black, dash: "", marker: nil)))
        }
        if bars.contains(where: { $0.value == nil }) {
            legendItems.append(LegendItem(label: language.pick("\(format.suppressed(minimumCell: minimumCell)): te klein om te tonen",
                                                               "\(format.suppressed(minimumCell: minimumCell)): too small to show"),
                                          swatch: .box(fill: "url(#\(hatchID))", stroke: "#666666")))
        }
        let legendTop = plot.bottom + 50 + Axis.titleHeight(valueTitle, width: plot.width)
        let legend = Legend.row(legendItems, x: 12, y: legendTop, maxWidth: width - 24)
        let height = legendTop + (legendItems.isEmpty ? 0 : legend.height)

        var content = [Draw.hatchDefinition(id: hatchID)] + heading.elements
        content += Axis.bottom(ticks: ticks, scale: scale, plot: plot, style: style, format: format)
        content += Axis.title(valueTitle, plot: plot, vertical: false, offset: 36)
        let zero = scale(0)
        var rowTop = plot.top
        for (index, bar) in bars.enumerated() {
            let centre = rowTop + rowHeights[index] / 2
            rowTop += rowHeights[index]
            var marks: [SVGElement] = [SVGElement("title", text: "\(bar.label): \(valueText(bar, format))")]
            let lines = labelLines[index]
            let firstBaseline = centre + 4 - Double(lines.count - 1) * lineStep / 2
            for (n, line) in lines.enumerated() {
                marks.append(Draw.text(line, x: plot.left - 8, y: firstBaseline + Double(n) * lineStep, anchor: "end"))
            }
            guard let value = bar.value, value.isFinite else {
                marks.append(Draw.suppressedBox(x: zero + 1, y: centre - 7, width: 28, height: 14, hatchID: hatchID))
                marks.append(Draw.text(format.suppressed(minimumCell: minimumCell), x: zero + 34, y: centre + 4,
                                       size: Draw.smallFontSize))
                content.append(.group([], marks))
                continue
            }
            let end = scale(value)
            marks.append(Draw.rect(x: min(zero, end), y: centre - 7, width: abs(end - zero), height: 14, fill: Palette.blue))
            var labelX = max(zero, end)
            if let lower = bar.lower, let upper = bar.upper, lower.isFinite, upper.isFinite {
                let x1 = scale(lower), x2 = scale(upper)
                marks.append(Draw.line(x1, centre, x2, centre, stroke: Palette.black, width: 1.5))
                marks.append(Draw.line(x1, centre - 5, x1, centre + 5, stroke: Palette.black, width: 1.5))
                marks.append(Draw.line(x2, centre - 5, x2, centre + 5, stroke: Palette.black, width: 1.5))
                labelX = max(labelX, x1, x2)
            }
            marks.append(Draw.text(style.label(value, format), x: labelX + 5, y: centre + 4, size: Draw.smallFontSize))
            content.append(.group([], marks))
        }
        content.append(Draw.line(zero, plot.top, zero, plot.bottom, stroke: Palette.axis))
        content += legend.elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
