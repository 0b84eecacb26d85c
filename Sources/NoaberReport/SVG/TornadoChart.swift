import NoaberModel

/// A tornado chart for one-way sensitivity: for each parameter, the result when it is set to its
/// low and to its high value, around the base result; parameters sorted by swing, widest first.
///
/// Each row has the parameter's name on top, over the whole width (wrapped, never cut, however
/// narrow the chart), and two bars under it, the low setting above (blue) and the high setting
/// below (vermillion), so the two never hide each other even when both lie on the same side of the
/// base; every bar carries its value label, and the legend names the positions.
public struct TornadoChart: SVGChart, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var label: String
        /// The result with the parameter at its low value.
        public var low: Double
        /// The result with the parameter at its high value.
        public var high: Double
        /// The parameter's own low and high settings, shown after the result ("0,5").
        public var lowSetting: String?
        public var highSetting: String?

        public init(label: String, low: Double, high: Double, lowSetting: String? = nil, highSetting: String? = nil) {
            self.label = label
            self.low = low
            self.high = high
            self.lowSetting = lowSetting
            self.highSetting = highSetting
        }

        public var swing: Double { abs(high - low) }
    }

    public var title: String
    public var subtitle: String?
    public var baseValue: Double
    public var parameters: [Parameter]
    public var valueTitle: String
    public var style: ValueStyle
    public var width: Double
    public var identifier: String

    public init(title: String, subtitle: String? = nil, baseValue: Double, parameters: [Parameter], valueTitle: String,
                style: ValueStyle = .number(fractionDigits: 1), width: Double = 640, identifier: String = "tornado") {
        self.title = title
        self.subtitle = subtitle
        self.baseValue = baseValue
        self.parameters = parameters
        self.valueTitle = valueTitle
        self.style = style
        self.width = width
        self.identifier = identifier
    }

    /// Parameters by decreasing swing; ties keep their given order.
    public var sortedParameters: [Parameter] {
        parameters.enumerated().sorted { a, b in
            a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset
        }.map(\.element)
    }

    private func valueLabel(_ value: Double, setting: String?, _ format: NumberFormatting) -> String {
        style.label(value, format) + (setting.map { " (\($0))" } ?? "")
    }

    public func textAlternative(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let items = sortedParameters.map {
            "\($0.label): " + language.pick("laag", "low") + " \(valueLabel($0.low, setting: $0.lowSetting, format)), "
                + language.pick("hoog", "high") + " \(valueLabel($0.high, setting: $0.highSetting, format))"
        }
        return language.pick("Tornadodiagram, \(valueTitle); basiswaarde ", "Tornado chart, \(valueTitle); base value ")
            + style.label(baseValue, format) + ". " + items.joined(separator: "; ") + "."
    }

    public func svg(language: Language) -> String {
        let format = NumberFormatting(language: language)
        let id = SVGDocument.sanitizedIdentifier(identifier)
        let sorted = sortedParameters
        let heading = Draw.heading(title: title, subtitle: subtitle, width: width)
        let valueWidth = sorted.flatMap {
            [valueLabel($0.low, setting: $0.lowSetting, format), valueLabel($0.high, setting: $0.highSetting, format)]
        }.map { TextMetrics.width($0, fontSize: Draw.smallFontSize) }.max() ?? 0
        // Each row: the name's lines, then the two bars (13 units each) and a gap.
        let lineStep = Draw.lineHeight(Draw.fontSize)
        let names = sorted.map { TextMetrics.lines($0.label, maxWidth: width - 24, fontSize: Draw.fontSize) }
        let rowHeights = names.map { Double($0.count) * lineStep + 2 * 13 + 6 }
        var plot = PlotArea(left: 12 + valueWidth + 6, top: heading.height + 26, right: width - valueWidth - 16, bottom: 0)
        plot.bottom = plot.top + max(34, rowHeights.reduce(0, +))
        let values = ([baseValue] + sorted.flatMap { [$0.low, $0.high] }).filter(\.isFinite)
        let ticks = Scale.niceTicks(min: values.min() ?? 0, max: values.max() ?? 1, count: 5)
        let x = Scale(domain: ticks.domain, range: (plot.left, plot.right))
        let legendItems = [
            LegendItem(label: language.pick("boven: parameter laag", "upper bar: parameter low"), swatch: .box(fill: Palette.blue, stroke: nil)),
            LegendItem(label: language.pick("onder: parameter hoog", "lower bar: parameter high"), swatch: .box(fill: Palette.vermillion, stroke: nil)),
        ]
        let legendTop = plot.bottom + 52 + Axis.titleHeight(valueTitle, width: plot.width)
        let legend = Legend.row(legendItems, x: 12, y: legendTop, maxWidth: width - 24)
        let height = legendTop + legend.height

        var content = heading.elements
        content += Axis.bottom(ticks: ticks, scale: x, plot: plot, style: style, format: format)
        content += Axis.title(valueTitle, plot: plot, vertical: false, offset: 36)
        let base = x(baseValue)
        var top = plot.top
        for (index, parameter) in sorted.enumerated() {
            var marks: [SVGElement] = [SVGElement("title", text: "\(parameter.label): \(valueLabel(parameter.low, setting: parameter.lowSetting, format)) – \(valueLabel(parameter.high, setting: parameter.highSetting, format))")]
            for (n, line) in names[index].enumerated() {
                marks.append(Draw.text(line, x: 12, y: top + 13 + Double(n) * lineStep, fill: Palette.black))
            }
            let barsTop = top + Double(names[index].count) * lineStep + 4
            for (value, setting, color, barTop) in [(parameter.low, parameter.lowSetting, Palette.blue, barsTop),
                                                    (parameter.high, parameter.highSetting, Palette.vermillion, barsTop + 13)] {
                let end = x(value)
                marks.append(Draw.rect(x: min(base, end), y: barTop, width: abs(end - base), height: 11, fill: color))
                let rightSide = value >= baseValue
                marks.append(Draw.text(valueLabel(value, setting: setting, format), x: rightSide ? max(end, base) + 4 : min(end, base) - 4,
                                       y: barTop + 10, anchor: rightSide ? "start" : "end", size: Draw.smallFontSize))
            }
            // The base line runs through the bars only, not through the names above them.
            marks.append(Draw.line(base, barsTop - 2, base, barsTop + 26, stroke: Palette.black, width: 1.5, dash: "4 2"))
            content.append(.group([], marks))
            top += rowHeights[index]
        }
        content.append(Draw.line(base, plot.top - 6, base, plot.top, stroke: Palette.black, width: 1.5, dash: "4 2"))
        content.append(Draw.text(language.pick("basis", "base") + " \(style.label(baseValue, format))", x: base, y: plot.top - 10,
                                 anchor: "middle", size: Draw.smallFontSize, fill: Palette.black))
        content += legend.elements
        return SVGDocument.render(width: width, height: height, identifier: id, title: title,
                                  description: textAlternative(language: language), content: content)
    }
}
